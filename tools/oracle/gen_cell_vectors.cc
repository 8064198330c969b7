// Conformance vectors for the s2cells `cell` module, computed by Google's
// s2geometry C++ library (the copy shipped inside the PyPI wheel
// s2geometry==0.14.0; see generate.sh for the build line).
//
// Everything is computed through the C++ API, not the Python bindings: the
// SWIG bindings lack most of the calls used here (GetCenterSiTi,
// ToFaceIJOrientation, AppendVertexNeighbors, advance_wrap, maximum_tile,
// FromDebugString, the metrics, S2Earth, ...).
//
// Output: JSON Lines under the directory given as argv[1]:
//   cell_points.jsonl  cell_tokens.jsonl
//   cell_debug_strings.jsonl  cell_ops.jsonl  cell_metrics.jsonl  earth.jsonl
//   cell_edges.jsonl
// tools/oracle/README.md describes every field.
//
// Floats are printed with "%.17g", which round-trips every finite double
// exactly (-0.0 prints as "-0"). No NaN or infinity is ever written.
// u64 ids are printed as plain JSON integers.
//
// Deterministic: one std::mt19937_64 (fully specified by the C++ standard)
// seeded with 20261122, and no std::*_distribution (their algorithms are
// implementation-defined). Inputs that go through libm (asin for uniform
// latitudes) are printed exactly, so a consumer never recomputes them.

#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "s2/s1angle.h"
#include "s2/s1chord_angle.h"
#include "s2/s2cap.h"
#include "s2/s2cell.h"
#include "s2/s2cell_id.h"
#include "s2/s2coords.h"
#include "s2/s2earth.h"
#include "s2/s2latlng.h"
#include "s2/s2latlng_rect.h"
#include "s2/s2metrics.h"
#include "s2/s2point.h"

namespace {

constexpr uint64_t kSeed = 20261122;
std::mt19937_64 rng(kSeed);

uint64_t R() { return rng(); }
// Uniform in [0, n) (modulo bias is irrelevant here; determinism is not).
uint64_t Below(uint64_t n) { return R() % n; }
int IRange(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
double U01() { return static_cast<double>(R() >> 11) * 0x1p-53; }

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "gen_cell_vectors: %s\n", what);
  std::exit(1);
}

void Check(bool ok, const char* what) {
  if (!ok) Die(what);
}

// ---------------------------------------------------------------- JSON line
class Line {
 public:
  Line() : s_("{") {}
  Line& Key(const char* k) {
    if (s_.size() > 1) s_ += ',';
    s_ += '"';
    s_ += k;
    s_ += "\":";
    return *this;
  }
  Line& Raw(const char* k, const std::string& v) {
    Key(k);
    s_ += v;
    return *this;
  }
  Line& D(const char* k, double v) { return Raw(k, Dbl(v)); }
  Line& U(const char* k, uint64_t v) { return Raw(k, U64(v)); }
  Line& I(const char* k, int64_t v) {
    char b[32];
    std::snprintf(b, sizeof b, "%" PRId64, v);
    return Raw(k, b);
  }
  Line& B(const char* k, bool v) { return Raw(k, v ? "true" : "false"); }
  Line& Null(const char* k) { return Raw(k, "null"); }
  Line& S(const char* k, const std::string& v) { return Raw(k, Str(v)); }
  Line& Id(const char* k, S2CellId id) { return U(k, id.id()); }
  Line& Ids(const char* k, const std::vector<S2CellId>& ids) {
    std::string a = "[";
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i) a += ',';
      a += U64(ids[i].id());
    }
    return Raw(k, a + "]");
  }
  Line& Dv(const char* k, std::initializer_list<double> v) {
    std::string a = "[";
    bool first = true;
    for (double d : v) {
      if (!first) a += ',';
      first = false;
      a += Dbl(d);
    }
    return Raw(k, a + "]");
  }
  Line& Iv(const char* k, std::initializer_list<int64_t> v) {
    std::string a = "[";
    bool first = true;
    for (int64_t d : v) {
      if (!first) a += ',';
      first = false;
      a += std::to_string(d);
    }
    return Raw(k, a + "]");
  }
  Line& P(const char* k, const S2Point& p) { return Dv(k, {p.x(), p.y(), p.z()}); }
  Line& Ps(const char* k, const std::vector<S2Point>& ps) {
    std::string a = "[";
    for (size_t i = 0; i < ps.size(); ++i) {
      if (i) a += ',';
      a += "[" + Dbl(ps[i].x()) + "," + Dbl(ps[i].y()) + "," + Dbl(ps[i].z()) + "]";
    }
    return Raw(k, a + "]");
  }
  Line& LL(const char* k, const S2LatLng& ll) {
    return Dv(k, {ll.lat().radians(), ll.lng().radians()});
  }
  Line& Rect(const char* k, const R2Rect& r) {
    // [[x_lo, x_hi], [y_lo, y_hi]], i.e. [[s_lo,s_hi],[t_lo,t_hi]] or u/v.
    return Raw(k, "[[" + Dbl(r[0][0]) + "," + Dbl(r[0][1]) + "],[" + Dbl(r[1][0]) +
                      "," + Dbl(r[1][1]) + "]]");
  }
  std::string Done() const { return s_ + "}\n"; }

  static std::string Dbl(double v) {
    if (!std::isfinite(v)) Die("non-finite double in output");
    char b[40];
    std::snprintf(b, sizeof b, "%.17g", v);
    double back = std::strtod(b, nullptr);  // self-check of the round trip
    if (std::memcmp(&v, &back, sizeof v) != 0) Die("%.17g did not round-trip");
    return b;
  }
  static std::string U64(uint64_t v) {
    char b[32];
    std::snprintf(b, sizeof b, "%" PRIu64, v);
    return b;
  }
  // JSON string: ASCII printable kept, '"' and '\\' escaped, control bytes as
  // \u00XX, bytes >= 0x80 copied (the generator only writes valid UTF-8).
  static std::string Str(const std::string& v) {
    std::string o = "\"";
    for (unsigned char c : v) {
      if (c == '"' || c == '\\') {
        o += '\\';
        o += static_cast<char>(c);
      } else if (c < 0x20 || c == 0x7f) {
        char b[8];
        std::snprintf(b, sizeof b, "\\u%04x", c);
        o += b;
      } else {
        o += static_cast<char>(c);
      }
    }
    return o + "\"";
  }

 private:
  std::string s_;
};

