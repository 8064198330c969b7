//! SQL from key queries: a `WHERE` clause of `BETWEEN` ranges and an `IN`
//! list, and the `CREATE TABLE` / `CREATE INDEX` recipe, for PostgreSQL and
//! SQLite.
//!
//! Keys are stored as `BIGINT` in one of two encodings ([`SqlKey`]). Table
//! and column names are checked (`[A-Za-z_][A-Za-z0-9_]*`, at most 63
//! bytes) and double-quoted; every value in a statement is an integer that
//! s2cells formats itself, so no input reaches the SQL text unchecked.

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
    /// queries are answered from the index alone. Statements are separated
    /// by `;\n`.
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
        // refine never visit the table: in benches/feature_db.rs (1M points,
        // SQLite) a 4-degree cap went from 46 ms to 10.7 ms and a 60x120
        // degree rectangle from 915 ms to 213 ms (no table lookup per
        // candidate).
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

    /// The recipe for stored regions: one row per covering cell, a
    /// `region_id` and the cell key, with a B-tree index on the key.
    /// Query with `SELECT DISTINCT "region_id" ... WHERE` [`where_clause`](Self::where_clause)
    /// of a [`KeyQuery`] made with [`Stored::Regions`](super::keys::Stored::Regions).
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
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (\"region_id\" {int} NOT NULL, {c} {int} NOT NULL);\n\
             CREATE INDEX IF NOT EXISTS {idx} ON {t} ({c})"
        )
    }

    /// A boolean SQL expression true for rows whose key the query matches:
    /// `BETWEEN` for each range (split at the sign flip for
    /// [`SqlKey::Signed`]), `IN (...)` for the ancestors, joined by `OR`.
    /// An empty query gives `(1 = 0)`.
    #[must_use]
    pub fn where_clause(&self, q: &KeyQuery) -> String {
        let (ranges, ancestors) = match self.key {
            SqlKey::Signed => (q.signed_ranges(), q.signed_ancestors()),
            SqlKey::Ordered => (q.ordered_ranges(), q.ordered_ancestors()),
        };
        let mut s = String::from("(");
        let mut first = true;
        let mut sep = |s: &mut String| {
            if !first {
                s.push_str(" OR ");
            }
            first = false;
        };
        for (lo, hi) in ranges {
            sep(&mut s);
            // Writing to a String cannot fail.
            let _ = write!(s, "\"{}\" BETWEEN {lo} AND {hi}", self.column);
        }
        if !ancestors.is_empty() {
            sep(&mut s);
            let _ = write!(s, "\"{}\" IN (", self.column);
            for (i, a) in ancestors.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                let _ = write!(s, "{a}");
            }
            s.push(')');
        }
        if first {
            s.push_str("1 = 0");
        }
        s.push(')');
        s
    }

    /// `SELECT <columns> FROM <table> WHERE <where_clause>`; `columns` is
    /// checked like a name (`*` is allowed).
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
        Ok(format!(
            "SELECT {cols} FROM \"{}\" WHERE {}",
            self.table,
            self.where_clause(q)
        ))
    }
}
