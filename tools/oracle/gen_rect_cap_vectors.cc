// Conformance vectors for s2cells' `LatLngRect` and `Cap` APIs (the parts
// not covered by the coverer and cell-union vectors), computed by Google's
// s2geometry C++ library: the copy shipped inside the PyPI wheel
// s2geometry==0.14.0 (see generate.sh for the build line).
//
// Output: tests/data/rect_cap.jsonl (the directory is argv[1]), one JSON
// object per line, its kind in "op" and its flavour in "case". A rectangle
// is [lat_lo, lat_hi, lng_lo, lng_hi] (radians), a cap [x, y, z, length2],
// a lat/lng [lat, lng] (radians), a point [x, y, z].
//
//   op "rect": one rectangle r, with
//     area, centroid (GetCentroid), polar_closure,
//     lls (lat/lngs) with contains, interior_contains (S2LatLng overloads)
//     and distance (GetDistance(S2LatLng), radians; null for the empty
//     rectangle), contains_point / interior_contains_point (the S2Point
//     overloads on each lat/lng's ToPoint());
//     center (GetCenter), size (GetSize), vertices (GetVertex 0..3),
//     cap_bound (GetCapBound); encoded (hex of Encode());
//     expanded_by_distance [{d, out}] (ExpandedByDistance(S1Angle));
//     expanded [{lat, lng, out}] (Expanded(S2LatLng margin)).
//   op "rect_pair": rectangles a, b, with union, intersection (rects),
//     contains, interior_contains, intersects, interior_intersects (a op b),
//     approx_eq (ApproxEquals, default 1e-15), approx_eq_1e9 (tolerance
//     1e-9), approx_eq_lat9 (ApproxEquals with S2LatLng(1e-9, 1e-15)),
//     eq (operator==), hausdorff_ab, hausdorff_ba (GetDirectedHausdorffDistance),
//     hausdorff (GetHausdorffDistance) and, when both are non-empty,
//     distance (GetDistance(S2LatLngRect)).
//   op "rect_cell": rectangle r, cells (ids) and intersects
//     (Intersects(S2Cell), the exact test).
//   op "rect_edge": rectangle r, edges [[v0 xyz, v1 xyz], ...] and
//     boundary_intersects (BoundaryIntersects(v0, v1)).
//   op "rect_add": start rectangle r, lat/lngs lls, and after (the
//     rectangle after each AddPoint(S2LatLng), in turn); pair (the
//     FromPointPair of the first two lat/lngs); size and center_size
//     (FromCenterSize(third lat/lng, size)).
//   op "cap": cap c with centroid (GetCentroid), area, points with
//     contains and interior_contains, complement, expanded (Expanded by
//     1e-9 and 0.3 radians), rect_bound (GetRectBound), encoded (hex of
//     Encode()), valid_scaled
//     [[s, is_valid]] (is_valid of the cap with its center times s).
//   op "rect_decode": bytes (hex) given to S2LatLngRect::Decode, ok (its
//     answer) and, when ok, rect (the decoded rectangle).
//   op "cap_pair": caps a, b with union (S2Cap::Union), approx_eq
//     (ApproxEquals, default 1e-14), approx_eq_1e9, eq (operator==),
//     contains, intersects, interior_intersects (a op b).
//
// Floats are printed with "%.17g" (round-trips every finite double; -0.0
// prints as "-0"); ids as plain JSON integers. An infinite value
// (R1Interval Hausdorff distance to nothing) never occurs: pairs with an
// empty rectangle only take the π / 0 paths.
//
// Deterministic: one std::mt19937_64 seeded with 20261130 and no
// std::*_distribution (their algorithms are implementation-defined).

#include <algorithm>
#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "s2/r1interval.h"
#include "s2/s1angle.h"
#include "s2/s1chord_angle.h"
#include "s2/s1interval.h"
#include "s2/s2cap.h"
#include "s2/s2cell.h"
#include "s2/s2cell_id.h"
#include "s2/s2latlng.h"
#include "s2/s2latlng_rect.h"
#include "s2/s2point.h"
#include "s2/util/coding/coder.h"

