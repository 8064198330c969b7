// Conformance vectors for s2cells' exact predicates, edge crossings, and
// the Loop / Polygon / Polyline regions, computed by Google's s2geometry C++
// library: the copy shipped inside the PyPI wheel s2geometry==0.14.0 (see
// generate.sh for the build line).
//
// Output (the directory is argv[1]):
//
// predicates.jsonl, one object per line, tagged "op":
//   "sign":     a, b, c ([x,y,z]) -> sign (s2pred::Sign), exact
//               (s2pred::ExpensiveSign(a, b, c, perturb=false)); "case" says
//               how the triple was drawn.
//   "crossing": a, b, c, d -> crossing_sign (S2::CrossingSign), evc
//               (S2::EdgeOrVertexCrossing), vc (S2::VertexCrossing, only when
//               a vertex is shared), ordered_ccw (s2pred::OrderedCCW(a,b,c,d)
//               when d differs from a, b, c).
//   "chain":    a, b, chain [points] -> signs: S2EdgeCrosser(a, b, chain[0])
//               then CrossingSign(chain[i]) for i >= 1, and evc: the same
//               with a fresh crosser and EdgeOrVertexCrossing.
//
// polygon.jsonl, tagged "op":
//   "loop":     vertices -> valid, error (S2Error code of
//               FindValidationError, 0 when valid); when valid: area
//               (GetArea), curvature (GetCurvature), is_normalized, rect
//               ([lat_lo, lat_hi, lng_lo, lng_hi] of GetRectBound), cap
//               ([x, y, z, length2] of GetCapBound),
//               points + contains (Contains(S2Point) per point), and
//               inverted: {rect, area, contains} of a copy after Invert().
//   "polygon":  loops [[vertices]...] given to InitNested -> valid, error;
//               when valid: order (input index of each output loop),
//               depths, area, rect, cap, num_vertices, points + contains;
//               and for the lead's later index integration: coverings
//               [{min_level, max_level, level_mod, max_cells, covering,
//               interior}] (null where the two hold over 1,000 cells) and cells + cell_contains + cell_may_intersect
//               (Contains(S2Cell) / MayIntersect(S2Cell) of cells near the
//               shape).
//   "polyline": vertices -> valid, error; when valid: length (radians),
//               rect, cap, cells + may_intersect.
//
// Floats are printed with "%.17g" (round-trips); ids as JSON integers.
// Deterministic: one std::mt19937_64 seeded with 20261130, no
// std::*_distribution.

#include <algorithm>
#include <cinttypes>
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
#include "s2/s2latlng_rect.h"
#include "s2/s2metrics.h"
#include "s2/s2point.h"
#include "s2/s2edge_crosser.h"
#include "s2/s2edge_crossings.h"
#include "s2/s2error.h"
#include "s2/s2latlng.h"
#include "s2/s2loop.h"
#include "s2/s2pointutil.h"
#include "s2/s2polygon.h"
#include "s2/s2polyline.h"
#include "s2/s2predicates.h"
#include "s2/s2region_coverer.h"
#include <memory>

namespace {

constexpr uint64_t kSeed = 20261130;
constexpr char kProgram[] = "gen_polygon_vectors";
// The PRNG, JSON writing and Die() every generator shares; textually
// included inside this anonymous namespace, after the constants it uses.
#include "oracle_common.inc"
}

// ------------------------------------------------------------ point helpers
std::string Pt(const S2Point& p) { return DblList({p.x(), p.y(), p.z()}); }

std::string PtList(const std::vector<S2Point>& v) {
  std::string a = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) a += ',';
    a += Pt(v[i]);
  }
  return a + "]";
}

std::string IntList(const std::vector<int>& v) {
  std::string a = "[";
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) a += ',';
    a += std::to_string(v[i]);
  }
  return a + "]";
}

std::string CellIdList(const std::vector<S2CellId>& v) { return IdList(v); }

double URange(double lo, double hi) { return lo + (hi - lo) * U01(); }

S2Point RandomPoint() {
  double z = 2 * U01() - 1;
  double t = 2 * M_PI * U01();
  double r = std::sqrt(std::max(0.0, 1 - z * z));
  return S2Point(r * std::cos(t), r * std::sin(t), z).Normalize();
}

