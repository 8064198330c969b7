//! SQL from key queries: a `WHERE` clause of `BETWEEN` ranges and an `IN`
//! list, whole `SELECT` statements shaped so that the database answers
//! them from the index alone, and the `CREATE TABLE` / `CREATE INDEX`
//! recipe, for PostgreSQL and SQLite.
//!
//! Keys are stored as `BIGINT` in one of two encodings ([`SqlKey`]). Table
//! and column names are checked (`[A-Za-z_][A-Za-z0-9_]*`, at most 63
//! bytes) and double-quoted; every value in a statement is an integer that
//! s2cells formats itself, so no input reaches the SQL text unchecked.
//!
//! The recipe, end to end (the statements are the same for both dialects
//! up to types; `db-tests/` runs them on SQLite and PostgreSQL and checks
//! the plans with `EXPLAIN`):
//!
//! 1. [`SqlTable::create_sql`]: the table and a covering B-tree index on
//!    the key that also holds the row id and the coordinates;
//! 2. load the rows, then [`SqlTable::after_load_sql`] (`VACUUM (ANALYZE)`
//!    on PostgreSQL: it sets the visibility map, without which PostgreSQL
//!    visits the table for every candidate; `ANALYZE` on SQLite);
//! 3. query with [`SqlTable::select_sql`] and refine the candidates
//!    exactly (a region's `contains_point`). PostgreSQL plans it as one
//!    `Index Only Scan` per key range, SQLite as one search `USING
//!    COVERING INDEX` per key range.

use std::fmt::Write as _;

use super::FeatureError;
use super::keys::{KeyQuery, ordered_i64};
use crate::CellId;

/// The SQL dialect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SqlDialect {
    /// PostgreSQL (`BIGINT`, `DOUBLE PRECISION`).
    Postgres,
    /// SQLite (`INTEGER`, `REAL`).
    Sqlite,
}

/// How a cell id is stored in a signed 64-bit column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SqlKey {
    /// The bit-cast ([`CellId::to_signed`]), as BigQuery, MongoDB and most
    /// ports store it; faces 4 and 5 are negative and ranges are split at
    /// the sign flip.
    Signed,
    /// The order-preserving form ([`ordered_i64`]).
    Ordered,
}

/// A table of cells keyed by a `BIGINT` column with a B-tree index, and the
/// SQL to create and query it.
///
/// ```
/// use s2cells::feature::keys::{KeyQuery, Stored};
/// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
/// use s2cells::{CellId, CellUnion};
///
/// let t = SqlTable::new(SqlDialect::Sqlite, SqlKey::Signed, "places", "cell")?;
/// assert!(t.create_sql().contains("CREATE INDEX IF NOT EXISTS \"places_cell_idx\""));
/// let q = KeyQuery::new(&CellUnion::from_cell_ids(vec![CellId::from_face(4)]), Stored::Points);
/// assert_eq!(
///     t.where_clause(&q),
///     "(\"cell\" BETWEEN -9223372036854775807 AND -6917529027641081857)"
/// );
/// assert!(SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "x; DROP TABLE y", "cell").is_err());
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlTable {
    dialect: SqlDialect,
    key: SqlKey,
    table: String,
    column: String,
}

/// The most parts SQLite allows in a compound `SELECT` (its default
/// `SQLITE_MAX_COMPOUND_SELECT`).
const SQLITE_MAX_COMPOUND: usize = 500;

/// The most conditions [`SqlTable::where_clause`] joins by `OR` in one
/// run; more are split into a balanced tree of parenthesized runs.
const OR_RUN: usize = 256;

/// `(t1 OR t2 OR ...)`, or for more than [`OR_RUN`] terms `((half) OR
/// (half))`, recursively: nested at most `OR_RUN` + 2·log2(n / `OR_RUN`)
/// deep.
fn or_tree(s: &mut String, terms: &[String]) {
    s.push('(');
    if terms.len() <= OR_RUN {
        s.push_str(&terms.join(" OR "));
    } else {
        let (a, b) = terms.split_at(terms.len() / 2);
        or_tree(s, a);
        s.push_str(" OR ");
        or_tree(s, b);
    }
    s.push(')');
}

