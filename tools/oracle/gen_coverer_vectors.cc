// Conformance vectors for s2cells' RegionCoverer, and for LatLngRect and
// Cap as regions, computed by Google's s2geometry C++ library: the copy
// shipped inside the PyPI wheel s2geometry==0.14.0 (see generate.sh).
//
// Output: tests/data/coverer.jsonl (the directory is argv[1]), one JSON
// object per line, its kind in "op":
//
//   op "rect" / "cap": one region, given as
//     rect    [lat_lo, lat_hi, lng_lo, lng_hi] (radians, as stored), or
//     cap     [x, y, z, length2] (center and squared chord radius);
//   with
//     cap_bound         [x, y, z, length2] of GetCapBound()
//     rect_bound        [lat_lo, lat_hi, lng_lo, lng_hi] of GetRectBound()
//     cell_union_bound  ids of GetCellUnionBound()
//     coverings   [{opts: [min_level, max_level, level_mod, max_cells]
//                  (max_cells -1 = unlimited, INT_MAX),
//                  covering, interior, fast}] -- GetCovering,
//                  GetInteriorCovering, GetFastCovering. Each is a list of
//                  ids, or for big results {n, hash, head} (count, FNV-1a
//                  over the 64-bit ids, the first 16 ids), or null where
//                  not computed (see Skip* below: Google would take too
//                  long, or the output would be huge).
//     probes      cell ids near the region, with contains and
//                 may_intersect (Contains(S2Cell) / MayIntersect(S2Cell))
//     points      [[x,y,z]...] with contains_point (Contains(S2Point))
//     simple      {level, out}: GetSimpleCovering(region, center, level)
//                 (small regions only)
//   op "canon": opts, input ids -> is_canonical_input, output
//     (CanonicalizeCovering on the vector), is_canonical_output.
//
// Floats are printed with "%.17g" (round-trips); ids as JSON integers.
// Deterministic: one std::mt19937_64 seeded with 20261130 and no
// std::*_distribution.

#include <algorithm>
#include <cinttypes>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "s2/s1angle.h"
#include "s2/s1chord_angle.h"
#include "s2/s2cap.h"
#include "s2/s2cell.h"
#include "s2/s2cell_id.h"
#include "s2/s2cell_union.h"
#include "s2/s2latlng.h"
#include "s2/s2latlng_rect.h"
#include "s2/s2metrics.h"
#include "s2/s2point.h"
#include "s2/s2region_coverer.h"

namespace {

constexpr uint64_t kSeed = 20261130;
constexpr char kProgram[] = "gen_coverer_vectors";
// The PRNG, JSON writing and Die() every generator shares; textually
// included inside this anonymous namespace, after the constants it uses.
#include "oracle_common.inc"
}


// ------------------------------------------------------------------ options
struct Opts {
  int min_level, max_level, level_mod, max_cells;  // max_cells -1: INT_MAX
};
const Opts kOpts[] = {{0, 30, 1, 8},   {8, 15, 1, 500}, {15, 15, 1, -1},
                      {4, 16, 2, 100}, {10, 20, 3, 200}, {0, 30, 1, 1},
                      {12, 12, 1, 50}};

S2RegionCoverer MakeCoverer(const Opts& o) {
  S2RegionCoverer::Options opt;
  opt.set_min_level(o.min_level);
  opt.set_max_level(o.max_level);
  opt.set_level_mod(o.level_mod);
  opt.set_max_cells(o.max_cells < 0 ? INT_MAX : o.max_cells);
  return S2RegionCoverer(opt);
}

std::string OptsJson(const Opts& o) {
  return "[" + std::to_string(o.min_level) + "," + std::to_string(o.max_level) + "," +
         std::to_string(o.level_mod) + "," + std::to_string(o.max_cells) + "]";
}

constexpr size_t kListMax = 400;

std::string CellsJson(const std::vector<S2CellId>& ids) {
  if (ids.size() <= kListMax) return IdList(ids);
  uint64_t h = 0xcbf29ce484222325ULL;
  for (S2CellId id : ids) {
    h ^= id.id();
    h *= 0x100000001b3ULL;
  }
  std::vector<S2CellId> head(ids.begin(), ids.begin() + 16);
  return "{\"n\":" + U64(ids.size()) + ",\"hash\":" + U64(h) + ",\"head\":" + IdList(head) + "}";
}

