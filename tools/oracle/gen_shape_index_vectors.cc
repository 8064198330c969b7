// Conformance vectors for s2cells' `ShapeIndex` (Google's MutableS2ShapeIndex
// cell structure) and the S2Polygon region queries built on it, computed by
// Google's s2geometry C++ library from the PyPI wheel s2geometry==0.14.0
// (see generate.sh for the build line).
//
// Output: tests/data/shape_index.jsonl (the directory is argv[1]), one JSON
// object per line (one index), its flavour in "case":
//
//   shapes   [{dim, ref: [x,y,z] (dim 2), contains_ref (dim 2),
//              chains: [{closed, v: [x,y,z, x,y,z, ...]}]}]
//            The edges of a shape, in edge-id order, are its chains' edges
//            in order: closed chain v0..v(n-1) gives (v_i, v_(i+1 mod n)),
//            open chain v0..vn gives (v_i, v_(i+1)). The generator checks
//            this against S2Shape::edge(e) for every edge.
//   cells    [[id, [[shape_id, contains_center (0/1), [edge ids]], ...]], ...]
//            every cell of the built MutableS2ShapeIndex, in order.
//   bound    S2ShapeIndexRegion GetCellUnionBound of the index (for the
//            polygon cases this is S2Polygon::GetCellUnionBound).
//   queries  [[cell id, relation (0 INDEXED, 1 SUBDIVIDED, 2 DISJOINT),
//              indexed cell id or 0, may_intersect, contains]]
//            Locate(S2CellId) and MayIntersect/Contains(S2Cell): S2Polygon's
//            for "polygon" lines (one S2Polygon), S2ShapeIndexRegion's for
//            the others.
//   points   [[x, y, z, contains]]: S2Polygon::Contains(S2Point) (polygon
//            lines) or S2ContainsPointQuery semi-open (others).
//
// Floats are printed with "%.17g" (round-trips; the generator checks it).
// Deterministic: one std::mt19937_64 seeded with 20261130 and no
// std::*_distribution.

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "s2/mutable_s2shape_index.h"
#include "s2/s2cell.h"
#include "s2/s2cell_id.h"
#include "s2/s2contains_point_query.h"
#include "s2/s2coords.h"
#include "s2/s2edge_clipping.h"
#include "s2/s2edge_crossings.h"
#include "s2/s2latlng.h"
#include "s2/s2loop.h"
#include "s2/s2point.h"
#include "s2/s2pointutil.h"
#include "s2/s2polygon.h"
#include "s2/s2polyline.h"
#include "s2/s2shape_index_region.h"

namespace {

constexpr uint64_t kSeed = 20261130;
std::mt19937_64 rng(kSeed);

uint64_t R() { return rng(); }
uint64_t Below(uint64_t n) { return R() % n; }
int IRange(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
double U01() { return static_cast<double>(R() >> 11) * 0x1p-53; }
bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }

constexpr double kEarthKm = 6371.01;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "gen_shape_index_vectors: %s\n", what);
  std::exit(1);
}

void Check(bool ok, const char* what) {
  if (!ok) Die(what);
}

std::string Dbl(double v) {
  if (!std::isfinite(v)) Die("non-finite double in output");
  char b[40];
  std::snprintf(b, sizeof b, "%.17g", v);
  double back = std::strtod(b, nullptr);
  if (std::memcmp(&v, &back, sizeof v) != 0) Die("%.17g did not round-trip");
  return b;
}

std::string U64(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "%" PRIu64, v);
  return b;
}

std::string Pt(const S2Point& p) { return Dbl(p.x()) + "," + Dbl(p.y()) + "," + Dbl(p.z()); }

// A point at angular distance d (radians) from c in direction theta.
S2Point Offset(const S2Point& c, double d, double theta) {
  S2Point u = S2::Ortho(c);
  S2Point v = c.CrossProd(u);
  return (std::cos(d) * c + std::sin(d) * (std::cos(theta) * u + std::sin(theta) * v))
      .Normalize();
}

