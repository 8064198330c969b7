// Benchmark shim over Google's s2geometry (Release build from the PyPI wheel):
// the coverer calls, single-call helpers for tests, and the token writer
// that builds decode inputs. The timed cell-id loops are in cell.cc, built
// twice (baseline and -march=native).

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include <climits>
#include <memory>
#include <vector>

#include "s2/s1angle.h"
#include "s2/s1chord_angle.h"
#include "s2/s2cap.h"
#include "s2/s2cell_id.h"
#include "s2/s2latlng.h"
#include "s2/s2latlng_rect.h"
#include "s2/s2loop.h"
#include "s2/s2polygon.h"
#include "s2/s2region_coverer.h"

extern "C" {

// Writes token i to buf[16*i ..] (not NUL-terminated) and its length to lens[i].
void s2g_tokens_write(const uint64_t* ids, size_t n, char* buf, uint8_t* lens) {
  for (size_t i = 0; i < n; ++i) {
    std::string t = S2CellId(ids[i]).ToToken();
    size_t len = t.size() > 16 ? 16 : t.size();
    std::memcpy(buf + 16 * i, t.data(), len);
    lens[i] = static_cast<uint8_t>(len);
  }
}

// Single-call versions, for tests and spot checks (not for timing).
uint64_t s2g_leaf_from_degrees(double lat_deg, double lng_deg) {
  return S2CellId(S2LatLng::FromDegrees(lat_deg, lng_deg)).id();
}

uint64_t s2g_from_token(const char* s, size_t len) {
  return S2CellId::FromToken(absl::string_view(s, len)).id();
}

// Writes at most 16 bytes to buf; returns the token length.
size_t s2g_to_token(uint64_t id, char* buf) {
  std::string t = S2CellId(id).ToToken();
  size_t len = t.size() > 16 ? 16 : t.size();
  std::memcpy(buf, t.data(), len);
  return len;
}

// One covering of a region by S2RegionCoverer (max_cells < 0: unlimited;
// interior != 0: GetInteriorCovering). Writes at most `cap` ids to `out`,
// the count to *n; returns the sum of the ids. One call is one covering,
// the coverer built inside, as a caller would.
static uint64_t Cover(const S2Region& region, int min_level, int max_level,
                      int level_mod, int max_cells, int interior,
                      uint64_t* out, size_t cap, size_t* n) {
  S2RegionCoverer::Options o;
  o.set_min_level(min_level);
  o.set_max_level(max_level);
  o.set_level_mod(level_mod);
  o.set_max_cells(max_cells < 0 ? INT_MAX : max_cells);
  S2RegionCoverer coverer(o);
  std::vector<S2CellId> ids;
  if (interior) {
    coverer.GetInteriorCovering(region, &ids);
  } else {
    coverer.GetCovering(region, &ids);
  }
  uint64_t sum = 0;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i < cap) out[i] = ids[i].id();
    sum += ids[i].id();
  }
  *n = ids.size();
  return sum;
}

// Rectangle bounds in radians, as stored (lng_lo > lng_hi crosses 180).
uint64_t s2g_cover_rect(double lat_lo, double lat_hi, double lng_lo,
                        double lng_hi, int min_level, int max_level,
                        int level_mod, int max_cells, int interior,
                        uint64_t* out, size_t cap, size_t* n) {
  S2LatLngRect rect(R1Interval(lat_lo, lat_hi), S1Interval(lng_lo, lng_hi));
  return Cover(rect, min_level, max_level, level_mod, max_cells, interior, out,
               cap, n);
}

// Cap center (unit vector) and squared chord radius.
uint64_t s2g_cover_cap(double x, double y, double z, double length2,
                       int min_level, int max_level, int level_mod,
                       int max_cells, int interior, uint64_t* out, size_t cap,
                       size_t* n) {
  S2Cap c(S2Point(x, y, z), S1ChordAngle::FromLength2(length2));
  return Cover(c, min_level, max_level, level_mod, max_cells, interior, out,
               cap, n);
}

// A polygon from `nloops` loops; loop i has lens[i] vertices, read in turn
// from xyz (x, y, z per vertex). The loops go through InitNested (any
// order; nesting decides holes), without validation (S2Debug::DISABLE), as
// s2cells' `Polygon::from_loops_unchecked` on the same vertices. The index
// is built lazily, on the first cell query, as on the Rust side.
static S2Polygon* MakePolygon(const double* xyz, const size_t* lens,
                              size_t nloops) {
  std::vector<std::unique_ptr<S2Loop>> loops;
  loops.reserve(nloops);
  size_t k = 0;
  for (size_t i = 0; i < nloops; ++i) {
    std::vector<S2Point> v(lens[i]);
    for (size_t j = 0; j < lens[i]; ++j, ++k) {
      v[j] = S2Point(xyz[3 * k], xyz[3 * k + 1], xyz[3 * k + 2]);
    }
    loops.push_back(std::make_unique<S2Loop>(v, S2Debug::DISABLE));
  }
  return new S2Polygon(std::move(loops), S2Debug::DISABLE);
}

void* s2g_polygon_new(const double* xyz, const size_t* lens, size_t nloops) {
  return MakePolygon(xyz, lens, nloops);
}

void s2g_polygon_free(void* p) { delete static_cast<S2Polygon*>(p); }

// Covering of a polygon made by s2g_polygon_new (its index built by the
// first call and kept).
uint64_t s2g_cover_polygon(const void* p, int min_level, int max_level,
                           int level_mod, int max_cells, int interior,
                           uint64_t* out, size_t cap, size_t* n) {
  return Cover(*static_cast<const S2Polygon*>(p), min_level, max_level,
               level_mod, max_cells, interior, out, cap, n);
}

// Build the polygon, cover it, drop it: one call is what a caller with
// fresh vertices pays (loops, InitNested, bounds, the lazy index, covering).
uint64_t s2g_build_cover_polygon(const double* xyz, const size_t* lens,
                                 size_t nloops, int min_level, int max_level,
                                 int level_mod, int max_cells, int interior,
                                 uint64_t* out, size_t cap, size_t* n) {
  std::unique_ptr<S2Polygon> p(MakePolygon(xyz, lens, nloops));
  return Cover(*p, min_level, max_level, level_mod, max_cells, interior, out,
               cap, n);
}

}  // extern "C"