namespace {

constexpr uint64_t kSeed = 20261130;
constexpr char kProgram[] = "gen_rect_cap_vectors";
// The PRNG, JSON writing and Die() every generator shares (its last
// function, RectJson, is closed by the brace after it, as in the others).
#include "oracle_common.inc"
}

std::string P(const S2Point& p) { return DblList({p.x(), p.y(), p.z()}); }
std::string LL(const S2LatLng& ll) { return DblList({ll.lat().radians(), ll.lng().radians()}); }

std::string Hex(const void* p, size_t n) {
  static const char d[] = "0123456789abcdef";
  std::string s = "\"";
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<const unsigned char*>(p)[i];
    s += d[c >> 4];
    s += d[c & 15];
  }
  return s + "\"";
}

template <class T>
std::string Encoded(const T& v) {
  Encoder e;
  v.Encode(&e);
  return Hex(e.base(), e.length());
}

// ------------------------------------------------------------ random input
double Sym(double m) { return (2 * U01() - 1) * m; }

// A latitude, with the poles and the equator now and then.
double RandLat() {
  switch (Below(12)) {
    case 0: return M_PI_2;
    case 1: return -M_PI_2;
    case 2: return 0.0;
    default: return Sym(M_PI_2);
  }
}

// A longitude, with ±π and 0 now and then.
double RandLng() {
  switch (Below(12)) {
    case 0: return M_PI;
    case 1: return -M_PI;
    case 2: return 0.0;
    default: return Sym(M_PI);
  }
}

// A span: tiny, small, medium or anything.
double RandSpan(double max) {
  switch (Below(5)) {
    case 0: return 0.0;
    case 1: return std::ldexp(U01(), -IRange(20, 45));
    case 2: return U01() * 0.01;
    case 3: return U01() * 0.5;
    default: return U01() * max;
  }
}

S2LatLngRect RandRect(std::string* kind) {
  int k = static_cast<int>(Below(100));
  if (k < 4) { *kind = "empty"; return S2LatLngRect::Empty(); }
  if (k < 7) { *kind = "full"; return S2LatLngRect::Full(); }
  R1Interval lat;
  {
    double a = RandLat();
    double b = std::max(-M_PI_2, std::min(M_PI_2, a + Sym(1) * RandSpan(M_PI)));
    lat = R1Interval::FromPointPair(a, b);
  }
  S1Interval lng;
  if (k < 12) {
    *kind = "full_lng";
    lng = S1Interval::Full();
  } else if (k < 20) {
    *kind = "antimeridian";
    double lo = M_PI - RandSpan(M_PI), hi = -M_PI + RandSpan(M_PI);
    if (Chance(20)) lo = M_PI;
    if (Chance(20)) hi = -M_PI;
    lng = S1Interval(lo, hi);
    if (lng.is_empty()) lng = S1Interval(M_PI, M_PI);
  } else if (k < 26) {
    *kind = "polar";
    lat = Chance(50) ? R1Interval(M_PI_2 - RandSpan(1), M_PI_2)
                     : R1Interval(-M_PI_2, -M_PI_2 + RandSpan(1));
    double lo = RandLng();
    lng = S1Interval::FromPointPair(lo, std::remainder(lo + RandSpan(6), 2 * M_PI));
  } else if (k < 32) {
    *kind = "point";
    double a = RandLat(), o = RandLng();
    lat = R1Interval(a, a);
    lng = S1Interval(o, o);
  } else {
    *kind = "random";
    double lo = RandLng();
    double hi = std::remainder(lo + RandSpan(2 * M_PI), 2 * M_PI);
    lng = S1Interval(lo, hi);
    if (lng.is_empty()) lng = S1Interval::Full();
  }
  S2LatLngRect r(lat, lng);
  Check(r.is_valid(), "RandRect invalid");
  return r;
}

