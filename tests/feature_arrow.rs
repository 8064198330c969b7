//! `feature::ml::arrow`: the Parquet file of a `List<UInt64>` column reads
//! back (with the parquet crate's Arrow reader, and with pyarrow when it is
//! installed) to the same cell ids.

#![cfg(feature = "arrow")]

mod skip;

use arrow_array::Array;
use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use s2cells::feature::ml::arrow::{ancestors_list_array, cell_list_array, write_parquet};
use s2cells::{CellId, LatLng};

#[test]
fn parquet_reads_back_to_the_same_ids() {
    let pts: Vec<CellId> = (0..500)
        .map(|i| {
            CellId::from_latlng(LatLng::from_degrees(
                -80.0 + 0.3 * f64::from(i),
                -179.0 + 0.7 * f64::from(i),
            ))
        })
        .collect();
    let levels = [2u8, 9, 17, 30];
    let column = ancestors_list_array(&pts, &levels).unwrap();
    let path = std::env::temp_dir().join(format!("s2cells-arrow-{}.parquet", std::process::id()));
    write_parquet(std::fs::File::create(&path).unwrap(), "cells", &column).unwrap();

    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut rows: Vec<Vec<u64>> = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        let list = batch.column_by_name("cells").unwrap().as_list::<i32>();
        for r in 0..list.len() {
            rows.push(list.value(r).as_primitive::<UInt64Type>().values().to_vec());
        }
    }
    assert_eq!(rows.len(), pts.len());
    for (p, row) in pts.iter().zip(&rows) {
        let want: Vec<u64> = levels.iter().map(|&l| p.parent(l).id()).collect();
        assert_eq!(row, &want);
    }
    // Faces 4 and 5 stay unsigned (no bit-cast to negative).
    assert!(rows.iter().flatten().any(|&id| id >= 1 << 63));

    let script = r#"
import sys, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
assert str(t.schema.field("cells").type) == "list<item: uint64 not null>", t.schema
rows = t.column("cells").to_pylist()
print(len(rows), rows[0][0], rows[-1][-1])
"#;
    match std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
    {
        Ok(out) if out.status.success() => {
            let text = String::from_utf8_lossy(&out.stdout);
            let want = format!(
                "{} {} {}",
                rows.len(),
                rows[0][0],
                rows[rows.len() - 1][levels.len() - 1]
            );
            assert_eq!(text.trim(), want, "pyarrow reads other values");
            eprintln!("pyarrow read back: {}", text.trim());
        }
        Ok(out) if String::from_utf8_lossy(&out.stderr).contains("No module named 'pyarrow'") => {
            skip::skipped(
                "parquet_reads_back_to_the_same_ids",
                "pyarrow",
                "not installed: checked with the parquet crate's reader only",
            );
        }
        Ok(out) => panic!(
            "pyarrow read-back failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => skip::skipped(
            "parquet_reads_back_to_the_same_ids",
            "python3",
            &format!("{e}: checked with the parquet crate's reader only"),
        ),
    }
    std::fs::remove_file(&path).ok();

    let empty = cell_list_array(&[vec![], vec![CellId::from_face(5)]]);
    assert_eq!(empty.value_length(0), 0);
    assert!(ancestors_list_array(&[CellId::from_face(1)], &[3]).is_err());
}
