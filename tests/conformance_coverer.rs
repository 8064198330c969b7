//! Conformance of `RegionCoverer`, and of `LatLngRect` and `Cap` as
//! regions, with Google's `S2RegionCoverer` / `S2LatLngRect` / `S2Cap`, on
//! the vectors in `tests/data/coverer.jsonl` made by
//! `tools/oracle/generate.sh` from the C++ library of the `PyPI` wheel
//! s2geometry==0.14.0 (the generator's header,
//! `tools/oracle/gen_coverer_vectors.cc`, describes every field).
//!
//! Every comparison is exact: coverings cell for cell and in order (big
//! ones by count, FNV-1a hash and first 16 ids), flags with `==`, bounds by
//! their bits. The lazy fixed-level iterator is checked against Google's
//! fixed-level coverings (`min_level` = `max_level`, no cell limit) too.

mod common;

use common::{Checker, Rec, check_cells, each_line, to_ids};
use s2cells::{Cap, Cell, CellId, LatLngRect, Point, Region, RegionCoverer};
use serde_json::Value;

fn cap_from(v: &[f64]) -> Cap {
    // Cap with an exact squared chord radius: height = length2 / 2.
    Cap::from_center_height(Point::new(v[0], v[1], v[2]), 0.5 * v[3]).expect("valid cap in vectors")
}

fn cap_json(cap: &Cap) -> Vec<f64> {
    let c = cap.center();
    vec![c.x, c.y, c.z, cap.radius2()]
}

fn rect_json(r: &LatLngRect) -> Vec<f64> {
    vec![r.lat_lo(), r.lat_hi(), r.lng_lo(), r.lng_hi()]
}

fn coverer(opts: &[i64]) -> RegionCoverer {
    let max_cells = if opts[3] < 0 {
        usize::MAX
    } else {
        opts[3] as usize
    };
    RegionCoverer::new()
        .max_level(opts[1] as u8)
        .and_then(|c| c.min_level(opts[0] as u8))
        .and_then(|c| c.level_mod(opts[2] as u8))
        .and_then(|c| c.max_cells(max_cells))
        .expect("valid options in vectors")
}

fn check_region<R: Region>(r: &Rec, c: &mut Checker, region: &R) {
    let cap = region.cap_bound();
    c.f64s("cap_bound", &r.f64s("cap_bound"), &cap_json(&cap));
    c.f64s(
        "rect_bound",
        &r.f64s("rect_bound"),
        &rect_json(&region.rect_bound()),
    );
    c.eq(
        "cell_union_bound",
        to_ids(r, r.get("cell_union_bound")),
        region.cell_union_bound(),
    );

    let Value::Array(covs) = r.get("coverings") else {
        panic!("coverings")
    };
    for cov in covs {
        let opts: Vec<i64> = cov["opts"]
            .as_array()
            .expect("opts")
            .iter()
            .map(|x| {
                x.as_i64()
                    .unwrap_or_else(|| panic!("{}:{}: opts: {x} is not an integer", r.file, r.line))
            })
            .collect();
        let cv = coverer(&opts);
        let tag = format!("{opts:?}");
        let got = cv.covering(region);
        check_cells(
            r,
            c,
            &format!("covering{tag}"),
            &cov["covering"],
            got.cell_ids(),
        );
        if !cov["interior"].is_null() {
            let got = cv.interior_covering(region);
            check_cells(
                r,
                c,
                &format!("interior{tag}"),
                &cov["interior"],
                got.cell_ids(),
            );
        }
        if !cov["fast"].is_null() {
            let got = cv.fast_covering(region);
            check_cells(r, c, &format!("fast{tag}"), &cov["fast"], got.cell_ids());
        }
        // The lazy fixed-level cells equal Google's fixed-level covering.
        if opts[0] == opts[1] && opts[3] < 0 {
            let lazy: Vec<CellId> = RegionCoverer::fixed_level_cells(region, opts[0] as u8)
                .expect("level")
                .collect();
            check_cells(
                r,
                c,
                &format!("fixed_level_cells{tag}"),
                &cov["covering"],
                &lazy,
            );
        }
    }

    let probes = to_ids(r, r.get("probes"));
    let contains: Vec<bool> = probes
        .iter()
        .map(|&id| region.contains_cell(&Cell::from(id)))
        .collect();
    let may: Vec<bool> = probes
        .iter()
        .map(|&id| region.may_intersect_cell(&Cell::from(id)))
        .collect();
    c.eq("contains", r.bools("contains"), contains);
    c.eq("may_intersect", r.bools("may_intersect"), may);

    let points: Vec<bool> = r
        .f64s2("points")
        .iter()
        .map(|p| region.contains_point(&Point::new(p[0], p[1], p[2])))
        .collect();
    c.eq("contains_point", r.bools("contains_point"), points);
}

#[test]
fn coverer_matches_google() {
    let mut regions = 0;
    let mut canon = 0;
    let checker = each_line("coverer.jsonl", |r, c| match r.str("op") {
        "rect" => {
            let b = r.f64s("rect");
            c.input(format!("rect={b:?}"));
            let rect =
                LatLngRect::from_radians(b[0], b[1], b[2], b[3]).expect("valid rect in vectors");
            check_region(r, c, &rect);
            if r.has("simple") {
                let s = r.obj("simple");
                let start = rect.center().to_point();
                let got =
                    RegionCoverer::simple_covering(&rect, &start, s.u8("level")).expect("simple");
                c.eq("simple", to_ids(r, s.get("out")), got);
            }
            regions += 1;
        }
        "cap" => {
            let v = r.f64s("cap");
            c.input(format!("cap={v:?}"));
            let cap = cap_from(&v);
            check_region(r, c, &cap);
            if r.has("simple") {
                let s = r.obj("simple");
                let got = RegionCoverer::simple_covering(&cap, &cap.center(), s.u8("level"))
                    .expect("simple");
                c.eq("simple", to_ids(r, s.get("out")), got);
            }
            regions += 1;
        }
        "canon" => {
            let opts = r.i64s("opts");
            let cv = coverer(&opts);
            let key = if r.has("input_full") {
                "input_full"
            } else {
                "input"
            };
            let input = to_ids(r, r.get(key));
            c.input(format!("opts={opts:?} input={} cells", input.len()));
            c.eq(
                "is_canonical_input",
                r.bool("is_canonical_input"),
                cv.is_canonical(&input),
            );
            let out = cv.canonicalize_covering(input).expect("valid ids");
            check_cells(r, c, "output", r.get("output"), &out);
            c.eq(
                "is_canonical_output",
                r.bool("is_canonical_output"),
                cv.is_canonical(&out),
            );
            canon += 1;
        }
        op => c.fail("op", format!("unknown op {op}")),
    });
    assert!(
        regions >= 80 && canon >= 150,
        "{regions} regions, {canon} canon cases"
    );
    checker.finish(300);
}
