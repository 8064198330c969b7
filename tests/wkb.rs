//! The WKB reader: every geometry type in both byte orders, EWKB SRIDs,
//! ISO and EWKB Z/M dimensions, empty geometries, exact messages with byte
//! offsets for malformed input, counts and nesting that cannot allocate or
//! recurse without bound, the same geometry as the same shape in WKT (for
//! random geometries written both ways), and cells written as WKB.
#![cfg(all(feature = "wkb", feature = "wkt", feature = "geojson"))]

mod counting_alloc;

use counting_alloc::peak_bytes;
use proptest::prelude::*;
use s2cells::io::{
    GeoRegion, Geometry, MAX_WKB_NESTING, RegionOptions, cell_polygons, cell_wkb, parse_geojson,
    parse_wkb, parse_wkt,
};
use s2cells::{CellId, LatLng, ParseError, RegionCoverer};

/// How a geometry's type code carries its dimensions.
#[derive(Clone, Copy, Debug)]
enum Dims {
    /// x y.
    Xy,
    /// ISO: +1000 (Z), +2000 (M), +3000 (ZM), with 3 or 4 ordinates.
    Iso(u32),
    /// EWKB flags: Z, M or both.
    Ewkb { z: bool, m: bool },
}

impl Dims {
    fn code(self, base: u32) -> u32 {
        match self {
            Self::Xy => base,
            Self::Iso(k) => base + 1000 * k,
            Self::Ewkb { z, m } => {
                base | if z { 0x8000_0000 } else { 0 } | if m { 0x4000_0000 } else { 0 }
            }
        }
    }

    fn ordinates(self) -> usize {
        match self {
            Self::Xy => 2,
            Self::Iso(k) => 2 + [0, 1, 1, 2][k as usize],
            Self::Ewkb { z, m } => 2 + usize::from(z) + usize::from(m),
        }
    }
}

/// A geometry to write as WKB (and as WKT for comparison).
#[derive(Clone, Debug)]
enum Shape {
    /// None: `POINT EMPTY` (NaN NaN).
    Point(Option<(f64, f64)>),
    Line(Vec<(f64, f64)>),
    Polygon(Vec<Vec<(f64, f64)>>),
    MultiPoint(Vec<Option<(f64, f64)>>),
    MultiLine(Vec<Vec<(f64, f64)>>),
    MultiPolygon(Vec<Vec<Vec<(f64, f64)>>>),
    Collection(Vec<Shape>),
}

/// A WKB writer for tests: byte order and dimensions per geometry.
struct W {
    out: Vec<u8>,
    le: bool,
    dims: Dims,
    srid: Option<u32>,
}

impl W {
    fn new(le: bool, dims: Dims) -> Self {
        Self {
            out: Vec::new(),
            le,
            dims,
            srid: None,
        }
    }

    fn u32(&mut self, v: u32) {
        let b = if self.le {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        };
        self.out.extend(b);
    }

    fn f64(&mut self, v: f64) {
        let b = if self.le {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        };
        self.out.extend(b);
    }

    fn header(&mut self, base: u32) {
        self.out.push(u8::from(self.le));
        let mut code = self.dims.code(base);
        let srid = self.srid.take();
        if srid.is_some() {
            code |= 0x2000_0000;
        }
        self.u32(code);
        if let Some(s) = srid {
            self.u32(s);
        }
    }

    fn pos(&mut self, p: Option<(f64, f64)>) {
        let (x, y) = p.unwrap_or((f64::NAN, f64::NAN));
        self.f64(x);
        self.f64(y);
        for k in 2..self.dims.ordinates() {
            self.f64(k as f64 * 100.0);
        }
    }

    fn list(&mut self, ps: &[(f64, f64)]) {
        self.u32(ps.len() as u32);
        for &p in ps {
            self.pos(Some(p));
        }
    }