// Whether a covering at these options would be too big to compute (or
// store): the region's area in cells of min_level (an estimate; a thin
// region needs fewer).
bool SkipBig(double area, const Opts& o) {
  double est = area / S2::kAvgArea.GetValue(o.min_level);
  return est > 150000;
}

std::string PointJson(const S2Point& p) { return DblList({p.x(), p.y(), p.z()}); }

// A random unit point.
S2Point RandomPoint() {
  for (;;) {
    S2Point p(2 * U01() - 1, 2 * U01() - 1, 2 * U01() - 1);
    double n2 = p.Norm2();
    if (n2 > 1e-6 && n2 <= 1) return p.Normalize();
  }
}

// A random point within about `radius` radians of `c`.
S2Point PointNear(const S2Point& c, double radius) {
  S2Point q = RandomPoint();
  S2Point t = c.CrossProd(q);
  if (t.Norm2() < 1e-30) return c;
  t = t.Normalize();
  double a = radius * U01() * 1.3;
  return (c * std::cos(a) + t * std::sin(a)).Normalize();
}

// Whether Google's interior covering would take too long: with no cell
// contained until the cells are as narrow as the region (`thin` radians),
// it splits every cell along the region's length (`length` radians) down
// to that level or max_level. A zero-area region never stops before
// max_level: at 30 that is hours.
bool SkipInterior(double thin, double length, const Opts& o) {
  int fit = S2::kMaxDiag.GetLevelForMaxValue(thin);
  int level = std::min(fit, o.max_level);
  double cells = length / S2::kAvgEdge.GetValue(level);
  return cells > 30000;
}

void Common(Line& l, const S2Region& region, const S2Point& center, double extent, double area,
            double thin, double length) {
  S2Cap cb = region.GetCapBound();
  l.Raw("cap_bound", CapJson(cb));
  l.Raw("rect_bound", RectJson(region.GetRectBound()));
  std::vector<S2CellId> cub;
  region.GetCellUnionBound(&cub);
  l.Ids("cell_union_bound", cub);

  std::string covs = "[";
  bool first = true;
  for (const Opts& o : kOpts) {
    if (SkipBig(area, o)) continue;
    S2RegionCoverer coverer = MakeCoverer(o);
    if (std::getenv("GEN_TRACE")) std::fprintf(stderr, "opts %s area %g thin %g length %g\n", OptsJson(o).c_str(), area, thin, length);
    std::vector<S2CellId> cov, interior, fast;
    coverer.GetCovering(region, &cov);
    if (std::getenv("GEN_TRACE")) std::fprintf(stderr, "  covering %zu\n", cov.size());
    bool skip_interior = SkipInterior(thin, length, o);
    if (!skip_interior) coverer.GetInteriorCovering(region, &interior);
    if (std::getenv("GEN_TRACE")) std::fprintf(stderr, "  interior %zu\n", interior.size());
    // A fast covering is the bound's cells denormalized to min_level:
    // millions of cells when the bound is coarse.
    int bound_level = 30;
    for (S2CellId id : cub) bound_level = std::min(bound_level, id.level());
    bool skip_fast = o.min_level > bound_level + 5;
    if (!skip_fast) coverer.GetFastCovering(region, &fast);
    if (!first) covs += ",";
    first = false;
    covs += "{\"opts\":" + OptsJson(o) + ",\"covering\":" + CellsJson(cov) +
            ",\"interior\":" + (skip_interior ? std::string("null") : CellsJson(interior)) +
            ",\"fast\":" + (skip_fast ? std::string("null") : CellsJson(fast)) + "}";
  }
  l.Raw("coverings", covs + "]");

  // Probes: cells around points near the region, at all levels, plus the
  // children of a small covering's cells (where the answers change).
  std::vector<S2CellId> probes;
  for (int i = 0; i < 40; ++i) {
    S2Point p = PointNear(center, extent);
    int level = static_cast<int>(Below(31));
    probes.push_back(S2CellId(p).parent(level));
  }
  {
    S2RegionCoverer c = MakeCoverer(kOpts[0]);
    std::vector<S2CellId> cov;
    c.GetCovering(region, &cov);
    for (size_t i = 0; i < cov.size() && i < 4; ++i) {
      probes.push_back(cov[i]);
      if (!cov[i].is_leaf()) {
        for (int k = 0; k < 4; ++k) probes.push_back(cov[i].child(k));
      }
    }
  }
  std::vector<bool> contains, may;
  for (S2CellId id : probes) {
    S2Cell cell(id);
    contains.push_back(region.Contains(cell));
    may.push_back(region.MayIntersect(cell));
  }
  l.Ids("probes", probes);
  l.Raw("contains", BoolList(contains));
  l.Raw("may_intersect", BoolList(may));

  std::string pts = "[";
  std::vector<bool> cp;
  for (int i = 0; i < 20; ++i) {
    S2Point p = PointNear(center, extent);
    if (i) pts += ",";
    pts += PointJson(p);
    cp.push_back(region.Contains(p));
  }
  l.Raw("points", pts + "]");
  l.Raw("contains_point", BoolList(cp));

  // A simple covering from the center, at a level with few cells.
  if (extent < 0.05 && extent > 0) {
    int level = S2::kMinWidth.GetLevelForMinValue(extent) + 2;
    if (level > 30) level = 30;
    std::vector<S2CellId> out;
    S2RegionCoverer::GetSimpleCovering(region, center, level, &out);
    if (out.size() <= 200) {
      l.Raw("simple", "{\"level\":" + std::to_string(level) + ",\"out\":" + IdList(out) + "}");
    }
  }
}