class Out {
 public:
  Out(const std::string& dir, const char* name) : path_(dir + "/" + name) {
    f_ = std::fopen(path_.c_str(), "wb");
    if (!f_) Die(("cannot open " + path_).c_str());
  }
  ~Out() {
    std::fclose(f_);
    std::fprintf(stderr, "%-40s %7zu lines\n", path_.c_str(), n_);
  }
  void Put(const Line& l) {
    std::string s = l.Done();
    std::fwrite(s.data(), 1, s.size(), f_);
    ++n_;
  }

 private:
  std::string path_;
  FILE* f_;
  size_t n_ = 0;
};

// ------------------------------------------------------------- random cells
S2CellId RandomCellAt(int level) {
  int face = static_cast<int>(Below(6));
  uint64_t pos = R() & ((uint64_t{1} << S2CellId::kPosBits) - 1);
  S2CellId id = S2CellId::FromFacePosLevel(face, pos, level);
  Check(id.is_valid() && id.level() == level, "RandomCellAt");
  return id;
}
S2CellId RandomCell() { return RandomCellAt(IRange(0, 30)); }

// Area-uniform latitude and uniform longitude, in degrees. (Callers draw
// them into named variables: the evaluation order of function arguments is
// unspecified, and the files must not depend on the compiler.)
double RandLat() { return std::asin(2 * U01() - 1) * (180 / M_PI); }
double RandLng() { return U01() * 360 - 180; }

double NextUp(double x) { return std::nextafter(x, std::numeric_limits<double>::infinity()); }
double NextDown(double x) { return std::nextafter(x, -std::numeric_limits<double>::infinity()); }

// ================================================================== points
struct PointInput {
  std::string kase;
  bool is_ll;
  double lat, lng;    // degrees, when is_ll
  std::string lat_s, lng_s;  // the decimal text, for "gps"
  S2Point xyz;        // when !is_ll
};

std::vector<PointInput> MakePointInputs() {
  std::vector<PointInput> v;
  auto ll = [&](const char* c, double lat, double lng) {
    v.push_back({c, true, lat, lng, "", "", S2Point()});
  };
  auto xyz = [&](const char* c, const S2Point& p) {
    v.push_back({c, false, 0, 0, "", "", p});
  };

  // Exact poles, various longitudes, and one ulp away from them.
  const double lngs[] = {0.0, -0.0, 45.0, 90.0, -90.0, 135.0, 180.0, -180.0,
                         1e-300, -5e-324, 179.99999999999997, -179.99999999999997,
                         0.1, 33.3, -123.456789, 77.77777777777777};
  for (double lat : {90.0, -90.0, NextDown(90.0), NextUp(-90.0)}) {
    for (double lng : lngs) ll("pole", lat, lng);
    for (int k = 0; k < 4; ++k) ll("pole", lat, RandLng());
  }

  // Antimeridian: lng = +-180 and one ulp toward 0.
  for (double lng : {180.0, -180.0, NextDown(180.0), NextUp(-180.0)}) {
    for (double lat : {0.0, -0.0, 45.0, -45.0, 89.999999, -89.999999, 35.26438968275465,
                       -35.26438968275465, 1e-10, 60.0})
      ll("antimeridian", lat, lng);
    for (int k = 0; k < 40; ++k) ll("antimeridian", RandLat(), lng);
  }

  // Equator: lat 0, -0 and subnormal / smallest normal latitudes.
  for (double lat : {0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308,
                     -2.2250738585072014e-308}) {
    for (double lng : {0.0, -0.0, 45.0, -45.0, 90.0, -90.0, 135.0, -135.0, 180.0, -180.0,
                       5e-324, -5e-324, 2.2250738585072014e-308})
      ll("equator", lat, lng);
    for (int k = 0; k < 12; ++k) ll("equator", lat, RandLng());
  }

  // Face edges: S2::FaceUVtoXYZ(face, u, v) for u, v on and next to the
  // face boundaries and the face's center lines.
  const double uvs[] = {-1.0, NextUp(-1.0), NextDown(-1.0), -5e-324, -0.0, 0.0, 5e-324,
                        NextDown(1.0), NextUp(1.0), 1.0, 0.5};
  for (int face = 0; face < 6; ++face)
    for (double u : uvs)
      for (double w : uvs) xyz("face_edge", S2::FaceUVtoXYZ(face, u, w));

  // Cube vertices (+-1,+-1,+-1), each coordinate exact or one ulp either way.
  for (int sx : {-1, 1})
    for (int sy : {-1, 1})
      for (int sz : {-1, 1})
        for (int dx = -1; dx <= 1; ++dx)
          for (int dy = -1; dy <= 1; ++dy)
            for (int dz = -1; dz <= 1; ++dz) {
              auto c = [](int s, int d) {
                double a = d < 0 ? NextDown(1.0) : d > 0 ? NextUp(1.0) : 1.0;
                return s * a;
              };
              xyz("cube_vertex", S2Point(c(sx, dx), c(sy, dy), c(sz, dz)));
            }

  // Uniform on the sphere (area-uniform latitude), full doubles in degrees.
  for (int k = 0; k < 12000; ++k) {
    double lat = RandLat();
    ll("uniform", lat, RandLng());
  }

  // Centers and vertices of random cells at random levels, as xyz points.
  for (int k = 0; k < 2000; ++k) xyz("cell_center", RandomCell().ToPoint());
  for (int k = 0; k < 2000; ++k)
    xyz("cell_vertex", S2Cell(RandomCell()).GetVertex(static_cast<int>(Below(4))));

  // 7-decimal GPS fixes, parsed from their decimal text like a CSV reader.
  for (int k = 0; k < 3000; ++k) {
    auto dec = [](int64_t e7) {
      char b[40];
      uint64_t a = e7 < 0 ? -e7 : e7;
      std::snprintf(b, sizeof b, "%s%" PRIu64 ".%07" PRIu64, e7 < 0 ? "-" : "", a / 10000000,
                    a % 10000000);
      return std::string(b);
    };
    int64_t late7 = static_cast<int64_t>(Below(1800000001)) - 900000000;
    int64_t lnge7 = static_cast<int64_t>(Below(3600000001)) - 1800000000;
    PointInput in{"gps", true, 0, 0, dec(late7), dec(lnge7), S2Point()};
    in.lat = std::strtod(in.lat_s.c_str(), nullptr);
    in.lng = std::strtod(in.lng_s.c_str(), nullptr);
    v.push_back(in);
  }
  return v;
}