    fn shape(&mut self, s: &Shape) {
        match s {
            Shape::Point(p) => {
                self.header(1);
                self.pos(*p);
            }
            Shape::Line(ps) => {
                self.header(2);
                self.list(ps);
            }
            Shape::Polygon(rings) => {
                self.header(3);
                self.u32(rings.len() as u32);
                for r in rings {
                    self.list(r);
                }
            }
            Shape::MultiPoint(ps) => {
                self.header(4);
                self.u32(ps.len() as u32);
                for p in ps {
                    self.shape(&Shape::Point(*p));
                }
            }
            Shape::MultiLine(ls) => {
                self.header(5);
                self.u32(ls.len() as u32);
                for l in ls {
                    self.shape(&Shape::Line(l.clone()));
                }
            }
            Shape::MultiPolygon(ps) => {
                self.header(6);
                self.u32(ps.len() as u32);
                for p in ps {
                    self.shape(&Shape::Polygon(p.clone()));
                }
            }
            Shape::Collection(gs) => {
                self.header(7);
                self.u32(gs.len() as u32);
                for g in gs {
                    self.shape(g);
                }
            }
        }
    }
}

fn wkb(s: &Shape) -> Vec<u8> {
    let mut w = W::new(true, Dims::Xy);
    w.shape(s);
    w.out
}

fn wkt_list(ps: &[(f64, f64)]) -> String {
    if ps.is_empty() {
        return "EMPTY".into();
    }
    let parts: Vec<String> = ps.iter().map(|(x, y)| format!("{x} {y}")).collect();
    format!("({})", parts.join(", "))
}

fn wkt_polygon(rings: &[Vec<(f64, f64)>]) -> String {
    if rings.is_empty() {
        return "EMPTY".into();
    }
    let parts: Vec<String> = rings.iter().map(|r| wkt_list(r)).collect();
    format!("({})", parts.join(", "))
}

fn wkt_multi(parts: &[String]) -> String {
    if parts.is_empty() {
        "EMPTY".into()
    } else {
        format!("({})", parts.join(", "))
    }
}

/// The same shape as WKT.
fn wkt(s: &Shape) -> String {
    match s {
        Shape::Point(None) => "POINT EMPTY".into(),
        Shape::Point(Some((x, y))) => format!("POINT ({x} {y})"),
        Shape::Line(ps) => format!("LINESTRING {}", wkt_list(ps)),
        Shape::Polygon(rings) => format!("POLYGON {}", wkt_polygon(rings)),
        Shape::MultiPoint(ps) => format!(
            "MULTIPOINT {}",
            wkt_multi(
                &ps.iter()
                    .map(|p| p.map_or("EMPTY".into(), |(x, y)| format!("({x} {y})")))
                    .collect::<Vec<_>>()
            )
        ),
        Shape::MultiLine(ls) => format!(
            "MULTILINESTRING {}",
            wkt_multi(&ls.iter().map(|l| wkt_list(l)).collect::<Vec<_>>())
        ),
        Shape::MultiPolygon(ps) => format!(
            "MULTIPOLYGON {}",
            wkt_multi(&ps.iter().map(|p| wkt_polygon(p)).collect::<Vec<_>>())
        ),
        Shape::Collection(gs) => format!(
            "GEOMETRYCOLLECTION {}",
            wkt_multi(&gs.iter().map(wkt).collect::<Vec<_>>())
        ),
    }
}

fn err(b: &[u8]) -> String {
    parse_wkb(b).expect_err("an error").to_string()
}

fn square() -> Vec<(f64, f64)> {
    vec![(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0), (0.0, 0.0)]
}

fn hole() -> Vec<(f64, f64)> {
    vec![(0.5, 0.5), (0.5, 1.0), (1.0, 1.0), (0.5, 0.5)]
}