// A point at angle `dist` from unit `c`, in direction `theta`.
S2Point Offset(const S2Point& c, double dist, double theta) {
  S2Point u = S2::Ortho(c);
  S2Point v = c.CrossProd(u).Normalize();
  S2Point dir = std::cos(theta) * u + std::sin(theta) * v;
  return (std::cos(dist) * c + std::sin(dist) * dir).Normalize();
}

double NextAfterSteps(double x, int k) {
  double toward = k > 0 ? INFINITY : -INFINITY;
  for (int i = 0; i < std::abs(k); ++i) x = std::nextafter(x, toward);
  return x;
}

S2Point Ulps(const S2Point& p, int axis, int k) {
  S2Point q = p;
  double c[3] = {q.x(), q.y(), q.z()};
  c[axis] = NextAfterSteps(c[axis], k);
  return S2Point(c[0], c[1], c[2]);
}

// ---------------------------------------------------------------- predicates
void PutSign(Out& out, const char* cs, const S2Point& a, const S2Point& b,
             const S2Point& c) {
  Line l;
  l.S("op", "sign").S("case", cs).Raw("a", Pt(a)).Raw("b", Pt(b)).Raw("c", Pt(c));
  l.I("sign", s2pred::Sign(a, b, c));
  l.I("exact", s2pred::ExpensiveSign(a, b, c, false));
  out.Put(l);
}

void PutCrossing(Out& out, const char* cs, const S2Point& a, const S2Point& b,
                 const S2Point& c, const S2Point& d) {
  Line l;
  l.S("op", "crossing").S("case", cs).Raw("a", Pt(a)).Raw("b", Pt(b)).Raw("c", Pt(c)).Raw("d", Pt(d));
  l.I("crossing_sign", S2::CrossingSign(a, b, c, d));
  l.B("evc", S2::EdgeOrVertexCrossing(a, b, c, d));
  if (a == c || a == d || b == c || b == d) l.B("vc", S2::VertexCrossing(a, b, c, d));
  if (d != a && d != b && d != c) l.B("ordered_ccw", s2pred::OrderedCCW(a, b, c, d));
  out.Put(l);
}

