//! `plot` writes a PNG or SVG of the right size, with one SVG polygon per
//! covering cell (the library's covering), clear errors for a bad output
//! name or an unwritable path, and no panic on empty, full-sphere,
//! antimeridian or polar regions.

mod common;

use std::path::Path;

use common::{TempFile, s2cells};
use s2cells::{LatLngRect, RegionCoverer};

fn temp(name: &str) -> TempFile {
    TempFile::new(name)
}

/// Runs `plot` with `args` into `out`, asserting success and a quiet stderr.
fn plot(args: &[&str], out: &Path) {
    let o = s2cells()
        .arg("plot")
        .args(args)
        .arg("--output")
        .arg(out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The width and height in a PNG's IHDR.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |k: usize| u32::from_be_bytes([bytes[k], bytes[k + 1], bytes[k + 2], bytes[k + 3]]);
    (be(16), be(20))
}

#[test]
fn png_has_the_asked_size() {
    let out = temp("porto.png");
    plot(
        &[
            "--rect=-30.241701,-51.264871,-30.000003,-51.04618",
            "--min-level",
            "8",
            "--max-level",
            "15",
            "--max-cells",
            "500",
            "--width",
            "900",
            "--height",
            "700",
        ],
        &out,
    );
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(png_size(&bytes), (900, 700));
}

#[test]
fn svg_has_one_polygon_per_covering_cell() {
    let out = temp("porto.svg");
    plot(
        &[
            "--rect=-30.241701,-51.264871,-30.000003,-51.04618",
            "--min-level",
            "8",
            "--max-level",
            "15",
            "--max-cells",
            "500",
        ],
        &out,
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..40]);
    assert!(svg.contains(r#"width="1600""#) && svg.contains(r#"height="1200""#));
    let rect = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618).unwrap();
    let cells = RegionCoverer::new()
        .min_level(8)
        .and_then(|c| c.max_level(15))
        .and_then(|c| c.max_cells(500))
        .unwrap()
        .covering(&rect);
    assert_eq!(svg.matches("<polygon").count(), cells.len());
    assert!(svg.contains("level 15"));
    assert!(svg.contains(&format!("{} cells", cells.len())));
}

#[test]
fn geojson_polygon_with_a_hole() {
    let out = temp("city.svg");
    plot(
        &[
            "data/porto-alegre-city.geojson",
            "--max-level",
            "15",
            "--max-cells",
            "200",
        ],
        &out,
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("Porto Alegre, central districts"));
    assert!(
        svg.contains(">\nhole\n</text>"),
        "the legend names the hole"
    );
}

/// The same city read as WKT draws the same cells and the same hole (WKT
/// has no properties, so only the title differs).
#[test]
fn wkt_polygon_draws_like_the_geojson() {
    let (from_wkt, from_geojson) = (temp("city-wkt.svg"), temp("city-geojson.svg"));
    let args = ["--max-level", "15", "--max-cells", "200"];
    plot(
        &[&["data/porto-alegre-city.wkt"][..], &args].concat(),
        &from_wkt,
    );
    plot(
        &[&["data/porto-alegre-city.geojson"][..], &args].concat(),
        &from_geojson,
    );
    let (a, b) = (
        std::fs::read_to_string(&from_wkt).unwrap(),
        std::fs::read_to_string(&from_geojson).unwrap(),
    );
    let polygons = |svg: &str| {
        svg.lines()
            .filter(|l| l.contains("<polygon"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert!(!polygons(&a).is_empty());
    assert_eq!(polygons(&a), polygons(&b));
    assert!(a.contains(">\nhole\n</text>"), "the legend names the hole");
}

#[test]
fn bad_extension_is_a_usage_error() {
    let o = s2cells()
        .args(["plot", "--rect=0,0,1,1", "--output", "x.jpg"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        "error: --output x.jpg: expected a file name ending in .png or .svg\n"
    );
}

#[test]
fn unwritable_path_is_a_data_error() {
    let o = s2cells()
        .args([
            "plot",
            "--rect=0,0,1,1",
            "--output",
            "/nonexistent-dir/x.png",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.starts_with("error: /nonexistent-dir/x.png: cannot write: "),
        "{stderr}"
    );
}

#[test]
fn corner_cases_do_not_panic() {
    let cases: &[&[&str]] = &[
        // An interior covering of a sliver: no cells.
        &["--rect=1,1,1.0000001,1.0000001", "--interior"],
        &["--rect=-90,-180,90,180"],
        &["--rect=50,170,70,-160", "--max-cells", "40"],
        &["--cap=85,30,800000", "--max-cells", "30"],
        &["--cap=-89,0,300000"],
        &["--rect=0,0,0,0", "--level", "10"],
    ];
    let mut first_svg = String::new();
    for (k, args) in cases.iter().enumerate() {
        for ext in ["png", "svg"] {
            let out = temp(&format!("case{k}.{ext}"));
            let mut a = args.to_vec();
            a.extend(["--width", "640", "--height", "480"]);
            plot(&a, &out);
            let bytes = std::fs::read(&out).unwrap();
            if ext == "png" {
                assert_eq!(png_size(&bytes), (640, 480), "{args:?}");
            } else {
                assert!(bytes.starts_with(b"<svg"), "{args:?}");
                if k == 0 {
                    first_svg = String::from_utf8(bytes).unwrap();
                }
            }
        }
    }
    let svg = first_svg;
    assert_eq!(svg.matches("<polygon").count(), 0);
    assert!(svg.contains("no cells"));
}
