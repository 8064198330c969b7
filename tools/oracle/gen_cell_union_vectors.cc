// Conformance vectors for s2cells' `CellUnion` (and the Cap::add_cap /
// LatLngRect::union it is built on), computed by Google's s2geometry C++
// library: the copy shipped inside the PyPI wheel s2geometry==0.14.0 (see
// generate.sh for the build line).
//
// Output: tests/data/cell_union.jsonl (the directory is argv[1]), one JSON
// object per line, its kind in "op" and its flavour in "case":
//
//   op "union": one set of cells.
//     input            raw ids as drawn (unsorted, duplicates, overlaps)
//     input_valid      IsValid() / IsNormalized() of the raw list taken
//     input_normalized   verbatim
//     normalized       S2CellUnion(input).cell_ids()
//     denormalize      [{min_level, level_mod, out}], Denormalize() of the
//                      normalized union (only pairs with a small output)
//     leaf_cells_covered, average_based_area, approx_area, exact_area
//     cap_bound        [x, y, z, length2] of GetCapBound()
//     rect_bound       [lat_lo, lat_hi, lng_lo, lng_hi] of GetRectBound()
//     probes           cell ids, with contains / intersects (bool arrays,
//                      Contains(S2CellId) / Intersects(S2CellId)) and
//                      intersection (Intersection(S2CellId) ids, per probe)
//     points           [[x,y,z]...] with contains_point (Contains(S2Point))
//     expand_level     [{level, out}], Expand(level) (small outputs only)
//     expand_radius    [{radius, max_level_diff, out}], Expand(S1Angle, int)
//   op "pair": two unions a and b (normalized, or with "verbatim": true
//     made by FromVerbatim from non-normalized lists) and
//     union, intersection, difference_ab, difference_ba (ids),
//     a_contains_b, b_contains_a, intersects (bools).
//   op "range": leaf ids min, max and the same range as begin, end
//     (end = max.next(), possibly End(30)) -> cells, the ids of both
//     FromMinMax(min, max) and FromBeginEnd(begin, end).
//   op "bounds": two cells a, b -> rect_union (S2LatLngRect::Union of their
//     rect bounds, [lat_lo, lat_hi, lng_lo, lng_hi]) and cap_add
//     (a's cap bound after AddCap(b's cap bound), [x, y, z, length2]).
//
// Floats are printed with "%.17g" (round-trips every finite double; -0.0
// prints as "-0"); ids as plain JSON integers.
//
// Deterministic: one std::mt19937_64 seeded with 20261123 and no
// std::*_distribution (their algorithms are implementation-defined).

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

namespace {

constexpr uint64_t kSeed = 20261123;
constexpr char kProgram[] = "gen_cell_union_vectors";
// The PRNG, JSON writing and Die() every generator shares; textually
// included inside this anonymous namespace, after the constants it uses.
#include "oracle_common.inc"
}

// ------------------------------------------------------------- random cells
S2CellId RandomCellAt(int level) {
  int face = static_cast<int>(Below(6));
  uint64_t pos = R() & ((uint64_t{1} << S2CellId::kPosBits) - 1);
  S2CellId id = S2CellId::FromFacePosLevel(face, pos, level);
  Check(id.is_valid() && id.level() == level, "RandomCellAt");
  return id;
}

S2CellId RandomDescendant(S2CellId id, int depth) {
  for (int d = 0; d < depth && !id.is_leaf(); ++d) id = id.child(static_cast<int>(Below(4)));
  return id;
}

// A root level: some faces and near-faces, mostly mid levels, some deep.
int RandomRootLevel() {
  int r = static_cast<int>(Below(100));
  if (r < 15) return IRange(0, 3);
  if (r < 70) return IRange(4, 20);
  return IRange(21, 29);
}