// A star-shaped loop around c, counter-clockwise (interior contains c).
std::unique_ptr<S2Loop> Star(const S2Point& c, double r, int n, double jitter_lo) {
  std::vector<S2Point> v;
  for (int k = 0; k < n; ++k) {
    double theta = 2 * M_PI * (k + 0.5 * U01()) / n;
    double d = r * (jitter_lo + (1 - jitter_lo) * U01());
    v.push_back(Offset(c, d, theta));
  }
  auto loop = std::make_unique<S2Loop>(v, S2Debug::DISABLE);
  Check(loop->IsValid(), "invalid star loop");
  return loop;
}

// Vertex count: mostly small, sometimes large (4..2000).
int NumVertices() {
  int r = IRange(0, 99);
  if (r < 40) return IRange(4, 20);
  if (r < 75) return IRange(21, 150);
  if (r < 92) return IRange(151, 600);
  return IRange(601, 2000);
}

double RadiusKm() { return std::exp(std::log(1.0) + U01() * (std::log(3000.0) - std::log(1.0))); }

S2Point RandomPoint() {
  double z = 2 * U01() - 1;
  double t = 2 * M_PI * U01();
  double s = std::sqrt(std::max(0.0, 1 - z * z));
  return S2Point(s * std::cos(t), s * std::sin(t), z).Normalize();
}

struct Case {
  std::string name;
  std::vector<std::unique_ptr<S2Polygon>> polygons;
  std::vector<std::unique_ptr<S2Polyline>> polylines;
  S2Point center;
  double radius;  // radians, for query sampling
};

std::string ShapeJson(const S2Shape& shape) {
  std::string s = "{\"dim\":" + std::to_string(shape.dimension());
  if (shape.dimension() == 2) {
    auto ref = shape.GetReferencePoint();
    s += ",\"ref\":[" + Pt(ref.point) + "],\"contains_ref\":" +
         (ref.contained ? "true" : "false");
  }
  s += ",\"chains\":[";
  for (int c = 0; c < shape.num_chains(); ++c) {
    auto chain = shape.chain(c);
    bool closed = shape.dimension() == 2;
    if (c) s += ',';
    s += std::string("{\"closed\":") + (closed ? "true" : "false") + ",\"v\":[";
    int nv = closed ? chain.length : chain.length + 1;
    std::vector<S2Point> v;
    for (int i = 0; i < chain.length; ++i) v.push_back(shape.chain_edge(c, i).v0);
    if (!closed && chain.length > 0) v.push_back(shape.chain_edge(c, chain.length - 1).v1);
    Check(static_cast<int>(v.size()) == nv || chain.length == 0, "chain size");
    for (int i = 0; i < chain.length; ++i) {
      auto e = shape.edge(chain.start + i);
      Check(e.v0 == v[i], "edge v0");
      Check(e.v1 == (closed ? v[(i + 1) % chain.length] : v[i + 1]), "edge v1");
    }
    for (size_t i = 0; i < v.size(); ++i) {
      if (i) s += ',';
      s += Pt(v[i]);
    }
    s += "]}";
  }
  return s + "]}";
}

std::string CellsJson(const MutableS2ShapeIndex& index) {
  std::string s = "[";
  bool first = true;
  for (MutableS2ShapeIndex::Iterator it(&index, S2ShapeIndex::BEGIN); !it.done(); it.Next()) {
    if (!first) s += ',';
    first = false;
    s += "[" + U64(it.id().id()) + ",[";
    const S2ShapeIndexCell& cell = it.cell();
    for (int k = 0; k < cell.num_clipped(); ++k) {
      const S2ClippedShape& c = cell.clipped(k);
      if (k) s += ',';
      s += "[" + std::to_string(c.shape_id()) + "," + (c.contains_center() ? "1" : "0") + ",[";
      for (int e = 0; e < c.num_edges(); ++e) {
        if (e) s += ',';
        s += std::to_string(c.edge(e));
      }
      s += "]]";
    }
    s += "]]";
  }
  return s + "]";
}

std::string IdList(const std::vector<S2CellId>& ids) {
  std::string a = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) a += ',';
    a += U64(ids[i].id());
  }
  return a + "]";
}