/// Every type, as WKT reads the same shape.
fn every_type() -> Vec<Shape> {
    vec![
        Shape::Point(Some((-51.14022, -30.0438))),
        Shape::Line(vec![(180.0, 0.0), (-180.0, 90.0)]),
        Shape::Polygon(vec![square(), hole()]),
        Shape::MultiPoint(vec![Some((1.0, 2.0)), None, Some((3.0, 4.0))]),
        Shape::MultiLine(vec![
            vec![(0.0, 0.0), (1.0, 1.0)],
            vec![],
            vec![(2.0, 2.0), (3.0, 3.0)],
        ]),
        Shape::MultiPolygon(vec![vec![square(), hole()], vec![], vec![hole()]]),
        Shape::Collection(vec![
            Shape::Point(Some((0.0, 0.0))),
            Shape::Point(None),
            Shape::Collection(vec![]),
            Shape::Line(vec![]),
            Shape::Polygon(vec![]),
            Shape::Collection(vec![Shape::MultiPolygon(vec![vec![square()]])]),
        ]),
    ]
}

#[test]
fn every_type_in_both_byte_orders_and_all_dimensions_reads_as_wkt() {
    let dims = [
        Dims::Xy,
        Dims::Iso(1),
        Dims::Iso(2),
        Dims::Iso(3),
        Dims::Ewkb { z: true, m: false },
        Dims::Ewkb { z: false, m: true },
        Dims::Ewkb { z: true, m: true },
    ];
    for shape in every_type() {
        let want = parse_wkt(&wkt(&shape)).unwrap_or_else(|e| panic!("{}: {e}", wkt(&shape)));
        for le in [true, false] {
            for d in dims {
                let mut w = W::new(le, d);
                w.shape(&shape);
                assert_eq!(parse_wkb(&w.out).unwrap(), want, "{shape:?} le={le} {d:?}");
            }
        }
    }
}

#[test]
fn members_may_differ_in_byte_order() {
    // A big-endian MultiPoint of a little-endian and a big-endian point.
    let mut w = W::new(false, Dims::Xy);
    w.header(4);
    w.u32(2);
    w.le = true;
    w.shape(&Shape::Point(Some((1.0, 2.0))));
    w.le = false;
    w.shape(&Shape::Point(Some((3.0, 4.0))));
    assert_eq!(
        parse_wkb(&w.out).unwrap(),
        parse_wkt("MULTIPOINT (1 2, 3 4)").unwrap()
    );
}

#[test]
fn empty_forms() {
    let empty = |s: Shape| parse_wkb(&wkb(&s)).unwrap();
    assert_eq!(empty(Shape::Point(None)), Geometry::MultiPoint(vec![]));
    assert_eq!(
        empty(Shape::MultiPoint(vec![])),
        Geometry::MultiPoint(vec![])
    );
    assert_eq!(
        empty(Shape::Line(vec![])),
        Geometry::MultiLineString(vec![])
    );
    assert_eq!(
        empty(Shape::Polygon(vec![])),
        Geometry::MultiPolygon(vec![])
    );
    assert_eq!(
        empty(Shape::Collection(vec![])),
        Geometry::GeometryCollection(vec![])
    );
    // And each is what WKT's EMPTY gives.
    for t in [
        "POINT",
        "MULTIPOINT",
        "LINESTRING",
        "POLYGON",
        "GEOMETRYCOLLECTION",
    ] {
        let text = format!("{t} EMPTY");
        let shape = match t {
            "POINT" => Shape::Point(None),
            "MULTIPOINT" => Shape::MultiPoint(vec![]),
            "LINESTRING" => Shape::Line(vec![]),
            "POLYGON" => Shape::Polygon(vec![]),
            _ => Shape::Collection(vec![]),
        };
        assert_eq!(empty(shape), parse_wkt(&text).unwrap(), "{text}");
    }
    // An empty geometry covers nothing.
    let r = GeoRegion::from_geometry(0, &empty(Shape::Point(None)), RegionOptions::default());
    assert!(RegionCoverer::new().covering(&r.unwrap()).is_empty());
}

