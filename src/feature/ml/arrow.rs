//! Arrow `List<UInt64>` (or, for BigQuery and Spark, `List<Int64>`)
//! columns of cell ids and Parquet files holding them (feature `arrow`),
//! for data frames and training pipelines that read Arrow or Parquet
//! (pandas, Polars, Spark, DuckDB). The command line's `-f parquet` and
//! `-f arrow` outputs write whole tables with typed columns.
//!
//! ```
//! use s2cells::feature::ml::arrow::{ancestors_list_array, write_parquet};
//! use s2cells::{CellId, LatLng};
//!
//! let p = CellId::from_latlng(LatLng::from_degrees(10.0, 20.0));
//! let column = ancestors_list_array(&[p, p.next()], &[4, 8, 12])?;
//! assert_eq!(column.value_offsets(), &[0, 3, 6]); // two rows of three ids
//! let mut file = Vec::new();
//! write_parquet(&mut file, "cells", &column)?;
//! assert_eq!(&file[..4], b"PAR1");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, PrimitiveBuilder};
use arrow_array::types::{ArrowPrimitiveType, Int64Type, UInt64Type};
use arrow_array::{Array, ListArray, RecordBatch};
use arrow_schema::{Field, Schema};
use parquet::arrow::ArrowWriter;

use crate::feature::FeatureError;
use crate::{CellId, MAX_LEVEL};

/// A `List<UInt64>` array: row `i` holds the ids of `rows[i]` (items not
/// null).
#[must_use]
pub fn cell_list_array(rows: &[Vec<CellId>]) -> ListArray {
    list_array::<UInt64Type>(rows, CellId::id)
}

/// A list array of `value(cell)` per cell of each row, items not null.
fn list_array<T: ArrowPrimitiveType>(
    rows: &[Vec<CellId>],
    value: impl Fn(&CellId) -> T::Native,
) -> ListArray {
    let values = PrimitiveBuilder::<T>::with_capacity(rows.iter().map(Vec::len).sum());
    let mut b = ListBuilder::with_capacity(values, rows.len())
        .with_field(Arc::new(Field::new_list_field(T::DATA_TYPE, false)));
    for r in rows {
        b.values()
            .append_slice(&r.iter().map(&value).collect::<Vec<_>>());
        b.append(true);
    }
    b.finish()
}

/// A `List<Int64>` array: row `i` holds the ids of `rows[i]` bit-cast to
/// signed ([`CellId::to_signed`]), the form BigQuery, Spark and SQL
/// databases store (none of them has an unsigned 64-bit type).
///
/// ```
/// use arrow_array::cast::AsArray;
/// use arrow_array::types::Int64Type;
/// use s2cells::feature::ml::arrow::signed_cell_list_array;
/// use s2cells::CellId;
/// let face5 = CellId::from_face(5);
/// let column = signed_cell_list_array(&[vec![face5]]);
/// assert_eq!(column.value(0).as_primitive::<Int64Type>().value(0), face5.to_signed());
/// assert!(face5.to_signed() < 0);
/// ```
#[must_use]
pub fn signed_cell_list_array(rows: &[Vec<CellId>]) -> ListArray {
    list_array::<Int64Type>(rows, CellId::to_signed)
}

/// A `List<UInt64>` array of each point's ancestors at the given levels
/// (the multi-level features as cell ids).
///
/// # Errors
/// [`FeatureError::InvalidLevel`] for a level above 30 or deeper than a point.
pub fn ancestors_list_array(points: &[CellId], levels: &[u8]) -> Result<ListArray, FeatureError> {
    let mut rows = Vec::with_capacity(points.len());
    for p in points {
        let mut row = Vec::with_capacity(levels.len());
        for &l in levels {
            if l > MAX_LEVEL || l > p.level() {
                return Err(FeatureError::InvalidLevel {
                    level: i64::from(l),
                    expected: "levels in 0..=30, no deeper than the points",
                });
            }
            row.push(p.parent(l));
        }
        rows.push(row);
    }
    Ok(cell_list_array(&rows))
}

/// Writes a Parquet file with one `List<UInt64>` column named `name`.
///
/// # Errors
/// Parquet's error (including the writer's I/O errors).
pub fn write_parquet<W: Write + Send>(
    w: W,
    name: &str,
    column: &ListArray,
) -> Result<(), parquet::errors::ParquetError> {
    let schema = Arc::new(Schema::new(vec![Field::new(
        name,
        column.data_type().clone(),
        false,
    )]));
    let batch = RecordBatch::try_new(schema.clone(), vec![Arc::new(column.clone())])?;
    let mut writer = ArrowWriter::try_new(w, schema, None)?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(())
}
