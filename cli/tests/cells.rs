//! `cell`, `parent`, `children`, `neighbors`, `compact`, `uncompact`: the
//! real binary's output equals the library's results, in every format, and
//! pipes give what direct calls give.

mod common;

use common::{s2cells, sample_cells, sorted, stdout, token_lines};
use s2cells::{Cell, CellId, CellUnion, LatLng, earth};
use serde_json::Value;

#[test]
fn cell_json_equals_library() {
    let out = stdout(s2cells().args(["cell", "--json", "-i", "data/cells.txt"]));
    let cells = sample_cells();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), cells.len());
    for (line, &id) in lines.iter().zip(&cells) {
        let v: Value = serde_json::from_str(line).unwrap();
        let cell = Cell::from(id);
        let ll = |p: LatLng| serde_json::json!({"lat": p.lat_degrees(), "lng": p.lng_degrees()});
        assert_eq!(v["token"], id.to_token());
        assert_eq!(v["id"], id.id());
        assert_eq!(v["i64"], id.to_signed());
        assert_eq!(v["level"], id.level());
        assert_eq!(v["face"], id.face());
        assert_eq!(v["center"], ll(id.to_latlng()));
        let vertices: Vec<Value> = cell
            .vertices()
            .iter()
            .map(|&p| ll(LatLng::from(p)))
            .collect();
        assert_eq!(v["vertices"], Value::from(vertices.clone()));
        assert_eq!(
            v["area_m2"].as_f64().unwrap(),
            earth::steradians_to_square_meters(cell.exact_area()),
            "exact area, to the bit"
        );
        let lls: Vec<LatLng> = cell.vertices().iter().map(|&p| LatLng::from(p)).collect();
        for k in 0..4 {
            assert_eq!(
                v["edge_lengths_m"][k].as_f64().unwrap(),
                earth::distance_meters(lls[k], lls[(k + 1) % 4])
            );
        }
        let tokens = |ids: &[CellId]| {
            Value::from(
                ids.iter()
                    .map(s2cells::CellId::to_token)
                    .collect::<Vec<_>>(),
            )
        };
        if id.level() == 0 {
            assert_eq!(v["parent"], Value::Null);
        } else {
            assert_eq!(v["parent"], id.immediate_parent().to_token());
        }
        if id.is_leaf() {
            assert_eq!(v["children"], Value::from(Vec::<Value>::new()));
        } else {
            assert_eq!(v["children"], tokens(&id.children()));
        }
        assert_eq!(v["neighbors"], tokens(&id.edge_neighbors()));
    }
}

#[test]
fn cell_text_names_every_field() {
    let out = stdout(s2cells().args(["cell", "951977d34"]));
    let id = CellId::from_token("951977d34").unwrap();
    let area = earth::steradians_to_square_meters(Cell::from(id).exact_area());
    for expected in [
        "token      951977d34".to_owned(),
        format!("id         {}", id.id()),
        format!("i64        {}", id.to_signed()),
        "level      15".to_owned(),
        "face       4".to_owned(),
        format!("area_m2    {area}"),
        "parent     951977d3".to_owned(),
        "children   951977d31 951977d33 951977d35 951977d37".to_owned(),
    ] {
        assert!(out.lines().any(|l| l == expected), "{expected:?} in\n{out}");
    }
    // Several cells: blocks separated by a blank line.
    let two = stdout(s2cells().args(["cell", "1", "3"]));
    assert_eq!(two.matches("\n\ntoken").count(), 1);
}

#[test]
fn input_kinds_are_detected_and_formats_convert() {
    let id = CellId::from_token("951977d34").unwrap();
    let (token, dec, signed) = (
        id.to_token(),
        id.id().to_string(),
        id.to_signed().to_string(),
    );
    for input in [&token, &dec, &signed] {
        for (format, expected) in [("tokens", &token), ("ids", &dec), ("i64", &signed)] {
            let out = stdout(s2cells().args(["parent", "-l", "15", input, "-f", format]));
            assert_eq!(out, format!("{expected}\n"), "{input} as {format}");
        }
    }
    // Without --format, the output takes the form of the first input cell.
    assert_eq!(
        stdout(s2cells().args(["compact", &dec])),
        format!("{dec}\n")
    );
    assert_eq!(
        stdout(s2cells().args(["compact", &signed])),
        format!("{signed}\n")
    );
    // A token of digits only stays a token unless told otherwise.
    let face0 = CellId::from_face(0);
    assert_eq!(
        stdout(s2cells().args(["compact", "-f", "ids", "1"])),
        format!("{}\n", face0.id())
    );
    assert_eq!(
        stdout(s2cells().args(["compact", "--input-kind", "id", "-f", "tokens", "1"])),
        format!("{}\n", CellId::try_from(1u64).unwrap().to_token())
    );
}

