//! Conformance of the cell module with Google's s2geometry (C++ library of
//! the `PyPI` wheel s2geometry==0.14.0), on the vectors in `tests/data/` made
//! by `tools/oracle/generate.sh` (see `tools/oracle/README.md` for every
//! field).
//!
//! Every comparison is exact: ids, levels and flags with `==`, doubles by
//! their bits (`to_bits`, so -0.0 and 0.0 differ). No field has an ulp
//! tolerance. Latitudes/longitudes and areas go through libm (`atan2`,
//! `asin`, `sin`, `cos`, ...); the vectors were made with glibc's libm, the
//! one Rust's f64 methods call on Linux.
//!
//! Failures are collected per file and reported together: file, 1-based line,
//! the line's case tag and the field, expected (Google) and got (s2cells). A
//! panic inside s2cells on some line is reported as field `<panic>` of that
//! line. Each test also asserts how many lines it checked, so a missing or
//! truncated vector file fails.

mod common;

use common::{Checker, Rec, each_line};
use s2cells::metrics::{self, Metric};
use s2cells::{Cell, CellId, LatLng, Point, earth};

// ---------------------------------------------------------------- helpers

/// A valid cell id from the vectors.
fn cell(r: &Rec, key: &str) -> CellId {
    let v = r.u64(key);
    CellId::try_from(v).unwrap_or_else(|e| {
        panic!(
            "{}:{}: {key}={v} is not a valid id for s2cells: {e:?}",
            r.file, r.line
        )
    })
}

/// A cell id from the vectors that may be an end iterator `CellId::end(l)`
/// (the only invalid ids an input can be).
fn cell_or_end(r: &Rec, key: &str) -> CellId {
    let v = r.u64(key);
    if let Ok(id) = CellId::try_from(v) {
        return id;
    }
    (0..=30u8)
        .map(CellId::end)
        .find(|e| e.id() == v)
        .unwrap_or_else(|| {
            panic!(
                "{}:{}: {key}={v} is neither valid nor an end()",
                r.file, r.line
            )
        })
}

fn pt(v: &[f64]) -> Point {
    assert_eq!(v.len(), 3, "a point has 3 coordinates");
    Point::new(v[0], v[1], v[2])
}

fn xyz(p: Point) -> [f64; 3] {
    [p.x, p.y, p.z]
}

fn ll(l: LatLng) -> [f64; 2] {
    [l.lat(), l.lng()]
}

fn ids(v: &[CellId]) -> Vec<u64> {
    v.iter().map(s2cells::CellId::id).collect()
}

/// The vector field a check label refers to: "center/cell.center" checks
/// `cell.center()` against the field "center".
fn key(label: &str) -> &str {
    label.split('/').next().unwrap_or(label)
}

fn check_point(c: &mut Checker, r: &Rec, label: &str, got: Point) {
    c.f64s(label, &r.f64s(key(label)), &xyz(got));
}

fn check_points(c: &mut Checker, r: &Rec, label: &str, got: &[Point]) {
    let exp: Vec<f64> = r.f64s2(key(label)).concat();
    let got: Vec<f64> = got.iter().flat_map(|p| xyz(*p)).collect();
    c.f64s(label, &exp, &got);
}

fn check_rect(c: &mut Checker, r: &Rec, label: &str, got: [[f64; 2]; 2]) {
    c.f64s(label, &r.f64s2(key(label)).concat(), got.as_flattened());
}

// ----------------------------------------------------------------- points

