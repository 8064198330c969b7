//! `feature::keys` and `feature::sql` on a real SQLite (rusqlite, bundled):
//!
//! - points with their leaf keys in a B-tree index; rectangle, cap and
//!   polygon queries answered by the key ranges of the library's region
//!   coverer plus an exact refine (the region's `contains_point`), checked
//!   row for row against a brute-force scan with the same predicate;
//! - with the `geojson` feature, the Natural Earth countries and US states
//!   stored as covering cells: reverse geocoding (which polygons contain a
//!   point, through the point's leaf and its ancestors, then
//!   `Polygon::contains_point`) against the brute force over all polygons,
//!   and rectangle, cap and polygon queries against `CellUnion::intersects`.
//!
//! Both key encodings (bit-cast and order-preserving) are checked. A
//! million points by default (`S2CELLS_DB_POINTS` sets another N); Cargo.toml
//! compiles SQLite's C code at -O3 in the dev profile (43 s -> 19 s then).

mod db_common;

use std::time::Instant;

use db_common::{Query, brute_force, n_points, point_of, points, queries};
use rusqlite::{Connection, params};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

/// Whether SQLite plans `sql` through the index `idx`.
fn uses_index(db: &Connection, sql: &str, idx: &str) -> Result<(), Vec<String>> {
    let mut st = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let plan: Vec<String> = st
        .query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    if plan
        .iter()
        .any(|p| p.contains(&format!("INDEX \"{idx}\"")) || p.contains(&format!("INDEX {idx}")))
    {
        Ok(())
    } else {
        Err(plan)
    }
}

fn run(key: SqlKey, pts: &[(f64, f64)], queries: &[Query], wants: &[Vec<i64>]) {
    let t0 = Instant::now();
    let mut db = Connection::open_in_memory().expect("in-memory SQLite");
    let table = SqlTable::new(SqlDialect::Sqlite, key, "points", "cell").unwrap();
    db.execute_batch(&table.create_sql())
        .expect("create table and index");
    {
        let tx = db.transaction().unwrap();
        {
            let mut ins = tx
                .prepare("INSERT INTO \"points\" (\"id\", \"cell\", \"lat\", \"lng\") VALUES (?1, ?2, ?3, ?4)")
                .unwrap();
            for (i, &(lat, lng)) in pts.iter().enumerate() {
                let k = table.key_of(db_common::key_of(lat, lng));
                ins.execute(params![i as i64, k, lat, lng]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let loaded = t0.elapsed();

    // The table holds exactly the generated rows, so the brute force over
    // them (computed once for both encodings) is a scan of the table.
    {
        let mut st = db
            .prepare("SELECT \"id\", \"lat\", \"lng\" FROM \"points\" ORDER BY \"id\"")
            .unwrap();
        let stored: Vec<(f64, f64)> = st
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(stored == pts, "SQLite changed a stored row");
    }

    let (mut negative_ranges, mut splits) = (0, 0);
    let t1 = Instant::now();
    for (q, want) in queries.iter().zip(wants) {
        let name = &q.name;
        let keys = &q.point_keys;
        let sql = table.select_sql(&["id", "lat", "lng"], keys).unwrap();
        if let Err(plan) = uses_index(&db, &sql, "points_cell_idx") {
            panic!("{name}: the plan does not use the key index: {plan:?}");
        }
        let mut st = db.prepare(&sql).unwrap();
        let candidates: Vec<(i64, f64, f64)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut got: Vec<i64> = candidates
            .iter()
            .filter(|&&(_, lat, lng)| q.contains(&point_of(lat, lng)))
            .map(|c| c.0)
            .collect();
        got.sort_unstable();
        assert_eq!(
            &got,
            want,
            "{name}: index+refine differs from the scan ({} vs {} rows)",
            got.len(),
            want.len()
        );
        let signed = keys.signed_ranges();
        negative_ranges += signed.iter().filter(|r| r.1 < 0).count();
        splits += signed.len() - keys.ranges().len();
        eprintln!(
            "{key:?} {name}: {} ranges ({} as i64), {} candidates, {} rows",
            keys.ranges().len(),
            signed.len(),
            candidates.len(),
            want.len()
        );
    }
    if key == SqlKey::Signed {
        assert!(negative_ranges > 0, "no query reached faces 4 or 5");
        assert!(splits > 0, "no query range crossed the sign flip");
    }
    eprintln!(
        "{key:?}: {} points loaded and indexed in {:.2?}, {} queries in {:.2?}",
        pts.len(),
        loaded,
        queries.len(),
        t1.elapsed()
    );
}

#[test]
fn sqlite_key_ranges_equal_brute_force() {
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
    run(SqlKey::Signed, &pts, &queries, &wants);
    run(SqlKey::Ordered, &pts, &queries, &wants);
}

/// Stored polygons (countries and US states) as covering cells: reverse
/// geocoding and region queries equal their brute force.
#[cfg(feature = "geojson")]
#[test]
fn sqlite_stored_polygons_equal_brute_force() {
    let t0 = Instant::now();
    let checks = db_common::StoredChecks::new(4000);
    eprintln!(
        "{} stored polygons, {} covering cells, brute force in {:.2?}",
        checks.regions.len(),
        checks.rows.len(),
        t0.elapsed()
    );
    let db = Connection::open_in_memory().unwrap();
    for key in [SqlKey::Signed, SqlKey::Ordered] {
        let t1 = Instant::now();
        let table = SqlTable::new(SqlDialect::Sqlite, key, "covers", "cell").unwrap();
        db.execute_batch("DROP TABLE IF EXISTS \"covers\"").unwrap();
        db.execute_batch(&table.create_covering_sql()).unwrap();
        {
            let mut ins = db
                .prepare("INSERT INTO \"covers\" (\"region_id\", \"cell\") VALUES (?1, ?2)")
                .unwrap();
            db.execute_batch("BEGIN").unwrap();
            for &(i, c) in &checks.rows {
                ins.execute(params![i, table.key_of(c)]).unwrap();
            }
            db.execute_batch("COMMIT").unwrap();
        }
        let mut query_pairs = |sql: &str| -> Vec<(i64, i64)> {
            if let Err(plan) = uses_index(&db, sql, "covers_cell_idx") {
                panic!("reverse geocoding does not use the key index: {plan:?}");
            }
            let mut st = db.prepare(sql).unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let stats = checks.check_geocoding(&table, "covers", &mut query_pairs);
        assert!(stats.via_ancestors > 0 && stats.points_in_some_region > 500);
        let mut query_ids = |sql: &str| -> Vec<i64> {
            let mut st = db.prepare(sql).unwrap();
            st.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let (hits, ancestors_used) = checks.check_region_queries(&table, "covers", &mut query_ids);
        assert!(
            ancestors_used > 0,
            "no region was found through an ancestor key"
        );
        eprintln!(
            "{key:?}: reverse geocoding {stats:?}; region queries: {hits} hits, \
             {ancestors_used} only through ancestor keys; {:.2?}",
            t1.elapsed()
        );
    }
}

#[cfg(not(feature = "geojson"))]
#[test]
fn sqlite_stored_polygons_equal_brute_force() {
    eprintln!("the stored-polygon test reads data/*.geojson: run with --features geojson");
}