/// Checks an identifier and returns it double-quoted.
fn quote(name: &str) -> Result<String, FeatureError> {
    let bad = |reason| FeatureError::InvalidSqlIdentifier {
        name: name.to_owned(),
        reason,
    };
    let mut bytes = name.bytes();
    match bytes.next() {
        None => return Err(bad("it is empty")),
        Some(b) if !(b.is_ascii_alphabetic() || b == b'_') => {
            return Err(bad("it must start with an ASCII letter or '_'"));
        }
        Some(_) => {}
    }
    if name.len() > 63 {
        return Err(bad("it is longer than 63 bytes"));
    }
    if !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(bad("only ASCII letters, digits and '_' are allowed"));
    }
    Ok(format!("\"{name}\""))
}

impl SqlTable {
    /// A table description, with its names checked.
    ///
    /// # Errors
    /// [`FeatureError::InvalidSqlIdentifier`] for a name that is empty, longer than
    /// 63 bytes, or not `[A-Za-z_][A-Za-z0-9_]*` (an index name
    /// `<table>_<column>_idx` must fit too).
    pub fn new(
        dialect: SqlDialect,
        key: SqlKey,
        table: &str,
        column: &str,
    ) -> Result<Self, FeatureError> {
        quote(table)?;
        quote(column)?;
        quote(&format!("{table}_{column}_idx"))?;
        Ok(Self {
            dialect,
            key,
            table: table.to_owned(),
            column: column.to_owned(),
        })
    }