/// The per-level block written on the "full" lines of `cell_points.jsonl`.
fn check_cell_block(c: &mut Checker, r: &Rec, id: CellId, p: &Point) {
    let level = id.level();
    let cl = Cell::from(id);
    c.eq("debug", r.str("debug").to_string(), id.to_debug_string());
    c.eq(
        "debug/from_debug_string",
        Ok(id.id()),
        CellId::from_debug_string(r.str("debug"))
            .map(|x| x.id())
            .map_err(|_| ()),
    );
    c.eq("face", r.u8("face"), id.face());
    c.eq("pos", r.u64("pos"), id.pos());
    c.eq("lsb", r.u64("lsb"), id.lsb());
    c.eq(
        "lsb/lsb_for_level",
        r.u64("lsb"),
        CellId::lsb_for_level(level),
    );
    c.eq("is_face", r.bool("is_face"), id.is_face());
    c.eq("is_leaf", r.bool("is_leaf"), id.is_leaf());
    c.eq("size_ij", r.u64("size_ij"), u64::from(id.size_ij()));
    c.f64("size_st", r.f64("size_st"), id.size_st());
    c.eq("cell.id", id, cl.id());
    c.eq("cell.face", id.face(), cl.face());
    c.eq("cell.level", level, cl.level());
    c.eq("cell.is_leaf", id.is_leaf(), cl.is_leaf());

    check_point(c, r, "center", id.to_point());
    check_point(c, r, "center/cell.center", cl.center());
    check_point(c, r, "center_raw", id.to_point_raw());
    c.f64s("center_ll", &r.f64s("center_ll"), &ll(id.to_latlng()));
    let (s, t) = id.center_st();
    c.f64s("center_st", &r.f64s("center_st"), &[s, t]);
    let (u, v) = id.center_uv();
    c.f64s("center_uv", &r.f64s("center_uv"), &[u, v]);
    check_rect(c, r, "bound_st", id.bound_st());
    check_rect(c, r, "bound_uv", id.bound_uv());
    check_rect(c, r, "bound_uv/cell.bound_uv", cl.bound_uv());
    let (f, si, ti) = id.center_si_ti();
    c.eq(
        "center_si_ti",
        r.i64s("center_si_ti"),
        vec![i64::from(f), i64::from(si), i64::from(ti)],
    );
    let at = id.to_face_ij_orientation();
    c.eq(
        "face_ij_orientation",
        r.i64s("face_ij_orientation"),
        vec![
            i64::from(at.face),
            i64::from(at.i),
            i64::from(at.j),
            i64::from(at.orientation),
        ],
    );

    let vs: Vec<Point> = (0..4).map(|k| cl.vertex(k)).collect();
    check_points(c, r, "vertices", &vs);
    check_points(c, r, "vertices/cell.vertices", &cl.vertices());
    let vr: Vec<Point> = (0..4).map(|k| cl.vertex_raw(k)).collect();
    check_points(c, r, "vertices_raw", &vr);
    let es: Vec<Point> = (0..4).map(|k| cl.edge(k)).collect();
    check_points(c, r, "edges", &es);
    let er: Vec<Point> = (0..4).map(|k| cl.edge_raw(k)).collect();
    check_points(c, r, "edges_raw", &er);

    c.f64("exact_area", r.f64("exact_area"), cl.exact_area());
    c.f64("approx_area", r.f64("approx_area"), cl.approx_area());
    c.f64("average_area", r.f64("average_area"), cl.average_area());
    let rb = cl.rect_bound();
    c.f64s(
        "rect_bound",
        &r.f64s("rect_bound"),
        &[rb.lat_lo(), rb.lat_hi(), rb.lng_lo(), rb.lng_hi()],
    );
    let cap = cl.cap_bound();
    let exp = r.obj("cap_bound");
    c.f64s("cap_bound.center", &exp.f64s("center"), &xyz(cap.center()));
    c.f64("cap_bound.length2", exp.f64("length2"), cap.radius2());

    c.eq(
        "edge_neighbors",
        r.u64s("edge_neighbors"),
        ids(&id.edge_neighbors()),
    );
    if r.has("vertex_neighbors") {
        let vl = r.u8("vertex_neighbors_level");
        c.eq(
            "vertex_neighbors",
            r.u64s("vertex_neighbors"),
            ids(&id.vertex_neighbors(vl)),
        );
    }
    let nl = r.u8("all_neighbors_level");
    c.eq(
        "all_neighbors",
        r.u64s("all_neighbors"),
        ids(&id.all_neighbors(nl)),
    );

    c.eq("range_min", r.u64("range_min"), id.range_min().id());
    c.eq("range_max", r.u64("range_max"), id.range_max().id());
    c.eq("next", r.u64("next"), id.next().id());
    c.eq("prev", r.u64("prev"), id.prev().id());
    c.eq("next_wrap", r.u64("next_wrap"), id.next_wrap().id());
    c.eq("prev_wrap", r.u64("prev_wrap"), id.prev_wrap().id());
    if r.has("immediate_parent") {
        c.eq(
            "immediate_parent",
            r.u64("immediate_parent"),
            id.immediate_parent().id(),
        );
        c.eq(
            "child_position",
            r.u8("child_position"),
            id.child_position(),
        );
        let cp = r.i64s("child_position_at");
        c.eq(
            "child_position_at",
            cp[1],
            i64::from(id.child_position_at(cp[0] as u8)),
        );
    }
    if r.has("children") {
        let exp = r.u64s("children");
        c.eq("children", exp.clone(), ids(&id.children()));
        let by_child: Vec<u64> = (0..4).map(|k| id.child(k).id()).collect();
        c.eq("children/child(k)", exp.clone(), by_child);
        let sub: Vec<u64> = cl.subdivide().iter().map(|x| x.id().id()).collect();
        c.eq("children/cell.subdivide", exp, sub);
        c.eq("child_begin", r.u64("child_begin"), id.child_begin().id());
        c.eq("child_end", r.u64("child_end"), id.child_end().id());
    }
    let dl = r.u8("child_at_level");
    c.eq(
        "child_begin_at",
        r.u64("child_begin_at"),
        id.child_begin_at(dl).id(),
    );
    c.eq(
        "child_end_at",
        r.u64("child_end_at"),
        id.child_end_at(dl).id(),
    );
    c.eq(
        "distance_from_begin",
        r.u64("distance_from_begin"),
        id.distance_from_begin(),
    );
    c.eq(
        "contains_point",
        r.bool("contains_point"),
        cl.contains_point(p),
    );
}

