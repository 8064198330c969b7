//! feature::keys and feature::sql on a real SQLite (rusqlite, bundled):
//! points with their leaf keys in a B-tree index, rectangle and cap queries
//! answered by the generated key ranges plus an exact refine, checked row
//! for row against a brute-force scan of the same table. Both key
//! encodings (bit-cast and order-preserving) are checked.
//!
//! A million points by default (`S2CELLS_DB_POINTS` sets another N): about
//! 19 s in a debug build on 2 cores, because Cargo.toml compiles SQLite's C
//! code at -O3 in the dev profile (43 s at -O0).

mod db_common;

use std::time::Instant;

use db_common::{key_query, n_points, points, queries, refine, region_key_query, regions};
use rusqlite::{params, Connection};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

fn run(key: SqlKey, pts: &[(f64, f64)]) {
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

    // The brute force reads the table itself, so both sides see the same rows.
    let all: Vec<(i64, f64, f64)> = {
        let mut st = db
            .prepare("SELECT \"id\", \"lat\", \"lng\" FROM \"points\"")
            .unwrap();
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(all.len(), pts.len());

    let (mut negative_ranges, mut splits) = (0, 0);
    let t1 = Instant::now();
    for (name, q) in queries() {
        let (cov, keys) = key_query(q);
        let sql = table.select_sql(&["id", "lat", "lng"], &keys).unwrap();
        let plan: Vec<String> = {
            let mut st = db.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = st.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(Result::unwrap).collect()
        };
        assert!(
            plan.iter()
                .any(|p| p.contains("INDEX \"points_cell_idx\"")
                    || p.contains("INDEX points_cell_idx")),
            "{name}: the plan does not use the key index: {plan:?}"
        );
        let mut st = db.prepare(&sql).unwrap();
        let candidates: Vec<(i64, f64, f64)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut got: Vec<i64> = candidates
            .iter()
            .filter(|&&(_, lat, lng)| refine(q, lat, lng))
            .map(|c| c.0)
            .collect();
        got.sort_unstable();
        let want: Vec<i64> = all
            .iter()
            .filter(|&&(_, lat, lng)| refine(q, lat, lng))
            .map(|c| c.0)
            .collect();
        assert!(
            !want.is_empty(),
            "{name}: no point in the query, the test says nothing"
        );
        assert_eq!(
            got,
            want,
            "{name}: index+refine differs from the scan ({} vs {} rows)",
            got.len(),
            want.len()
        );
        let signed = keys.signed_ranges();
        negative_ranges += signed.iter().filter(|r| r.1 < 0).count();
        splits += signed.len() - keys.ranges().len();
        eprintln!(
            "{key:?} {name}: {} cells, {} ranges ({} as i64), {} candidates, {} rows",
            cov.len(),
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
        queries().len(),
        t1.elapsed()
    );
}

#[test]
fn sqlite_key_ranges_equal_brute_force() {
    let pts = points(n_points(1_000_000));
    run(SqlKey::Signed, &pts);
    run(SqlKey::Ordered, &pts);
}

/// Stored regions larger than the query are found through the ancestor
/// `IN` list: every region whose covering meets the query's covering is
/// returned, and no other (checked against `CellUnion::intersects`).
#[test]
fn sqlite_region_ancestors_equal_brute_force() {
    let regions = regions(3000);
    let db = Connection::open_in_memory().unwrap();
    for key in [SqlKey::Signed, SqlKey::Ordered] {
        let table = SqlTable::new(SqlDialect::Sqlite, key, "covers", "cell").unwrap();
        db.execute_batch(&table.create_covering_sql()).unwrap();
        db.execute_batch("DELETE FROM \"covers\"").unwrap();
        {
            let mut ins = db
                .prepare("INSERT INTO \"covers\" (\"region_id\", \"cell\") VALUES (?1, ?2)")
                .unwrap();
            db.execute_batch("BEGIN").unwrap();
            for (i, cov) in regions.iter().enumerate() {
                for c in cov.iter() {
                    ins.execute(params![i as i64, table.key_of(c)]).unwrap();
                }
            }
            db.execute_batch("COMMIT").unwrap();
        }
        let mut ancestors_used = 0;
        for (name, q) in queries() {
            let (cov, keys) = region_key_query(q);
            let sql = format!(
                "SELECT DISTINCT \"region_id\" FROM \"covers\" WHERE {}",
                table.where_clause(&keys)
            );
            let mut st = db.prepare(&sql).unwrap();
            let mut got: Vec<i64> = st
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            got.sort_unstable();
            let want: Vec<i64> = (0..regions.len() as i64)
                .filter(|&i| regions[i as usize].intersects(&cov))
                .collect();
            // Regions found only through an ancestor of a query cell.
            let by_range: Vec<i64> = (0..regions.len() as i64)
                .filter(|&i| {
                    regions[i as usize]
                        .iter()
                        .any(|c| keys.ranges().iter().any(|r| r.contains(c)))
                })
                .collect();
            ancestors_used += want.len() - by_range.len();
            assert!(!want.is_empty(), "{name}: no region meets the query");
            assert_eq!(
                got,
                want,
                "{name} ({key:?}): {} regions found, {} expected",
                got.len(),
                want.len()
            );
        }
        assert!(
            ancestors_used > 0,
            "no region was found through an ancestor key"
        );
        eprintln!(
            "{key:?}: {} regions, {ancestors_used} query hits only through ancestor keys",
            regions.len()
        );
    }
}