// Adds all four children of `id`, then (sometimes) recurses into one, so
// that merging runs up several levels; sometimes drops one so it does not.
void AddSiblings(S2CellId id, std::vector<S2CellId>* out) {
  if (id.is_leaf()) {
    out->push_back(id);
    return;
  }
  int drop = Chance(25) ? static_cast<int>(Below(4)) : -1;
  int deeper = Chance(50) ? static_cast<int>(Below(4)) : -1;
  for (int k = 0; k < 4; ++k) {
    if (k == drop) continue;
    if (k == deeper && !id.child(k).is_leaf()) {
      AddSiblings(id.child(k), out);
    } else {
      out->push_back(id.child(k));
    }
  }
}

void AddCluster(std::vector<S2CellId>* v) {
  S2CellId root = RandomCellAt(RandomRootLevel());
  int room = S2CellId::kMaxLevel - root.level();
  switch (Below(6)) {
    case 0: {  // scattered descendants at mixed depths
      int k = IRange(1, 10);
      for (int i = 0; i < k; ++i) v->push_back(RandomDescendant(root, IRange(0, std::min(8, room))));
      break;
    }
    case 1: {  // sibling groups that merge (or nearly)
      AddSiblings(RandomDescendant(root, IRange(0, std::min(3, room))), v);
      if (Chance(40)) AddSiblings(RandomDescendant(root, IRange(0, std::min(3, room))), v);
      break;
    }
    case 2: {  // a full level below a cell: merges back to it
      S2CellId c = RandomDescendant(root, IRange(0, std::min(2, room)));
      int depth = std::min(2, S2CellId::kMaxLevel - c.level());
      for (S2CellId x = c.child_begin(c.level() + depth); x != c.child_end(c.level() + depth);
           x = x.next()) {
        if (!Chance(5)) v->push_back(x);
      }
      break;
    }
    case 3: {  // leaf cells, some consecutive (four leaf siblings)
      S2CellId leaf = RandomDescendant(root, room);
      int k = IRange(1, 9);
      S2CellId start = leaf.parent(29).child_begin(30);
      for (int i = 0; i < k && start.is_valid(); ++i, start = start.next()) v->push_back(start);
      v->push_back(RandomDescendant(root, room));
      break;
    }
    case 4: {  // a cell and things inside it (containment)
      v->push_back(root);
      int k = IRange(1, 5);
      for (int i = 0; i < k; ++i) v->push_back(RandomDescendant(root, IRange(0, std::min(10, room))));
      if (Chance(50)) v->push_back(root);  // duplicate
      break;
    }
    default: {  // runs of consecutive cells along the curve
      S2CellId c = RandomDescendant(root, IRange(0, std::min(6, room)));
      int k = IRange(2, 12);
      for (int i = 0; i < k && c.is_valid(); ++i, c = c.next()) v->push_back(c);
      break;
    }
  }
}

void Shuffle(std::vector<S2CellId>* v) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[Below(i)]);
}

std::vector<S2CellId> RandomSet() {
  std::vector<S2CellId> v;
  int n = IRange(1, 3);
  for (int i = 0; i < n; ++i) AddCluster(&v);
  if (Chance(5)) v.push_back(S2CellId::FromFace(static_cast<int>(Below(6))));
  if (Chance(10) && !v.empty()) v.push_back(v[Below(v.size())]);
  if (Chance(70)) Shuffle(&v);
  return v;
}

// ------------------------------------------------------------------ unions
// Bounds on the file size (tests/data/cell_union.jsonl stays under 2 MB):
// the largest id list written for one result, and how many Denormalize /
// Expand results one union line carries.
constexpr size_t kMaxOut = 40;
constexpr int kPerLine = 3;

// The probes for a union: its cells, their parents, children, ends and
// neighbours, and a few random cells.
std::vector<S2CellId> Probes(const S2CellUnion& u) {
  std::vector<S2CellId> p;
  for (int k = 0; k < 2 && u.num_cells() > 0; ++k) {
    S2CellId c = u.cell_id(static_cast<int>(Below(u.num_cells())));
    p.push_back(c);
    if (!c.is_face()) p.push_back(c.parent());
    if (c.level() > 3) p.push_back(c.parent(c.level() - 3));
    if (!c.is_leaf()) p.push_back(RandomDescendant(c, IRange(1, 30 - c.level())));
    p.push_back(Chance(50) ? c.range_min() : c.range_max());
    S2CellId nb[4];
    c.GetEdgeNeighbors(nb);
    p.push_back(nb[Below(4)]);
    if (c.next().is_valid()) p.push_back(c.next());
  }
  p.push_back(RandomCellAt(RandomRootLevel()));
  p.push_back(RandomCellAt(IRange(0, 30)));
  return p;
}