/// `cell_points.jsonl`: point -> leaf cell (from lat/lng degrees and from xyz),
/// `leaf.to_latlng`, parent at a level cycling over 0..=30, token, and on the
/// "full" lines every id-level and geometric property of that cell.
#[test]
fn points() {
    let mut full = 0usize;
    let c = each_line("cell_points.jsonl", |r, c| {
        if r.has("full") {
            full += 1;
        }
        let p = if r.has("lat") {
            let (lat, lng) = (r.f64("lat"), r.f64("lng"));
            if r.has("lat_str") {
                // Data sanity: the 7-decimal text parses to the given double.
                c.eq(
                    "lat_str",
                    Ok(lat.to_bits()),
                    r.str("lat_str").parse::<f64>().map(f64::to_bits),
                );
                c.eq(
                    "lng_str",
                    Ok(lng.to_bits()),
                    r.str("lng_str").parse::<f64>().map(f64::to_bits),
                );
            }
            let l = LatLng::from_degrees(lat, lng);
            if r.has("ll") {
                c.f64s("ll", &r.f64s("ll"), &ll(l));
            }
            check_point(c, r, "p", l.to_point());
            check_point(c, r, "p/Point::from", Point::from(l));
            c.eq(
                "leaf/from_latlng",
                r.u64("leaf"),
                CellId::from_latlng(l).id(),
            );
            pt(&r.f64s("p"))
        } else {
            pt(&r.f64s("xyz"))
        };
        if r.has("p_ll") {
            c.f64s("p_ll", &r.f64s("p_ll"), &ll(LatLng::from(p)));
        }
        c.eq(
            "leaf/from_point",
            r.u64("leaf"),
            CellId::from_point(&p).id(),
        );
        let leaf = cell(r, "leaf");
        c.eq("leaf.is_leaf", true, leaf.is_leaf());
        c.f64s("leaf_ll", &r.f64s("leaf_ll"), &ll(leaf.to_latlng()));
        let level = r.u8("level");
        c.eq("id/parent", r.u64("id"), leaf.parent(level).id());
        let id = cell(r, "id");
        c.eq("id.level", level, id.level());
        c.eq("id.is_valid", true, id.is_valid());
        c.eq("token", r.str("token").to_string(), id.to_token());
        c.eq(
            "token/from_token",
            Ok(id.id()),
            CellId::from_token(r.str("token"))
                .map(|x| x.id())
                .map_err(|_| ()),
        );
        if r.has("full") {
            check_cell_block(c, r, id, &p);
        } else {
            c.eq(
                "contains_point",
                r.bool("contains_point"),
                Cell::from(id).contains_point(&p),
            );
        }
    });
    c.finish(20_000);
    assert!(full >= 1000, "only {full} full cell blocks checked");
}

// ----------------------------------------------------------------- tokens