// Writes every id-level and geometric property of one cell (the "full
// block"). `p` is the input point (for "contains_point").
void CellBlock(Line& l, S2CellId id, const S2Point& p) {
  const int L = id.level();
  S2Cell cell(id);
  l.U("face", id.face()).U("pos", id.pos()).U("lsb", id.lsb());
  l.B("is_face", id.is_face()).B("is_leaf", id.is_leaf());
  l.I("size_ij", id.GetSizeIJ()).D("size_st", id.GetSizeST());
  l.P("center", id.ToPoint()).P("center_raw", id.ToPointRaw()).LL("center_ll", id.ToLatLng());
  R2Point st = id.GetCenterST(), uv = id.GetCenterUV();
  l.Dv("center_st", {st[0], st[1]}).Dv("center_uv", {uv[0], uv[1]});
  l.Rect("bound_st", id.GetBoundST()).Rect("bound_uv", id.GetBoundUV());
  Check(cell.GetBoundUV() == id.GetBoundUV(), "S2Cell::GetBoundUV != S2CellId::GetBoundUV");
  int si, ti;
  int f = id.GetCenterSiTi(&si, &ti);
  l.Iv("center_si_ti", {f, si, ti});
  int i, j, o;
  f = id.ToFaceIJOrientation(&i, &j, &o);
  l.Iv("face_ij_orientation", {f, i, j, o});
  std::vector<S2Point> vs, vr, es, er;
  for (int k = 0; k < 4; ++k) {
    vs.push_back(cell.GetVertex(k));
    vr.push_back(cell.GetVertexRaw(k));
    es.push_back(cell.GetEdge(k));
    er.push_back(cell.GetEdgeRaw(k));
  }
  l.Ps("vertices", vs).Ps("vertices_raw", vr).Ps("edges", es).Ps("edges_raw", er);
  // S2Cell::GetCenter() is GetCenterRaw().Normalize() and GetCenterRaw() is
  // id.ToPointRaw(), so it equals "center"; the test checks Cell::center()
  // against "center" and the generator asserts the identity here.
  S2Point cc = cell.GetCenter(), c0 = id.ToPoint();
  Check(std::memcmp(&cc, &c0, sizeof cc) == 0, "S2Cell::GetCenter != S2CellId::ToPoint");
  l.D("exact_area", cell.ExactArea()).D("approx_area", cell.ApproxArea());
  l.D("average_area", cell.AverageArea());
  S2LatLngRect r = cell.GetRectBound();
  l.Dv("rect_bound", {r.lat().lo(), r.lat().hi(), r.lng().lo(), r.lng().hi()});
  S2Cap cap = cell.GetCapBound();
  {
    Line c;
    c.P("center", cap.center()).D("length2", cap.radius().length2());
    std::string s = c.Done();
    s.pop_back();  // '\n'
    l.Raw("cap_bound", s);
  }
  S2CellId nb[4];
  id.GetEdgeNeighbors(nb);
  l.Ids("edge_neighbors", {nb[0], nb[1], nb[2], nb[3]});
  if (L > 0) {
    // AppendVertexNeighbors requires level < this->level().
    int vl = (Below(2) == 0) ? L - 1 : IRange(0, L - 1);
    std::vector<S2CellId> out;
    id.AppendVertexNeighbors(vl, &out);
    l.I("vertex_neighbors_level", vl).Ids("vertex_neighbors", out);
  } else {
    l.Null("vertex_neighbors_level").Null("vertex_neighbors");
  }
  {
    // AppendAllNeighbors requires level() <= nbr_level <= 30.
    int nl = std::min(30, L + static_cast<int>(Below(3)));
    std::vector<S2CellId> out;
    id.AppendAllNeighbors(nl, &out);
    l.I("all_neighbors_level", nl).Ids("all_neighbors", out);
  }
  l.Id("range_min", id.range_min()).Id("range_max", id.range_max());
  l.Id("next", id.next()).Id("prev", id.prev());
  l.Id("next_wrap", id.next_wrap()).Id("prev_wrap", id.prev_wrap());
  if (L > 0) {
    l.Id("immediate_parent", id.parent()).I("child_position", id.child_position());
    int cl = IRange(1, L);
    l.Iv("child_position_at", {cl, id.child_position(cl)});
  } else {
    l.Null("immediate_parent").Null("child_position").Null("child_position_at");
  }
  if (L < 30) {
    l.Ids("children", {id.child(0), id.child(1), id.child(2), id.child(3)});
    l.Id("child_begin", id.child_begin()).Id("child_end", id.child_end());
  } else {
    l.Null("children").Null("child_begin").Null("child_end");
  }
  int dl = IRange(L, 30);
  l.I("child_at_level", dl).Id("child_begin_at", id.child_begin(dl));
  l.Id("child_end_at", id.child_end(dl));
  l.I("distance_from_begin", id.distance_from_begin());
  l.B("contains_point", cell.Contains(p));
}