    /// The stored value of a cell in this table's key encoding.
    ///
    /// ```
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// use s2cells::CellId;
    /// let t = SqlTable::new(SqlDialect::Postgres, SqlKey::Ordered, "t", "k")?;
    /// assert_eq!(t.key_of(CellId::from_face(4)), 1 << 60);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub const fn key_of(&self, id: CellId) -> i64 {
        match self.key {
            SqlKey::Signed => id.to_signed(),
            SqlKey::Ordered => ordered_i64(id),
        }
    }

    /// The recipe: a table with an integer row id, the cell key, latitude
    /// and longitude in degrees (for the exact refine), and a B-tree index
    /// on the key that also holds the id and coordinates (SQLite: a
    /// composite index, the rowid is implicit; PostgreSQL: `INCLUDE`), so
    /// that [`select_sql`](Self::select_sql) is answered from the index
    /// alone. Statements are separated by `;\n`. Run
    /// [`after_load_sql`](Self::after_load_sql) once the rows are in.
    ///
    /// ```
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// let t = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "places", "cell")?;
    /// assert!(t.create_sql().ends_with(
    ///     "CREATE INDEX IF NOT EXISTS \"places_cell_idx\" ON \"places\" (\"cell\") INCLUDE (\"id\", \"lat\", \"lng\")"));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn create_sql(&self) -> String {
        let t = format!("\"{}\"", self.table);
        let c = format!("\"{}\"", self.column);
        let idx = format!("\"{}_{}_idx\"", self.table, self.column);
        let (int, real) = match self.dialect {
            SqlDialect::Postgres => ("BIGINT", "DOUBLE PRECISION"),
            SqlDialect::Sqlite => ("INTEGER", "REAL"),
        };
        // The index carries the coordinates, so a range scan and the exact
        // refine never visit the table: in db-tests/benches/feature_db.rs
        // (1M points) see BENCHMARKS.md for the times with this index, with
        // an index on the key alone, and with none.
        let cols = match self.dialect {
            SqlDialect::Postgres => format!("{c}) INCLUDE (\"id\", \"lat\", \"lng\""),
            SqlDialect::Sqlite => format!("{c}, \"lat\", \"lng\""),
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (\"id\" {int} PRIMARY KEY, {c} {int} NOT NULL, \
             \"lat\" {real} NOT NULL, \"lng\" {real} NOT NULL);\n\
             CREATE INDEX IF NOT EXISTS {idx} ON {t} ({cols})"
        )
    }

    /// The statement to run once a bulk load is done. PostgreSQL:
    /// `VACUUM (ANALYZE)`, which gathers the planner's statistics and sets
    /// the visibility map; until a page is marked all-visible an index-only
    /// scan must fetch its rows from the table, and the planner then
    /// prefers a bitmap scan (autovacuum gets there too, some time after
    /// the load). `VACUUM` cannot run inside a transaction block. SQLite:
    /// `ANALYZE`.
    ///
    /// ```
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// let t = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "places", "cell")?;
    /// assert_eq!(t.after_load_sql(), "VACUUM (ANALYZE) \"places\"");
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn after_load_sql(&self) -> String {
        match self.dialect {
            SqlDialect::Postgres => format!("VACUUM (ANALYZE) \"{}\"", self.table),
            SqlDialect::Sqlite => format!("ANALYZE \"{}\"", self.table),
        }
    }

    /// The recipe for stored regions: one row per covering cell, a
    /// `region_id` and the cell key, with a B-tree index on the key that
    /// also holds the region id (SQLite: a composite index; PostgreSQL:
    /// `INCLUDE`), so that [`select_regions_sql`](Self::select_regions_sql)
    /// of a [`KeyQuery`] made with
    /// [`Stored::Regions`](super::keys::Stored::Regions) is answered from
    /// the index alone.
    ///
    /// ```
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// let t = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "covers", "cell")?;
    /// assert!(t.create_covering_sql().starts_with(
    ///     "CREATE TABLE IF NOT EXISTS \"covers\" (\"region_id\" BIGINT NOT NULL, \"cell\" BIGINT NOT NULL)"));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn create_covering_sql(&self) -> String {
        let t = format!("\"{}\"", self.table);
        let c = format!("\"{}\"", self.column);
        let idx = format!("\"{}_{}_idx\"", self.table, self.column);
        let int = match self.dialect {
            SqlDialect::Postgres => "BIGINT",
            SqlDialect::Sqlite => "INTEGER",
        };
        let cols = match self.dialect {
            SqlDialect::Postgres => format!("{c}) INCLUDE (\"region_id\""),
            SqlDialect::Sqlite => format!("{c}, \"region_id\""),
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (\"region_id\" {int} NOT NULL, {c} {int} NOT NULL);\n\
             CREATE INDEX IF NOT EXISTS {idx} ON {t} ({cols})"
        )
    }

    /// A boolean SQL expression true for rows whose key the query matches:
    /// `BETWEEN` for each range (split at the sign flip for
    /// [`SqlKey::Signed`]), `IN (...)` for the ancestors, joined by `OR`.
    /// An empty query gives `(1 = 0)`.
    ///
    /// For composing a statement of one's own. PostgreSQL plans an `OR` of
    /// ranges as a bitmap scan, which reads every candidate's row from the
    /// table; [`select_sql`](Self::select_sql) gives index-only scans.
    ///
    /// Past 256 conditions the `OR`s are grouped in parentheses
    /// into a balanced tree: SQLite refuses an expression nested more than
    /// 1,000 deep, which a flat run of a thousand `OR`s is.
    #[must_use]
    pub fn where_clause(&self, q: &KeyQuery) -> String {
        let terms = self.terms(q);
        if terms.is_empty() {
            return String::from("(1 = 0)");
        }
        let mut s = String::new();
        or_tree(&mut s, &terms);
        s
    }

    /// The key conditions of a query, one per range and one for the
    /// ancestors, in key order.
    fn terms(&self, q: &KeyQuery) -> Vec<String> {
        let (ranges, ancestors) = match self.key {
            SqlKey::Signed => (q.signed_ranges(), q.signed_ancestors()),
            SqlKey::Ordered => (q.ordered_ranges(), q.ordered_ancestors()),
        };
        let mut terms: Vec<String> = ranges
            .iter()
            .map(|(lo, hi)| format!("\"{}\" BETWEEN {lo} AND {hi}", self.column))
            .collect();
        if !ancestors.is_empty() {
            let mut s = format!("\"{}\" IN (", self.column);
            for (i, a) in ancestors.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                // Writing to a String cannot fail.
                let _ = write!(s, "{a}");
            }
            s.push(')');
            terms.push(s);
        }
        terms
    }

    /// The rows whose key the query matches, `SELECT <columns> FROM <table>`
    /// with the query's key conditions, shaped so that the
    /// [`create_sql`](Self::create_sql) index answers it alone when
    /// `columns` are among the table's (`id`, the key, `lat`, `lng`): one
    /// `SELECT ... WHERE "cell" BETWEEN lo AND hi` per range (and one `IN`
    /// for the ancestors) joined by `UNION ALL`. The ranges are disjoint, so
    /// no row comes twice.
    ///
    /// - PostgreSQL plans each part as an `Index Only Scan`. One `WHERE`
    ///   with the ranges `OR`ed ([`where_clause`](Self::where_clause)) is a
    ///   `BitmapOr` and a `Bitmap Heap Scan`, which reads every candidate's
    ///   row from the table.
    /// - SQLite plans each part as a search `USING COVERING INDEX`. The
    ///   `OR`ed `WHERE` uses the same index (a `MULTI-INDEX OR`) but collects
    ///   and tests every row id again: 5x slower for 130,000 rows. SQLite
    ///   allows 500 parts in a compound `SELECT`; a query with more ranges
    ///   gets the `OR`ed form (still answered from the covering index).
    ///
    /// `columns` are checked like names (`*` or none selects every column).
    /// An empty query selects nothing.
    ///
    /// ```
    /// use s2cells::feature::keys::{KeyQuery, Stored};
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let cells = CellUnion::from_cell_ids(vec![CellId::from_face(1), CellId::from_face(3)]);
    /// let q = KeyQuery::new(&cells, Stored::Points);
    /// let pg = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "places", "cell")?;
    /// assert_eq!(
    ///     pg.select_sql(&["id", "lat", "lng"], &q)?,
    ///     "SELECT \"id\", \"lat\", \"lng\" FROM \"places\" WHERE \"cell\" BETWEEN 2305843009213693953 AND 4611686018427387903\n\
    ///      UNION ALL SELECT \"id\", \"lat\", \"lng\" FROM \"places\" WHERE \"cell\" BETWEEN 6917529027641081857 AND 9223372036854775807"
    /// );
    /// let lite = SqlTable::new(SqlDialect::Sqlite, SqlKey::Signed, "places", "cell")?;
    /// assert_eq!(
    ///     lite.select_sql(&["id"], &q)?,
    ///     "SELECT \"id\" FROM \"places\" WHERE \"cell\" BETWEEN 2305843009213693953 AND 4611686018427387903\n\
    ///      UNION ALL SELECT \"id\" FROM \"places\" WHERE \"cell\" BETWEEN 6917529027641081857 AND 9223372036854775807"
    /// );
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`FeatureError::InvalidSqlIdentifier`] for a bad column name.
    pub fn select_sql(&self, columns: &[&str], q: &KeyQuery) -> Result<String, FeatureError> {
        let cols = if columns.is_empty() || columns == ["*"] {
            String::from("*")
        } else {
            columns
                .iter()
                .map(|c| quote(c))
                .collect::<Result<Vec<_>, _>>()?
                .join(", ")
        };
        Ok(self.select(&format!("SELECT {cols}"), q, "UNION ALL"))
    }

    /// The ids of the stored regions whose covering meets the query's, on a
    /// [`create_covering_sql`](Self::create_covering_sql) table, each once:
    /// for a [`KeyQuery`] made with
    /// [`Stored::Regions`](super::keys::Stored::Regions) (the ranges find
    /// covering cells inside the query's cells, the ancestor list the
    /// larger ones that hold them). Shaped as
    /// [`select_sql`](Self::select_sql) is, for index-only scans, with the
    /// parts joined by `UNION`, which also removes duplicates (on SQLite,
    /// past 500 parts, one `SELECT DISTINCT` with the conditions `OR`ed).
    ///
    /// ```
    /// use s2cells::feature::keys::{KeyQuery, Stored};
    /// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let q = KeyQuery::new(
    ///     &CellUnion::from_cell_ids(vec![CellId::from_face(1).child(0)]),
    ///     Stored::Regions { min_level: 0 },
    /// );
    /// let t = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "covers", "cell")?;
    /// assert_eq!(
    ///     t.select_regions_sql(&q),
    ///     "SELECT DISTINCT \"region_id\" FROM \"covers\" WHERE \"cell\" BETWEEN 2305843009213693953 AND 2882303761517117439\n\
    ///      UNION SELECT DISTINCT \"region_id\" FROM \"covers\" WHERE \"cell\" IN (3458764513820540928)"
    /// );
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn select_regions_sql(&self, q: &KeyQuery) -> String {
        // DISTINCT matters only to the OR'ed form; UNION removes duplicates.
        self.select("SELECT DISTINCT \"region_id\"", q, "UNION")
    }

    /// `select FROM <table> WHERE ...`: one statement per key condition
    /// joined by `union`; on SQLite, past [`SQLITE_MAX_COMPOUND`] parts, one
    /// `WHERE` of them all ([`where_clause`](Self::where_clause)).
    fn select(&self, select: &str, q: &KeyQuery, union: &str) -> String {
        let from = format!("{select} FROM \"{}\" WHERE ", self.table);
        let terms = self.terms(q);
        if terms.is_empty() {
            return format!("{from}(1 = 0)");
        }
        if self.dialect == SqlDialect::Sqlite && terms.len() > SQLITE_MAX_COMPOUND {
            return format!("{from}{}", self.where_clause(q));
        }
        let mut s = String::new();
        for (i, term) in terms.iter().enumerate() {
            if i > 0 {
                let _ = write!(s, "\n{union} ");
            }
            s.push_str(&from);
            s.push_str(term);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CellUnion;
    use crate::feature::keys::Stored;

    /// `n` level-10 cells on face 0, none adjacent: `n` ranges.
    fn scattered(n: u64) -> KeyQuery {
        let first = CellId::from_face(0).child_begin_at(10);
        let cells = (0..n)
            .map(|i| CellId::try_from(first.id() + 2 * i * first.lsb() * 2).unwrap())
            .collect();
        KeyQuery::new(&CellUnion::from_cell_ids(cells), Stored::Points)
    }

    /// Nesting depth of parentheses.
    fn depth(s: &str) -> usize {
        let (mut d, mut most) = (0usize, 0);
        for c in s.chars() {
            match c {
                '(' => d += 1,
                ')' => d -= 1,
                _ => {}
            }
            most = most.max(d);
        }
        most
    }

    #[test]
    fn long_or_runs_nest_shallowly() {
        let t = SqlTable::new(SqlDialect::Sqlite, SqlKey::Signed, "t", "c").unwrap();
        let small = scattered(3);
        assert_eq!(t.where_clause(&small).matches(" OR ").count(), 2);
        assert_eq!(depth(&t.where_clause(&small)), 1);
        for n in [257, 1000, 5000] {
            let w = t.where_clause(&scattered(n));
            assert_eq!(w.matches("BETWEEN").count(), n as usize);
            assert_eq!(w.matches(" OR ").count(), n as usize - 1);
            assert!(
                depth(&w) <= 2 + 2 * (n as usize / OR_RUN).ilog2() as usize,
                "{n}"
            );
        }
    }

    #[test]
    fn sqlite_compounds_stop_at_500_parts() {
        let lite = SqlTable::new(SqlDialect::Sqlite, SqlKey::Signed, "t", "c").unwrap();
        let pg = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "t", "c").unwrap();
        for (n, union) in [(500, true), (501, false)] {
            let q = scattered(n);
            let sql = lite.select_sql(&["id"], &q).unwrap();
            assert_eq!(
                sql.matches("UNION ALL").count(),
                if union { n as usize - 1 } else { 0 }
            );
            assert_eq!(sql.matches("BETWEEN").count(), n as usize);
            let sql = pg.select_sql(&["id"], &q).unwrap();
            assert_eq!(sql.matches("UNION ALL").count(), n as usize - 1);
        }
        let empty = KeyQuery::new(&CellUnion::from_cell_ids(vec![]), Stored::Points);
        assert_eq!(
            lite.select_sql(&["id"], &empty).unwrap(),
            "SELECT \"id\" FROM \"t\" WHERE (1 = 0)"
        );
    }
}
