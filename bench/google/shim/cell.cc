// The timed cell-id loops of the benchmark shim, compiled twice by
// build.rs: at -O3 for baseline x86-64 (names s2g_*) and at -O3
// -march=native (names s2gn_*), so that one bench run times both builds of
// Google's side. Only the loops are rebuilt: libs2.a itself is the wheel's
// generic Release build, and what the loops call from it (ToToken,
// FromToken, the libm calls) is the same code in both.
//
// Both objects go into one binary, so neither may define a symbol the
// other also defines (the linker would keep one copy, possibly built for
// the other target): everything here inlines S2CellId and S2LatLng fully,
// and the two objects define only their prefixed functions (`nm` shows no
// weak symbols). Keep code that instantiates templates or out-of-line
// inline functions (cell unions, shape indexes) in shim.cc, built once.
//
// Every loop runs here in C++, so one FFI call covers n operations, and
// each writes its results and returns a checksum that depends on every
// result, so that the compiler cannot drop any of the work.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "absl/strings/string_view.h"
#include "s2/s2cell_id.h"
#include "s2/s2latlng.h"

#ifndef S2G_PREFIX
#define S2G_PREFIX s2g_
#endif
#define S2G_CAT2(a, b) a##b
#define S2G_CAT(a, b) S2G_CAT2(a, b)
#define S2G(name) S2G_CAT(S2G_PREFIX, name)

extern "C" {

uint64_t S2G(latlng_to_leaf)(const double* lat_deg, const double* lng_deg,
                            size_t n, uint64_t* out) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t id = S2CellId(S2LatLng::FromDegrees(lat_deg[i], lng_deg[i])).id();
    out[i] = id;
    sum += id;
  }
  return sum;
}

uint64_t S2G(latlng_to_level)(const double* lat_deg, const double* lng_deg,
                             size_t n, int level, uint64_t* out) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t id = S2CellId(S2LatLng::FromDegrees(lat_deg[i], lng_deg[i]))
                      .parent(level)
                      .id();
    out[i] = id;
    sum += id;
  }
  return sum;
}

// ToToken() returns a std::string: 16-character (leaf) tokens are past the
// small-string buffer and allocate, shorter ones do not.
uint64_t S2G(token_encode)(const uint64_t* ids, size_t n) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string t = S2CellId(ids[i]).ToToken();
    sum += t.size() + static_cast<unsigned char>(t.back());
  }
  return sum;
}

// Token i is bytes[offsets[i] .. offsets[i+1]].
uint64_t S2G(token_decode)(const char* bytes, const size_t* offsets, size_t n,
                          uint64_t* out) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    absl::string_view t(bytes + offsets[i], offsets[i + 1] - offsets[i]);
    uint64_t id = S2CellId::FromToken(t).id();
    out[i] = id;
    sum += id;
  }
  return sum;
}

// Cell centers as S2LatLng (radians), = S2CellId::ToLatLng().
double S2G(center_latlng)(const uint64_t* ids, size_t n, double* lat_rad,
                         double* lng_rad) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    S2LatLng ll = S2CellId(ids[i]).ToLatLng();
    lat_rad[i] = ll.lat().radians();
    lng_rad[i] = ll.lng().radians();
    sum += lat_rad[i] + lng_rad[i];
  }
  return sum;
}

double S2G(center_point)(const uint64_t* ids, size_t n, double* xyz) {
  double sum = 0;
  for (size_t i = 0; i < n; ++i) {
    S2Point p = S2CellId(ids[i]).ToPoint();
    xyz[3 * i] = p.x();
    xyz[3 * i + 1] = p.y();
    xyz[3 * i + 2] = p.z();
    sum += p.x() + p.y() + p.z();
  }
  return sum;
}

uint64_t S2G(parent)(const uint64_t* ids, size_t n, int level, uint64_t* out) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t id = S2CellId(ids[i]).parent(level).id();
    out[i] = id;
    sum += id;
  }
  return sum;
}

// out[i] = parent(levels[i]) of ids[i]: the level varies from call to call.
uint64_t S2G(parent_levels)(const uint64_t* ids, const uint8_t* levels,
                             size_t n, uint64_t* out) {
  uint64_t sum = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t id = S2CellId(ids[i]).parent(levels[i]).id();
    out[i] = id;
    sum += id;
  }
  return sum;
}

// Number of i with a[i].contains(b[i]).
uint64_t S2G(contains)(const uint64_t* a, const uint64_t* b, size_t n) {
  uint64_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    count += S2CellId(a[i]).contains(S2CellId(b[i]));
  }
  return count;
}

}  // extern "C"