#[test]
fn ewkb_srid() {
    let point = Shape::Point(Some((10.0, 20.0)));
    for (srid, ok) in [(4326, true), (0, true), (3857, false), (4269, false)] {
        for le in [true, false] {
            let mut w = W::new(le, Dims::Ewkb { z: true, m: false });
            w.srid = Some(srid);
            w.shape(&point);
            let got = parse_wkb(&w.out);
            if ok {
                assert_eq!(got.unwrap(), parse_wkt("POINT (10 20)").unwrap());
            } else {
                assert_eq!(
                    got.unwrap_err(),
                    ParseError::InvalidWkb {
                        offset: 5,
                        reason: format!(
                            "SRID {srid} is not supported: coordinates must be \
                             longitude/latitude degrees (SRID 4326, or 0 for unknown)"
                        )
                    }
                );
            }
        }
    }
    // PostGIS writes the SRID on the outer geometry only; one on a member
    // is read and checked the same way.
    let mut w = W::new(true, Dims::Xy);
    w.srid = Some(4326);
    w.header(7);
    w.u32(1);
    w.srid = Some(2154);
    w.shape(&point);
    assert_eq!(
        err(&w.out),
        "invalid WKB at byte 18: SRID 2154 is not supported: coordinates must be \
         longitude/latitude degrees (SRID 4326, or 0 for unknown)"
    );
}

#[test]
fn malformed_input_names_the_byte_and_the_expectation() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            vec![],
            "WKB syntax error: expected a byte order (0: big endian, 1: little endian) at byte 0, \
             found the end of the input",
        ),
        (
            vec![2, 1, 0, 0, 0],
            "WKB syntax error: expected a byte order (0: big endian, 1: little endian) at byte 0, \
             found byte 0x02",
        ),
        (
            vec![1, 1, 0],
            "WKB syntax error: expected a 4-byte geometry type at byte 1, found the end of the \
             input (2 bytes left)",
        ),
        (
            vec![1, 0, 0, 0, 0],
            "WKB syntax error: expected a geometry type (1 to 7: Point, LineString, Polygon, \
             MultiPoint, MultiLineString, MultiPolygon, GeometryCollection; ISO Z/M/ZM \
             +1000/2000/3000 or EWKB flags) at byte 1, found type 0",
        ),
        (
            [&[1u8, 0xa1, 0x0f, 0, 0][..], &[0; 16]].concat(), // 4001
            "WKB syntax error: expected a geometry type (1 to 7: Point, LineString, Polygon, \
             MultiPoint, MultiLineString, MultiPolygon, GeometryCollection; ISO Z/M/ZM \
             +1000/2000/3000 or EWKB flags) at byte 1, found type 4001",
        ),
        (
            [&[1u8, 1, 0, 0, 0][..], &[0; 16], &[0]].concat(),
            "WKB syntax error: expected the end of the input at byte 21, found 1 more bytes",
        ),
        (
            [&[1u8, 2, 0, 0, 0, 1, 0, 0, 0][..], &[0; 16]].concat(),
            "invalid WKB at byte 5: a line string needs at least 2 positions, found 1",
        ),
    ];
    for (b, want) in cases {
        assert_eq!(err(&b), want, "{b:?}");
    }
    let bad = |s: Shape| err(&wkb(&s));
    assert_eq!(
        bad(Shape::Point(Some((10.0, 95.0)))),
        "invalid WKB at byte 5: latitude 95 is out of range [-90, 90]"
    );
    assert_eq!(
        bad(Shape::Line(vec![(0.0, 0.0), (-180.5, 0.0)])),
        "invalid WKB at byte 25: longitude -180.5 is out of range [-180, 180]"
    );
    assert_eq!(
        bad(Shape::Point(Some((f64::NAN, 0.0)))),
        "invalid WKB at byte 5: longitude NaN is out of range [-180, 180]"
    );
    assert_eq!(
        bad(Shape::Polygon(vec![vec![
            (0.0, 0.0),
            (1.0, 0.0),
            (0.0, 0.0)
        ]])),
        "invalid WKB at byte 9: a ring needs at least 4 positions (3 vertices and the closing \
         one), found 3"
    );
    assert_eq!(
        bad(Shape::Polygon(vec![
            square(),
            vec![(0.5, 0.5), (0.5, 1.0), (1.0, 1.0), (0.5, 0.6)]
        ])),
        "invalid WKB at byte 93: a ring must end where it starts: position 3 differs from \
         position 0"
    );
    // The closure is checked on the numbers written: -0 is not 0.
    assert!(
        bad(Shape::Polygon(vec![vec![
            (0.0, 0.0),
            (1.0, 0.0),
            (1.0, 1.0),
            (-0.0, 0.0)
        ]]))
        .contains("must end where it starts")
    );
    let mut nan_line = wkb(&Shape::Line(vec![(0.0, 0.0), (1.0, 1.0)]));
    nan_line[25..41]
        .copy_from_slice(&[&f64::NAN.to_le_bytes()[..], &f64::NAN.to_le_bytes()].concat());
    assert_eq!(
        err(&nan_line),
        "invalid WKB at byte 25: position 1 of a line string is empty (NaN)"
    );
    // A member of the wrong type.
    let mut w = W::new(true, Dims::Xy);
    w.header(6);
    w.u32(1);
    w.shape(&Shape::Line(vec![(0.0, 0.0), (1.0, 1.0)]));
    assert_eq!(
        err(&w.out),
        "WKB syntax error: expected a Polygon (type 3), the member type of a MultiPolygon at \
         byte 10, found type 2"
    );
}