void UnionLine(Out& out, const char* kase, const std::vector<S2CellId>& input) {
  Line l;
  l.S("op", "union").S("case", kase).Ids("input", input);
  {
    S2CellUnion raw = S2CellUnion::FromVerbatim(input);  // only inspected
    l.B("input_valid", raw.IsValid()).B("input_normalized", raw.IsNormalized());
  }
  S2CellUnion u(input);
  Check(u.IsNormalized(), "normalized");
  l.Ids("normalized", u.cell_ids());

  std::string den = "[";
  static const int kArgs[][2] = {{0, 1}, {0, 2}, {0, 3}, {1, 1}, {2, 2}, {3, 3}, {4, 2},
                                 {5, 3}, {7, 1}, {8, 2}, {10, 3}, {12, 1}, {15, 2}, {20, 3},
                                 {29, 2}, {30, 1}, {28, 3}, {27, 2}};
  constexpr int kNumArgs = sizeof kArgs / sizeof kArgs[0];
  bool first = true;
  int written = 0;
  // From a random start, the first kPerLine argument pairs that fit.
  int start = static_cast<int>(Below(kNumArgs));
  for (int t = 0; t < kNumArgs && written < kPerLine; ++t) {
    const int* a = kArgs[(start + t) % kNumArgs];
    // Count first: a face cell at level 20 would be 2^40 cells.
    uint64_t n = 0;
    for (S2CellId id : u) {
      int level = id.level();
      int nl = std::max(a[0], level);
      if (a[1] > 1) nl = std::min(30, nl + (30 - (nl - a[0])) % a[1]);
      n += uint64_t{1} << (2 * (nl - level));
      if (n > kMaxOut) break;
    }
    if (n > kMaxOut) continue;
    std::vector<S2CellId> d;
    u.Denormalize(a[0], a[1], &d);
    ++written;
    if (!first) den += ',';
    first = false;
    den += "{\"min_level\":" + std::to_string(a[0]) + ",\"level_mod\":" + std::to_string(a[1]) +
           ",\"out\":" + IdList(d) + "}";
  }
  l.Raw("denormalize", den + "]");

  l.U("leaf_cells_covered", u.LeafCellsCovered());
  l.D("average_based_area", u.AverageBasedArea());
  l.D("approx_area", u.ApproxArea());
  l.D("exact_area", u.ExactArea());
  l.Raw("cap_bound", CapJson(u.GetCapBound()));
  l.Raw("rect_bound", RectJson(u.GetRectBound()));

  std::vector<S2CellId> probes = Probes(u);
  std::vector<bool> contains, intersects;
  std::string inter = "[";
  for (size_t i = 0; i < probes.size(); ++i) {
    contains.push_back(u.Contains(probes[i]));
    intersects.push_back(u.Intersects(probes[i]));
    Check(u.Contains(S2Cell(probes[i])) == contains.back(), "Contains(S2Cell)");
    Check(u.MayIntersect(S2Cell(probes[i])) == intersects.back(), "MayIntersect");
    if (i) inter += ',';
    S2CellUnion x = u.Intersection(probes[i]);
    inter += x.size() <= kMaxOut ? IdList(x.cell_ids()) : "null";  // null: too long
  }
  l.Ids("probes", probes).Raw("contains", BoolList(contains));
  l.Raw("intersects", BoolList(intersects)).Raw("intersection", inter + "]");

  std::string pts = "[";
  std::vector<bool> cp;
  for (size_t i = 0; i < probes.size() && i < 4; ++i) {
    S2Cell cell(probes[i]);
    S2Point p = (i % 2 == 0) ? cell.GetCenter() : cell.GetVertex(static_cast<int>(Below(4)));
    if (i) pts += ',';
    pts += DblList({p.x(), p.y(), p.z()});
    cp.push_back(u.Contains(p));
  }
  l.Raw("points", pts + "]").Raw("contains_point", BoolList(cp));

  // Expand(level): a few levels at and below the largest cell's.
  int min_level = 30;
  for (S2CellId id : u) min_level = std::min(min_level, id.level());
  std::string el = "[";
  first = true;
  std::vector<int> levels = {min_level, min_level + 1, min_level + 2, min_level + 4,
                             IRange(0, 30), IRange(min_level, 30)};
  written = 0;
  for (int level : levels) {
    if (written == kPerLine - 1) break;
    if (level > 30 || u.num_cells() > 200) continue;
    // About 4·2^k neighbours for a cell k levels above `level`.
    if (level - min_level > 7) continue;
    S2CellUnion e = u;
    e.Expand(level);
    if (e.size() > kMaxOut) continue;
    ++written;
    if (!first) el += ',';
    first = false;
    el += "{\"level\":" + std::to_string(level) + ",\"out\":" + IdList(e.cell_ids()) + "}";
  }
  l.Raw("expand_level", el + "]");

  std::string er = "[";
  first = true;
  written = 0;
  for (int k = 0; k < 4 && written < kPerLine - 1; ++k) {
    double radius;
    switch (Below(6)) {
      case 0: radius = S2::kMinWidth.GetValue(IRange(0, 30)); break;  // exact level widths
      case 1: radius = 0.5 + 3 * U01(); break;  // wider than a face
      case 2: radius = k == 0 ? 0.0 : -U01(); break;  // no expansion asked
      default: radius = std::ldexp(0.5 + 0.5 * U01(), -IRange(0, 28)); break;
    }
    int diff = static_cast<int>(Below(8));
    if (u.num_cells() > 200) continue;
    int target = std::min(min_level + diff, S2::kMinWidth.GetLevelForMinValue(radius));
    if (target - min_level > 7) continue;
    S2CellUnion e = u;
    e.Expand(S1Angle::Radians(radius), diff);
    if (e.size() > kMaxOut) continue;
    ++written;
    if (!first) er += ',';
    first = false;
    er += "{\"radius\":" + Dbl(radius) + ",\"max_level_diff\":" + std::to_string(diff) +
          ",\"out\":" + IdList(e.cell_ids()) + "}";
  }
  l.Raw("expand_radius", er + "]");
  out.Put(l);
}