// A lat/lng near the rectangle: a vertex, its center, on an edge, a pole,
// ±π, or jittered around or anywhere.
S2LatLng NearLL(const S2LatLngRect& r) {
  if (r.is_empty() || Chance(15)) return S2LatLng::FromRadians(RandLat(), RandLng());
  double lat, lng;
  switch (Below(6)) {
    case 0: {
      S2LatLng v = r.GetVertex(static_cast<int>(Below(4)));
      lat = v.lat().radians();
      lng = v.lng().radians();
      break;
    }
    case 1:
      lat = r.GetCenter().lat().radians();
      lng = r.GetCenter().lng().radians();
      break;
    case 2:  // on a parallel edge
      lat = Chance(50) ? r.lat().lo() : r.lat().hi();
      lng = std::remainder(r.lng().lo() + U01() * r.lng().GetLength(), 2 * M_PI);
      break;
    case 3:  // on a meridian edge
      lat = r.lat().lo() + U01() * r.lat().GetLength();
      lng = Chance(50) ? r.lng().lo() : r.lng().hi();
      break;
    default:
      lat = r.GetCenter().lat().radians() + Sym(1.2) * (r.lat().GetLength() + RandSpan(0.2));
      lng = r.GetCenter().lng().radians() + Sym(1.2) * (r.lng().GetLength() + RandSpan(0.2));
      break;
  }
  S2LatLng ll = S2LatLng::FromRadians(lat, lng).Normalized();
  Check(ll.is_valid(), "NearLL");
  return ll;
}

S2Point RandPoint() {
  for (;;) {
    S2Point p(Sym(1), Sym(1), Sym(1));
    if (p.Norm2() > 1e-4 && p.Norm2() <= 1) return p.Normalize();
  }
}

S2Cap RandCap(std::string* kind) {
  int k = static_cast<int>(Below(100));
  S2Point c = Chance(10) ? S2LatLng::FromRadians(RandLat(), RandLng()).ToPoint() : RandPoint();
  if (k < 5) { *kind = "empty"; return Chance(50) ? S2Cap::Empty() : S2Cap(c, S1Angle::Radians(-1)); }
  if (k < 9) { *kind = "full"; return S2Cap::Full(); }
  if (k < 15) { *kind = "point"; return S2Cap::FromPoint(c); }
  if (k < 30) { *kind = "tiny"; return S2Cap(c, S1Angle::Radians(std::ldexp(U01(), -IRange(15, 45)))); }
  if (k < 45) { *kind = "over_hemisphere"; return S2Cap(c, S1Angle::Radians(M_PI_2 + U01() * M_PI_2)); }
  if (k < 55) { *kind = "height"; return S2Cap::FromCenterHeight(c, 2 * U01()); }
  *kind = "random";
  return S2Cap(c, S1Angle::Radians(U01() * (Chance(50) ? 0.3 : M_PI)));
}

S2Point NearPoint(const S2Cap& c) {
  if (c.is_empty() || Chance(20)) return RandPoint();
  if (Chance(15)) return c.center();
  // Along a random direction from the center, at about the radius.
  S2Point d = RandPoint();
  S2Point t = c.center().CrossProd(d);
  if (t.Norm2() < 1e-20) return RandPoint();
  t = t.Normalize();
  double r = c.GetRadius().radians() * (Chance(50) ? 1.0 : 1 + Sym(0.1));
  return (std::cos(r) * c.center() + std::sin(r) * t).Normalize();
}

