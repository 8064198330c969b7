//! Conformance of the exact predicates and edge crossings with Google's
//! `s2pred::Sign`, `S2::CrossingSign`, `S2::EdgeOrVertexCrossing`,
//! `S2::VertexCrossing`, `s2pred::OrderedCCW` and `S2EdgeCrosser`, on the
//! vectors in `tests/data/predicates.jsonl` made by
//! `tools/oracle/gen_polygon_vectors.cc` (its header describes every field)
//! from the C++ library of the `PyPI` wheel s2geometry==0.14.0.
//!
//! Every answer is an integer or a flag and is compared exactly.

mod common;

use common::{Rec, each_line};
use s2cells::Point;
use s2cells::geom::edge_crossings::{
    EdgeCrosser, crossing_sign, edge_or_vertex_crossing, vertex_crossing,
};
use s2cells::geom::predicates::{expensive_sign, ordered_ccw, sign};

fn pt(r: &Rec, key: &str) -> Point {
    let v = r.f64s(key);
    Point::new(v[0], v[1], v[2])
}

fn pts(r: &Rec, key: &str) -> Vec<Point> {
    r.f64s2(key)
        .into_iter()
        .map(|v| Point::new(v[0], v[1], v[2]))
        .collect()
}

#[test]
fn predicates_match_google() {
    let c = each_line("predicates.jsonl", |r, c| match r.str("op") {
        "sign" => {
            let (a, b, p) = (pt(r, "a"), pt(r, "b"), pt(r, "c"));
            c.input(format!("a={a:?} b={b:?} c={p:?}"));
            c.eq("sign", r.i64("sign") as i32, sign(&a, &b, &p));
            c.eq(
                "exact",
                r.i64("exact") as i32,
                expensive_sign(&a, &b, &p, false),
            );
            // Antisymmetry and rotation invariance, for free.
            c.eq("sign(b,a,c)", -(r.i64("sign") as i32), sign(&b, &a, &p));
            c.eq("sign(b,c,a)", r.i64("sign") as i32, sign(&b, &p, &a));
        }
        "crossing" => {
            let (a, b, p, d) = (pt(r, "a"), pt(r, "b"), pt(r, "c"), pt(r, "d"));
            c.input(format!("a={a:?} b={b:?} c={p:?} d={d:?}"));
            c.eq(
                "crossing_sign",
                r.i64("crossing_sign") as i32,
                crossing_sign(&a, &b, &p, &d),
            );
            c.eq(
                "evc",
                r.bool("evc"),
                edge_or_vertex_crossing(&a, &b, &p, &d),
            );
            if r.has("vc") {
                c.eq("vc", r.bool("vc"), vertex_crossing(&a, &b, &p, &d));
            }
            if r.has("ordered_ccw") {
                c.eq(
                    "ordered_ccw",
                    r.bool("ordered_ccw"),
                    ordered_ccw(&a, &b, &p, &d),
                );
            }
        }
        "chain" => {
            let (a, b) = (pt(r, "a"), pt(r, "b"));
            let chain = pts(r, "chain");
            let mut x = EdgeCrosser::new_at(&a, &b, &chain[0]);
            let signs: Vec<i64> = chain[1..]
                .iter()
                .map(|d| i64::from(x.crossing_sign(d)))
                .collect();
            c.eq("signs", r.i64s("signs"), signs);
            let mut x = EdgeCrosser::new_at(&a, &b, &chain[0]);
            let evc: Vec<i64> = chain[1..]
                .iter()
                .map(|d| i64::from(x.edge_or_vertex_crossing(d)))
                .collect();
            c.eq("evc", r.i64s("evc"), evc);
        }
        op => panic!("unknown op {op}"),
    });
    c.finish(4000);
}