void PairLine(Out& out, const char* kase, const S2CellUnion& a, const S2CellUnion& b,
              bool verbatim) {
  Line l;
  l.S("op", "pair").S("case", kase).B("verbatim", verbatim);
  l.Ids("a", a.cell_ids()).Ids("b", b.cell_ids());
  l.Ids("union", a.Union(b).cell_ids());
  l.Ids("intersection", a.Intersection(b).cell_ids());
  l.Ids("difference_ab", a.Difference(b).cell_ids());
  l.Ids("difference_ba", b.Difference(a).cell_ids());
  l.B("a_contains_b", a.Contains(b)).B("b_contains_a", b.Contains(a));
  l.B("intersects", a.Intersects(b));
  out.Put(l);
}

// A union related to `a`: its cells moved up, down or sideways, plus noise.
S2CellUnion Derived(const S2CellUnion& a) {
  std::vector<S2CellId> v;
  for (S2CellId c : a) {
    switch (Below(6)) {
      case 0: break;  // dropped
      case 1: v.push_back(c); break;
      case 2: if (!c.is_face()) v.push_back(c.parent()); break;
      case 3: v.push_back(RandomDescendant(c, IRange(1, 4))); break;
      case 4: {
        S2CellId nb[4];
        c.GetEdgeNeighbors(nb);
        v.push_back(nb[Below(4)]);
        break;
      }
      default:
        if (!c.is_leaf()) AddSiblings(c, &v);
        break;
    }
  }
  if (Chance(30)) AddCluster(&v);
  return S2CellUnion(v);
}