void Emit(FILE* f, Case& c, size_t* lines) {
  MutableS2ShapeIndex owned;
  const MutableS2ShapeIndex* index;
  const bool single_polygon = c.polygons.size() == 1 && c.polylines.empty();
  if (single_polygon) {
    index = &c.polygons[0]->index();
  } else {
    for (auto& p : c.polygons) owned.Add(std::make_unique<S2Polygon::Shape>(p.get()));
    for (auto& l : c.polylines) owned.Add(std::make_unique<S2Polyline::Shape>(l.get()));
    owned.ForceBuild();
    index = &owned;
  }
  std::vector<S2CellId> index_cells;
  for (MutableS2ShapeIndex::Iterator it(index, S2ShapeIndex::BEGIN); !it.done(); it.Next()) {
    index_cells.push_back(it.id());
  }
  S2ShapeIndexRegion<MutableS2ShapeIndex> region(index);
  std::vector<S2CellId> bound;
  if (single_polygon) {
    c.polygons[0]->GetCellUnionBound(&bound);
  } else {
    region.GetCellUnionBound(&bound);
  }
  std::string line = "{\"case\":\"" + c.name + "\",\"shapes\":[";
  for (int s = 0; s < index->num_shape_ids(); ++s) {
    if (s) line += ',';
    line += ShapeJson(*index->shape(s));
  }
  line += "],\"cells\":" + CellsJson(*index) + ",\"bound\":" + IdList(bound);

  // Query cells near the shapes.
  line += ",\"queries\":[";
  int nq = 40;
  for (int q = 0; q < nq; ++q) {
    S2CellId id;
    int kind = IRange(0, 2);
    if (kind == 0 && !index_cells.empty()) {
      S2CellId base = index_cells[Below(index_cells.size())];
      if (Chance(40) && base.level() > 0) {
        id = base.parent(std::max(0, base.level() - IRange(1, 3)));
      } else {
        id = base;
        int down = IRange(0, 4);
        for (int k = 0; k < down && !id.is_leaf(); ++k) id = id.child(IRange(0, 3));
      }
    } else {
      S2Point p = Offset(c.center, c.radius * 1.6 * U01(), 2 * M_PI * U01());
      int level = IRange(0, 22);
      if (kind == 2 && !index_cells.empty()) {
        MutableS2ShapeIndex::Iterator it(index);
        if (it.Locate(p)) level = std::min(30, std::max(0, it.id().level() + IRange(-2, 3)));
      }
      id = S2CellId(p).parent(level);
    }
    MutableS2ShapeIndex::Iterator it(index);
    S2CellRelation rel = it.Locate(id);
    int r = rel == S2CellRelation::INDEXED ? 0 : rel == S2CellRelation::SUBDIVIDED ? 1 : 2;
    uint64_t indexed = r == 0 ? it.id().id() : 0;
    S2Cell cell(id);
    bool may, contains;
    if (single_polygon) {
      may = c.polygons[0]->MayIntersect(cell);
      contains = c.polygons[0]->Contains(cell);
    } else {
      may = region.MayIntersect(cell);
      contains = region.Contains(cell);
    }
    if (q) line += ',';
    line += "[" + U64(id.id()) + "," + std::to_string(r) + "," + U64(indexed) + "," +
            (may ? "1" : "0") + "," + (contains ? "1" : "0") + "]";
  }
  line += "],\"points\":[";
  S2ContainsPointQuery<MutableS2ShapeIndex> query(index);
  for (int q = 0; q < 20; ++q) {
    S2Point p = Offset(c.center, c.radius * 1.3 * U01(), 2 * M_PI * U01());
    bool inside = single_polygon ? c.polygons[0]->Contains(p) : query.Contains(p);
    if (q) line += ',';
    line += "[" + Pt(p) + "," + (inside ? "1" : "0") + "]";
  }
  line += "]}\n";
  std::fwrite(line.data(), 1, line.size(), f);
  ++*lines;
}

std::unique_ptr<S2Polygon> StarPolygon(const S2Point& center, double r, int n) {
  std::vector<std::unique_ptr<S2Loop>> loops;
  loops.push_back(Star(center, r, n, 0.35));
  auto poly = std::make_unique<S2Polygon>();
  poly->InitNested(std::move(loops));
  Check(poly->IsValid(), "invalid polygon");
  return poly;
}