/// `cell_tokens.jsonl`: `from_token` is Ok(id) exactly when Google's
/// `FromToken` gives a valid cell (then `to_token` equals Google's `ToToken`),
/// Err otherwise — except "X", Google's ToToken(None()), which is
/// `Ok(CellId::NONE)`. `FromStr` agrees with `from_token`.
#[test]
fn tokens() {
    let c = each_line("cell_tokens.jsonl", |r, c| {
        if r.str("case") == "to_token_special" {
            let v = r.u64("id");
            let id = if v == 0 {
                CellId::NONE
            } else {
                CellId::SENTINEL
            };
            c.eq("special id", v, id.id());
            c.eq("to_token", r.str("to_token").to_string(), id.to_token());
            return;
        }
        let tok = r.str("token");
        let got = CellId::from_token(tok).map(|x| x.id()).map_err(|_| ());
        let parsed = tok.parse::<CellId>().map(|x| x.id()).map_err(|_| ());
        c.eq("from_str", got, parsed);
        if tok == "X" {
            c.eq("from_token", Ok(0), got);
        } else if r.bool("google_valid") {
            c.eq("from_token", Ok(r.u64("google_id")), got);
            if let Ok(id) = CellId::from_token(tok) {
                c.eq("to_token", r.str("to_token").to_string(), id.to_token());
            }
        } else {
            c.eq("from_token (Google: invalid)", Err(()), got);
        }
    });
    c.finish(3_000);
}

/// `cell_debug_strings.jsonl`: `from_debug_string` is Ok(id) exactly when
/// Google's `FromDebugString` gives a valid cell, and then `to_debug_string`
/// equals Google's `ToString`.
#[test]
fn debug_strings() {
    let c = each_line("cell_debug_strings.jsonl", |r, c| {
        let s = r.str("str");
        let got = CellId::from_debug_string(s).map(|x| x.id()).map_err(|_| ());
        if r.bool("google_valid") {
            c.eq("from_debug_string", Ok(r.u64("google_id")), got);
            if let Ok(id) = CellId::from_debug_string(s) {
                c.eq(
                    "to_debug_string",
                    r.str("to_debug_string").to_string(),
                    id.to_debug_string(),
                );
            }
        } else {
            c.eq("from_debug_string (Google: invalid)", Err(()), got);
        }
    });
    c.finish(700);
}

// -------------------------------------------------------------------- ops