// A subset of `a` (descendants of some of its cells).
S2CellUnion Inside(const S2CellUnion& a) {
  std::vector<S2CellId> v;
  for (S2CellId c : a) {
    if (Chance(60)) v.push_back(RandomDescendant(c, IRange(0, 3)));
  }
  return S2CellUnion(v);
}

// A verbatim (non-normalized) version of `a`, if small enough.
bool Verbatim(const S2CellUnion& a, S2CellUnion* out) {
  std::vector<S2CellId> v;
  for (S2CellId c : a) {
    if (!c.is_leaf() && Chance(40)) {
      for (int k = 0; k < 4; ++k) v.push_back(c.child(k));
    } else {
      v.push_back(c);
    }
    if (v.size() > 400) return false;
  }
  *out = S2CellUnion::FromVerbatim(v);
  Check(out->IsValid(), "verbatim valid");
  return true;
}

// ------------------------------------------------------------------ ranges
S2CellId RandomLeafIn(S2CellId c) { return RandomDescendant(c, 30 - c.level()); }

void RangeLine(Out& out, const char* kase, S2CellId min, S2CellId max) {
  Line l;
  l.S("op", "range").S("case", kase);
  // The same range as [begin, end), end possibly End(30).
  S2CellId end = max.next();
  S2CellUnion mm = S2CellUnion::FromMinMax(min, max);
  Check(mm == S2CellUnion::FromBeginEnd(min, end), "FromMinMax == FromBeginEnd");
  l.U("min", min.id()).U("max", max.id()).U("begin", min.id()).U("end", end.id());
  l.Ids("cells", mm.cell_ids());
  out.Put(l);
}

