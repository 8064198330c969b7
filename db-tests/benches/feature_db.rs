//! Answering a query on 1,000,000 stored points, many ways, same points,
//! same exact refine, same answers (asserted before timing):
//!
//! - SQLite (bundled, in memory) and PostgreSQL (when `S2CELLS_PG_URL` is
//!   set, tools/ci/start-postgres.sh), each with the same rows in three
//!   tables: the recipe's (`SqlTable::create_sql`: a B-tree on the key
//!   that also holds id, lat and lng), one with an index on the key alone,
//!   and one without an index. Ways:
//!   - `recipe`: the recipe's table and query (`select_sql`): index-only
//!     scans on PostgreSQL, covering-index searches on SQLite;
//!   - `key_index`: the same statement on the key-only table (every
//!     candidate's row is read from the table);
//!   - `or_where`: the recipe's table, queried with one `WHERE` of the
//!     ranges `OR`ed (`where_clause`), which PostgreSQL plans as a bitmap
//!     scan that reads the table and SQLite as a `MULTI-INDEX OR`;
//!   - `no_index`: the table without an index, queried with one `WHERE`
//!     (the database scans it once and tests the key conditions; the
//!     recipe's `UNION ALL` would scan it once per range);
//!   - `full_scan`: every row to the client, refined there;
//! - `rstar`: an in-memory R-tree (rstar 0.13) over (lng, lat), envelope
//!   query (two envelopes across the antimeridian) then refine;
//! - `memory_key_ranges`: the sorted keys in a `Vec<u64>`, the ranges as
//!   binary searches (what any ordered store does), then refine.
//!
//! Queries: a 1x1 degree rectangle, a 4 degree cap at the faces 2/3/4
//! corner (the bit-cast sign flip), a 60x120 degree rectangle and a
//! 7-pointed star polygon with a hole on face 4 (negative bit-cast keys),
//! refined by the region's own `contains_point`. The key ways include the
//! library's region coverer (`KeyQuery::for_region`, at most 128 cells) in
//! every iteration. N: `S2CELLS_DB_POINTS` (default 1M). The plan of each
//! way is printed before its times.
//!
//! Run: `cargo bench -p s2cells-db-tests --bench feature_db`; with
//! `S2CELLS_DB_ROUNDS=N`, N interleaved rounds instead of criterion (every
//! way of a query once per round, medians and ratios to the recipe), for a
//! shared machine whose load changes between criterion's runs.
//! `S2CELLS_DB_QUERY=rect` keeps the queries whose name holds `rect`.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use postgres::Client;
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use rusqlite::{Connection, params};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
use s2cells_db_tests::{Query, cap, key_of, n_points, point_of, points, polygon, rect, star};

type Entry = GeomWithData<[f64; 2], i64>;

/// Envelope query on the region's lat/lng bound (two envelopes across the
/// antimeridian), then the exact refine.
fn rtree_query(tree: &RTree<Entry>, q: &Query) -> Vec<i64> {
    let b = q.region.rect_bound();
    let (lat_lo, lat_hi) = (b.lat_lo().to_degrees(), b.lat_hi().to_degrees());
    let (lng_lo, lng_hi) = (b.lng_lo().to_degrees(), b.lng_hi().to_degrees());
    let boxes: Vec<AABB<[f64; 2]>> = if lng_lo <= lng_hi {
        vec![AABB::from_corners([lng_lo, lat_lo], [lng_hi, lat_hi])]
    } else {
        vec![
            AABB::from_corners([lng_lo, lat_lo], [180.0, lat_hi]),
            AABB::from_corners([-180.0, lat_lo], [lng_hi, lat_hi]),
        ]
    };
    let mut out: Vec<i64> = boxes
        .iter()
        .flat_map(|b| tree.locate_in_envelope(*b))
        .filter(|e| q.contains(&point_of(e.geom()[1], e.geom()[0])))
        .map(|e| e.data)
        .collect();
    out.sort_unstable();
    out
}

/// The query's keys, from the library's coverer (timed with the query).
fn keys_of(q: &Query) -> KeyQuery {
    KeyQuery::for_region(&*q.region, &q.coverer, Stored::Points)
}

