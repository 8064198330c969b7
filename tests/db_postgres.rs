//! `feature::keys` and `feature::sql` on a real PostgreSQL server: the same
//! points, rectangle, cap and polygon queries (keys from the library's
//! region coverer, exact refine by the region's `contains_point`) and
//! row-for-row check against a brute-force scan as `tests/db_sqlite.rs`, and
//! with the `geojson` feature the same stored polygons (countries, US
//! states): reverse geocoding and region queries; for both key encodings.
//!
//! Runs when `S2CELLS_PG_URL` is set (e.g. by
//! `eval "$(bash tools/ci/start-postgres.sh)"`), and otherwise says so and
//! passes. A million points by default (`S2CELLS_DB_POINTS` sets N).

mod db_common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use db_common::{Query, brute_force, n_points, point_of, points, queries};
use postgres::{Client, NoTls};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

fn run(
    client: &mut Client,
    key: SqlKey,
    pts: &[(f64, f64)],
    queries: &[Query],
    wants: &[Vec<i64>],
) {
    let name = match key {
        SqlKey::Signed => "s2cells_points_signed",
        SqlKey::Ordered => "s2cells_points_ordered",
    };
    let table = SqlTable::new(SqlDialect::Postgres, key, name, "cell").unwrap();
    let t0 = Instant::now();
    client
        .batch_execute(&format!("DROP TABLE IF EXISTS \"{name}\""))
        .unwrap();
    client.batch_execute(&table.create_sql()).unwrap();
    {
        let mut w = client
            .copy_in(&format!(
                "COPY \"{name}\" (\"id\", \"cell\", \"lat\", \"lng\") FROM STDIN"
            ))
            .unwrap();
        let mut buf = String::with_capacity(1 << 20);
        for (i, &(lat, lng)) in pts.iter().enumerate() {
            // `{}` prints the shortest text that parses back to the same
            // double, which PostgreSQL does: both sides see the same values.
            let k = table.key_of(db_common::key_of(lat, lng));
            let _ = writeln!(buf, "{i}\t{k}\t{lat}\t{lng}");
            if buf.len() > (1 << 20) - 128 {
                w.write_all(buf.as_bytes()).unwrap();
                buf.clear();
            }
        }
        w.write_all(buf.as_bytes()).unwrap();
        w.finish().unwrap();
    }
    client
        .batch_execute(&format!("ANALYZE \"{name}\""))
        .unwrap();
    let loaded = t0.elapsed();

    // The table holds exactly the generated rows, so the brute force over
    // them (computed once for both encodings) is a scan of the table.
    let stored: Vec<(f64, f64)> = client
        .query(
            &format!("SELECT \"lat\", \"lng\" FROM \"{name}\" ORDER BY \"id\""),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert!(stored == pts, "PostgreSQL changed a stored row");

    let t1 = Instant::now();
    let (mut splits, mut negative, mut used_index) = (0, 0, 0);
    for (q, want) in queries.iter().zip(wants) {
        let qname = &q.name;
        let keys = &q.point_keys;
        let sql = table.select_sql(&["id", "lat", "lng"], keys).unwrap();
        let plan: String = client
            .query(&format!("EXPLAIN {sql}"), &[])
            .unwrap()
            .iter()
            .map(|r| r.get::<_, String>(0) + "\n")
            .collect();
        let indexed = plan.contains(&format!("{name}_cell_idx"));
        used_index += usize::from(indexed);
        let candidates: Vec<(i64, f64, f64)> = client
            .query(&sql, &[])
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let mut got: Vec<i64> = candidates
            .iter()
            .filter(|c| q.contains(&point_of(c.1, c.2)))
            .map(|c| c.0)
            .collect();
        got.sort_unstable();
        assert_eq!(
            &got,
            want,
            "{qname}: index+refine differs from the scan ({} vs {} rows)",
            got.len(),
            want.len()
        );
        let signed = keys.signed_ranges();
        splits += signed.len() - keys.ranges().len();
        negative += signed.iter().filter(|r| r.1 < 0).count();
        eprintln!(
            "{key:?} {qname}: {} ranges, {} candidates, {} rows, index used: {indexed}",
            keys.ranges().len(),
            candidates.len(),
            want.len()
        );
    }
    if key == SqlKey::Signed {
        assert!(
            negative > 0 && splits > 0,
            "faces 4/5 and the sign flip must be exercised"
        );
    }
    assert!(
        used_index * 2 >= queries.len(),
        "the planner used the key index for only {used_index} queries"
    );
    client
        .batch_execute(&format!("DROP TABLE \"{name}\""))
        .unwrap();
    eprintln!(
        "{key:?}: {} points copied and indexed in {loaded:.2?}, {} queries in {:.2?}",
        pts.len(),
        queries.len(),
        t1.elapsed()
    );
}

#[test]
fn postgres_key_ranges_equal_brute_force() {
    let Ok(url) = std::env::var("S2CELLS_PG_URL") else {
        eprintln!(
            "S2CELLS_PG_URL is not set: PostgreSQL test skipped (tools/ci/start-postgres.sh starts a server)"
        );
        return;
    };
    let mut client = Client::connect(&url, NoTls).expect("connect to S2CELLS_PG_URL");
    let pts = points(n_points(1_000_000));
    let queries = queries();
    let t = Instant::now();
    let wants = brute_force(&pts, &queries);
    eprintln!(
        "brute force: {} queries over {} points in {:.2?}",
        queries.len(),
        pts.len(),
        t.elapsed()
    );
    run(&mut client, SqlKey::Signed, &pts, &queries, &wants);
    run(&mut client, SqlKey::Ordered, &pts, &queries, &wants);
}

/// Stored polygons (countries and US states) as covering cells: reverse
/// geocoding and region queries through the ranges and the ancestor `IN`
/// list equal their brute force.
#[cfg(feature = "geojson")]
#[test]
fn postgres_stored_polygons_equal_brute_force() {
    let Ok(url) = std::env::var("S2CELLS_PG_URL") else {
        eprintln!(
            "S2CELLS_PG_URL is not set: PostgreSQL test skipped (tools/ci/start-postgres.sh starts a server)"
        );
        return;
    };
    let mut client = Client::connect(&url, NoTls).expect("connect to S2CELLS_PG_URL");
    let checks = db_common::StoredChecks::new(4000);
    let name = "s2cells_covers";
    for key in [SqlKey::Signed, SqlKey::Ordered] {
        let t = Instant::now();
        let table = SqlTable::new(SqlDialect::Postgres, key, name, "cell").unwrap();
        client
            .batch_execute(&format!("DROP TABLE IF EXISTS \"{name}\""))
            .unwrap();
        client.batch_execute(&table.create_covering_sql()).unwrap();
        {
            let mut w = client
                .copy_in(&format!(
                    "COPY \"{name}\" (\"region_id\", \"cell\") FROM STDIN"
                ))
                .unwrap();
            let mut buf = String::new();
            for &(i, c) in &checks.rows {
                let _ = writeln!(buf, "{i}\t{}", table.key_of(c));
            }
            w.write_all(buf.as_bytes()).unwrap();
            w.finish().unwrap();
        }
        client
            .batch_execute(&format!("ANALYZE \"{name}\""))
            .unwrap();
        let stats = checks.check_geocoding(&table, name, &mut |sql| {
            client
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect()
        });
        assert!(stats.via_ancestors > 0 && stats.points_in_some_region > 500);
        let (hits, ancestors_used) = checks.check_region_queries(&table, name, &mut |sql| {
            client
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect()
        });
        assert!(
            ancestors_used > 0,
            "no region was found through an ancestor key"
        );
        client
            .batch_execute(&format!("DROP TABLE \"{name}\""))
            .unwrap();
        eprintln!(
            "{key:?}: {} stored polygons ({} cells); reverse geocoding {stats:?}; \
             region queries: {hits} hits, {ancestors_used} only through ancestor keys; {:.2?}",
            checks.regions.len(),
            checks.rows.len(),
            t.elapsed()
        );
    }
}

#[cfg(not(feature = "geojson"))]
#[test]
fn postgres_stored_polygons_equal_brute_force() {
    eprintln!("the stored-polygon test reads data/*.geojson: run with --features geojson");
}