// ------------------------------------------------------------------ writers
void RectLine(Out& out) {
  std::string kind;
  S2LatLngRect r = RandRect(&kind);
  std::vector<S2LatLng> lls;
  for (int i = 0; i < 6; ++i) lls.push_back(NearLL(r));
  std::string lla = "[", ca = "[", ica = "[", da = "[", cpa = "[", icpa = "[";
  for (size_t i = 0; i < lls.size(); ++i) {
    if (i) { lla += ','; ca += ','; ica += ','; da += ','; cpa += ','; icpa += ','; }
    lla += LL(lls[i]);
    ca += r.Contains(lls[i]) ? "true" : "false";
    ica += r.InteriorContains(lls[i]) ? "true" : "false";
    cpa += r.Contains(lls[i].ToPoint()) ? "true" : "false";
    icpa += r.InteriorContains(lls[i].ToPoint()) ? "true" : "false";
    da += r.is_empty() ? "null" : Dbl(r.GetDistance(lls[i]).radians());
  }
  std::string ebd = "[";
  const double ds[] = {0.0, 1e-9, 0.1, 1.0, -1e-9, -1e-3, -0.4};
  for (size_t i = 0; i < sizeof ds / sizeof ds[0]; ++i) {
    if (i) ebd += ',';
    ebd += "{\"d\":" + Dbl(ds[i]) + ",\"out\":" +
           RectJson(r.ExpandedByDistance(S1Angle::Radians(ds[i]))) + "}";
  }
  ebd += "]";
  std::string ex = "[";
  for (int i = 0; i < 2; ++i) {
    if (i) ex += ',';
    double mlat = Sym(1) * RandSpan(0.5), mlng = Sym(1) * RandSpan(2);
    ex += "{\"lat\":" + Dbl(mlat) + ",\"lng\":" + Dbl(mlng) + ",\"out\":" +
          RectJson(r.Expanded(S2LatLng::FromRadians(mlat, mlng))) + "}";
  }
  ex += "]";
  out.Put(Line()
              .S("op", "rect")
              .S("case", kind)
              .Raw("r", RectJson(r))
              .D("area", r.Area())
              .Raw("centroid", P(r.GetCentroid()))
              .Raw("polar_closure", RectJson(r.PolarClosure()))
              .Raw("lls", lla + "]")
              .Raw("contains", ca + "]")
              .Raw("interior_contains", ica + "]")
              .Raw("distance", da + "]")
              .Raw("contains_point", cpa + "]")
              .Raw("interior_contains_point", icpa + "]")
              .Raw("center", LL(r.GetCenter()))
              .Raw("size", LL(r.GetSize()))
              .Raw("vertices", "[" + LL(r.GetVertex(0)) + "," + LL(r.GetVertex(1)) + "," +
                                   LL(r.GetVertex(2)) + "," + LL(r.GetVertex(3)) + "]")
              .Raw("cap_bound", CapJson(r.GetCapBound()))
              .Raw("encoded", Encoded(r))
              .Raw("expanded_by_distance", ebd)
              .Raw("expanded", ex));
}

void RectPairLine(Out& out) {
  std::string ka, kb;
  S2LatLngRect a = RandRect(&ka);
  S2LatLngRect b;
  switch (Below(5)) {
    case 0:  // a near copy
      {
        double e = Chance(50) ? 1e-15 : 1e-11;
        b = a.Expanded(S2LatLng::FromRadians(Sym(e), Sym(e)));
      }
      kb = "near";
      break;
    case 1:  // overlapping / touching
      if (!a.is_empty()) {
        b = S2LatLngRect::FromPointPair(NearLL(a), NearLL(a));
        kb = "near_points";
        break;
      }
      [[fallthrough]];
    default:
      b = RandRect(&kb);
  }
  Line l;
  l.S("op", "rect_pair").S("case", ka + "/" + kb).Raw("a", RectJson(a)).Raw("b", RectJson(b));
  l.Raw("union", RectJson(a.Union(b)))
      .Raw("intersection", RectJson(a.Intersection(b)))
      .B("contains", a.Contains(b))
      .B("interior_contains", a.InteriorContains(b))
      .B("intersects", a.Intersects(b))
      .B("interior_intersects", a.InteriorIntersects(b))
      .B("approx_eq", a.ApproxEquals(b))
      .B("approx_eq_1e9", a.ApproxEquals(b, S1Angle::Radians(1e-9)))
      .B("approx_eq_lat9", a.ApproxEquals(b, S2LatLng::FromRadians(1e-9, 1e-15)))
      .B("eq", a == b)
      .D("hausdorff_ab", a.GetDirectedHausdorffDistance(b).radians())
      .D("hausdorff_ba", b.GetDirectedHausdorffDistance(a).radians())
      .D("hausdorff", a.GetHausdorffDistance(b).radians());
  if (!a.is_empty() && !b.is_empty()) l.D("distance", a.GetDistance(b).radians());
  out.Put(l);
}

void RectCellLine(Out& out) {
  std::string kind;
  S2LatLngRect r = RandRect(&kind);
  std::vector<S2CellId> ids;
  std::string ia = "[";
  for (int i = 0; i < 8; ++i) {
    S2CellId id = S2CellId(NearLL(r)).parent(IRange(0, 22));
    ids.push_back(id);
    if (i) ia += ',';
    ia += r.Intersects(S2Cell(id)) ? "true" : "false";
  }
  out.Put(Line().S("op", "rect_cell").S("case", kind).Raw("r", RectJson(r)).Ids("cells", ids).Raw(
      "intersects", ia + "]"));
}