/// The refined, sorted ids of (id, lat, lng) rows.
fn refine(q: &Query, rows: impl Iterator<Item = (i64, f64, f64)>) -> Vec<i64> {
    let mut v: Vec<i64> = rows
        .filter(|r| q.contains(&point_of(r.1, r.2)))
        .map(|r| r.0)
        .collect();
    v.sort_unstable();
    v
}

/// The three tables of a dialect: the recipe's, key-only index, no index.
fn tables(dialect: SqlDialect) -> [(SqlTable, &'static str); 3] {
    let t = |name| SqlTable::new(dialect, SqlKey::Signed, name, "cell").unwrap();
    [
        (t("pts_recipe"), "recipe"),
        (t("pts_key_index"), "key_index"),
        (t("pts_no_index"), "no_index"),
    ]
}

/// The `CREATE` statements of each table.
fn create_sql(t: &SqlTable, way: &str, name: &str) -> String {
    let real = if t.create_sql().contains("DOUBLE") {
        "DOUBLE PRECISION"
    } else {
        "REAL"
    };
    match way {
        "recipe" => t.create_sql(),
        _ => {
            let mut s = format!(
                "CREATE TABLE {name} (id BIGINT PRIMARY KEY, cell BIGINT NOT NULL, \
                 lat {real} NOT NULL, lng {real} NOT NULL)"
            );
            if way == "key_index" {
                let _ = write!(s, ";\nCREATE INDEX {name}_cell_idx ON {name} (cell)");
            }
            s
        }
    }
}

fn sqlite_db(pts: &[(f64, f64)]) -> Connection {
    let mut db = Connection::open_in_memory().unwrap();
    for (t, way) in tables(SqlDialect::Sqlite) {
        let name = format!("pts_{way}");
        db.execute_batch(&create_sql(&t, way, &name)).unwrap();
        let tx = db.transaction().unwrap();
        {
            let mut ins = tx
                .prepare(&format!(
                    "INSERT INTO {name} (id, cell, lat, lng) VALUES (?1, ?2, ?3, ?4)"
                ))
                .unwrap();
            for (i, &(lat, lng)) in pts.iter().enumerate() {
                ins.execute(params![i as i64, t.key_of(key_of(lat, lng)), lat, lng])
                    .unwrap();
            }
        }
        tx.commit().unwrap();
        db.execute_batch(&t.after_load_sql()).unwrap();
    }
    db
}

fn postgres_db(url: &str, pts: &[(f64, f64)]) -> Client {
    let mut client = Client::connect(url, postgres::NoTls).unwrap();
    for (t, way) in tables(SqlDialect::Postgres) {
        let name = format!("pts_{way}");
        client
            .batch_execute(&format!("DROP TABLE IF EXISTS {name}"))
            .unwrap();
        client.batch_execute(&create_sql(&t, way, &name)).unwrap();
        let mut w = client
            .copy_in(&format!("COPY {name} (id, cell, lat, lng) FROM STDIN"))
            .unwrap();
        let mut buf = String::new();
        for (i, &(lat, lng)) in pts.iter().enumerate() {
            let _ = writeln!(buf, "{i}\t{}\t{lat}\t{lng}", t.key_of(key_of(lat, lng)));
        }
        std::io::Write::write_all(&mut w, buf.as_bytes()).unwrap();
        w.finish().unwrap();
        // Until every page is all-visible (see db-tests/tests/postgres.rs).
        for _ in 0..40 {
            client.batch_execute(&t.after_load_sql()).unwrap();
            let r = client
                .query_one(
                    "SELECT relpages = relallvisible FROM pg_class WHERE relname = $1",
                    &[&name],
                )
                .unwrap();
            if r.get::<_, bool>(0) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
    }
    client
}

/// A one-line summary of a plan: its scan lines, counted.
fn summary(lines: &[String]) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for l in lines {
        let l = l.trim_start_matches([' ', '-', '>']).trim();
        let kind = l
            .split(" on ")
            .next()
            .unwrap_or(l)
            .split("  (")
            .next()
            .unwrap_or(l)
            .to_owned();
        if !(kind.contains("Scan") || kind.starts_with("SEARCH") || kind.starts_with("SCAN")) {
            continue;
        }
        match counts.iter_mut().find(|c| c.0 == kind) {
            Some(c) => c.1 += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts
        .iter()
        .map(|(k, n)| format!("{n} x {k}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One way of answering a query: its name and a run that returns the
/// refined, sorted ids.
type Way<'a> = (String, Box<dyn Fn() -> Vec<i64> + 'a>);

/// A statement made afresh (its keys from the coverer) at each run.
type Sql<'a> = Box<dyn Fn() -> String + 'a>;

/// `S2CELLS_DB_ROUNDS=N`: instead of criterion, N rounds in which every way
/// of a query is timed in turn (after one untimed run), so that all ways see
/// the same load on a shared machine; prints each way's median and best
/// over the rounds and its median against the recipe's of its database.
fn interleaved(name: &str, ways: &[Way<'_>], rounds: usize) {
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); ways.len()];
    for _ in 0..rounds {
        for (k, (_, run)) in ways.iter().enumerate() {
            // One untimed run first: whatever a full scan leaves behind in
            // the client (measured: the next way took 50-100 ms longer,
            // even after a 200 ms sleep) is paid there, not in the next
            // way's time. Short ways repeat for 10 ms.
            black_box(run());
            let (t, mut n) = (Instant::now(), 0u32);
            while n == 0 || t.elapsed() < Duration::from_millis(10) {
                black_box(run());
                n += 1;
            }
            times[k].push(t.elapsed().as_secs_f64() * 1e3 / f64::from(n));
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let medians: Vec<f64> = times.iter_mut().map(median).collect();
    let recipe = |db: &str| {
        ways.iter()
            .position(|w| w.0 == format!("{db}_recipe"))
            .map(|k| medians[k])
    };
    for (k, (way, _)) in ways.iter().enumerate() {
        let db = way.split('_').next().unwrap_or("");
        let ratio = recipe(db).map_or(String::new(), |r| format!("{:8.1}x", medians[k] / r));
        println!(
            "{name:26} {way:20} median {:10.3} ms  best {:10.3} ms {ratio}",
            medians[k], times[k][0]
        );
    }
}

fn bench(c: &mut Criterion) {
    let pts = points(n_points(1_000_000));
    let db = sqlite_db(&pts);
    let lite = &tables(SqlDialect::Sqlite);
    let tree = RTree::bulk_load(
        pts.iter()
            .enumerate()
            .map(|(i, &(lat, lng))| Entry::new([lng, lat], i as i64))
            .collect(),
    );
    let mut keyed: Vec<(u64, u32)> = pts
        .iter()
        .enumerate()
        .map(|(i, &(lat, lng))| (key_of(lat, lng).id(), i as u32))
        .collect();
    keyed.sort_unstable();
    let pg = std::env::var("S2CELLS_PG_URL")
        .ok()
        .map(|url| RefCell::new(postgres_db(&url, &pts)));
    let pgt = tables(SqlDialect::Postgres);
    let rounds: Option<usize> = std::env::var("S2CELLS_DB_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok());

    let queries = [
        Query::new("rect_1x1deg", rect(40.0, 41.0, 2.0, 3.0)),
        Query::new("cap_4deg_sign_flip", cap(35.26, -135.0, 4.0)),
        Query::new("rect_60x120deg", rect(-30.0, 30.0, -60.0, 60.0)),
        Query::new(
            "polygon_star_hole_face4",
            polygon(vec![
                star(-2.0, -88.0, 9.0, 4.0, 7),
                star(-2.0, -88.0, 1.5, 1.5, 6),
            ]),
        ),
    ];
    let mut g = c.benchmark_group("feature_db");
    g.sample_size(10);
    let only = std::env::var("S2CELLS_DB_QUERY").unwrap_or_default();
    for q in queries.iter().filter(|q| q.name.contains(&only)) {
        let name = &q.name;
        // The statement of a table, from the keys made in this iteration.
        let select = |t: &SqlTable| t.select_sql(&["id", "lat", "lng"], &keys_of(q)).unwrap();
        let sqlite_rows = |sql: &str| {
            let mut st = db.prepare(sql).unwrap();
            refine(
                q,
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .unwrap()
                    .map(Result::unwrap),
            )
        };
        let memory = || {
            let keys = keys_of(q);
            let mut v = Vec::new();
            for r in keys.ranges() {
                let a = keyed.partition_point(|k| k.0 < r.first().id());
                let b = keyed.partition_point(|k| k.0 <= r.last().id());
                for &(_, i) in &keyed[a..b] {
                    let (lat, lng) = pts[i as usize];
                    if q.contains(&point_of(lat, lng)) {
                        v.push(i64::from(i));
                    }
                }
            }
            v.sort_unstable();
            v
        };
        let scan = "SELECT id, lat, lng FROM pts_recipe";
        let want = sqlite_rows(scan);
        eprintln!(
            "{name}: {} rows, {} key ranges",
            want.len(),
            q.point_keys.ranges().len()
        );
        // In memory first, then each database's ways.
        let mut ways: Vec<Way<'_>> = vec![
            ("rstar".into(), Box::new(|| rtree_query(&tree, q))),
            ("memory_key_ranges".into(), Box::new(memory)),
        ];
        let or_where = move |t: &SqlTable, table: &str| {
            format!(
                "SELECT id, lat, lng FROM {table} WHERE {}",
                t.where_clause(&keys_of(q))
            )
        };
        let lite_ways: [(&str, Sql<'_>); 5] = [
            ("recipe", Box::new(move || select(&lite[0].0))),
            (
                "or_where",
                Box::new(move || or_where(&lite[0].0, "pts_recipe")),
            ),
            ("key_index", Box::new(move || select(&lite[1].0))),
            (
                "no_index",
                Box::new(move || or_where(&lite[0].0, "pts_no_index")),
            ),
            ("full_scan", Box::new(|| scan.to_owned())),
        ];
        for (way, sql_of) in lite_ways {
            let mut st = db
                .prepare(&format!("EXPLAIN QUERY PLAN {}", sql_of()))
                .unwrap();
            let plan: Vec<String> = st
                .query_map([], |r| r.get(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            eprintln!("  sqlite {way}: {}", summary(&plan));
            ways.push((
                format!("sqlite_{way}"),
                Box::new(move || sqlite_rows(&sql_of())),
            ));
        }
        if let Some(client) = &pg {
            let pgt = &pgt;
            let run = move |sql: &str| {
                refine(
                    q,
                    client
                        .borrow_mut()
                        .query(sql, &[])
                        .unwrap()
                        .iter()
                        .map(|r| (r.get(0), r.get(1), r.get(2))),
                )
            };
            let pg_ways: [(&str, Sql<'_>); 5] = [
                ("recipe", Box::new(move || select(&pgt[0].0))),
                (
                    "or_where",
                    Box::new(move || or_where(&pgt[0].0, "pts_recipe")),
                ),
                ("key_index", Box::new(move || select(&pgt[1].0))),
                (
                    "no_index",
                    Box::new(move || or_where(&pgt[0].0, "pts_no_index")),
                ),
                ("full_scan", Box::new(|| scan.to_owned())),
            ];
            for (way, sql_of) in pg_ways {
                let plan: Vec<String> = client
                    .borrow_mut()
                    .query(&format!("EXPLAIN {}", sql_of()), &[])
                    .unwrap()
                    .iter()
                    .map(|r| r.get(0))
                    .collect();
                eprintln!("  postgres {way}: {}", summary(&plan));
                ways.push((format!("postgres_{way}"), Box::new(move || run(&sql_of()))));
            }
        }
        for (way, run) in &ways {
            assert_eq!(run(), want, "{name} {way}");
        }
        match rounds {
            Some(n) => interleaved(name, &ways, n),
            None => {
                for (way, run) in &ways {
                    g.bench_function(format!("{name}/{way}"), |b| b.iter(|| black_box(run())));
                }
            }
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