S2Point CenterFor(const std::string& kind) {
  if (kind == "pole") {
    double lat = 89.0 + U01();
    return S2LatLng::FromDegrees(Chance(50) ? lat : -lat, 360 * U01() - 180).ToPoint();
  }
  if (kind == "antimeridian") {
    return S2LatLng::FromDegrees(120 * U01() - 60, (Chance(50) ? 180 : -180) + (U01() - 0.5) * 0.5)
        .ToPoint();
  }
  if (kind == "face_edge") {
    switch (IRange(0, 2)) {
      case 0:  // face 0 / face 1 boundary
        return S2LatLng::FromDegrees(40 * U01() - 20, 45 + (U01() - 0.5) * 0.2).ToPoint();
      case 1:  // face 0 / face 2 boundary (z = x)
        return S2Point(1, 0.4 * U01() - 0.2, 1 + (U01() - 0.5) * 0.01).Normalize();
      default:  // a cube corner
        return S2Point(Chance(50) ? 1 : -1, Chance(50) ? 1 : -1, Chance(50) ? 1 : -1)
            .Normalize();
    }
  }
  return RandomPoint();
}

void WriteAll(const std::string& dir) {
  std::string path = dir + "/shape_index.jsonl";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) Die("cannot open output");
  size_t lines = 0;

  // (1) Star polygons at random places, poles, antimeridian, face edges.
  const char* kinds[] = {"random", "pole", "antimeridian", "face_edge"};
  for (int k = 0; k < 4; ++k) {
    int count = k == 0 ? 36 : 10;
    for (int i = 0; i < count; ++i) {
      Case c;
      c.name = std::string("star_") + kinds[k];
      c.center = CenterFor(kinds[k]);
      c.radius = RadiusKm() / kEarthKm;
      int n = NumVertices();
      if (k == 0 && i < 2) {  // two at the top of the range
        n = 2000;
        c.radius = (500 + 2500 * U01()) / kEarthKm;
      }
      // Tiny polygons with many vertices would have sub-metre edges; that is
      // fine for Google but keeps the file large for nothing.
      if (c.radius * kEarthKm < 20) n = std::min(n, 200);
      c.polygons.push_back(StarPolygon(c.center, c.radius, n));
      Emit(f, c, &lines);
    }
  }
  // (2) Very large polygons spanning several faces.
  for (int i = 0; i < 4; ++i) {
    Case c;
    c.name = "star_huge";
    c.center = RandomPoint();
    c.radius = (4000 + 5000 * U01()) / kEarthKm;
    c.polygons.push_back(StarPolygon(c.center, c.radius, IRange(8, 400)));
    Emit(f, c, &lines);
  }
  // (3) Polygons with holes.
  for (int i = 0; i < 14; ++i) {
    Case c;
    c.name = "holes";
    c.center = i < 4 ? CenterFor(kinds[i]) : RandomPoint();
    c.radius = (5 + 2000 * U01()) / kEarthKm;
    std::vector<std::unique_ptr<S2Loop>> loops;
    loops.push_back(Star(c.center, c.radius, NumVertices() % 400 + 4, 0.8));
    int holes = IRange(1, 2);
    double theta = 2 * M_PI * U01();
    for (int h = 0; h < holes; ++h) {
      S2Point hc = Offset(c.center, 0.4 * c.radius, theta + h * M_PI);
      loops.push_back(Star(hc, c.radius * (0.15 + 0.1 * U01()), IRange(4, 120), 0.5));
    }
    auto poly = std::make_unique<S2Polygon>();
    poly->InitNested(std::move(loops));
    Check(poly->IsValid(), "invalid polygon with holes");
    Check(poly->num_loops() == holes + 1, "hole count");
    c.polygons.push_back(std::move(poly));
    Emit(f, c, &lines);
  }
  // (4) Polylines (random walks), alone and with polygons in one index.
  for (int i = 0; i < 16; ++i) {
    Case c;
    c.name = i < 10 ? "polyline" : "mixed";
    c.center = i % 4 == 0 ? CenterFor(kinds[1 + (i / 4) % 3]) : RandomPoint();
    c.radius = RadiusKm() / kEarthKm;
    int n = IRange(2, i < 3 ? 600 : 80);
    std::vector<S2Point> v{Offset(c.center, c.radius * U01(), 2 * M_PI * U01())};
    double heading = 2 * M_PI * U01();
    for (int k = 1; k < n; ++k) {
      heading += (U01() - 0.5) * 1.5;
      v.push_back(Offset(v.back(), c.radius * 0.15 * (0.05 + U01()), heading));
    }
    c.polylines.push_back(std::make_unique<S2Polyline>(v, S2Debug::DISABLE));
    if (i >= 10) {
      c.polygons.push_back(StarPolygon(c.center, c.radius * 0.7, IRange(4, 200)));
      if (i >= 13) {
        S2Point c2 = Offset(c.center, c.radius * 0.5, 2 * M_PI * U01());
        c.polygons.push_back(StarPolygon(c2, c.radius * 0.6, IRange(4, 100)));
      }
    }
    Emit(f, c, &lines);
  }
  // (5) Several polygons, overlapping, in one index.
  for (int i = 0; i < 6; ++i) {
    Case c;
    c.name = "multi_polygon";
    c.center = i < 3 ? CenterFor(kinds[1 + i]) : RandomPoint();
    c.radius = RadiusKm() / kEarthKm;
    int np = IRange(2, 4);
    for (int k = 0; k < np; ++k) {
      S2Point pc = Offset(c.center, c.radius * 0.5 * U01(), 2 * M_PI * U01());
      c.polygons.push_back(StarPolygon(pc, c.radius * (0.3 + 0.7 * U01()), IRange(4, 150)));
    }
    Emit(f, c, &lines);
  }
  std::fclose(f);
  std::fprintf(stderr, "%-40s %7zu lines\n", path.c_str(), lines);
}