// How often a line of each case carries the full cell block: hand-picked
// cases more often than random ones (the 12 MB budget for all vector files
// does not allow it on all 20k lines).
int FullEvery(const std::string& kase) {
  if (kase == "pole") return 1;
  if (kase == "antimeridian" || kase == "equator" || kase == "cube_vertex") return 2;
  if (kase == "face_edge") return 3;
  return 40;
}

void WritePoints(const std::string& dir) {
  std::vector<PointInput> in = MakePointInputs();
  Out pts(dir, "cell_points.jsonl");
  size_t idx = 0;
  std::map<std::string, size_t> per_case;
  for (const PointInput& x : in) {
    const size_t nth = per_case[x.kase]++;
    const bool full = nth % FullEvery(x.kase) == 0;
    Line l;
    l.S("case", x.kase);
    S2Point p;
    S2LatLng ll;
    if (x.is_ll) {
      l.D("lat", x.lat).D("lng", x.lng);
      if (!x.lat_s.empty()) l.S("lat_str", x.lat_s).S("lng_str", x.lng_s);
      ll = S2LatLng::FromDegrees(x.lat, x.lng);
      p = ll.ToPoint();
      l.P("p", p);
    } else {
      p = x.xyz;
      l.P("xyz", p);
    }
    S2CellId leaf(p);
    Check(leaf.is_valid() && leaf.is_leaf(), "leaf");
    if (x.is_ll) Check(S2CellId(ll) == leaf, "S2CellId(ll) != S2CellId(ll.ToPoint())");
    l.Id("leaf", leaf).LL("leaf_ll", leaf.ToLatLng());
    // Levels cycle over 0..=30 along the file; the stride 40 of the random
    // cases' full lines is coprime to 31, so those cover every level too.
    const int L = static_cast<int>(idx % 31);
    S2CellId id = leaf.parent(L);
    l.I("level", L).Id("id", id).S("token", id.ToToken());
    if (full) {
      l.B("full", true).S("debug", id.ToString());
      if (x.is_ll) l.LL("ll", ll);
      l.LL("p_ll", S2LatLng(p));
      CellBlock(l, id, p);
    } else {
      l.B("contains_point", S2Cell(id).Contains(p));
    }
    pts.Put(l);
    ++idx;
  }
}

// ================================================================== tokens
void WriteTokens(const std::string& dir) {
  Out out(dir, "cell_tokens.jsonl");
  auto put = [&](const char* kase, const std::string& tok) {
    S2CellId g = S2CellId::FromToken(tok);
    Line l;
    l.S("case", kase).S("token", tok).U("google_id", g.id()).B("google_valid", g.is_valid());
    if (g.is_valid()) l.S("to_token", g.ToToken());
    out.Put(l);
  };
  // Valid tokens of random cells at every level, and their case variants.
  for (int level = 0; level <= 30; ++level) {
    for (int k = 0; k < 24; ++k) {
      S2CellId id = RandomCellAt(level);
      std::string t = id.ToToken();
      put("valid", t);
      std::string up = t;
      for (char& c : up) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (up != t) put("valid_upper", up);
      std::string mixed = t;
      for (char& c : mixed)
        if (Below(2)) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (mixed != t && mixed != up) put("valid_mixed", mixed);
      // Non-canonical: trailing zeros appended (still decodes to the id).
      if (t.size() < 16) put("valid_trailing_zeros", t + std::string(IRange(1, 16 - t.size()), '0'));
    }
  }
  for (int face = 0; face < 6; ++face) {
    put("face", S2CellId::FromFace(face).ToToken());
    put("face", S2CellId::FromFace(face).range_min().ToToken());
    put("face", S2CellId::FromFace(face).range_max().ToToken());
  }
  // Malformed / edge inputs.
  const char* bad[] = {"", "X", "x", "0", "00", "0000000000000000", "00000000000000000",
                       "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e",
                       "f", "A", "F", "10", "1000000000000000", "10000000000000000",
                       "ffffffffffffffff", "FFFFFFFFFFFFFFFF", "fffffffffffffffff",
                       "bfffffffffffffff", "c000000000000000", "c", "d", "e0", "+1", "-1",
                       "0x1", "0X1", " 1", "1 ", " ", "\t1", "1\n", "1,", "g", "G", "z",
                       "1g", "89c25", "89C25", "89c25 ", "89c2_5", "89c2.5", "89c2500000000000",
                       "89c25000000000000", "089c25", "0089c25", "00000000089c25",
                       "\xc3\xa9", "1\xc3\xa9", "\xef\xbc\x91", "\xd9\xa1", "8\xe2\x80\x8b",
                       "1f", "2f", "3", "0000000000000001", "00000000000000001",
                       "0000000000000010", "8000000000000000", "8", "80", "800000000000000",
                       "9", "abcdef", "ABCDEF", "aBcDeF", "\"1\"", "1/", "nan", "inf",
                       "X0", "XX", "NONE", "none", "None"};
  for (const char* t : bad) put("edge", t);
  // Leading zeros of every length in front of a valid token.
  for (int z = 1; z <= 16; ++z) {
    S2CellId id = RandomCellAt(IRange(0, 30));
    put("leading_zeros", std::string(z, '0') + id.ToToken());
  }
  // Tokens of random 64-bit values (mostly invalid ids) and structured
  // invalid ids: face 6/7, lsb at an odd position.
  for (int k = 0; k < 400; ++k) {
    uint64_t v = R();
    put("random_bits", S2CellId(v).ToToken());
  }
  for (int k = 0; k < 100; ++k) {
    uint64_t face = 6 + Below(2);
    int lv = IRange(0, 30);
    uint64_t v = (face << 61) | ((R() & ((uint64_t{1} << 61) - 1)) & ~(2 * S2CellId::lsb_for_level(lv) - 1)) |
                 S2CellId::lsb_for_level(lv);
    put("invalid_face", S2CellId(v).ToToken());
    int bit = 2 * IRange(0, 30);  // valid lsbs sit at even bits; use bit + 1
    uint64_t w = (R() & ~((uint64_t{2} << (bit + 1)) - 1)) | (uint64_t{1} << (bit + 1));
    put("odd_lsb", S2CellId(w).ToToken());
  }
  // Random hex strings of every length 0..=18.
  for (int len = 0; len <= 18; ++len)
    for (int k = 0; k < 8; ++k) {
      std::string s;
      for (int c = 0; c < len; ++c) s += "0123456789abcdefABCDEF"[Below(22)];
      put("random_hex", s);
    }
  // ToToken of the special ids.
  for (uint64_t v : {uint64_t{0}, ~uint64_t{0}}) {
    Line l;
    l.S("case", "to_token_special").U("id", v).S("to_token", S2CellId(v).ToToken());
    out.Put(l);
  }
}