#[test]
fn every_truncation_fails_inside_the_input_and_no_byte_change_panics() {
    for shape in every_type() {
        let good = wkb(&shape);
        for n in 0..good.len() {
            match parse_wkb(&good[..n]) {
                Err(
                    ParseError::WkbSyntax { offset, .. } | ParseError::InvalidWkb { offset, .. },
                ) => {
                    assert!(offset <= n, "{shape:?} cut at {n}: offset {offset}");
                }
                other => panic!("{shape:?} cut at {n}: {other:?}"),
            }
        }
        for i in 0..good.len() {
            for v in [0, 1, 2, 7, 0x20, 0x7f, 0x80, 0xe0, 0xff] {
                let mut b = good.clone();
                b[i] = v;
                match parse_wkb(&b) {
                    Ok(_) => {}
                    Err(
                        ParseError::WkbSyntax { offset, .. }
                        | ParseError::InvalidWkb { offset, .. },
                    ) => {
                        assert!(offset <= b.len());
                    }
                    Err(e) => panic!("{e}"),
                }
            }
        }
    }
}

#[test]
fn hostile_counts_allocate_nothing_they_cannot_fill() {
    // Each count, set to 4 billion, at every place a count stands.
    let heads: Vec<(Vec<u8>, &str)> = vec![
        (vec![1, 2, 0, 0, 0], "positions"),
        (vec![1, 3, 0, 0, 0], "rings"),
        (vec![1, 3, 0, 0, 0, 1, 0, 0, 0], "positions"),
        (vec![1, 4, 0, 0, 0], "points"),
        (vec![1, 5, 0, 0, 0], "line strings"),
        (vec![1, 6, 0, 0, 0], "polygons"),
        (vec![1, 7, 0, 0, 0], "geometries"),
        (vec![1, 0xba, 0x0b, 0, 0], "positions"), // ISO LineString ZM (3002)
    ];
    for (head, what) in heads {
        let mut b = head.clone();
        b.extend(u32::MAX.to_le_bytes());
        b.extend([0u8; 64]);
        let (e, peak) = peak_bytes(|| parse_wkb(&b).unwrap_err());
        assert_eq!(
            e,
            ParseError::InvalidWkb {
                offset: head.len(),
                reason: format!(
                    "a count of 4294967295 {what} needs at least {} bytes, and 64 are left",
                    4294967295usize
                        * match what {
                            "positions" if head[1] == 0xba => 32,
                            "positions" => 16,
                            "rings" => 4,
                            "points" | "geometries" => 5,
                            _ => 9,
                        }
                )
            },
            "{head:?}"
        );
        assert!(peak < 4096, "{what}: {peak} bytes");
    }
    // A count that the input does hold allocates for what it holds: a
    // line string of 1 M positions, 16 MB of input.
    let mut big = vec![1, 2, 0, 0, 0];
    big.extend(1_000_000u32.to_le_bytes());
    for k in 0..1_000_000 {
        big.extend(f64::from(k % 360 - 180).to_le_bytes());
        big.extend(0f64.to_le_bytes());
    }
    let (g, peak) = peak_bytes(|| {
        parse_wkb(&big).map(|g| matches!(g, Geometry::LineString(l) if l.len() == 1_000_000))
    });
    assert_eq!(g, Ok(true));
    assert!(
        peak < 2 * big.len(),
        "{peak} bytes for {} of input",
        big.len()
    );
}