double DegToRad(double d) { return S1Angle::Degrees(d).radians(); }

void PutRect(Out& out, const char* kase, const S2LatLngRect& r) {
  Line l;
  l.S("op", "rect").S("case", kase).Raw("rect", RectJson(r));
  S2Point center = r.is_empty() ? S2Point(1, 0, 0) : r.GetCenter().ToPoint();
  double extent = r.is_empty() ? 0 : r.GetCapBound().GetRadius().radians();
  double h = std::max(0.0, r.lat().GetLength());
  double w = std::max(0.0, r.lng().GetLength()) *
             std::cos(std::min(M_PI_2, std::max(std::fabs(r.lat_lo().radians()), std::fabs(r.lat_hi().radians()))));
  if (r.lng().is_full()) w = 2 * M_PI;
  Common(l, r, center, extent, r.Area(), std::min(h, w), std::max(h, w) + 1e-9);
  out.Put(l);
}

void PutCap(Out& out, const char* kase, const S2Cap& c) {
  Line l;
  l.S("op", "cap").S("case", kase).Raw("cap", CapJson(c));
  double extent = c.is_empty() ? 0 : c.GetRadius().radians();
  Common(l, c, c.center(), extent, c.GetArea(), std::max(0.0, 2 * extent), std::max(0.0, 4 * extent));
  out.Put(l);
}

S2LatLngRect RectDeg(double lat_lo, double lat_hi, double lng_lo, double lng_hi) {
  return S2LatLngRect(S2LatLng::FromDegrees(lat_lo, lng_lo), S2LatLng::FromDegrees(lat_hi, lng_hi));
}

// A random rectangle: center anywhere, sizes log-uniform 1e-5..60 degrees.
S2LatLngRect RandomRect() {
  double lat = -90 + 180 * U01();
  double lng = -180 + 360 * U01();
  double h = std::pow(10.0, -5 + 6.8 * U01());
  double w = std::pow(10.0, -5 + 6.8 * U01());
  S2LatLngRect r = S2LatLngRect::FromCenterSize(S2LatLng::FromDegrees(lat, lng),
                                                S2LatLng::FromDegrees(h, w));
  Check(r.is_valid(), "random rect");
  return r;
}

