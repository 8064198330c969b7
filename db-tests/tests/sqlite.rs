//! `feature::keys` and `feature::sql` on a real SQLite (rusqlite, bundled):
//!
//! - points with their leaf keys in the recipe's covering index;
//!   rectangle, cap and polygon queries answered by the key ranges of the
//!   library's region coverer plus an exact refine (the region's
//!   `contains_point`), checked row for row against a brute-force scan with
//!   the same predicate;
//! - the Natural Earth countries and US states stored as covering cells:
//!   reverse geocoding (which polygons contain a point, through the point's
//!   leaf and its ancestors, then `Polygon::contains_point`) against the
//!   brute force over all polygons, and rectangle, cap and polygon queries
//!   against `CellUnion::intersects`.
//!
//! The recipe is followed as its documentation gives it (`create_sql`,
//! the load, `after_load_sql`, `select_sql`), and every query's plan is
//! checked: searches of the recipe's index only, every one `USING COVERING
//! INDEX` (the table is never read). Both key encodings (bit-cast and
//! order-preserving) are checked. A million points by default
//! (`S2CELLS_DB_POINTS` sets another N); the workspace's Cargo.toml
//! compiles SQLite's C code at -O3 in the dev profile (43 s -> 19 s then).

use std::time::Instant;

use rusqlite::{Connection, params};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
use s2cells_db_tests::{Query, brute_force, many_ranges, n_points, point_of, points, queries};

/// SQLite's plan of `sql` (`EXPLAIN QUERY PLAN`), one line per step.
fn plan(db: &Connection, sql: &str) -> Vec<String> {
    let mut st = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    st.query_map([], |r| r.get::<_, String>(3))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Checks that `sql` reads the table `table` only through searches of the
/// covering index `idx` (no `SCAN`, no search that goes back to the
/// table); returns the number of searches.
fn assert_covering(db: &Connection, sql: &str, table: &str, idx: &str, what: &str) -> usize {
    let plan = plan(db, sql);
    let reads: Vec<&String> = plan
        .iter()
        .filter(|p| {
            p.starts_with(&format!("SEARCH {table} ")) || p.starts_with(&format!("SCAN {table}"))
        })
        .collect();
    let covering = reads
        .iter()
        .filter(|p| p.starts_with(&format!("SEARCH {table} USING COVERING INDEX {idx} ")))
        .count();
    assert!(
        covering > 0 && covering == reads.len(),
        "{what}: not answered from the covering index {idx} alone: {plan:#?}"
    );
    covering
}

/// Whether `sql` reads the table through the index `idx` (the reverse
/// geocoding statement, which is not the recipe's query).
fn assert_uses_index(db: &Connection, sql: &str, idx: &str) {
    let plan = plan(db, sql);
    assert!(
        plan.iter().any(|p| p.contains(&format!("INDEX {idx} "))),
        "the plan does not use the key index: {plan:#?}"
    );
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
                let k = table.key_of(s2cells_db_tests::key_of(lat, lng));
                ins.execute(params![i as i64, k, lat, lng]).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    db.execute_batch(&table.after_load_sql()).unwrap();
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

    let (mut negative_ranges, mut splits, mut searches) = (0, 0, 0);
    let t1 = Instant::now();
    for (q, want) in queries.iter().zip(wants) {
        let name = &q.name;
        let keys = &q.point_keys;
        let sql = table.select_sql(&["id", "lat", "lng"], keys).unwrap();
        searches += assert_covering(&db, &sql, "points", "points_cell_idx", name);
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
    // Past 500 ranges the recipe's query is one OR'ed WHERE, still answered
    // from the covering index alone.
    let (keys, want) = many_ranges(pts, 1000);
    let sql = table.select_sql(&["id"], &keys).unwrap();
    let parts = keys.signed_ranges().len().max(keys.ordered_ranges().len());
    assert!(parts > 500 && !sql.contains("UNION"), "{parts} ranges");
    searches += assert_covering(&db, &sql, "points", "points_cell_idx", "many ranges");
    let mut st = db.prepare(&sql).unwrap();
    let mut got: Vec<i64> = st
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    got.sort_unstable();
    assert_eq!(got, want, "{parts} ranges: the rows differ from the scan");
    eprintln!(
        "{key:?}: {} points loaded and indexed in {:.2?}, {} queries ({searches} covering-index \
         searches) in {:.2?}",
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
/// geocoding and region queries equal their brute force; region queries
/// are answered from the covering index.
#[test]
fn sqlite_stored_polygons_equal_brute_force() {
    let t0 = Instant::now();
    let checks = s2cells_db_tests::StoredChecks::new(4000);
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
        db.execute_batch(&table.after_load_sql()).unwrap();
        let mut query_pairs = |sql: &str| -> Vec<(i64, i64)> {
            assert_uses_index(&db, sql, "covers_cell_idx");
            let mut st = db.prepare(sql).unwrap();
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let stats = checks.check_geocoding(&table, "covers", &mut query_pairs);
        assert!(stats.via_ancestors > 0 && stats.points_in_some_region > 500);
        let mut searches = 0;
        let mut query_ids = |sql: &str| -> Vec<i64> {
            searches += assert_covering(&db, sql, "covers", "covers_cell_idx", sql);
            let mut st = db.prepare(sql).unwrap();
            st.query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        let (hits, ancestors_used) = checks.check_region_queries(&table, &mut query_ids);
        assert!(
            ancestors_used > 0,
            "no region was found through an ancestor key"
        );
        eprintln!(
            "{key:?}: reverse geocoding {stats:?}; region queries: {hits} hits, \
             {ancestors_used} only through ancestor keys, {searches} covering-index searches; {:.2?}",
            t1.elapsed()
        );
    }
}
