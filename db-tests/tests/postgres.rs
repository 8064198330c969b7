//! `feature::keys` and `feature::sql` on a real PostgreSQL server: the same
//! points, rectangle, cap and polygon queries (keys from the library's
//! region coverer, exact refine by the region's `contains_point`) and
//! row-for-row check against a brute-force scan as tests/sqlite.rs, and
//! the same stored polygons (countries, US states): reverse geocoding and
//! region queries; for both key encodings.
//!
//! The recipe is followed as its documentation gives it (`create_sql`,
//! the load, `after_load_sql`, `select_sql`), and every query's plan is
//! checked: only `Index Only Scan`s on the recipe's index, none of which
//! fetched a row from the table (`EXPLAIN ANALYZE`'s `Heap Fetches: 0`).
//!
//! Needs a server: `S2CELLS_PG_URL` (e.g. from
//! `eval "$(bash tools/ci/start-postgres.sh)"`). Without it each test says
//! `skipped (needs PostgreSQL)` and passes, or fails when `S2CELLS_NO_SKIP`
//! is set (CI). A million points by default (`S2CELLS_DB_POINTS` sets N).

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use postgres::{Client, NoTls};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
use s2cells_db_tests::{
    Query, brute_force, many_ranges, n_points, point_of, points, postgres_url, queries,
};

/// One test at a time on the server: a long transaction of one (a
/// million-row COPY) would keep the other's VACUUM from marking its rows
/// all-visible.
static SERVER: Mutex<()> = Mutex::new(());

/// The plan of `sql` as PostgreSQL ran it (`EXPLAIN ANALYZE`, without
/// timings), one line per node or detail.
fn analyzed_plan(client: &mut Client, sql: &str) -> Vec<String> {
    client
        .query(
            &format!("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) {sql}"),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get::<_, String>(0))
        .collect()
}

/// Checks that every scan in `plan` is an `Index Only Scan` on `index` and
/// that none of them read the table (`Heap Fetches: 0`); returns the
/// number of index-only scans.
fn assert_index_only(plan: &[String], index: &str, what: &str) -> usize {
    let scans: Vec<&String> = plan.iter().filter(|l| l.contains("Scan")).collect();
    let index_only = scans
        .iter()
        .filter(|l| l.contains(&format!("Index Only Scan using {index} ")))
        .count();
    let fetches: Vec<&String> = plan
        .iter()
        .filter(|l| l.trim_start().starts_with("Heap Fetches:"))
        .collect();
    assert!(
        index_only > 0
            && index_only == scans.len()
            && fetches.len() == index_only
            && fetches.iter().all(|l| l.trim() == "Heap Fetches: 0"),
        "{what}: not answered by index-only scans of {index} alone:\n{}",
        plan.join("\n")
    );
    index_only
}

/// The recipe's `after_load_sql`, and a check that it did what the plans
/// rely on: every page of the table marked all-visible. A transaction open
/// at the time (autovacuum's own ANALYZE, which a big load starts) keeps
/// VACUUM from marking the newest rows; then it is run again.
fn after_load(client: &mut Client, table: &SqlTable, name: &str) {
    for attempt in 0.. {
        client.batch_execute(&table.after_load_sql()).unwrap();
        let row = client
            .query_one(
                "SELECT relpages, relallvisible FROM pg_class WHERE oid = $1::text::regclass",
                &[&format!("\"{name}\"")],
            )
            .unwrap();
        let (pages, visible): (i32, i32) = (row.get(0), row.get(1));
        if visible == pages {
            return;
        }
        assert!(
            attempt < 20,
            "{name}: VACUUM left {visible} of {pages} pages all-visible after {attempt} attempts"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

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
    let index = format!("{name}_cell_idx");
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
            let k = table.key_of(s2cells_db_tests::key_of(lat, lng));
            let _ = writeln!(buf, "{i}\t{k}\t{lat}\t{lng}");
            if buf.len() > (1 << 20) - 128 {
                w.write_all(buf.as_bytes()).unwrap();
                buf.clear();
            }
        }
        w.write_all(buf.as_bytes()).unwrap();
        w.finish().unwrap();
    }
    after_load(client, &table, name);
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
    let (mut splits, mut negative, mut scans) = (0, 0, 0);
    for (q, want) in queries.iter().zip(wants) {
        let qname = &q.name;
        let keys = &q.point_keys;
        let sql = table.select_sql(&["id", "lat", "lng"], keys).unwrap();
        scans += assert_index_only(&analyzed_plan(client, &sql), &index, qname);
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
            "{key:?} {qname}: {} ranges, {} candidates, {} rows",
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
    // A thousand ranges: a thousand index-only scans, the scan's rows.
    let (keys, want) = many_ranges(pts, 1000);
    let sql = table.select_sql(&["id"], &keys).unwrap();
    let parts = assert_index_only(&analyzed_plan(client, &sql), &index, "many ranges");
    assert!(parts > 500, "{parts} ranges");
    scans += parts;
    let mut got: Vec<i64> = client
        .query(&sql, &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    got.sort_unstable();
    assert_eq!(got, want, "{parts} ranges: the rows differ from the scan");
    client
        .batch_execute(&format!("DROP TABLE \"{name}\""))
        .unwrap();
    eprintln!(
        "{key:?}: {} points copied and indexed in {loaded:.2?}, {} queries ({scans} index-only \
         scans, no heap fetch) in {:.2?}",
        pts.len(),
        queries.len(),
        t1.elapsed()
    );
}

#[test]
fn postgres_key_ranges_equal_brute_force() {
    let Some(url) = postgres_url("postgres_key_ranges_equal_brute_force") else {
        return;
    };
    let _one_at_a_time = SERVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
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
/// list equal their brute force; region queries are index-only (on this
/// small table, with sequential scans turned off).
#[test]
fn postgres_stored_polygons_equal_brute_force() {
    let Some(url) = postgres_url("postgres_stored_polygons_equal_brute_force") else {
        return;
    };
    let _one_at_a_time = SERVER
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut client = Client::connect(&url, NoTls).expect("connect to S2CELLS_PG_URL");
    let checks = s2cells_db_tests::StoredChecks::new(4000);
    let name = "s2cells_covers";
    let index = format!("{name}_cell_idx");
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
        after_load(&mut client, &table, name);
        // This table has a few thousand rows, where PostgreSQL rightly
        // reads the whole table rather than probe the index for each of a
        // long ancestor list; with sequential scans off, the plans show
        // that the recipe's index answers every part alone, as it would on
        // a table of real size.
        client.batch_execute("SET enable_seqscan = off").unwrap();
        let stats = checks.check_geocoding(&table, name, &mut |sql| {
            client
                .query(sql, &[])
                .unwrap()
                .iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect()
        });
        assert!(stats.via_ancestors > 0 && stats.points_in_some_region > 500);
        let mut scans = 0;
        let (hits, ancestors_used) = checks.check_region_queries(&table, &mut |sql| {
            scans += assert_index_only(&analyzed_plan(&mut client, sql), &index, sql);
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
        client.batch_execute("RESET enable_seqscan").unwrap();
        client
            .batch_execute(&format!("DROP TABLE \"{name}\""))
            .unwrap();
        eprintln!(
            "{key:?}: {} stored polygons ({} cells); reverse geocoding {stats:?}; \
             region queries: {hits} hits, {ancestors_used} only through ancestor keys, \
             {scans} index-only scans; {:.2?}",
            checks.regions.len(),
            checks.rows.len(),
            t.elapsed()
        );
    }
}
