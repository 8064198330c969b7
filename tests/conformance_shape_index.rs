//! Conformance of `ShapeIndex` with Google's `MutableS2ShapeIndex` and of
//! its queries with `S2Polygon` / `S2ShapeIndexRegion`, on the vectors in
//! `tests/data/shape_index.jsonl` made by `tools/oracle/generate.sh` from
//! the C++ library of the `PyPI` wheel s2geometry==0.14.0 (the generator's
//! header, `tools/oracle/gen_shape_index_vectors.cc`, describes the fields).
//!
//! Checked per index: every cell (id, and per shape: edge ids and
//! `contains_center`), `cell_union_bound`, `locate_cell_id`,
//! `may_intersect_cell` / `contains_cell` on cells near the shapes, and
//! `contains_point`.
//!
//! The crossing predicate is the library's own exact one
//! (`geom::edge_crossings::edge_or_vertex_crossing`, symbolic perturbation
//! included), which `Loop` and `Polygon` plug into their indexes: the cells'
//! `contains_center` flags and every containment answer here are the ones
//! the library's regions give.

mod common;

use common::{Checker, Rec, each_line};
use s2cells::geom::edge_crossings::edge_or_vertex_crossing;
use s2cells::region::shape_index::{CellRelation, CrossingPredicate, ORIGIN, ShapeIndex};
use s2cells::{Cell, CellId, Point};
use serde_json::Value;

/// The library's exact `EdgeOrVertexCrossing`, as `Loop` and `Polygon`
/// use it (their predicate type is crate-private; this one calls the same
/// public function).
struct Exact;

impl CrossingPredicate for Exact {
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
        edge_or_vertex_crossing(a, b, c, d)
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().expect("number")
}

fn points(v: &Value) -> Vec<Point> {
    let f: Vec<f64> = v.as_array().expect("array").iter().map(num).collect();
    f.chunks(3).map(|c| Point::new(c[0], c[1], c[2])).collect()
}

fn u64v(v: &Value) -> u64 {
    v.as_u64().expect("u64")
}

fn build(r: &Rec) -> ShapeIndex {
    let mut b = ShapeIndex::builder();
    for s in r.get("shapes").as_array().expect("shapes") {
        let mut edges = Vec::new();
        for ch in s["chains"].as_array().expect("chains") {
            let v = points(&ch["v"]);
            let closed = ch["closed"].as_bool().expect("closed");
            let n = v.len();
            if closed {
                edges.extend((0..n).map(|i| [v[i], v[(i + 1) % n]]));
            } else {
                edges.extend((1..n).map(|i| [v[i - 1], v[i]]));
            }
        }
        match s["dim"].as_u64() {
            Some(2) => {
                let rp = points(&s["ref"])[0];
                // S2Loop / S2Polygon shapes use S2::Origin() as reference.
                assert_eq!(rp, ORIGIN, "reference point is not S2::Origin()");
                b.add_polygon(edges, rp, s["contains_ref"].as_bool().expect("bool"));
            }
            Some(1) => {
                b.add_polyline(edges);
            }
            dim => panic!("{}:{}: shape dimension {dim:?}", r.file, r.line),
        }
    }
    b.build::<Exact>()
}

fn check(r: &Rec, c: &mut Checker) {
    let index = build(r);
    // Cells.
    let expected = r.get("cells").as_array().expect("cells");
    c.eq("num_cells", expected.len(), index.num_cells());
    let mut first_diff = None;
    for (k, (e, (id, clipped))) in expected.iter().zip(index.iter()).enumerate() {
        let e_id = u64v(&e[0]);
        let e_shapes: Vec<(u32, bool, Vec<u32>)> = e[1]
            .as_array()
            .expect("shapes")
            .iter()
            .map(|s| {
                (
                    u64v(&s[0]) as u32,
                    u64v(&s[1]) == 1,
                    s[2].as_array()
                        .expect("edges")
                        .iter()
                        .map(|x| u64v(x) as u32)
                        .collect(),
                )
            })
            .collect();
        let got: Vec<(u32, bool, Vec<u32>)> = clipped
            .iter()
            .map(|s| {
                (
                    s.shape_id,
                    s.contains_center,
                    index.clipped_edge_ids(s).to_vec(),
                )
            })
            .collect();
        if e_id != id.id() || e_shapes != got {
            first_diff = Some(format!(
                "cell #{k}: expected {} {:?}, got {} {:?}",
                CellId::try_from(e_id).map_or(String::from("?"), |c| c.to_token()),
                e_shapes,
                id.to_token(),
                got
            ));
            break;
        }
    }
    if let Some(d) = first_diff {
        c.fail("cells", d);
        return;
    }
    // Bound.
    let bound: Vec<u64> = index
        .cell_union_bound()
        .iter()
        .map(s2cells::CellId::id)
        .collect();
    c.eq("bound", r.u64s("bound"), bound);
    // Queries.
    for q in r.get("queries").as_array().expect("queries") {
        let id = CellId::try_from(u64v(&q[0])).expect("valid id");
        let rel = match index.locate_cell_id(id) {
            CellRelation::Indexed(pos) => (0, index.cell_ids()[pos].id()),
            CellRelation::Subdivided => (1, 0),
            CellRelation::Disjoint => (2, 0),
        };
        c.eq(
            &format!("locate {}", id.to_token()),
            (u64v(&q[1]), u64v(&q[2])),
            rel,
        );
        let cell = Cell::from(id);
        c.eq(
            &format!("may_intersect {}", id.to_token()),
            u64v(&q[3]) == 1,
            index.may_intersect_cell::<Exact>(&cell),
        );
        c.eq(
            &format!("contains {}", id.to_token()),
            u64v(&q[4]) == 1,
            index.contains_cell::<Exact>(&cell),
        );
        c.eq(
            &format!("relate {}", id.to_token()),
            (u64v(&q[3]) == 1, u64v(&q[4]) == 1),
            {
                let relation = index.relate_cell::<Exact>(&cell);
                (relation.may_intersect(), relation.contains())
            },
        );
    }
    for p in r.get("points").as_array().expect("points") {
        let pt = Point::new(num(&p[0]), num(&p[1]), num(&p[2]));
        c.eq(
            "contains_point",
            u64v(&p[3]) == 1,
            index.contains_point::<Exact>(&pt),
        );
    }
}

#[test]
fn shape_index_matches_google() {
    each_line("shape_index.jsonl", check).finish(100);
}
