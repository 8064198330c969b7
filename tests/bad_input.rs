//! Bad input is a typed error that names the input and the reason, never a
//! panic or a silently wrong cell.

use s2cells::{CellError, CellId, LatLng, Point, TokenError};

#[test]
fn tokens_name_the_problem() {
    let cases: &[(&str, TokenError)] = &[
        ("", TokenError::Empty),
        ("00000000000000001", TokenError::TooLong { len: 17 }),
        ("0x1f", TokenError::NotHex { ch: 'x', at: 1 }),
        ("+1", TokenError::NotHex { ch: '+', at: 0 }),
        ("-1", TokenError::NotHex { ch: '-', at: 0 }),
        (" 1", TokenError::NotHex { ch: ' ', at: 0 }),
        ("1 ", TokenError::NotHex { ch: ' ', at: 1 }),
        ("1é", TokenError::NotHex { ch: 'é', at: 1 }),
        ("x", TokenError::NotHex { ch: 'x', at: 0 }),
        (
            "2",
            TokenError::NotACell {
                id: 0x2000_0000_0000_0000,
            },
        ),
        (
            "c",
            TokenError::NotACell {
                id: 0xc000_0000_0000_0000,
            },
        ),
        ("0", TokenError::NotACell { id: 0 }),
    ];
    for (token, reason) in cases {
        let err = CellId::from_token(token).unwrap_err();
        assert_eq!(
            err,
            CellError::InvalidToken {
                token: (*token).to_owned(),
                reason: *reason
            },
            "{token:?}"
        );
        let msg = err.to_string();
        assert!(msg.contains(&format!("{token:?}")), "{msg}");
    }
    assert_eq!(
        CellId::from_token("0x1f").unwrap_err().to_string(),
        "invalid cell token \"0x1f\": 'x' at byte 1 is not a hex digit"
    );
    assert_eq!(
        CellId::from_token("2").unwrap_err().to_string(),
        "invalid cell token \"2\": 0x2000000000000000 is not a valid cell id \
         (face bits above 5 or no level marker bit)"
    );
}

#[test]
fn latlngs_out_of_range_or_nan() {
    for (lat, lng) in [
        (f64::NAN, 0.0),
        (0.0, f64::NAN),
        (f64::INFINITY, 0.0),
        (0.0, f64::NEG_INFINITY),
        (90.000001, 0.0),
        (-91.0, 0.0),
        (0.0, 180.000001),
        (0.0, -540.0),
    ] {
        let ll = LatLng::from_degrees(lat, lng);
        assert!(!ll.is_valid());
        assert_eq!(CellId::from_latlng(ll), CellId::NONE, "{lat} {lng}");
        let err = CellId::try_from_latlng(ll).unwrap_err();
        assert!(matches!(err, CellError::InvalidLatLng { .. }));
        assert!(LatLng::try_from_degrees(lat, lng).is_err());
        let msg = err.to_string();
        assert!(msg.starts_with("invalid lat/lng ("), "{msg}");
    }
    // The extremes are valid.
    for (lat, lng) in [(90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)] {
        assert!(CellId::try_from_latlng(LatLng::from_degrees(lat, lng)).is_ok());
    }
}

#[test]
fn points_that_are_not_points() {
    for p in [
        Point::new(0.0, 0.0, 0.0),
        Point::new(f64::NAN, 1.0, 0.0),
        Point::new(1.0, f64::INFINITY, 0.0),
    ] {
        assert_eq!(CellId::from_point(&p), CellId::NONE);
        assert!(matches!(
            CellId::try_from_point(&p),
            Err(CellError::InvalidPoint { .. })
        ));
    }
}

#[test]
fn levels_faces_and_ids_out_of_range() {
    let c = CellId::from_face(2).child(1);
    assert_eq!(c.parent(31), CellId::NONE);
    assert_eq!(c.parent(255), CellId::NONE);
    assert_eq!(c.parent(2), CellId::NONE); // finer than the cell
    assert_eq!(CellId::from_face(6), CellId::NONE);
    assert_eq!(CellId::from_face_pos_level(7, 0, 3), CellId::NONE);
    assert_eq!(CellId::from_face_pos_level(0, 0, 31), CellId::NONE);
    assert_eq!(CellId::from_face_ij(0, u32::MAX, 0), CellId::NONE);
    assert_eq!(c.child(4), CellId::NONE);
    assert!(c.vertex_neighbors(5).is_empty());
    assert!(c.all_neighbors(0).is_empty());
    assert!(c.all_neighbors(31).is_empty());
    for raw in [
        0u64,
        u64::MAX,
        0xd000_0000_0000_0000,
        2,
        0x1000_0000_0000_0002,
    ] {
        assert_eq!(
            CellId::try_from(raw),
            Err(CellError::InvalidCellId { id: raw })
        );
        assert!(CellId::from_signed(raw as i64).is_err());
    }
    let mut out = [CellId::NONE; 2];
    assert!(matches!(
        s2cells::cell::latlngs_to_cell_ids(&[0.0; 2], &[0.0; 2], 31, &mut out),
        Err(CellError::InvalidLevel { level: 31, .. })
    ));
    assert!(matches!(
        s2cells::cell::latlngs_to_cell_ids(&[0.0; 2], &[0.0; 3], 10, &mut out),
        Err(CellError::LengthMismatch { .. })
    ));
}

#[test]
fn debug_strings() {
    for bad in [
        "",
        "0",
        "6/",
        "0-",
        "0/4",
        "/0",
        "0/0123x",
        &format!("0/{}", "0".repeat(31)),
    ] {
        let err = CellId::from_debug_string(bad).unwrap_err();
        assert!(matches!(err, CellError::InvalidDebugString { .. }), "{bad}");
        assert!(err.to_string().contains(&format!("{bad:?}")));
    }
    assert_eq!(
        CellId::from_debug_string(&format!("5/{}", "3".repeat(30))),
        Ok(CellId::from_face(5).range_max())
    );
}

#[cfg(feature = "serde")]
#[test]
fn serde_uses_tokens() {
    let c = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022)).parent(15);
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(json, "\"951977d34\"");
    assert_eq!(serde_json::from_str::<CellId>(&json).unwrap(), c);
    let err = serde_json::from_str::<CellId>("\"0x1\"").unwrap_err();
    assert!(err.to_string().contains("not a hex digit"), "{err}");
    let ll: LatLng = serde_json::from_str(&serde_json::to_string(&c.to_latlng()).unwrap()).unwrap();
    assert_eq!(ll, c.to_latlng());
}