void GenPredicates(const std::string& dir) {
  Out out(dir + "/predicates.jsonl");
  for (int i = 0; i < 300; ++i) PutSign(out, "random", RandomPoint(), RandomPoint(), RandomPoint());
  // Nearly collinear: c on the great circle through a, b (rounded), nudged
  // by a few ulps; a, b from far apart to very close.
  for (int i = 0; i < 1000; ++i) {
    S2Point a = RandomPoint();
    double dist = std::pow(10.0, URange(-15, 0.4));
    S2Point b = Offset(a, dist, URange(0, 2 * M_PI));
    double t = URange(-1, 2);
    S2Point c = ((1 - t) * a + t * b).Normalize();
    int k = IRange(-3, 3);
    if (k != 0) c = Ulps(c, IRange(0, 2), k);
    switch (Below(3)) {
      case 0: PutSign(out, "near_collinear", a, b, c); break;
      case 1: PutSign(out, "near_collinear", c, a, b); break;
      default: PutSign(out, "near_collinear", b, c, a); break;
    }
  }
  // Points a few ulps apart.
  for (int i = 0; i < 400; ++i) {
    S2Point a = RandomPoint();
    S2Point b = Ulps(a, IRange(0, 2), IRange(-2, 2) | 1);
    S2Point c = Chance(50) ? Ulps(a, IRange(0, 2), IRange(-2, 2) | 1)
                           : Ulps(b, IRange(0, 2), IRange(-2, 2) | 1);
    if (Chance(30)) c = RandomPoint();
    if (Chance(20)) c = -a;
    PutSign(out, "ulp", a, b, c);
  }
  // Exact zeros: coordinate planes, antipodes, duplicates, tiny components.
  std::vector<S2Point> special = {
      S2Point(1, 0, 0), S2Point(0, 1, 0), S2Point(0, 0, 1), S2Point(-1, 0, 0),
      S2Point(0, -1, 0), S2Point(0, 0, -1), S2Point(0.6, 0.8, 0),
      S2Point(-0.6, -0.8, 0), S2Point(0.6, 0, 0.8), S2Point(0, 0.8, -0.6),
      S2Point(1, 1e-300, 0).Normalize(), S2Point(1, -1e-300, 0).Normalize(),
      S2Point(1, 5e-324, 0), S2Point(1, 0, 5e-324), S2Point(1, 1e-300, 1e-300),
      S2Point(1e-300, 1, 0), S2Point(-1e-300, 1, 0), S2Point(0, 1e-200, 1),
      S2Point(1, 1, 0).Normalize(), S2Point(-1, -1, 0).Normalize(),
      S2Point(1, 1, 1).Normalize(), S2Point(-1, -1, -1).Normalize(),
      S2Point(0.0, -0.0, 1.0), S2Point(-0.0, 0.0, -1.0)};
  for (size_t i = 0; i < special.size(); ++i)
    for (size_t j = 0; j < special.size(); ++j)
      for (size_t k = 0; k < special.size(); ++k)
        if ((i * 7 + j * 3 + k) % 19 == 0 || (i == j && (j + k) % 5 == 0))
          PutSign(out, "special", special[i], special[j], special[k]);
  for (int i = 0; i < 300; ++i) {
    // Three points on the equator or a meridian (exactly coplanar with the
    // origin), or a point and its antipode.
    double t1 = URange(-M_PI, M_PI), t2 = URange(-M_PI, M_PI), t3 = URange(-M_PI, M_PI);
    if (Chance(50)) {
      PutSign(out, "equator", S2Point(std::cos(t1), std::sin(t1), 0),
              S2Point(std::cos(t2), std::sin(t2), 0), S2Point(std::cos(t3), std::sin(t3), 0));
    } else {
      S2Point a = RandomPoint();
      PutSign(out, "antipodal", a, -a, Chance(50) ? RandomPoint() : Ulps(a, IRange(0, 2), 1));
    }
  }

  // Crossings.
  for (int i = 0; i < 500; ++i) {
    S2Point o = RandomPoint();
    double r = std::pow(10.0, URange(-12, -0.5));
    S2Point p[4];
    for (auto& q : p) q = Offset(o, r * U01(), URange(0, 2 * M_PI));
    PutCrossing(out, "random", p[0], p[1], p[2], p[3]);
  }
  for (int i = 0; i < 500; ++i) {
    S2Point o = RandomPoint();
    double r = std::pow(10.0, URange(-12, -0.5));
    S2Point a = Offset(o, r, URange(0, 2 * M_PI)), b = Offset(o, r, URange(0, 2 * M_PI));
    S2Point c = Offset(o, r * U01(), URange(0, 2 * M_PI));
    S2Point d = Offset(o, r * U01(), URange(0, 2 * M_PI));
    switch (Below(8)) {
      case 0: PutCrossing(out, "shared", a, b, a, d); break;
      case 1: PutCrossing(out, "shared", a, b, c, a); break;
      case 2: PutCrossing(out, "shared", a, b, b, d); break;
      case 3: PutCrossing(out, "shared", a, b, c, b); break;
      case 4: PutCrossing(out, "same_edge", a, b, Chance(50) ? a : b, Chance(50) ? b : a); break;
      case 5: PutCrossing(out, "degenerate", a, a, c, d); break;
      case 6: PutCrossing(out, "degenerate", a, b, c, c); break;
      default: PutCrossing(out, "degenerate", a, a, a, Chance(50) ? a : d); break;
    }
  }
  for (int i = 0; i < 400; ++i) {
    // Four points nearly on one great circle.
    S2Point a = RandomPoint();
    double dist = std::pow(10.0, URange(-14, 0));
    S2Point b = Offset(a, dist, URange(0, 2 * M_PI));
    S2Point q[2];
    for (auto& x : q) {
      double t = URange(-1, 2);
      x = ((1 - t) * a + t * b).Normalize();
      int k = IRange(-2, 2);
      if (k) x = Ulps(x, IRange(0, 2), k);
    }
    PutCrossing(out, "collinear", a, b, q[0], q[1]);
  }
  // Chains.
  for (int i = 0; i < 150; ++i) {
    S2Point o = RandomPoint();
    double r = std::pow(10.0, URange(-10, -0.5));
    S2Point a = Offset(o, r, URange(0, 2 * M_PI)), b = Offset(o, r, URange(0, 2 * M_PI));
    std::vector<S2Point> chain;
    int n = IRange(2, 12);
    for (int k = 0; k < n; ++k) {
      int kind = static_cast<int>(Below(10));
      if (kind == 0) chain.push_back(a);
      else if (kind == 1) chain.push_back(b);
      else if (kind == 2 && !chain.empty()) chain.push_back(chain.back());
      else chain.push_back(Offset(o, r * 1.5 * U01(), URange(0, 2 * M_PI)));
    }
    std::vector<int> signs, evc;
    S2EdgeCrosser c1(&a, &b, &chain[0]);
    for (size_t k = 1; k < chain.size(); ++k) signs.push_back(c1.CrossingSign(&chain[k]));
    S2EdgeCrosser c2(&a, &b, &chain[0]);
    for (size_t k = 1; k < chain.size(); ++k) evc.push_back(c2.EdgeOrVertexCrossing(&chain[k]) ? 1 : 0);
    Line l;
    l.S("op", "chain").Raw("a", Pt(a)).Raw("b", Pt(b)).Raw("chain", PtList(chain));
    l.Raw("signs", IntList(signs)).Raw("evc", IntList(evc));
    out.Put(l);
  }
}