void RectEdgeLine(Out& out) {
  std::string kind;
  S2LatLngRect r = RandRect(&kind);
  std::string ea = "[", ba = "[";
  for (int i = 0; i < 8; ++i) {
    S2Point v0, v1;
    for (;;) {
      v0 = NearLL(r).ToPoint();
      v1 = Chance(30) ? S2LatLng::FromRadians(RandLat(), RandLng()).ToPoint() : NearLL(r).ToPoint();
      if (v0 != v1 && v0 != -v1 && v0.CrossProd(v1).Norm2() > 1e-30) break;
    }
    if (i) { ea += ','; ba += ','; }
    ea += "[" + P(v0) + "," + P(v1) + "]";
    ba += r.BoundaryIntersects(v0, v1) ? "true" : "false";
  }
  out.Put(Line().S("op", "rect_edge").S("case", kind).Raw("r", RectJson(r)).Raw("edges", ea + "]").Raw(
      "boundary_intersects", ba + "]"));
}

void RectAddLine(Out& out) {
  std::string kind;
  S2LatLngRect r = Chance(40) ? S2LatLngRect::Empty() : RandRect(&kind);
  if (r.is_empty()) kind = "empty";
  std::vector<S2LatLng> lls;
  for (int i = 0; i < 6; ++i) lls.push_back(Chance(50) ? NearLL(r) : S2LatLng::FromRadians(RandLat(), RandLng()));
  std::string la = "[", aa = "[";
  S2LatLng size = S2LatLng::FromRadians(RandSpan(4), RandSpan(7));
  S2LatLngRect start = r;
  for (size_t i = 0; i < lls.size(); ++i) {
    r.AddPoint(lls[i]);
    if (i) { la += ','; aa += ','; }
    la += LL(lls[i]);
    aa += RectJson(r);
  }
  out.Put(Line()
              .S("op", "rect_add")
              .S("case", kind)
              .Raw("r", RectJson(start))
              .Raw("lls", la + "]")
              .Raw("after", aa + "]")
              .Raw("pair", RectJson(S2LatLngRect::FromPointPair(lls[0], lls[1])))
              .Raw("size", LL(size))
              .Raw("center_size", RectJson(S2LatLngRect::FromCenterSize(lls[2], size))));
}

void CapLine(Out& out) {
  std::string kind;
  S2Cap c = RandCap(&kind);
  std::string valid = "[";
  for (int j = 0; j < 8; ++j) {
    // The center scaled off unit length by j ulps of 1, then by 1e-15·j.
    double s = j < 4 ? 1 + j * DBL_EPSILON : 1 - (j - 3) * 1e-15;
    if (j) valid += ',';
    valid += "[" + Dbl(s) + "," + (S2Cap(c.center() * s, c.radius()).is_valid() ? "true" : "false") + "]";
  }
  std::string pa = "[", ca = "[", ica = "[";
  for (int i = 0; i < 8; ++i) {
    S2Point p = NearPoint(c);
    if (i) { pa += ','; ca += ','; ica += ','; }
    pa += P(p);
    ca += c.Contains(p) ? "true" : "false";
    ica += c.InteriorContains(p) ? "true" : "false";
  }
  out.Put(Line()
              .S("op", "cap")
              .S("case", kind)
              .Raw("c", CapJson(c))
              .D("area", c.GetArea())
              .Raw("centroid", P(c.GetCentroid()))
              .Raw("points", pa + "]")
              .Raw("contains", ca + "]")
              .Raw("interior_contains", ica + "]")
              .Raw("complement", CapJson(c.Complement()))
              .Raw("expanded", "[" + CapJson(c.Expanded(S1Angle::Radians(1e-9))) + "," +
                                   CapJson(c.Expanded(S1Angle::Radians(0.3))) + "]")
              .Raw("rect_bound", RectJson(c.GetRectBound()))
              .Raw("encoded", Encoded(c))
              .Raw("valid_scaled", valid + "]"));
}