// ============================================================ debug strings
void WriteDebugStrings(const std::string& dir) {
  Out out(dir, "cell_debug_strings.jsonl");
  auto put = [&](const char* kase, const std::string& s) {
    S2CellId g = S2CellId::FromDebugString(s);
    Line l;
    l.S("case", kase).S("str", s).U("google_id", g.id()).B("google_valid", g.is_valid());
    if (g.is_valid()) l.S("to_debug_string", g.ToString());
    out.Put(l);
  };
  for (int level = 0; level <= 30; ++level)
    for (int k = 0; k < 12; ++k) put("valid", RandomCellAt(level).ToString());
  for (int face = 0; face < 6; ++face) put("valid", S2CellId::FromFace(face).ToString());
  put("valid", "0/");
  put("valid", "5/0123");
  put("valid", "5/" + std::string(30, '3'));
  put("valid", "0/" + std::string(30, '0'));
  const char* bad[] = {"6/0", "7/", "9/", "0/4", "0/5", "", "/", "1", "0", "1/01234", "0//",
                       "a/", "0/a", "0\\0", "00/", "0/0/", "0/ ", " 0/", "0/0 ", "-1/",
                       "+1/", "1:", "0-0", "5/0123a", "5/01234", "\xc3\xa9/", "0/\xd9\xa1",
                       "X", "0/\t", "1/2222222222222222222222222222", "1/x", "F/0", "f/"};
  for (const char* s : bad) put("edge", s);
  put("edge", "3/" + std::string(31, '1'));
  put("edge", "3/" + std::string(29, '2') + "4");
  // Random strings over the alphabet "0123456/" (mostly malformed).
  for (int k = 0; k < 300; ++k) {
    std::string s;
    int len = IRange(0, 34);
    for (int c = 0; c < len; ++c) s += "01234567/"[Below(9)];
    if (Below(2) && s.size() >= 2) {
      s[0] = static_cast<char>('0' + Below(6));
      s[1] = '/';
    }
    put("random", s);
  }
}