// ------------------------------------------------------------------- shapes
double KmToRad(double km) { return km / 6371.01; }

std::vector<S2Point> Star(const S2Point& c, double radius, int n, double jitter, bool ccw) {
  std::vector<double> th(n);
  for (auto& t : th) t = 2 * M_PI * U01();
  std::sort(th.begin(), th.end());
  std::vector<S2Point> v;
  for (int i = 0; i < n; ++i) {
    double r = radius * (1 - jitter * U01());
    S2Point p = Offset(c, r, th[i]);
    if (!v.empty() && p == v.back()) continue;
    v.push_back(p);
  }
  if (!ccw) std::reverse(v.begin(), v.end());
  return v;
}

S2Point CenterFor(int kind) {
  if (kind == 1) return S2LatLng::FromDegrees(URange(88.5, 90), URange(-180, 180)).ToPoint();
  if (kind == 2) return S2LatLng::FromDegrees(URange(-90, -88.5), URange(-180, 180)).ToPoint();
  if (kind == 3) return S2LatLng::FromDegrees(URange(-60, 60), Chance(50) ? URange(179, 180) : URange(-180, -179)).ToPoint();
  return RandomPoint();
}

int RandomN() { return static_cast<int>(std::round(std::exp(URange(std::log(4.0), std::log(500.0))))); }
int SmallN() { return IRange(4, 60); }

double RandomRadius() { return KmToRad(std::exp(URange(std::log(1.0), std::log(3000.0)))); }

std::vector<S2Point> ProbePoints(const std::vector<std::vector<S2Point>>& loops, const S2Point& c,
                                 double radius) {
  std::vector<S2Point> pts;
  for (const auto& v : loops) {
    int n = v.size();
    if (n == 0) continue;
    for (int k = 0; k < 8; ++k) {
      int i = Below(n);
      const S2Point& a = v[i];
      const S2Point& b = v[(i + 1) % n];
      switch (k % 4) {
        case 0: pts.push_back(a); break;                             // vertex
        case 1: pts.push_back((a + b).Normalize()); break;           // edge midpoint
        case 2: pts.push_back(Offset(a, 1e-9 * U01(), URange(0, 2 * M_PI))); break;
        default: {
          S2Point m = (a + b).Normalize();
          pts.push_back(Offset(m, std::pow(10.0, URange(-15, -8)), URange(0, 2 * M_PI)));
        }
      }
    }
  }
  for (int k = 0; k < 20; ++k) pts.push_back(Offset(c, 1.3 * radius * std::sqrt(U01()), URange(0, 2 * M_PI)));
  for (int k = 0; k < 4; ++k) pts.push_back(RandomPoint());
  pts.push_back(S2Point(0, 0, 1));
  pts.push_back(S2Point(0, 0, -1));
  return pts;
}