void CapPairLine(Out& out) {
  std::string ka, kb;
  S2Cap a = RandCap(&ka);
  S2Cap b;
  switch (Below(6)) {
    case 0:
      if (!a.is_empty()) {
        b = S2Cap(a.center(), S1ChordAngle::FromLength2(std::max(0.0, a.radius().length2() + Sym(Chance(50) ? 1e-15 : 1e-11))));
        kb = "near";
        break;
      }
      [[fallthrough]];
    case 1:
      if (!a.is_empty()) {  // same radius, center nearby
        S2Point d = NearPoint(S2Cap(a.center(), S1Angle::Radians(U01() * 0.2)));
        b = S2Cap(d, a.radius());
        kb = "shifted";
        break;
      }
      [[fallthrough]];
    case 2:  // antipodal center
      if (!a.is_empty()) {
        b = S2Cap(-a.center(), S1Angle::Radians(U01() * M_PI));
        kb = "antipodal";
        break;
      }
      [[fallthrough]];
    default:
      b = RandCap(&kb);
  }
  out.Put(Line()
              .S("op", "cap_pair")
              .S("case", ka + "/" + kb)
              .Raw("a", CapJson(a))
              .Raw("b", CapJson(b))
              .Raw("union", CapJson(a.Union(b)))
              .B("approx_eq", a.ApproxEquals(b))
              .B("approx_eq_1e9", a.ApproxEquals(b, S1Angle::Radians(1e-9)))
              .B("eq", a == b)
              .B("contains", a.Contains(b))
              .B("intersects", a.Intersects(b))
              .B("interior_intersects", a.InteriorIntersects(b)));
}

// Bytes for S2LatLngRect::Decode: a version byte (0..3) and four doubles,
// valid or not (out of range, -π with another bound, NaN, infinite, a
// non-empty latitude with an empty longitude range).
void RectDecodeLine(Out& out) {
  std::string kind;
  S2LatLngRect r = RandRect(&kind);
  double v[4] = {r.lat().lo(), r.lat().hi(), r.lng().lo(), r.lng().hi()};
  int k = static_cast<int>(Below(4));
  switch (Below(10)) {
    case 0: v[k] = std::nan(""); kind = "nan"; break;
    case 1: v[k] = (Chance(50) ? 1 : -1) * HUGE_VAL; kind = "inf"; break;
    case 2: v[k] = k < 2 ? std::nextafter(M_PI_2, 4.0) : std::nextafter(M_PI, 4.0); kind = "beyond"; break;
    case 3: v[2 + Below(2)] = -M_PI; kind = "minus_pi"; break;
    case 4: v[2] = M_PI; v[3] = -M_PI; kind = "empty_lng"; break;
    case 5: std::swap(v[0], v[1]); kind = "swapped_lat"; break;
    default: break;
  }
  unsigned char buf[33];
  buf[0] = static_cast<unsigned char>(Chance(80) ? 1 : Below(4));
  for (int i = 0; i < 4; ++i) std::memcpy(buf + 1 + 8 * i, &v[i], 8);  // little-endian x86
  Decoder d(buf, sizeof buf);
  S2LatLngRect got;
  bool ok = got.Decode(&d);
  Line l;
  l.S("op", "rect_decode").S("case", kind).Raw("bytes", Hex(buf, sizeof buf)).B("ok", ok);
  if (ok) l.Raw("rect", RectJson(got));
  out.Put(l);
}

void WriteAll(const std::string& dir) {
  Out out(dir + "/rect_cap.jsonl");
  for (int i = 0; i < 150; ++i) RectLine(out);
  for (int i = 0; i < 300; ++i) RectPairLine(out);
  for (int i = 0; i < 150; ++i) RectCellLine(out);
  for (int i = 0; i < 70; ++i) RectEdgeLine(out);
  for (int i = 0; i < 60; ++i) RectAddLine(out);
  for (int i = 0; i < 100; ++i) CapLine(out);
  for (int i = 0; i < 270; ++i) CapPairLine(out);
  for (int i = 0; i < 150; ++i) RectDecodeLine(out);
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
