//! Prints the cell of each point of a CSV file (`name,lat,lng` with a
//! header) at every level from 0 to 30: token, id, the signed INT64 form a
//! database stores, the cell center and the cell size.
//!
//! ```text
//! cargo run --release --example cells_at_every_level -- data/points.csv
//! ```

use std::error::Error as StdError;
use std::process::ExitCode;

use s2cells::{Cell, CellId, LatLng, earth, metrics};

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/points.csv".to_owned());
    match run(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(path: &str) -> Result<(), Box<dyn StdError>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    for (index, line) in text.lines().enumerate().skip(1) {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let [name, lat, lng] = fields[..] else {
            return Err(format!("{path}:{line_no}: expected name,lat,lng, got {line:?}").into());
        };
        let parse = |s: &str, what: &str| {
            s.parse::<f64>()
                .map_err(|_| format!("{path}:{line_no}: {what} {s:?} is not a number"))
        };
        let ll = LatLng::try_from_degrees(parse(lat, "latitude")?, parse(lng, "longitude")?)
            .map_err(|e| format!("{path}:{line_no}: {e}"))?;
        print_point(name, ll);
    }
    Ok(())
}

fn print_point(name: &str, ll: LatLng) {
    let leaf = CellId::from_latlng(ll);
    println!("{name} ({}, {})", ll.lat_degrees(), ll.lng_degrees());
    println!(
        "{:>5}  {:<16}  {:>20}  {:>20}  {:>11}  {:>11}  {:>16}",
        "level", "token", "id", "int64", "center_lat", "center_lng", "edge ~sqrt(area)"
    );
    for level in 0..=s2cells::MAX_LEVEL {
        let cell = leaf.parent(level);
        let center = cell.to_latlng();
        let edge_m = earth::radians_to_meters(metrics::AVG_EDGE.value(level));
        let area_m2 = earth::steradians_to_square_meters(Cell::from(cell).exact_area());
        println!(
            "{level:>5}  {:<16}  {:>20}  {:>20}  {:>11.6}  {:>11.6}  {:>16}",
            cell.to_token(),
            cell.id(),
            cell.to_signed(),
            center.lat_degrees(),
            center.lng_degrees(),
            format_length(edge_m, area_m2),
        );
    }
}

/// The average edge length at the level, with the cell's own area as a
/// cross-check that it is roughly square.
fn format_length(edge_m: f64, area_m2: f64) -> String {
    let side = area_m2.sqrt();
    if edge_m >= 1000.0 {
        format!("{:.0} km ~{:.0}", edge_m / 1000.0, side / 1000.0)
    } else if edge_m >= 1.0 {
        format!("{edge_m:.1} m ~{side:.1}")
    } else {
        format!("{:.1} cm ~{:.1}", edge_m * 100.0, side * 100.0)
    }
}