std::vector<S2CellId> NearbyCells(const S2Region& region, const std::vector<S2Point>& verts) {
  S2RegionCoverer::Options o;
  o.set_max_cells(8);
  S2RegionCoverer cov(o);
  S2CellUnion u = cov.GetCovering(region);
  std::vector<S2CellId> cells;
  for (S2CellId id : u.cell_ids()) {
    cells.push_back(id);
    if (!id.is_leaf()) for (int k = 0; k < 4; ++k) if (Chance(60)) cells.push_back(id.child(k));
    if (id.level() > 0) cells.push_back(id.parent());
    S2CellId nb[4];
    id.GetEdgeNeighbors(nb);
    cells.push_back(nb[Below(4)]);
  }
  for (int k = 0; k < 10 && !verts.empty(); ++k) {
    cells.push_back(S2CellId(verts[Below(verts.size())]).parent(IRange(3, 22)));
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  return cells;
}

void PutCells(Line& l, const S2Region& region, const std::vector<S2CellId>& cells) {
  std::vector<bool> con, may;
  for (S2CellId id : cells) {
    S2Cell cell(id);
    con.push_back(region.Contains(cell));
    may.push_back(region.MayIntersect(cell));
  }
  l.Ids("cells", cells).Raw("cell_contains", BoolList(con)).Raw("cell_may_intersect", BoolList(may));
}

void PutCoverings(Line& l, const S2Region& region) {
  struct P { int min, max, mod, cells; };
  const P params[] = {{0, 30, 1, 8}, {8, 15, 1, 500}, {4, 16, 2, 100}};
  std::string a = "[";
  for (int i = 0; i < 3; ++i) {
    S2RegionCoverer::Options o;
    o.set_min_level(params[i].min);
    o.set_max_level(params[i].max);
    o.set_level_mod(params[i].mod);
    o.set_max_cells(params[i].cells);
    S2RegionCoverer cov(o);
    S2CellUnion c = cov.GetCovering(region);
    S2CellUnion in = cov.GetInteriorCovering(region);
    if (i) a += ',';
    // Keep the file small: leave out coverings of more than 1,000 cells
    // (min_level 8 forces thousands on the biggest polygons).
    if (c.num_cells() + in.num_cells() > 1000) {
      a += "null";
      continue;
    }
    a += "{\"min_level\":" + std::to_string(params[i].min) + ",\"max_level\":" +
         std::to_string(params[i].max) + ",\"level_mod\":" + std::to_string(params[i].mod) +
         ",\"max_cells\":" + std::to_string(params[i].cells) + ",\"covering\":" +
         IdList(c.cell_ids()) + ",\"interior\":" + IdList(in.cell_ids()) + "}";
  }
  l.Raw("coverings", a + "]");
}

void PutLoop(Out& out, const char* cs, const std::vector<S2Point>& v, bool with_cells) {
  auto loop = std::make_unique<S2Loop>(v, S2Debug::DISABLE);
  S2Error err;
  bool bad = loop->FindValidationError(&err);
  Line l;
  l.S("op", "loop").S("case", cs).Raw("vertices", PtList(v));
  l.B("valid", !bad).I("error", bad ? static_cast<int>(err.code()) : 0);
  if (!bad) {
    l.D("area", loop->GetArea()).D("curvature", loop->GetCurvature());
    l.B("is_normalized", loop->IsNormalized());
    l.Raw("rect", RectJson(loop->GetRectBound())).Raw("cap", CapJson(loop->GetCapBound()));
    S2Point c = v.size() >= 3 ? v[0] : S2Point(0, 0, 1);
    std::vector<S2Point> pts = ProbePoints({v}, c, 0.05);
    std::vector<bool> con;
    for (const auto& p : pts) con.push_back(loop->Contains(p));
    l.Raw("points", PtList(pts)).Raw("contains", BoolList(con));
    std::unique_ptr<S2Loop> inv(loop->Clone());
    inv->Invert();
    std::vector<bool> icon;
    for (const auto& p : pts) icon.push_back(inv->Contains(p));
    l.Raw("inverted", "{\"rect\":" + RectJson(inv->GetRectBound()) + ",\"area\":" +
                          Dbl(inv->GetArea()) + ",\"contains\":" + BoolList(icon) + "}");
    if (with_cells) PutCells(l, *loop, NearbyCells(*loop, v));
  }
  out.Put(l);
}

void PutPolygon(Out& out, const char* cs, std::vector<std::vector<S2Point>> loops, const S2Point& c,
                double radius, bool heavy) {
  // Shuffle the loop order (InitNested must not depend on it).
  for (size_t i = loops.size(); i > 1; --i) std::swap(loops[i - 1], loops[Below(i)]);
  std::vector<std::unique_ptr<S2Loop>> owned;
  std::vector<const S2Loop*> ptrs;
  for (const auto& v : loops) {
    owned.push_back(std::make_unique<S2Loop>(v, S2Debug::DISABLE));
    ptrs.push_back(owned.back().get());
  }
  S2Polygon poly;
  poly.set_s2debug_override(S2Debug::DISABLE);
  poly.InitNested(std::move(owned));
  S2Error err;
  bool bad = poly.FindValidationError(&err);
  Line l;
  l.S("op", "polygon").S("case", cs);
  std::string ls = "[";
  for (size_t i = 0; i < loops.size(); ++i) {
    if (i) ls += ',';
    ls += PtList(loops[i]);
  }
  l.Raw("loops", ls + "]");
  l.B("valid", !bad).I("error", bad ? static_cast<int>(err.code()) : 0);
  if (!bad) {
    std::vector<int> order, depths;
    for (int i = 0; i < poly.num_loops(); ++i) {
      order.push_back(std::find(ptrs.begin(), ptrs.end(), poly.loop(i)) - ptrs.begin());
      depths.push_back(poly.loop(i)->depth());
    }
    l.Raw("order", IntList(order)).Raw("depths", IntList(depths));
    l.D("area", poly.GetArea()).I("num_vertices", poly.num_vertices());
    l.Raw("rect", RectJson(poly.GetRectBound())).Raw("cap", CapJson(poly.GetCapBound()));
    std::vector<S2Point> pts = ProbePoints(loops, c, radius);
    std::vector<bool> con;
    for (const auto& p : pts) con.push_back(poly.Contains(p));
    l.Raw("points", PtList(pts)).Raw("contains", BoolList(con));
    if (heavy) {
      std::vector<S2Point> all;
      for (const auto& v : loops) all.insert(all.end(), v.begin(), v.end());
      PutCoverings(l, poly);
      PutCells(l, poly, NearbyCells(poly, all));
    }
  }
  out.Put(l);
}

void PutPolyline(Out& out, const char* cs, const std::vector<S2Point>& v) {
  S2Polyline line(v, S2Debug::DISABLE);
  S2Error err;
  bool bad = line.FindValidationError(&err);
  Line l;
  l.S("op", "polyline").S("case", cs).Raw("vertices", PtList(v));
  l.B("valid", !bad).I("error", bad ? static_cast<int>(err.code()) : 0);
  if (!bad) {
    l.D("length", line.GetLength().radians());
    l.Raw("rect", RectJson(line.GetRectBound())).Raw("cap", CapJson(line.GetCapBound()));
    std::vector<S2CellId> cells = NearbyCells(line, v);
    std::vector<bool> may;
    for (S2CellId id : cells) may.push_back(line.MayIntersect(S2Cell(id)));
    l.Ids("cells", cells).Raw("may_intersect", BoolList(may));
  }
  out.Put(l);
}

void GenShapes(const std::string& dir) {
  Out out(dir + "/polygon.jsonl");
  // Valid loops: stars of every size, both orientations, special places.
  for (int i = 0; i < 60; ++i) {
    int kind = i % 4;
    const char* names[] = {"star", "star_north_pole", "star_south_pole", "star_antimeridian"};
    S2Point c = CenterFor(kind);
    bool ccw = !Chance(20);
    PutLoop(out, names[kind], Star(c, RandomRadius(), RandomN(), URange(0, 0.7), ccw), i % 3 == 0);
  }
  // Big loops (hemisphere-sized and larger, tests orientation and bounds).
  for (int i = 0; i < 8; ++i) {
    PutLoop(out, "big", Star(RandomPoint(), URange(1.2, 2.8), IRange(4, 40), 0.1, Chance(50)), true);
  }
  // Empty and full.
  PutLoop(out, "empty", {S2Point(0, 0, 1)}, false);
  PutLoop(out, "full", {S2Point(0, 0, -1)}, false);
  // Small triangles and quads with vertices on cell boundaries.
  for (int i = 0; i < 6; ++i) {
    S2Cell cell(S2CellId(RandomPoint()).parent(IRange(2, 20)));
    std::vector<S2Point> v = {cell.GetVertex(0), cell.GetVertex(1), cell.GetVertex(2), cell.GetVertex(3)};
    PutLoop(out, "cell", v, true);
  }
  // Invalid loops.
  for (int i = 0; i < 40; ++i) {
    std::vector<S2Point> v = Star(RandomPoint(), RandomRadius(), IRange(5, 40), 0.3, true);
    int n = v.size();
    int k = Below(n);
    const char* cs;
    switch (i % 7) {
      case 0: cs = "few_vertices"; v.resize(IRange(0, 2)); if (v.size() == 1) v[0] = Ulps(v[0], 0, 0); break;
      case 1: cs = "non_unit"; v[k] = 1.5 * v[k]; break;
      case 2: cs = "duplicate_adjacent"; v.insert(v.begin() + k, v[k]); break;
      case 3: cs = "antipodal_adjacent"; v.insert(v.begin() + k + 1, -v[k]); break;
      case 4: cs = "self_intersection"; std::swap(v[k], v[(k + 2) % n]); break;
      case 5: cs = "duplicate_vertex"; v[(k + n / 2) % n] = v[k]; break;
      default: cs = "self_intersection"; std::reverse(v.begin() + k / 2, v.begin() + k / 2 + 3); break;
    }
    if (v.size() == 1) v[0] = S2Point(0.6, 0.8, 0);  // a 1-vertex loop is empty/full, valid
    PutLoop(out, cs, v, false);
  }
  // Polygons.
  for (int i = 0; i < 40; ++i) {
    int kind = i % 4;
    S2Point c = CenterFor(kind);
    double R = RandomRadius();
    std::vector<std::vector<S2Point>> loops;
    const char* cs;
    int shape = i % 5;
    if (shape == 0) {
      cs = "one_loop";
      loops.push_back(Star(c, R, RandomN(), 0.3, !Chance(15)));
    } else if (shape <= 2) {
      cs = "holes";
      loops.push_back(Star(c, R, RandomN(), 0.2, true));
      int holes = IRange(1, 4);
      for (int h = 0; h < holes; ++h) {
        double a = 2 * M_PI * (h + 0.5 * U01()) / holes;
        S2Point hc = Offset(c, 0.45 * R, a);
        loops.push_back(Star(hc, 0.12 * R, IRange(3, 40), 0.3, true));
        if (Chance(30)) loops.push_back(Star(hc, 0.04 * R, IRange(3, 12), 0.3, true));  // island
      }
    } else {
      cs = "shells";
      int shells = IRange(2, 4);
      std::vector<S2Point> centers;
      while ((int)centers.size() < shells) {
        S2Point sc = Offset(c, URange(0, 6 * R), URange(0, 2 * M_PI));
        bool ok = true;
        for (auto& o : centers) ok = ok && S1Angle(o, sc).radians() > 2.3 * R;
        if (ok) centers.push_back(sc);
      }
      for (auto& sc : centers) {
        loops.push_back(Star(sc, R, std::max(4, RandomN() / 2), 0.3, true));
        if (Chance(40)) loops.push_back(Star(sc, 0.3 * R, IRange(3, 20), 0.2, true));
      }
    }
    PutPolygon(out, cs, loops, c, R, true);
  }
  // Invalid polygons.
  for (int i = 0; i < 12; ++i) {
    S2Point c = RandomPoint();
    double R = RandomRadius();
    std::vector<std::vector<S2Point>> loops;
    const char* cs;
    std::vector<S2Point> a = Star(c, R, IRange(5, 30), 0.2, true);
    switch (i % 4) {
      case 0: cs = "loops_cross"; loops = {a, Star(Offset(c, R, 0.3), R, IRange(5, 30), 0.2, true)}; break;
      case 1: cs = "duplicate_loop"; loops = {a, a}; break;
      case 2: { cs = "loop_invalid"; auto b = a; b.insert(b.begin() + 1, b[1]); loops = {b}; break; }
      default: cs = "empty_loop"; loops = {a, {S2Point(0, 0, 1)}}; break;
    }
    PutPolygon(out, cs, loops, c, R, false);
  }
  // Polylines.
  for (int i = 0; i < 40; ++i) {
    S2Point p = CenterFor(i % 4);
    double step = RandomRadius() / 4;
    int n = IRange(2, 60);
    std::vector<S2Point> v = {p};
    double dir = URange(0, 2 * M_PI);
    for (int k = 1; k < n; ++k) {
      dir += URange(-1, 1);
      v.push_back(Offset(v.back(), step * URange(0.2, 1), dir));
    }
    const char* cs = "walk";
    if (i % 8 == 5) { cs = "duplicate_adjacent"; int k = Below(n); v.insert(v.begin() + k, v[k]); }
    if (i % 8 == 6) { cs = "antipodal_adjacent"; int k = Below(n); v.insert(v.begin() + k + 1, -v[k]); }
    if (i % 8 == 7) { cs = "non_unit"; v[Below(n)] *= 0.5; }
    PutPolyline(out, cs, v);
  }
  PutPolyline(out, "single", {RandomPoint()});
  PutPolyline(out, "empty", {});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) Die("usage: gen_polygon_vectors OUT_DIR");
  GenPredicates(argv[1]);
  GenShapes(argv[1]);
  return 0;
}
