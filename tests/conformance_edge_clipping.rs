//! Conformance of `geom::edge_clipping` with Google's `s2edge_clipping`
//! (and `S2::RobustCrossProd`'s double-precision path), to the bit, on
//! `tests/data/edge_clipping.jsonl` made by `tools/oracle/generate.sh`
//! (`gen_shape_index_vectors.cc` describes the fields): edges between
//! random points, points on and a few ulps off cube-face edges, near cube
//! corners, and very short edges; (u,v) segments against random rectangles.

mod common;

use common::{Checker, Rec, each_line};
use s2cells::Point;
use s2cells::geom::edge_clipping::{
    R2Rect, clip_edge, clip_to_padded_face, clipped_edge_bound, face_segments, intersects_rect,
    robust_cross_prod,
};
use serde_json::Value;

fn nums(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn point(r: &Rec, key: &str) -> Point {
    let f = r.f64s(key);
    Point::new(f[0], f[1], f[2])
}

fn check(r: &Rec, c: &mut Checker) {
    match r.str("op") {
        "face" => {
            let (a, b) = (point(r, "a"), point(r, "b"));
            c.input(format!("a={a:?} b={b:?}"));
            let n = robust_cross_prod(&a, &b);
            c.f64s("cross", &r.f64s("cross"), &[n.x, n.y, n.z]);
            let expected: Vec<Vec<f64>> = r
                .get("segments")
                .as_array()
                .expect("segments")
                .iter()
                .map(nums)
                .collect();
            let got: Vec<Vec<f64>> = face_segments(&a, &b)
                .iter()
                .map(|s| vec![f64::from(s.face), s.a[0], s.a[1], s.b[0], s.b[1]])
                .collect();
            c.eq("segments_len", expected.len(), got.len());
            for (e, g) in expected.iter().zip(&got) {
                c.f64s("segments", e, g);
            }
            let padding = r.f64("padding");
            for (face, e) in r.get("clip").as_array().expect("clip").iter().enumerate() {
                let got = match clip_to_padded_face(&a, &b, face as u8, padding) {
                    Some((p, q)) => vec![1.0, p[0], p[1], q[0], q[1]],
                    None => vec![0.0, 0.0, 0.0, 0.0, 0.0],
                };
                c.f64s(&format!("clip face {face}"), &nums(e), &got);
            }
        }
        "rect" => {
            let (a, b) = (r.f64s("a"), r.f64s("b"));
            let (a, b) = ([a[0], a[1]], [b[0], b[1]]);
            let rr = r.f64s2("rect");
            let rect = R2Rect::new([rr[0][0], rr[0][1]], [rr[1][0], rr[1][1]]);
            c.input(format!("a={a:?} b={b:?} rect={rect:?}"));
            c.eq(
                "intersects",
                r.bool("intersects"),
                intersects_rect(a, b, &rect),
            );
            let got = match clip_edge(a, b, &rect) {
                Some((p, q)) => vec![1.0, p[0], p[1], q[0], q[1]],
                None => vec![0.0, 0.0, 0.0, 0.0, 0.0],
            };
            c.f64s("clip", &r.f64s("clip"), &got);
            let bound = clipped_edge_bound(a, b, &rect);
            let eb = r.f64s2("bound");
            c.f64s(
                "bound",
                &[eb[0][0], eb[0][1], eb[1][0], eb[1][1]],
                &[
                    bound.bounds[0][0],
                    bound.bounds[0][1],
                    bound.bounds[1][0],
                    bound.bounds[1][1],
                ],
            );
        }
        other => c.fail("op", format!("unknown op {other}")),
    }
}

#[test]
fn edge_clipping_matches_google() {
    each_line("edge_clipping.jsonl", check).finish(2000);
}