#[test]
fn nesting_is_bounded() {
    let nested = |depth: usize| {
        let mut b = Vec::new();
        for _ in 0..depth {
            b.extend([1, 7, 0, 0, 0, 1, 0, 0, 0]);
        }
        b.extend(wkb(&Shape::Point(Some((1.0, 1.0)))));
        b
    };
    let mut g = parse_wkb(&nested(MAX_WKB_NESTING)).expect("64 deep is read");
    for _ in 0..MAX_WKB_NESTING {
        let Geometry::GeometryCollection(mut m) = g else {
            panic!()
        };
        g = m.remove(0);
    }
    assert!(matches!(g, Geometry::Point(_)));
    assert_eq!(
        err(&nested(MAX_WKB_NESTING + 1)),
        "invalid WKB at byte 576: geometry collections nest more than 64 deep"
    );
    // A million headers (9 MB) fail at the same depth, not by overflowing
    // the stack.
    assert!(err(&nested(1_000_000)).contains("nest more than 64 deep"));
}

#[test]
fn same_covering_as_geojson_and_wkt() {
    let json = r#"{"type":"Polygon","coordinates":[[[-51.25,-30.2],[-51.1,-30.2],[-51.1,-30.0],
        [-51.25,-30.0],[-51.25,-30.2]],[[-51.2,-30.1],[-51.15,-30.1],[-51.15,-30.05],[-51.2,-30.1]]]}"#;
    let from_json = parse_geojson(json).unwrap().remove(0).geometry.unwrap();
    let shape = Shape::Polygon(vec![
        vec![
            (-51.25, -30.2),
            (-51.1, -30.2),
            (-51.1, -30.0),
            (-51.25, -30.0),
            (-51.25, -30.2),
        ],
        vec![
            (-51.2, -30.1),
            (-51.15, -30.1),
            (-51.15, -30.05),
            (-51.2, -30.1),
        ],
    ]);
    let from_wkb = parse_wkb(&wkb(&shape)).unwrap();
    assert_eq!(from_wkb, from_json);
    let coverer = RegionCoverer::new()
        .max_level(16)
        .unwrap()
        .max_cells(40)
        .unwrap();
    let cover = |g: &Geometry| {
        coverer.covering(&GeoRegion::from_geometry(0, g, RegionOptions::default()).unwrap())
    };
    assert_eq!(cover(&from_wkb), cover(&from_json));
    assert!(cover(&from_wkb).len() > 10);
}