/// `cell_ops.jsonl`: constructors, curve arithmetic (advance clamps,
/// `advance_wrap` wraps; next/prev wrap around u64 like Google's unsigned
/// arithmetic), `maximum_tile`, relations between pairs, and validity of raw
/// u64/i64 values.
#[test]
fn ops() {
    let c = each_line("cell_ops.jsonl", |r, c| match r.str("op") {
        "level" => {
            let level = r.u8("level");
            c.eq(
                "lsb_for_level",
                r.u64("lsb_for_level"),
                CellId::lsb_for_level(level),
            );
            let b = CellId::begin(level);
            c.eq("begin", r.u64("begin"), b.id());
            c.eq("end", r.u64("end"), CellId::end(level).id());
            c.eq("size_ij", r.u64("size_ij"), u64::from(b.size_ij()));
            c.f64("size_st", r.f64("size_st"), b.size_st());
            c.f64(
                "average_area",
                r.f64("average_area"),
                Cell::from(b).average_area(),
            );
        }
        "from_face" => {
            c.eq("id", r.u64("id"), CellId::from_face(r.u8("face")).id());
        }
        "from_face_pos_level" => {
            let got = CellId::from_face_pos_level(r.u8("face"), r.u64("pos"), r.u8("level"));
            c.eq("id", r.u64("id"), got.id());
        }
        "from_face_pos_level_bad" => {
            // Not Google (UB there): the s2cells contract, bad args -> NONE.
            let got = CellId::from_face_pos_level(r.u8("face"), r.u64("pos"), r.u8("level"));
            c.eq("id (contract: NONE)", 0, got.id());
        }
        "from_face_ij" => {
            let (f, i, j) = (r.u8("face"), r.u64("i") as u32, r.u64("j") as u32);
            let id = CellId::from_face_ij(f, i, j);
            c.eq("id", r.u64("id"), id.id());
            let at = id.to_face_ij_orientation();
            c.eq(
                "to_face_ij_orientation",
                (f, i, j, r.u8("orientation")),
                (at.face, at.i, at.j, at.orientation),
            );
        }
        "from_face_ij_bad" => {
            // Not Google: the s2cells contract. A negative i/j of the C++
            // int API is passed as u32::MAX here.
            let u = |k: &str| u32::try_from(r.i64(k)).unwrap_or(u32::MAX);
            let f = u8::try_from(r.i64("face")).unwrap_or(u8::MAX);
            c.eq(
                "id (contract: NONE)",
                0,
                CellId::from_face_ij(f, u("i"), u("j")).id(),
            );
        }
        "advance" => {
            let id = cell(r, "id");
            let steps = r.i64("steps");
            c.eq("advance", r.u64("advance"), id.advance(steps).id());
            c.eq(
                "advance_wrap",
                r.u64("advance_wrap"),
                id.advance_wrap(steps).id(),
            );
        }
        "next_prev" => {
            let id = cell(r, "id");
            c.eq("next", r.u64("next"), id.next().id());
            c.eq("prev", r.u64("prev"), id.prev().id());
            c.eq("next_wrap", r.u64("next_wrap"), id.next_wrap().id());
            c.eq("prev_wrap", r.u64("prev_wrap"), id.prev_wrap().id());
            c.eq(
                "distance_from_begin",
                r.u64("distance_from_begin"),
                id.distance_from_begin(),
            );
        }
        "maximum_tile" => {
            let id = cell(r, "id");
            let limit = cell_or_end(r, "limit");
            c.eq("tile", r.u64("tile"), id.maximum_tile(limit).id());
        }
        "pair" => {
            let (a, b) = (cell(r, "a"), cell(r, "b"));
            c.eq("contains", r.bool("contains"), a.contains(b));
            c.eq("contained_by", r.bool("contained_by"), b.contains(a));
            c.eq("intersects", r.bool("intersects"), a.intersects(b));
            c.eq("intersects/sym", r.bool("intersects"), b.intersects(a));
            let exp = if r.has("common_ancestor_level") {
                Some(r.u8("common_ancestor_level"))
            } else {
                None
            };
            c.eq("common_ancestor_level", exp, a.common_ancestor_level(b));
            c.eq("common_ancestor_level/sym", exp, b.common_ancestor_level(a));
        }
        "is_valid" => {
            let (v, s) = (r.u64("u64"), r.i64("i64"));
            let valid = r.bool("valid");
            c.eq("try_from(u64)", valid, CellId::try_from(v).is_ok());
            c.eq("from_signed", valid, CellId::from_signed(s).is_ok());
            if let Ok(id) = CellId::try_from(v) {
                c.eq("is_valid", true, id.is_valid());
                c.eq("to_signed", s, id.to_signed());
                c.eq(
                    "from_signed/id",
                    Ok(v),
                    CellId::from_signed(s).map(|x| x.id()).map_err(|_| ()),
                );
                c.eq("u64::from", v, u64::from(id));
                if valid {
                    c.eq("face", r.u8("face"), id.face());
                    c.eq("pos", r.u64("pos"), id.pos());
                    c.eq("level", r.u8("level"), id.level());
                    c.eq("lsb", r.u64("lsb"), id.lsb());
                    c.eq("is_leaf", r.bool("is_leaf"), id.is_leaf());
                    c.eq("is_face", r.bool("is_face"), id.is_face());
                }
            }
        }
        other => c.fail(
            "op",
            format!("unknown op {other:?} (test out of date with the vectors)"),
        ),
    });
    c.finish(9_000);
}

// ---------------------------------------------------------------- metrics

fn metric(name: &str) -> Metric {
    match name {
        "MIN_ANGLE_SPAN" => metrics::MIN_ANGLE_SPAN,
        "MAX_ANGLE_SPAN" => metrics::MAX_ANGLE_SPAN,
        "AVG_ANGLE_SPAN" => metrics::AVG_ANGLE_SPAN,
        "MIN_WIDTH" => metrics::MIN_WIDTH,
        "MAX_WIDTH" => metrics::MAX_WIDTH,
        "AVG_WIDTH" => metrics::AVG_WIDTH,
        "MIN_EDGE" => metrics::MIN_EDGE,
        "MAX_EDGE" => metrics::MAX_EDGE,
        "AVG_EDGE" => metrics::AVG_EDGE,
        "MIN_DIAG" => metrics::MIN_DIAG,
        "MAX_DIAG" => metrics::MAX_DIAG,
        "AVG_DIAG" => metrics::AVG_DIAG,
        "MIN_AREA" => metrics::MIN_AREA,
        "MAX_AREA" => metrics::MAX_AREA,
        "AVG_AREA" => metrics::AVG_AREA,
        _ => panic!("unknown metric {name}"),
    }
}