// ===================================================================== ops
void WriteOps(const std::string& dir) {
  Out out(dir, "cell_ops.jsonl");

  // Per-level constants.
  for (int level = 0; level <= 30; ++level) {
    Line l;
    l.S("op", "level").I("level", level).U("lsb_for_level", S2CellId::lsb_for_level(level));
    l.I("size_ij", S2CellId::GetSizeIJ(level)).D("size_st", S2CellId::GetSizeST(level));
    l.Id("begin", S2CellId::Begin(level)).Id("end", S2CellId::End(level));
    l.D("average_area", S2Cell::AverageArea(level));
    out.Put(l);
  }
  for (int face = 0; face < 6; ++face) {
    Line l;
    l.S("op", "from_face").I("face", face).Id("id", S2CellId::FromFace(face));
    out.Put(l);
  }

  // FromFacePosLevel.
  for (int k = 0; k < 1000; ++k) {
    int face = static_cast<int>(Below(6));
    uint64_t pos = R() & ((uint64_t{1} << 61) - 1);
    if (k % 10 == 0) pos = 0;
    if (k % 10 == 1) pos = (uint64_t{1} << 61) - 1;
    int level = static_cast<int>(k % 31);
    Line l;
    l.S("op", "from_face_pos_level").I("face", face).U("pos", pos).I("level", level);
    l.Id("id", S2CellId::FromFacePosLevel(face, pos, level));
    out.Put(l);
  }
  // Bad arguments: not Google behaviour (UB/DCHECK there) but the Rust
  // contract in the API file: they give CellId::NONE.
  for (auto [face, level] : std::initializer_list<std::pair<int, int>>{
           {6, 0}, {7, 10}, {0, 31}, {5, 255}, {255, 3}}) {
    Line l;
    l.S("op", "from_face_pos_level_bad").I("face", face).U("pos", 12345).I("level", level);
    out.Put(l);
  }

  // FromFaceIJ (+ the orientation ToFaceIJOrientation gives back).
  const int edge_ij[] = {0, 1, (1 << 29) - 1, 1 << 29, (1 << 30) - 2, (1 << 30) - 1};
  auto face_ij = [&](int face, int i, int j) {
    S2CellId id = S2CellId::FromFaceIJ(face, i, j);
    int fi, fj, o;
    int f = id.ToFaceIJOrientation(&fi, &fj, &o);
    Check(f == face && fi == i && fj == j, "FromFaceIJ round trip");
    Line l;
    l.S("op", "from_face_ij").I("face", face).I("i", i).I("j", j).Id("id", id);
    l.I("orientation", o);
    out.Put(l);
  };
  for (int face = 0; face < 6; ++face)
    for (int i : edge_ij)
      for (int j : edge_ij) face_ij(face, i, j);
  for (int k = 0; k < 1000; ++k) {
    int face = static_cast<int>(Below(6));
    int i = static_cast<int>(Below(1 << 30));
    int j = static_cast<int>(Below(1 << 30));
    face_ij(face, i, j);
  }
  for (auto [face, i, j] : std::initializer_list<std::tuple<int, int, int>>{
           {6, 0, 0}, {0, 1 << 30, 0}, {0, 0, 1 << 30}, {0, -1, 0}, {3, 0, -1}}) {
    Line l;
    l.S("op", "from_face_ij_bad").I("face", face).I("i", i).I("j", j);
    out.Put(l);
  }

  // advance / advance_wrap, with steps that run past both ends.
  auto adv = [&](S2CellId id, int64_t steps) {
    Line l;
    l.S("op", "advance").Id("id", id).I("steps", steps);
    l.Id("advance", id.advance(steps)).Id("advance_wrap", id.advance_wrap(steps));
    out.Put(l);
  };
  for (int k = 0; k < 2400; ++k) {
    S2CellId id = RandomCell();
    int64_t steps;
    switch (k % 6) {
      case 0:
        steps = static_cast<int64_t>(Below(201)) - 100;
        break;
      case 1: {
        int sh = IRange(0, 62);
        steps = static_cast<int64_t>(R() >> (63 - sh));
        if (Below(2)) steps = -steps;
        break;
      }
      case 2: {
        // Exactly to the first cell / one past the last, +-1.
        int64_t to_begin = -id.distance_from_begin();
        int64_t to_end = S2CellId::End(id.level()).distance_from_begin() - id.distance_from_begin();
        int64_t c[] = {to_begin, to_begin - 1, to_begin + 1, to_end, to_end - 1, to_end + 1};
        steps = c[Below(6)];
        break;
      }
      case 3: {
        int64_t n = S2CellId::End(id.level()).distance_from_begin();  // cells at level
        int64_t wraps = IRange(-3, 3);
        steps = n * wraps + static_cast<int64_t>(Below(5)) - 2;
        break;
      }
      case 4:
        steps = static_cast<int64_t>(R());
        break;
      default: {
        const int64_t c[] = {std::numeric_limits<int64_t>::max(),
                             std::numeric_limits<int64_t>::min(),
                             std::numeric_limits<int64_t>::min() + 1, 0, 1, -1};
        steps = c[Below(6)];
      }
    }
    adv(id, steps);
  }
  for (int level = 0; level <= 30; ++level) {
    S2CellId b = S2CellId::Begin(level), last = S2CellId::End(level).prev();
    for (S2CellId id : {b, last})
      for (int64_t s : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{2}, int64_t{-2},
                        std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()})
        adv(id, s);
  }

  // next/prev and the wrap variants at the ends of the curve (prev of the
  // first cell underflows u64: Google's unsigned arithmetic wraps).
  for (int level = 0; level <= 30; ++level) {
    for (S2CellId id : {S2CellId::Begin(level), S2CellId::End(level).prev(),
                        S2CellId::FromFace(2).child_begin(level), RandomCellAt(level)}) {
      Line l;
      l.S("op", "next_prev").Id("id", id).Id("next", id.next()).Id("prev", id.prev());
      l.Id("next_wrap", id.next_wrap()).Id("prev_wrap", id.prev_wrap());
      l.I("distance_from_begin", id.distance_from_begin());
      out.Put(l);
    }
  }

  // maximum_tile.
  auto tile = [&](S2CellId start, S2CellId limit) {
    Line l;
    l.S("op", "maximum_tile").Id("id", start).Id("limit", limit).Id("tile", start.maximum_tile(limit));
    out.Put(l);
  };
  for (int k = 0; k < 1200; ++k) {
    int la = IRange(0, 30);
    S2CellId c = RandomCellAt(la);
    S2CellId start = c.child_begin(IRange(la, 30));
    if (k % 5 == 4) start = RandomCell();
    S2CellId limit;
    switch (k % 4) {
      case 0:
        limit = c.next().child_begin(IRange(la, 30));
        break;
      case 1: {
        int lc = IRange(start.level(), 30);
        S2CellId s = start.child_begin(lc);
        int64_t room = S2CellId::End(lc).distance_from_begin() - s.distance_from_begin();
        limit = s.advance(static_cast<int64_t>(Below(std::min<int64_t>(room, 1 << 20) + 1)));
        break;
      }
      case 2:
        limit = RandomCell();
        break;
      default:
        limit = S2CellId::End(IRange(0, 30));
    }
    tile(start, limit);
  }
  for (int level = 0; level <= 30; ++level) {
    tile(S2CellId::Begin(level), S2CellId::End(level));
    tile(S2CellId::Begin(level), S2CellId::End(30));
    tile(S2CellId::Begin(30), S2CellId::End(level));
  }

  // Pairs: contains / intersects / common_ancestor_level.
  auto pair = [&](const char* rel, S2CellId a, S2CellId b) {
    Line l;
    l.S("op", "pair").S("rel", rel).Id("a", a).Id("b", b);
    l.B("contains", a.contains(b)).B("contained_by", b.contains(a));
    l.B("intersects", a.intersects(b));
    int cal = a.GetCommonAncestorLevel(b);
    if (cal < 0) l.Null("common_ancestor_level"); else l.I("common_ancestor_level", cal);
    out.Put(l);
  };
  for (int k = 0; k < 2000; ++k) {
    S2CellId a = RandomCell();
    S2CellId b;
    const char* rel;
    switch (k % 7) {
      case 0:
        b = a;
        rel = "same";
        break;
      case 1:
        b = a.parent(IRange(0, a.level()));
        rel = "ancestor";
        break;
      case 2:
        b = a.child_begin(IRange(a.level(), 30)).advance(
            static_cast<int64_t>(Below(1 << 20)));
        if (!a.contains(b)) b = a.range_max();
        rel = "descendant";
        break;
      case 3:
        b = a.next_wrap();
        rel = "next";
        break;
      case 4: {
        S2CellId p = a.parent(IRange(0, a.level()));
        int free_bits = 2 * (30 - p.level());  // leaf cells under p = 2^free_bits
        int64_t off = free_bits == 0 ? 0 : static_cast<int64_t>(R() >> (64 - free_bits));
        b = p.child_begin(30).advance(off);
        b = b.parent(IRange(p.level(), 30));
        rel = "cousin";
        break;
      }
      case 5: {
        int face = static_cast<int>((a.face() + 1 + Below(5)) % 6);
        b = S2CellId::FromFacePosLevel(face, a.pos(), IRange(0, 30));
        rel = "other_face";
        break;
      }
      default:
        b = RandomCell();
        rel = "random";
    }
    Check(b.is_valid(), "pair b valid");
    pair(rel, a, b);
  }

  // is_valid of u64 values (and therefore CellId::try_from / from_signed).
  auto valid = [&](const char* kase, uint64_t v) {
    S2CellId id(v);
    Line l;
    l.S("op", "is_valid").S("case", kase).U("u64", v).I("i64", static_cast<int64_t>(v));
    l.B("valid", id.is_valid());
    if (id.is_valid()) {
      l.I("face", id.face()).U("pos", id.pos()).I("level", id.level()).U("lsb", id.lsb());
      l.B("is_leaf", id.is_leaf()).B("is_face", id.is_face());
    }
    out.Put(l);
  };
  for (uint64_t v : {uint64_t{0}, ~uint64_t{0}, uint64_t{1}, uint64_t{2}, uint64_t{3}, uint64_t{4},
                     uint64_t{1} << 60, uint64_t{1} << 61, uint64_t{1} << 62, uint64_t{1} << 63,
                     (uint64_t{6} << 61) | 1, (uint64_t{7} << 61) | (uint64_t{1} << 60),
                     (uint64_t{5} << 61) | (uint64_t{1} << 60), (uint64_t{6} << 61) - 1,
                     uint64_t{6} << 61, (uint64_t{1} << 61) | ((uint64_t{1} << 61) - 1)})
    valid("structured", v);
  for (int bit = 0; bit < 64; ++bit) {
    valid("single_bit", uint64_t{1} << bit);
    valid("face3_lsb", (uint64_t{3} << 61) | (uint64_t{1} << bit));
    valid("face5_lsb_high", (uint64_t{5} << 61) | (uint64_t{1} << 60) | (uint64_t{1} << bit));
  }
  for (int k = 0; k < 600; ++k) valid("random", R());
  for (int k = 0; k < 500; ++k) valid("random_cell", RandomCell().id());
  for (int k = 0; k < 200; ++k) {
    S2CellId id = RandomCell();
    valid("face_6_7", (id.id() & ((uint64_t{1} << 61) - 1)) | ((6 + Below(2)) << 61));
  }
}