/// Row-wise commands: one group per input row, in input order and the
/// library's order within the group; `--unique` the sorted set of all
/// results; `--pairs` each result after its input cell.
#[test]
fn hierarchy_commands_equal_library() {
    let cells = sample_cells();
    let run = |args: &[&str]| stdout(s2cells().args(args).args(["-i", "data/cells.txt"]));
    let check = |args: &[&str], inputs: &[CellId], each: &dyn Fn(CellId) -> Vec<CellId>| {
        let tokens: Vec<String> = inputs.iter().map(s2cells::CellId::to_token).collect();
        let rows: Vec<CellId> = inputs.iter().flat_map(|&c| each(c)).collect();
        let got = stdout(s2cells().args(args).args(&tokens));
        assert_eq!(got, token_lines(&rows), "{args:?}: input order");
        let unique = stdout(s2cells().args(args).arg("--unique").args(&tokens));
        assert_eq!(unique, token_lines(&sorted(rows)), "{args:?} --unique");
        let pairs = stdout(s2cells().args(args).arg("--pairs").args(&tokens));
        let want: String = inputs
            .iter()
            .flat_map(|&c| {
                each(c)
                    .into_iter()
                    .map(move |r| format!("{},{}\n", c.to_token(), r.to_token()))
            })
            .collect();
        assert_eq!(pairs, want, "{args:?} --pairs");
    };
    let parents: Vec<CellId> = cells.iter().map(|c| c.parent(0)).collect();
    assert_eq!(run(&["parent", "--level", "0"]), token_lines(&parents));
    assert!(
        parents.len() > sorted(parents.clone()).len(),
        "the sample has repeated parents: rows are kept, not merged"
    );
    check(&["parent", "--level", "0"], &cells, &|c| vec![c.parent(0)]);

    let no_leaf: Vec<CellId> = cells.iter().copied().filter(|c| !c.is_leaf()).collect();
    check(&["children"], &no_leaf, &|c| c.children().to_vec());
    check(&["neighbors"], &cells, &|c| c.edge_neighbors().to_vec());
    check(&["neighbors", "--kind", "all"], &cells, &|c| {
        c.all_neighbors(c.level())
    });
    let not_face: Vec<CellId> = cells.iter().copied().filter(|c| c.level() > 0).collect();
    check(&["neighbors", "--kind", "vertex"], &not_face, &|c| {
        c.vertex_neighbors(c.level() - 1)
    });
    // Three rows in, three rows out, in their order (the case:
    // sorting and merging gave two rows in another order).
    let three = ["89c25", "89c259", "89c25"];
    assert_eq!(
        stdout(s2cells().args(["parent"]).args(three)),
        "89c24\n89c25c\n89c24\n"
    );
    assert_eq!(
        stdout(s2cells().args(["parent", "--pairs"]).args(three)),
        "89c25,89c24\n89c259,89c25c\n89c25,89c24\n"
    );

    let union = CellUnion::from_cell_ids(cells.clone());
    assert_eq!(run(&["compact"]), token_lines(union.cell_ids()));
}

#[test]
fn children_and_uncompact_at_a_level_equal_denormalize() {
    let cells: Vec<CellId> = ["89c25", "89c259", "89c25c", "951977", "9519774"]
        .iter()
        .map(|t| CellId::from_token(t).unwrap())
        .collect();
    let tokens: Vec<String> = cells.iter().map(s2cells::CellId::to_token).collect();
    let union = CellUnion::from_cell_ids(cells.clone());
    let expected = union.denormalize(12, 1).unwrap();
    assert_eq!(
        stdout(s2cells().args(["uncompact", "--level", "12"]).args(&tokens)),
        token_lines(&expected)
    );
    assert_eq!(
        stdout(
            s2cells()
                .args(["children", "--level", "12", "--unique"])
                .args(&tokens)
        ),
        token_lines(&expected),
        "all inputs are at or above level 12, so the set of children = uncompact"
    );
    // Row by row, each input's descendants in order, overlaps repeated.
    let rows: Vec<CellId> = cells
        .iter()
        .flat_map(|c| {
            let (mut id, end) = (c.child_begin_at(12), c.child_end_at(12));
            std::iter::from_fn(move || {
                (id != end).then(|| {
                    let out = id;
                    id = id.next();
                    out
                })
            })
        })
        .collect();
    assert_eq!(
        stdout(s2cells().args(["children", "--level", "12"]).args(&tokens)),
        token_lines(&rows)
    );
    // Cells finer than the level stay as they are.
    let leaf = CellId::from_latlng(LatLng::from_degrees(1.0, 2.0));
    assert_eq!(
        stdout(s2cells().args(["uncompact", "-l", "3", &leaf.to_token()])),
        token_lines(&[leaf])
    );
}

#[test]
fn pipes_equal_direct_calls() {
    // children | compact gives back the compacted input.
    let children =
        stdout(s2cells().args(["children", "--level", "10", "89c25", "89c259", "951977"]));
    let compacted = stdout(s2cells().arg("compact").write_stdin(children));
    let direct = stdout(s2cells().args(["compact", "89c25", "89c259", "951977"]));
    assert_eq!(compacted, direct);
    assert_eq!(direct, "89c25\n951977\n");

    // uncompact | compact, in ids.
    let ids = stdout(s2cells().args(["uncompact", "-l", "8", "-f", "ids", "89c25", "951977"]));
    assert_eq!(
        stdout(s2cells().args(["compact", "-f", "tokens"]).write_stdin(ids)),
        direct
    );

    // index --cells-only | cell --json equals cell --json on the library's cells.
    let cells = stdout(s2cells().args(["index", "data/cities.csv", "-l", "13", "--cells-only"]));
    let piped = stdout(
        s2cells()
            .args(["cell", "--json"])
            .write_stdin(cells.clone()),
    );
    let expected: Vec<String> = common::read("data/cities.csv")
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.rsplitn(4, ',').collect();
            let (lng, lat) = (f[1].parse().unwrap(), f[2].parse().unwrap());
            CellId::from_latlng(LatLng::from_degrees(lat, lng))
                .parent(13)
                .to_token()
        })
        .collect();
    assert_eq!(cells.lines().collect::<Vec<_>>(), expected);
    let direct = stdout(s2cells().args(["cell", "--json"]).args(&expected));
    assert_eq!(piped, direct);
}

#[test]
fn stdin_skips_blank_lines_and_comments() {
    let out = stdout(
        s2cells()
            .arg("compact")
            .write_stdin("# a comment\n\n  951977  \r\n89c259\n"),
    );
    assert_eq!(out, "89c259\n951977\n");
}