// ------------------------------------------------------------ edge clipping
// tests/data/edge_clipping.jsonl, one object per line, tagged "op":
//   "face": edge a, b -> cross (S2::RobustCrossProd), segments
//           [[face, au, av, bu, bv]] (GetFaceSegments), padding and clip
//           [[ok, au, av, bu, bv] per face 0..5] (ClipToPaddedFace; zeros
//           when not ok).
//   "rect": uv segment a, b and rect [[ulo, uhi], [vlo, vhi]] ->
//           intersects (IntersectsRect), clip [ok, au, av, bu, bv]
//           (ClipEdge), bound [[ulo, uhi], [vlo, vhi]] (GetClippedEdgeBound).
S2Point EdgePoint() {
  int kind = IRange(0, 3);
  if (kind == 0) return RandomPoint();
  int face = IRange(0, 5);
  double t = 2 * U01() - 1;
  double e = Chance(50) ? 1 : -1;
  if (kind == 1) {  // on a face edge, or within a few ulps / a tiny bit of it
    double off = Chance(50) ? 0 : (U01() - 0.5) * 1e-12;
    return Chance(50) ? S2::FaceUVtoXYZ(face, e + off, t).Normalize()
                      : S2::FaceUVtoXYZ(face, t, e + off).Normalize();
  }
  if (kind == 2) {  // near a cube corner
    return S2::FaceUVtoXYZ(face, e * (1 - 1e-3 * U01()), (Chance(50) ? 1 : -1) * (1 - 1e-3 * U01()))
        .Normalize();
  }
  return S2::FaceUVtoXYZ(face, t, 2 * U01() - 1).Normalize();
}