// ================================================================= metrics
void WriteMetrics(const std::string& dir) {
  Out out(dir, "cell_metrics.jsonl");
  struct M {
    const char* name;
    int dim;
    double deriv;
    int (*closest)(double);
    int (*for_max)(double);
    int (*for_min)(double);
    double (*value)(int);
  };
#define METRIC(NAME, K, DIM)                                             \
  M {                                                                    \
    NAME, DIM, S2::K.deriv(), [](double v) { return S2::K.GetClosestLevel(v); }, \
        [](double v) { return S2::K.GetLevelForMaxValue(v); },           \
        [](double v) { return S2::K.GetLevelForMinValue(v); },           \
        [](int l) { return S2::K.GetValue(l); }                          \
  }
  const M metrics[] = {
      METRIC("MIN_ANGLE_SPAN", kMinAngleSpan, 1), METRIC("MAX_ANGLE_SPAN", kMaxAngleSpan, 1),
      METRIC("AVG_ANGLE_SPAN", kAvgAngleSpan, 1), METRIC("MIN_WIDTH", kMinWidth, 1),
      METRIC("MAX_WIDTH", kMaxWidth, 1),          METRIC("AVG_WIDTH", kAvgWidth, 1),
      METRIC("MIN_EDGE", kMinEdge, 1),            METRIC("MAX_EDGE", kMaxEdge, 1),
      METRIC("AVG_EDGE", kAvgEdge, 1),            METRIC("MIN_DIAG", kMinDiag, 1),
      METRIC("MAX_DIAG", kMaxDiag, 1),            METRIC("AVG_DIAG", kAvgDiag, 1),
      METRIC("MIN_AREA", kMinArea, 2),            METRIC("MAX_AREA", kMaxArea, 2),
      METRIC("AVG_AREA", kAvgArea, 2),
  };
#undef METRIC
  for (const M& m : metrics) {
    Line l;
    l.S("metric", m.name).I("dim", m.dim).D("deriv", m.deriv);
    std::string vals = "[";
    for (int level = 0; level <= 30; ++level) {
      if (level) vals += ',';
      vals += Line::Dbl(m.value(level));
    }
    l.Raw("values", vals + "]");
    out.Put(l);

    std::vector<double> qs = {0.0, -0.0, -1.0, -1e300, 5e-324, 1e-300, 1e-20, 1e-10, 1e-5,
                              0.1, 0.5, 1.0, 2.0, 4.0, 10.0, 1e10, 1e300,
                              std::numeric_limits<double>::max()};
    for (int level = 0; level <= 31; ++level) {
      double v = std::ldexp(m.deriv, -m.dim * level);
      qs.push_back(v);
      qs.push_back(NextUp(v));
      qs.push_back(NextDown(v));
      // Midpoint between two levels (geometric), and the closest-level
      // rounding boundaries (value * sqrt2 or * 2 lands on a level value).
      qs.push_back(v * (m.dim == 1 ? M_SQRT1_2 : 0.5));
    }
    for (int k = 0; k < 30; ++k) {
      double m01 = U01() + 0.5;
      qs.push_back(std::ldexp(m01, IRange(-70, 4)));
    }
    for (double q : qs) {
      const int cl = m.closest(q), mx = m.for_max(q), mn = m.for_min(q);
      auto level = [](int l) { return 0 <= l && l <= 30; };
      if (!level(cl) || !level(mx) || !level(mn)) {
        // When value / deriv underflows to 0 (value = 5e-324 and deriv > 2),
        // Google negates ilogb(0) = INT_MIN (undefined behaviour) and
        // returns no level at all; such queries are left out.
        std::fprintf(stderr, "  (left out: %s value=%.17g gives levels %d %d %d)\n", m.name, q,
                     cl, mx, mn);
        continue;
      }
      Line a;
      a.S("metric", m.name).D("value", q);
      a.I("closest_level", cl).I("level_for_max_value", mx).I("level_for_min_value", mn);
      out.Put(a);
    }
  }
}