#[test]
fn cells_as_wkb_are_the_cell_polygons_to_the_bit() {
    let mut cells: Vec<CellId> = (0..6).map(CellId::from_face).collect();
    cells.extend((0..6).map(|f| CellId::from_face(f).child(3).child(1)));
    cells.push(CellId::from_token("951977d34").unwrap());
    cells.push(CellId::from_latlng(LatLng::from_degrees(89.9999, 0.0)));
    for id in cells {
        let b = cell_wkb(id);
        let rings = cell_polygons(id);
        // Read the numbers back as written.
        let mut at = if rings.len() == 1 { 0 } else { 9 };
        if rings.len() > 1 {
            assert_eq!(
                &b[..9],
                &[&[1u8, 6, 0, 0, 0][..], &(rings.len() as u32).to_le_bytes()].concat()[..]
            );
        }
        for r in &rings {
            assert_eq!(&b[at..at + 5], &[1, 3, 0, 0, 0]);
            assert_eq!(&b[at + 5..at + 9], &1u32.to_le_bytes());
            assert_eq!(&b[at + 9..at + 13], &(r.len() as u32).to_le_bytes());
            at += 13;
            for p in r {
                let x = f64::from_le_bytes(b[at..at + 8].try_into().unwrap());
                let y = f64::from_le_bytes(b[at + 8..at + 16].try_into().unwrap());
                assert_eq!((x.to_bits(), y.to_bits()), (p[0].to_bits(), p[1].to_bits()));
                at += 16;
            }
        }
        assert_eq!(at, b.len());
        // And the reader takes it back.
        let g = parse_wkb(&b).unwrap();
        assert_eq!(
            g.type_name(),
            if rings.len() == 1 {
                "Polygon"
            } else {
                "MultiPolygon"
            }
        );
    }
    assert_eq!(
        parse_wkb(&cell_wkb(CellId::NONE)).unwrap(),
        Geometry::MultiPolygon(vec![])
    );
}

fn coord() -> impl Strategy<Value = (f64, f64)> {
    (-180.0..=180.0f64, -90.0..=90.0f64)
}

fn ring() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec(coord(), 3..7).prop_map(|mut r| {
        r.push(r[0]);
        r
    })
}

fn shape() -> impl Strategy<Value = Shape> {
    let leaf = prop_oneof![
        prop::option::weighted(0.9, coord()).prop_map(Shape::Point),
        prop::collection::vec(coord(), 2..5).prop_map(Shape::Line),
        prop::collection::vec(ring(), 0..3).prop_map(Shape::Polygon),
        prop::collection::vec(prop::option::weighted(0.8, coord()), 0..4)
            .prop_map(Shape::MultiPoint),
        prop::collection::vec(prop::collection::vec(coord(), 2..4), 0..3)
            .prop_map(Shape::MultiLine),
        prop::collection::vec(prop::collection::vec(ring(), 1..3), 0..3)
            .prop_map(Shape::MultiPolygon),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(Shape::Collection)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Random geometries, written as WKB in either byte order and any
    /// dimension, read as the same geometries WKT reads.
    #[test]
    fn random_geometries_read_as_their_wkt(s in shape(), le in any::<bool>(), d in 0usize..4) {
        let dims = [Dims::Xy, Dims::Iso(1), Dims::Iso(3), Dims::Ewkb { z: false, m: true }][d];
        let mut w = W::new(le, dims);
        w.srid = le.then_some(4326);
        w.shape(&s);
        let text = wkt(&s);
        prop_assert_eq!(parse_wkb(&w.out).unwrap(), parse_wkt(&text).unwrap(), "{}", text);
    }

    /// Any bytes: an answer or an error inside the input, never a panic.
    #[test]
    fn any_bytes(b in prop::collection::vec(any::<u8>(), 0..120)) {
        if let Err(ParseError::WkbSyntax { offset, .. } | ParseError::InvalidWkb { offset, .. }) = parse_wkb(&b) {
            prop_assert!(offset <= b.len());
        }
    }
}
