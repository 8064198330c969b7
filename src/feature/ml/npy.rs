//! NumPy `.npy` files (format version 1.0), written by hand: a magic
//! string, a Python-dict header padded to 64 bytes, then the raw
//! little-endian data in C order. `numpy.load` reads them; no numpy is
//! needed to write them.
//!
//! ```
//! use s2cells::feature::ml::npy;
//! let mut buf = Vec::new();
//! npy::write_u64(&mut buf, &[7, 8])?;
//! assert_eq!(&buf[..6], b"\x93NUMPY");
//! assert_eq!(buf.len() % 64, 16); // 64-byte header + 2 * 8 bytes
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, Write};

use super::Csr;

pub(super) fn header<W: Write + ?Sized>(w: &mut W, descr: &str, shape: &[usize]) -> io::Result<()> {
    let shape = match shape {
        [n] => format!("({n},)"),
        dims => format!(
            "({})",
            dims.iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    // Magic (6) + version (2) + length (2) + dict + '\n' must be a
    // multiple of 64, so that the data is aligned.
    let total = 10 + dict.len() + 1;
    dict.extend(std::iter::repeat_n(' ', (64 - total % 64) % 64));
    dict.push('\n');
    let len = u16::try_from(dict.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "npy header too long"))?;
    w.write_all(b"\x93NUMPY\x01\x00")?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(dict.as_bytes())
}

/// A 1-D `uint64` array (`'<u8'`).
///
/// # Errors
/// The writer's error.
pub fn write_u64<W: Write>(w: &mut W, data: &[u64]) -> io::Result<()> {
    header(w, "<u8", &[data.len()])?;
    for x in data {
        w.write_all(&x.to_le_bytes())?;
    }
    Ok(())
}

/// A 1-D `uint32` array (`'<u4'`).
///
/// # Errors
/// The writer's error.
pub fn write_u32<W: Write>(w: &mut W, data: &[u32]) -> io::Result<()> {
    header(w, "<u4", &[data.len()])?;
    for x in data {
        w.write_all(&x.to_le_bytes())?;
    }
    Ok(())
}

/// A 2-D `uint8` array of `rows x cols`, row-major (`data.len()` must be
/// `rows * cols`).
///
/// # Errors
/// The writer's error, or `InvalidInput` for a length that is not
/// `rows * cols`.
pub fn write_u8_2d<W: Write>(w: &mut W, rows: usize, cols: usize, data: &[u8]) -> io::Result<()> {
    if rows.checked_mul(cols) != Some(data.len()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "data length is not rows * cols",
        ));
    }
    header(w, "|u1", &[rows, cols])?;
    w.write_all(data)
}

/// A CSR matrix's dense form as a 2-D `uint8` array, written a row at a
/// time (memory for one row, not the whole array).
///
/// # Errors
/// The writer's error.
pub fn write_dense<W: Write>(w: &mut W, m: &Csr) -> io::Result<()> {
    header(w, "|u1", &[m.n_rows(), m.n_features()])?;
    let mut row = vec![0u8; m.n_features()];
    for r in 0..m.n_rows() {
        for &c in m.row(r) {
            row[c as usize] = 1;
        }
        w.write_all(&row)?;
        for &c in m.row(r) {
            row[c as usize] = 0;
        }
    }
    Ok(())
}