// =================================================================== earth
void WriteEarth(const std::string& dir) {
  Out out(dir, "earth.jsonl");
  {
    Line l;
    l.S("kind", "constants").D("radius_meters", S2Earth::RadiusMeters());
    l.D("radius_km", S2Earth::RadiusKm());
    out.Put(l);
  }
  std::vector<double> xs = {0.0, -0.0, 1.0, -1.0, 0.5, 1e-9, 1e-3, 3.141592653589793, 2.0,
                            1000.0, 6371010.0, 6371.01, 20015114.0, 40075017.0, 1e12,
                            5e-324, 123.456, 0.1, 0.2, 0.3};
  for (int k = 0; k < 40; ++k) {
    double m01 = U01();
    xs.push_back(std::ldexp(m01, IRange(-30, 30)));
  }
  for (double x : xs) {
    Line l;
    l.S("kind", "convert").D("x", x);
    l.D("meters_to_radians", S2Earth::MetersToRadians(x));
    l.D("radians_to_meters", S2Earth::RadiansToMeters(x));
    l.D("km_to_radians", S2Earth::KmToRadians(x));
    l.D("radians_to_km", S2Earth::RadiansToKm(x));
    l.D("square_km_to_steradians", S2Earth::SquareKmToSteradians(x));
    l.D("steradians_to_square_km", S2Earth::SteradiansToSquareKm(x));
    l.D("square_meters_to_steradians", S2Earth::SquareMetersToSteradians(x));
    l.D("steradians_to_square_meters", S2Earth::SteradiansToSquareMeters(x));
    out.Put(l);
  }
  auto dist = [&](const char* kase, double la, double na, double lb, double nb) {
    S2LatLng a = S2LatLng::FromDegrees(la, na), b = S2LatLng::FromDegrees(lb, nb);
    Line l;
    l.S("kind", "distance").S("case", kase).Dv("a", {la, na}).Dv("b", {lb, nb});
    l.D("meters", S2Earth::GetDistanceMeters(a, b)).D("km", S2Earth::GetDistanceKm(a, b));
    out.Put(l);
  };
  for (int k = 0; k < 800; ++k) {
    double la = RandLat(), na = RandLng(), lb = RandLat(), nb = RandLng();
    dist("random", la, na, lb, nb);
  }
  for (int k = 0; k < 200; ++k) {
    double la = RandLat(), na = RandLng();
    double dla = (U01() - 0.5) * 1e-4, dna = (U01() - 0.5) * 1e-4;
    dist("near", la, na, la + dla, na + dna);
  }
  for (int k = 0; k < 100; ++k) {
    double la = RandLat(), na = RandLng();
    dist("antipodal", la, na, -la, na > 0 ? na - 180 : na + 180);
  }
  dist("same", 0, 0, 0, 0);
  dist("same", 37.7749, -122.4194, 37.7749, -122.4194);
  dist("poles", 90, 0, -90, 0);
  dist("poles", 90, 0, 90, 180);
  dist("antimeridian", 0, 180, 0, -180);
  dist("antimeridian", 10, 179.9, 10, -179.9);
}

// ============================================================== cell edges
// S2Cell's GetUVCoordOfEdge, GetIJCoordOfEdge (k = 0..3, and k = 4..7,
// which Google reduces modulo 4) and GetCenterRaw, for the six faces and
// random cells of every level (the leaf edges are where the i/j rounding
// could go wrong). Its own section at the end of the one PRNG stream, so
// the files before it are unchanged.
void WriteCellEdges(const std::string& dir) {
  Out out(dir, "cell_edges.jsonl");
  auto put = [&](const char* kase, S2CellId id) {
    S2Cell cell(id);
    auto uv = [&](int k) { return cell.GetUVCoordOfEdge(k); };
    auto ij = [&](int k) { return int64_t{cell.GetIJCoordOfEdge(k)}; };
    Line l;
    l.S("case", kase).Id("id", id).I("level", id.level());
    l.Dv("uv_coord_of_edge", {uv(0), uv(1), uv(2), uv(3), uv(4), uv(5), uv(6), uv(7)});
    l.Iv("ij_coord_of_edge", {ij(0), ij(1), ij(2), ij(3), ij(4), ij(5), ij(6), ij(7)});
    l.P("center_raw", cell.GetCenterRaw());
    out.Put(l);
  };
  for (int face = 0; face < 6; ++face) put("face", S2CellId::FromFace(face));
  for (int level = 0; level <= 30; ++level)
    for (int k = 0; k < 40; ++k) put("random", RandomCellAt(level));
  // The first and last cells of each face at every level: their edges are
  // the face's own edges (i or j of 0 and 2^30).
  for (int face = 0; face < 6; ++face)
    for (int level = 1; level <= 30; ++level) {
      put("face_corner", S2CellId::FromFace(face).child_begin(level));
      put("face_corner", S2CellId::FromFace(face).child_end(level).prev());
    }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  // Fixed order: every generator draws from the one PRNG stream.
  WritePoints(dir);
  WriteTokens(dir);
  WriteDebugStrings(dir);
  WriteOps(dir);
  WriteMetrics(dir);
  WriteEarth(dir);
  WriteCellEdges(dir);
  return 0;
}
