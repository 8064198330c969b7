//! feature::keys and feature::sql on a real PostgreSQL server: the same
//! points, queries and row-for-row check against a brute-force scan as
//! tests/db_sqlite.rs, for both key encodings.
//!
//! Runs when `S2CELLS_PG_URL` is set (e.g. by
//! `eval "$(bash tools/ci/start-postgres.sh)"`), and otherwise says so and
//! passes. A million points by default (`S2CELLS_DB_POINTS` sets N).

mod db_common;

use std::fmt::Write as _;
use std::io::Write as _;
use std::time::Instant;

use db_common::{key_query, n_points, points, queries, refine, region_key_query, regions};
use postgres::{Client, NoTls};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

fn run(client: &mut Client, key: SqlKey, pts: &[(f64, f64)]) {
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

    let all: Vec<(i64, f64, f64)> = client
        .query(
            &format!("SELECT \"id\", \"lat\", \"lng\" FROM \"{name}\""),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(all.len(), pts.len());
    let stored: Vec<(f64, f64)> = {
        let mut v: Vec<(i64, f64, f64)> = all.clone();
        v.sort_unstable_by_key(|r| r.0);
        v.into_iter().map(|r| (r.1, r.2)).collect()
    };
    assert!(stored == pts, "PostgreSQL changed a stored double");

    let t1 = Instant::now();
    let (mut splits, mut negative, mut used_index) = (0, 0, 0);
    for (qname, q) in queries() {
        let (cov, keys) = key_query(q);
        let sql = table.select_sql(&["id", "lat", "lng"], &keys).unwrap();
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
            .filter(|c| refine(q, c.1, c.2))
            .map(|c| c.0)
            .collect();
        got.sort_unstable();
        let mut want: Vec<i64> = all
            .iter()
            .filter(|c| refine(q, c.1, c.2))
            .map(|c| c.0)
            .collect();
        want.sort_unstable();
        assert!(!want.is_empty(), "{qname}: no point in the query");
        assert_eq!(
            got,
            want,
            "{qname}: index+refine differs from the scan ({} vs {} rows)",
            got.len(),
            want.len()
        );
        let signed = keys.signed_ranges();
        splits += signed.len() - keys.ranges().len();
        negative += signed.iter().filter(|r| r.1 < 0).count();
        eprintln!(
            "{key:?} {qname}: {} cells, {} ranges, {} candidates, {} rows, index used: {indexed}",
            cov.len(),
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
        used_index * 2 >= queries().len(),
        "the planner used the key index for only {used_index} queries"
    );
    client
        .batch_execute(&format!("DROP TABLE \"{name}\""))
        .unwrap();
    eprintln!(
        "{key:?}: {} points copied and indexed in {loaded:.2?}, {} queries in {:.2?}",
        pts.len(),
        queries().len(),
        t1.elapsed()
    );
}

#[test]
fn postgres_key_ranges_equal_brute_force() {
    let Ok(url) = std::env::var("S2CELLS_PG_URL") else {
        eprintln!("S2CELLS_PG_URL is not set: PostgreSQL test skipped (tools/ci/start-postgres.sh starts a server)");
        return;
    };
    let mut client = Client::connect(&url, NoTls).expect("connect to S2CELLS_PG_URL");
    let pts = points(n_points(1_000_000));
    run(&mut client, SqlKey::Signed, &pts);
    run(&mut client, SqlKey::Ordered, &pts);
    run_regions(&mut client);
}

/// Stored regions found through the ranges and the ancestor `IN` list
/// equal those whose covering meets the query's covering.
fn run_regions(client: &mut Client) {
    let regions = regions(3000);
    for key in [SqlKey::Signed, SqlKey::Ordered] {
        let table = SqlTable::new(SqlDialect::Postgres, key, "s2cells_covers", "cell").unwrap();
        client
            .batch_execute("DROP TABLE IF EXISTS \"s2cells_covers\"")
            .unwrap();
        client.batch_execute(&table.create_covering_sql()).unwrap();
        {
            let mut w = client
                .copy_in("COPY \"s2cells_covers\" (\"region_id\", \"cell\") FROM STDIN")
                .unwrap();
            let mut buf = String::new();
            for (i, cov) in regions.iter().enumerate() {
                for c in cov.iter() {
                    let _ = writeln!(buf, "{i}\t{}", table.key_of(c));
                }
            }
            w.write_all(buf.as_bytes()).unwrap();
            w.finish().unwrap();
        }
        client.batch_execute("ANALYZE \"s2cells_covers\"").unwrap();
        for (name, q) in queries() {
            let (cov, keys) = region_key_query(q);
            let sql = format!(
                "SELECT DISTINCT \"region_id\" FROM \"s2cells_covers\" WHERE {}",
                table.where_clause(&keys)
            );
            let mut got: Vec<i64> = client
                .query(&sql, &[])
                .unwrap()
                .iter()
                .map(|r| r.get(0))
                .collect();
            got.sort_unstable();
            let want: Vec<i64> = (0..regions.len() as i64)
                .filter(|&i| regions[i as usize].intersects(&cov))
                .collect();
            assert!(!want.is_empty(), "{name}: no region meets the query");
            assert_eq!(got, want, "{name} ({key:?}): regions differ");
        }
        client
            .batch_execute("DROP TABLE \"s2cells_covers\"")
            .unwrap();
        eprintln!(
            "{key:?}: {} stored regions, {} queries equal the brute force",
            regions.len(),
            queries().len()
        );
    }
}
