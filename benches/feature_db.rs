//! Answering a query on 1,000,000 stored points, four ways, same points,
//! same exact refine, same answers (asserted before timing):
//!
//! - `sqlite_key_ranges`: SQLite (bundled, in memory) through the B-tree on
//!   the bit-cast key, with `feature::keys` ranges in one SQL statement;
//! - `sqlite_full_scan`: the same table scanned whole;
//! - `rstar`: an in-memory R-tree (rstar 0.13) over (lng, lat), envelope
//!   query (two envelopes across the antimeridian) then refine;
//! - `memory_key_ranges`: the sorted keys in a `Vec<u64>`, the ranges as
//!   binary searches (what any ordered store does), then refine;
//! - `postgres_key_ranges` / `postgres_full_scan`: when `S2CELLS_PG_URL` is
//!   set (tools/ci/start-postgres.sh).
//!
//! Queries: a 1x1 degree rectangle, a 4 degree cap at the faces 2/3/4
//! corner (the bit-cast sign flip), a 60x120 degree rectangle and a
//! 7-pointed star polygon with a hole on face 4 (negative bit-cast keys),
//! refined by the region's own `contains_point`. The key ways include the
//! library's region coverer (`KeyQuery::for_region`, at most 128 cells) in
//! every iteration. N: `S2CELLS_DB_POINTS` (default 1M).
//!
//! Run: `cargo bench --bench feature_db`.

#[path = "../tests/db_common/mod.rs"]
mod db_common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use db_common::{Query, cap, n_points, point_of, points, polygon, rect, star};
use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};
use rusqlite::{Connection, params};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

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

fn bench(c: &mut Criterion) {
    let pts = points(n_points(1_000_000));
    let table = SqlTable::new(SqlDialect::Sqlite, SqlKey::Signed, "points", "cell").unwrap();
    let mut db = Connection::open_in_memory().unwrap();
    db.execute_batch(&table.create_sql()).unwrap();
    {
        let tx = db.transaction().unwrap();
        {
            let mut ins = tx
                .prepare("INSERT INTO points (id, cell, lat, lng) VALUES (?1, ?2, ?3, ?4)")
                .unwrap();
            for (i, &(lat, lng)) in pts.iter().enumerate() {
                ins.execute(params![
                    i as i64,
                    table.key_of(db_common::key_of(lat, lng)),
                    lat,
                    lng
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    let tree = RTree::bulk_load(
        pts.iter()
            .enumerate()
            .map(|(i, &(lat, lng))| Entry::new([lng, lat], i as i64))
            .collect(),
    );
    let mut keyed: Vec<(u64, u32)> = pts
        .iter()
        .enumerate()
        .map(|(i, &(lat, lng))| (db_common::key_of(lat, lng).id(), i as u32))
        .collect();
    keyed.sort_unstable();
    let mut pg = std::env::var("S2CELLS_PG_URL").ok().map(|url| {
        let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
        let t = SqlTable::new(
            SqlDialect::Postgres,
            SqlKey::Signed,
            "s2cells_bench_points",
            "cell",
        )
        .unwrap();
        client
            .batch_execute("DROP TABLE IF EXISTS s2cells_bench_points")
            .unwrap();
        client.batch_execute(&t.create_sql()).unwrap();
        let mut w = client
            .copy_in("COPY s2cells_bench_points (id, cell, lat, lng) FROM STDIN")
            .unwrap();
        let mut buf = String::new();
        for (i, &(lat, lng)) in pts.iter().enumerate() {
            use std::fmt::Write as _;
            let _ = writeln!(
                buf,
                "{i}\t{}\t{lat}\t{lng}",
                t.key_of(db_common::key_of(lat, lng))
            );
        }
        std::io::Write::write_all(&mut w, buf.as_bytes()).unwrap();
        w.finish().unwrap();
        client
            .batch_execute("ANALYZE s2cells_bench_points")
            .unwrap();
        (client, t)
    });

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
    for q in &queries {
        let name = &q.name;
        let sql_of = |t: &SqlTable| t.select_sql(&["id", "lat", "lng"], &keys_of(q)).unwrap();
        let sqlite_ranges = |db: &Connection| {
            let mut st = db.prepare(&sql_of(&table)).unwrap();
            let mut v: Vec<i64> = st
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                    ))
                })
                .unwrap()
                .map(Result::unwrap)
                .filter(|r| q.contains(&point_of(r.1, r.2)))
                .map(|r| r.0)
                .collect();
            v.sort_unstable();
            v
        };
        let sqlite_scan = |db: &Connection| {
            let mut st = db.prepare("SELECT id, lat, lng FROM points").unwrap();
            let mut v: Vec<i64> = st
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, f64>(1)?,
                        r.get::<_, f64>(2)?,
                    ))
                })
                .unwrap()
                .map(Result::unwrap)
                .filter(|r| q.contains(&point_of(r.1, r.2)))
                .map(|r| r.0)
                .collect();
            v.sort_unstable();
            v
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
        let want = sqlite_scan(&db);
        assert_eq!(sqlite_ranges(&db), want, "{name}");
        assert_eq!(memory(), want, "{name}");
        assert_eq!(rtree_query(&tree, q), want, "{name}");
        eprintln!(
            "{name}: {} rows, {} key ranges",
            want.len(),
            q.point_keys.ranges().len()
        );
        g.bench_function(format!("{name}/sqlite_key_ranges"), |b| {
            b.iter(|| black_box(sqlite_ranges(&db)));
        });
        g.bench_function(format!("{name}/sqlite_full_scan"), |b| {
            b.iter(|| black_box(sqlite_scan(&db)));
        });
        g.bench_function(format!("{name}/rstar"), |b| {
            b.iter(|| black_box(rtree_query(&tree, q)));
        });
        g.bench_function(format!("{name}/memory_key_ranges"), |b| {
            b.iter(|| black_box(memory()));
        });
        if let Some((client, t)) = pg.as_mut() {
            let sql = sql_of(t);
            let mut run = |sql: &str| {
                let mut v: Vec<i64> = client
                    .query(sql, &[])
                    .unwrap()
                    .iter()
                    .map(|r| (r.get::<_, i64>(0), r.get::<_, f64>(1), r.get::<_, f64>(2)))
                    .filter(|r| q.contains(&point_of(r.1, r.2)))
                    .map(|r| r.0)
                    .collect();
                v.sort_unstable();
                v
            };
            assert_eq!(run(&sql), want, "{name} on PostgreSQL");
            g.bench_function(format!("{name}/postgres_key_ranges"), |b| {
                b.iter(|| black_box(run(&sql)));
            });
            let scan = "SELECT id, lat, lng FROM s2cells_bench_points";
            g.bench_function(format!("{name}/postgres_full_scan"), |b| {
                b.iter(|| black_box(run(scan)));
            });
        }
    }
    g.finish();
    let _ = params![0];
}

criterion_group!(benches, bench);
criterion_main!(benches);