/// `cell_metrics.jsonl`: each metric's deriv and value at levels 0..=30, and
/// `closest_level` / `level_for_max_value` / `level_for_min_value` of many values
/// (0, -0, negative, huge, exactly at and one ulp around each level's value).
#[test]
fn metric_values() {
    let mut headers = 0;
    let c = each_line("cell_metrics.jsonl", |r, c| {
        let m = metric(r.str("metric"));
        if r.has("values") {
            headers += 1;
            c.f64("deriv", r.f64("deriv"), m.deriv());
            let got: Vec<f64> = (0..=30u8).map(|l| m.value(l)).collect();
            c.f64s("values", &r.f64s("values"), &got);
        } else {
            let v = r.f64("value");
            c.input(format_args!("value={v:?}"));
            c.eq("closest_level", r.u8("closest_level"), m.closest_level(v));
            c.eq(
                "level_for_max_value",
                r.u8("level_for_max_value"),
                m.level_for_max_value(v),
            );
            c.eq(
                "level_for_min_value",
                r.u8("level_for_min_value"),
                m.level_for_min_value(v),
            );
        }
    });
    assert_eq!(headers, 15, "one header line per metric");
    c.finish(2_000);
}

// ------------------------------------------------------------ cell edges

/// `cell_edges.jsonl`: `S2Cell`'s `GetUVCoordOfEdge` and `GetIJCoordOfEdge` for
/// k = 0..8 (Google reduces k mod 4) and `GetCenterRaw`, for the faces,
/// random cells of every level, and the first and last cell of each face
/// at every level.
#[test]
fn cell_edges() {
    let c = each_line("cell_edges.jsonl", |r, c| {
        let id = cell(r, "id");
        c.input(format!("{id:?}"));
        let cl = Cell::from(id);
        let uv: Vec<f64> = (0..8).map(|k| cl.uv_coord_of_edge(k)).collect();
        c.f64s("uv_coord_of_edge", &r.f64s("uv_coord_of_edge"), &uv);
        let ij: Vec<i64> = (0..8).map(|k| i64::from(cl.ij_coord_of_edge(k))).collect();
        c.eq("ij_coord_of_edge", r.i64s("ij_coord_of_edge"), ij);
        check_point(c, r, "center_raw", cl.center_raw());
    });
    c.finish(1_600);
}

// ------------------------------------------------------------------ earth

/// earth.jsonl: `S2Earth`'s radius, unit conversions, and `GetDistanceMeters`
/// between lat/lng pairs given in degrees.
#[test]
fn earth_conversions() {
    let c = each_line("earth.jsonl", |r, c| match r.str("kind") {
        "constants" => c.f64(
            "radius_meters",
            r.f64("radius_meters"),
            earth::RADIUS_METERS,
        ),
        "convert" => {
            let x = r.f64("x");
            c.f64(
                "meters_to_radians",
                r.f64("meters_to_radians"),
                earth::meters_to_radians(x),
            );
            c.f64(
                "radians_to_meters",
                r.f64("radians_to_meters"),
                earth::radians_to_meters(x),
            );
            c.f64(
                "km_to_radians",
                r.f64("km_to_radians"),
                earth::km_to_radians(x),
            );
            c.f64(
                "radians_to_km",
                r.f64("radians_to_km"),
                earth::radians_to_km(x),
            );
            c.f64(
                "square_km_to_steradians",
                r.f64("square_km_to_steradians"),
                earth::square_km_to_steradians(x),
            );
            c.f64(
                "steradians_to_square_km",
                r.f64("steradians_to_square_km"),
                earth::steradians_to_square_km(x),
            );
        }
        "distance" => {
            let (a, b) = (r.f64s("a"), r.f64s("b"));
            let got = earth::distance_meters(
                LatLng::from_degrees(a[0], a[1]),
                LatLng::from_degrees(b[0], b[1]),
            );
            c.f64("meters", r.f64("meters"), got);
        }
        other => c.fail("kind", format!("unknown kind {other:?}")),
    });
    c.finish(1_000);
}