void Regions(Out& out) {
  PutRect(out, "porto_alegre", RectDeg(-30.241701, -30.000003, -51.264871, -51.04618));
  PutRect(out, "full", S2LatLngRect::Full());
  PutRect(out, "empty", S2LatLngRect::Empty());
  for (int i = 0; i < 36; ++i) PutRect(out, "random", RandomRect());
  for (int i = 0; i < 6; ++i) {
    double lat = -60 + 120 * U01();
    double h = std::pow(10.0, -3 + 3 * U01());
    double lo = 180 - std::pow(10.0, -3 + 3 * U01());
    double hi = -180 + std::pow(10.0, -3 + 3 * U01());
    PutRect(out, "antimeridian", RectDeg(lat, lat + h, lo, hi));
  }
  PutRect(out, "polar", RectDeg(80, 90, -10, 30));
  PutRect(out, "polar", RectDeg(-90, -89.99, 100, 101));
  PutRect(out, "polar", RectDeg(89.9999, 90, -180, 180));
  PutRect(out, "polar", RectDeg(-90, -60, 170, -170));
  // Zero-area rectangles away from the equator and from 180 degrees (on
  // them Google's interior covering does not finish).
  PutRect(out, "zero_area", RectDeg(10, 10, 0, 20));
  PutRect(out, "zero_area", RectDeg(-45, -44, 33, 33));
  PutRect(out, "zero_area", RectDeg(-30.0438, -30.0438, -51.14022, -51.14022));
  PutRect(out, "zero_area", RectDeg(60, 60, 170, -175));

  const double kEarthKm = 6371.01;
  double radii_km[] = {0.001, 0.1, 10, 1000};
  for (double km : radii_km) {
    for (int i = 0; i < 4; ++i) {
      PutCap(out, "km", S2Cap(RandomPoint(), S1Angle::Radians(km / kEarthKm)));
    }
  }
  double radii_deg[] = {30, 90, 120, 179.9, 180};
  for (double d : radii_deg) {
    PutCap(out, "deg", S2Cap(RandomPoint(), S1Angle::Degrees(d)));
  }
  for (int i = 0; i < 12; ++i) {
    double r = std::pow(10.0, -7 + 7.5 * U01());
    PutCap(out, "random", S2Cap(RandomPoint(), S1Angle::Radians(r)));
  }
  PutCap(out, "porto_alegre_10km",
         S2Cap(S2LatLng::FromDegrees(-30.0346, -51.2177).ToPoint(), S1Angle::Radians(10 / kEarthKm)));
  PutCap(out, "porto_alegre_1000km",
         S2Cap(S2LatLng::FromDegrees(-30.0346, -51.2177).ToPoint(), S1Angle::Radians(1000 / kEarthKm)));
  PutCap(out, "pole", S2Cap(S2Point(0, 0, 1), S1Angle::Degrees(1)));
  PutCap(out, "face_corner", S2Cap(S2Point(1, 1, 1).Normalize(), S1Angle::Degrees(0.5)));
  PutCap(out, "empty", S2Cap::Empty());
  PutCap(out, "full", S2Cap::Full());
}

void Canon(Out& out) {
  for (int i = 0; i < 40; ++i) {
    // Cells clustered under one ancestor, at random levels.
    int root_level = IRange(0, 20);
    S2CellId root = S2CellId(RandomPoint()).parent(root_level);
    int n = IRange(1, 40);
    std::vector<S2CellId> input;
    for (int k = 0; k < n; ++k) {
      int depth = IRange(0, std::min(10, 30 - root_level));
      S2CellId id = root;
      for (int d = 0; d < depth; ++d) id = id.child(static_cast<int>(Below(4)));
      input.push_back(id);
    }
    if (Chance(20)) input.push_back(S2CellId(RandomPoint()).parent(IRange(root_level, 30)));
    for (const Opts& o : kOpts) {
      if (o.min_level > root_level + 2 && o.min_level >= 8) continue;  // keeps outputs small
      S2RegionCoverer c = MakeCoverer(o);
      std::vector<S2CellId> ids = input;
      bool before = c.IsCanonical(ids);
      c.CanonicalizeCovering(&ids);
      if (ids.size() > 2000) continue;
      Line l;
      l.S("op", "canon").Raw("opts", OptsJson(o)).Ids("input", input).B("is_canonical_input", before);
      l.Raw("output", CellsJson(ids)).B("is_canonical_output", c.IsCanonical(ids));
      out.Put(l);
    }
  }
  // Already-canonical coverings stay, and big excess takes the covering
  // path (excess * size > 10000).
  for (int i = 0; i < 6; ++i) {
    S2CellId root = S2CellId(RandomPoint()).parent(IRange(2, 10));
    std::vector<S2CellId> input;
    for (S2CellId c = root.child_begin(root.level() + 6); c != root.child_end(root.level() + 6);
         c = c.next()) {
      if (Chance(60)) input.push_back(c);
    }
    Opts o = {0, 30, 1, static_cast<int>(IRange(1, 40))};
    S2RegionCoverer c = MakeCoverer(o);
    std::vector<S2CellId> ids = input;
    bool before = c.IsCanonical(ids);
    c.CanonicalizeCovering(&ids);
    Line l;
    l.S("op", "canon").Raw("opts", OptsJson(o)).Raw("input", CellsJson(input));
    l.Ids("input_full", input).B("is_canonical_input", before);
    l.Raw("output", CellsJson(ids)).B("is_canonical_output", c.IsCanonical(ids));
    out.Put(l);
  }
}

void WriteAll(const std::string& dir) {
  Out out(dir + "/coverer.jsonl");
  Regions(out);
  Canon(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  WriteAll(argv[1]);
  return 0;
}