void WriteClipping(const std::string& dir) {
  std::string path = dir + "/edge_clipping.jsonl";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) Die("cannot open output");
  size_t lines = 0;
  for (int i = 0; i < 900; ++i) {
    S2Point a = EdgePoint();
    S2Point b;
    int kind = IRange(0, 2);
    if (kind == 0) b = EdgePoint();
    else b = Offset(a, std::exp(-U01() * 25) * (kind == 1 ? 1 : 0.01), 2 * M_PI * U01());
    if (a == b || a == -b) continue;
    std::string line = "{\"op\":\"face\",\"a\":[" + Pt(a) + "],\"b\":[" + Pt(b) + "]";
    line += ",\"cross\":[" + Pt(S2::RobustCrossProd(a, b)) + "],\"segments\":[";
    S2::FaceSegmentVector segs;
    S2::GetFaceSegments(a, b, &segs);
    for (size_t k = 0; k < segs.size(); ++k) {
      if (k) line += ',';
      line += "[" + std::to_string(segs[k].face) + "," + Dbl(segs[k].a[0]) + "," +
              Dbl(segs[k].a[1]) + "," + Dbl(segs[k].b[0]) + "," + Dbl(segs[k].b[1]) + "]";
    }
    double pads[] = {0.0, MutableS2ShapeIndex::kCellPadding,
                     S2::kFaceClipErrorUVCoord + S2::kIntersectsRectErrorUVDist, 1e-3, 0.3};
    double padding = pads[IRange(0, 4)];
    line += "],\"padding\":" + Dbl(padding) + ",\"clip\":[";
    for (int face = 0; face < 6; ++face) {
      R2Point au(0, 0), bu(0, 0);
      bool ok = S2::ClipToPaddedFace(a, b, face, padding, &au, &bu);
      if (!ok) au = bu = R2Point(0, 0);
      if (face) line += ',';
      line += std::string("[") + (ok ? "1" : "0") + "," + Dbl(au[0]) + "," + Dbl(au[1]) + "," +
              Dbl(bu[0]) + "," + Dbl(bu[1]) + "]";
    }
    line += "]}\n";
    std::fwrite(line.data(), 1, line.size(), f);
    ++lines;
  }
  for (int i = 0; i < 1500; ++i) {
    auto coord = [] {
      double x = 2 * U01() - 1;
      return Chance(20) ? std::round(x * 4) / 4 : x;
    };
    R2Point a(coord(), coord());
    R2Point b = Chance(30) ? R2Point(a[0] + (U01() - 0.5) * 1e-3, a[1] + (U01() - 0.5) * 1e-3)
                           : R2Point(coord(), coord());
    if (Chance(5)) b = a;
    if (Chance(10)) b[IRange(0, 1)] = a[0];
    double u0 = coord(), u1 = coord(), v0 = coord(), v1 = coord();
    R2Rect rect(R1Interval(std::min(u0, u1), std::max(u0, u1)),
                R1Interval(std::min(v0, v1), std::max(v0, v1)));
    R2Point ac(0, 0), bc(0, 0);
    bool ok = S2::ClipEdge(a, b, rect, &ac, &bc);
    if (!ok) ac = bc = R2Point(0, 0);
    R2Rect bound = S2::GetClippedEdgeBound(a, b, rect);
    std::string line = "{\"op\":\"rect\",\"a\":[" + Dbl(a[0]) + "," + Dbl(a[1]) + "],\"b\":[" +
                       Dbl(b[0]) + "," + Dbl(b[1]) + "],\"rect\":[[" + Dbl(rect[0][0]) + "," +
                       Dbl(rect[0][1]) + "],[" + Dbl(rect[1][0]) + "," + Dbl(rect[1][1]) +
                       "]],\"intersects\":" + (S2::IntersectsRect(a, b, rect) ? "true" : "false") +
                       ",\"clip\":[" + (ok ? "1" : "0") + "," + Dbl(ac[0]) + "," + Dbl(ac[1]) +
                       "," + Dbl(bc[0]) + "," + Dbl(bc[1]) + "],\"bound\":[[" + Dbl(bound[0][0]) +
                       "," + Dbl(bound[0][1]) + "],[" + Dbl(bound[1][0]) + "," +
                       Dbl(bound[1][1]) + "]]}\n";
    std::fwrite(line.data(), 1, line.size(), f);
    ++lines;
  }
  std::fclose(f);
  std::fprintf(stderr, "%-40s %7zu lines\n", path.c_str(), lines);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  WriteAll(argv[1]);
  WriteClipping(argv[1]);
  return 0;
}