void WriteAll(const std::string& dir) {
  Out out(dir + "/cell_union.jsonl");

  // --- fixed edge cases
  std::vector<S2CellId> faces;
  for (int f = 0; f < 6; ++f) faces.push_back(S2CellId::FromFace(f));
  UnionLine(out, "empty", {});
  UnionLine(out, "faces", faces);
  {
    std::vector<S2CellId> r(faces.rbegin(), faces.rend());
    UnionLine(out, "faces", r);
  }
  {
    std::vector<S2CellId> l1;
    for (S2CellId c = S2CellId::Begin(1); c != S2CellId::End(1); c = c.next()) l1.push_back(c);
    UnionLine(out, "all_level1", l1);
    l1.pop_back();
    UnionLine(out, "all_level1_but_one", l1);
  }
  {
    std::vector<S2CellId> l2;
    S2CellId f = S2CellId::FromFace(3);
    for (S2CellId c = f.child_begin(2); c != f.child_end(2); c = c.next()) l2.push_back(c);
    UnionLine(out, "face_level2", l2);
  }
  UnionLine(out, "leaf", {S2CellId::Begin(30)});
  UnionLine(out, "leaf", {S2CellId::End(30).prev()});
  UnionLine(out, "leaf_siblings", {S2CellId::Begin(30), S2CellId::Begin(30).next(),
                                   S2CellId::Begin(30).next().next(),
                                   S2CellId::Begin(30).next().next().next()});
  UnionLine(out, "face_and_leaf", {S2CellId::FromFace(2), S2CellId::FromFace(2).range_max()});
  UnionLine(out, "duplicates", {faces[1], faces[1], faces[1].child(2), faces[1].child(2)});
  UnionLine(out, "antimeridian", {S2CellId::FromFace(3).child(0), S2CellId::FromFace(3).child(3),
                                  S2CellId::FromFace(4).child(1)});
  UnionLine(out, "poles", {S2CellId::FromFace(2), S2CellId::FromFace(5)});
  UnionLine(out, "poles", {S2CellId::FromFace(2).child(1), S2CellId::FromFace(5).child(2)});

  // --- random sets
  for (int i = 0; i < 260; ++i) UnionLine(out, "random", RandomSet());
  for (int i = 0; i < 20; ++i) {
    // Many clusters: long unions.
    std::vector<S2CellId> v;
    for (int k = 0; k < 12; ++k) AddCluster(&v);
    Shuffle(&v);
    UnionLine(out, "many", v);
  }

  // --- pairs
  S2CellUnion whole = S2CellUnion::WholeSphere();
  for (int i = 0; i < 260; ++i) {
    S2CellUnion a(RandomSet());
    switch (i % 7) {
      case 0: PairLine(out, "independent", a, S2CellUnion(RandomSet()), false); break;
      case 1:
      case 2: PairLine(out, "derived", a, Derived(a), false); break;
      case 3: PairLine(out, "inside", a, Inside(a), false); break;
      case 4: PairLine(out, "same", a, a, false); break;
      case 5: {
        // Drawn one at a time: argument evaluation order is unspecified.
        bool empty = Chance(50);
        PairLine(out, empty ? "empty" : "whole", a, empty ? S2CellUnion() : whole, false);
        break;
      }
      default: {
        S2CellUnion va, vb;
        S2CellUnion b = Chance(50) ? Derived(a) : Inside(a);
        if (Verbatim(a, &va) && Verbatim(b, &vb)) {
          PairLine(out, "verbatim", va, vb, true);
          PairLine(out, "verbatim_vs_normalized", va, a, true);
        }
        break;
      }
    }
  }
  {
    std::vector<S2CellId> kids;
    for (int k = 0; k < 4; ++k) kids.push_back(faces[0].child(k));
    PairLine(out, "verbatim_siblings", S2CellUnion::FromVerbatim(kids), S2CellUnion({faces[0]}),
             true);
  }

  // --- leaf ranges
  RangeLine(out, "all", S2CellId::Begin(30), S2CellId::End(30).prev());
  RangeLine(out, "one_leaf", S2CellId::Begin(30), S2CellId::Begin(30));
  RangeLine(out, "last_leaf", S2CellId::End(30).prev(), S2CellId::End(30).prev());
  for (int f = 0; f < 6; ++f) {
    S2CellId c = S2CellId::FromFace(f);
    RangeLine(out, "face", c.range_min(), c.range_max());
  }
  for (int i = 0; i < 60; ++i) {
    S2CellId c = RandomCellAt(RandomRootLevel());
    S2CellId a = RandomLeafIn(c), b = RandomLeafIn(c);
    if (b < a) std::swap(a, b);
    RangeLine(out, "within_cell", a, b);
    S2CellId d = RandomLeafIn(RandomCellAt(IRange(0, 30)));
    S2CellId lo = std::min(a, d), hi = std::max(a, d);
    RangeLine(out, "random", lo, hi);
    if (!c.is_face()) RangeLine(out, "cell_exact", c.range_min(), c.range_max());
  }

  // --- rect union and cap AddCap of cell bounds
  for (int i = 0; i < 400; ++i) {
    S2CellId a = RandomCellAt(IRange(0, 30));
    S2CellId b;
    switch (i % 4) {
      case 0: b = RandomCellAt(IRange(0, 30)); break;
      case 1: {
        S2CellId up = a.parent(std::max(0, a.level() - IRange(1, 5)));
        b = RandomDescendant(up, IRange(0, 8));
        break;
      }
      case 2: {
        S2CellId nb[4];
        a.GetEdgeNeighbors(nb);
        b = nb[Below(4)];
        break;
      }
      default: b = S2CellId::FromFace(static_cast<int>(Below(6))).child_begin(IRange(0, 3)); break;
    }
    S2Cell ca(a), cb(b);
    S2Cap cap = ca.GetCapBound();
    cap.AddCap(cb.GetCapBound());
    Line l;
    l.S("op", "bounds").S("case", "cells").U("a", a.id()).U("b", b.id());
    l.Raw("rect_union", RectJson(ca.GetRectBound().Union(cb.GetRectBound())));
    l.Raw("cap_add", CapJson(cap));
    out.Put(l);
  }
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
