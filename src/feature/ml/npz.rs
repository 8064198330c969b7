//! SciPy sparse `.npz` files: what `scipy.sparse.save_npz` writes for a
//! CSR matrix (`compressed=False`), so `scipy.sparse.load_npz` reads it
//! back as a `csr_matrix`, and `numpy.load` sees every member.
//!
//! The file is a zip archive of stored (uncompressed) `.npy` members:
//! `format` (`b"csr"`), `shape` (int64, rows and columns), `data` (float32
//! ones), `indices` and `indptr` (int32, or int64 when the matrix needs
//! it), then any extra arrays (labels, ids) under their own names, which
//! `load_npz` ignores and `numpy.load(path)["label"]` reads. Each member is
//! produced twice, once into a CRC-32 and once into the writer, so nothing
//! but the matrix is held in memory. Members and the archive must stay
//! under 4 GiB (no zip64): a larger matrix is an error, not a bad file.
//!
//! ```
//! use s2cells::feature::ml::{Csr, npz};
//! let m = Csr::from_rows(3, &[vec![0, 2], vec![], vec![1]])?;
//! let mut file = Vec::new();
//! npz::write_csr(&mut file, &m, &[("label", npz::Extra::F64(&[1.0, 0.0, 1.0]))])?;
//! assert_eq!(&file[..4], b"PK\x03\x04");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Write};

use super::Csr;
use super::npy::header;

/// An extra array stored beside the matrix, one value per row.
#[derive(Clone, Copy, Debug)]
pub enum Extra<'a> {
    /// A float64 array (`'<f8'`).
    F64(&'a [f64]),
    /// A unicode string array (`'<U<n>'`, `n` the longest string in
    /// characters).
    Str(&'a [String]),
}

/// CRC-32 (IEEE 802.3, as zip uses) of everything written, and its length.
struct Crc {
    table: [u32; 256],
    /// The running register (complemented).
    state: u32,
    len: u64,
}

impl Crc {
    fn new() -> Self {
        let mut table = [0u32; 256];
        for (n, t) in table.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *t = c;
        }
        Self {
            table,
            state: !0,
            len: 0,
        }
    }

    fn value(&self) -> u32 {
        !self.state
    }
}

impl Write for Crc {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut c = self.state;
        for &b in buf {
            c = self.table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8);
        }
        self.state = c;
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A writer that counts what passes through.
struct Counted<W> {
    inner: W,
    at: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// One `.npy` member, produced on demand.
type Member<'a> = (String, Box<dyn Fn(&mut dyn Write) -> io::Result<()> + 'a>);

fn too_big(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{what} is 4 GiB or more, which needs zip64 (not written): use a smaller matrix or Parquet"
        ),
    )
}

fn u32_of(x: u64, what: &str) -> io::Result<u32> {
    u32::try_from(x)
        .ok()
        .filter(|&v| v != u32::MAX)
        .ok_or_else(|| too_big(what))
}

/// Writes `m` as a SciPy CSR `.npz`, with `extra` arrays (one value per
/// row each) as further members.
///
/// # Errors
/// The writer's error; `InvalidInput` for an extra array whose length is
/// not the number of rows, a reserved or repeated member name, or an
/// archive of 4 GiB or more.
pub fn write_csr<W: Write>(w: W, m: &Csr, extra: &[(&str, Extra<'_>)]) -> io::Result<()> {
    let rows = m.n_rows();
    let wide = m.indices().len() >= i32::MAX as usize || m.n_features() >= i32::MAX as usize;
    let mut members: Vec<Member<'_>> = vec![
        (
            "format".into(),
            Box::new(|w: &mut dyn Write| {
                header(w, "|S3", &[])?;
                w.write_all(b"csr")
            }),
        ),
        (
            "shape".into(),
            Box::new(move |w: &mut dyn Write| {
                header(w, "<i8", &[2])?;
                w.write_all(&(rows as i64).to_le_bytes())?;
                w.write_all(&(m.n_features() as i64).to_le_bytes())
            }),
        ),
        (
            "data".into(),
            Box::new(|w: &mut dyn Write| {
                header(w, "<f4", &[m.indices().len()])?;
                let ones = [1.0f32.to_le_bytes(); 1024].concat();
                let mut left = m.indices().len();
                while left > 0 {
                    let n = left.min(1024);
                    w.write_all(&ones[..n * 4])?;
                    left -= n;
                }
                Ok(())
            }),
        ),
        (
            "indices".into(),
            Box::new(move |w: &mut dyn Write| {
                let idx = m.indices();
                if wide {
                    header(w, "<i8", &[idx.len()])?;
                    write_all_le(w, idx.iter().map(|&i| i64::from(i).to_le_bytes()))
                } else {
                    header(w, "<i4", &[idx.len()])?;
                    write_all_le(w, idx.iter().map(|&i| (i as i32).to_le_bytes()))
                }
            }),
        ),
        (
            "indptr".into(),
            Box::new(move |w: &mut dyn Write| {
                let ptr = m.indptr();
                if wide {
                    header(w, "<i8", &[ptr.len()])?;
                    write_all_le(w, ptr.iter().map(|&i| (i as i64).to_le_bytes()))
                } else {
                    header(w, "<i4", &[ptr.len()])?;
                    write_all_le(w, ptr.iter().map(|&i| (i as i32).to_le_bytes()))
                }
            }),
        ),
    ];
    for &(name, array) in extra {
        if members.iter().any(|(n, _)| n == name) || name.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("npz member name {name:?} is empty, reserved or repeated"),
            ));
        }
        let len = match array {
            Extra::F64(v) => v.len(),
            Extra::Str(v) => v.len(),
        };
        if len != rows {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("npz member {name:?} has {len} values for {rows} rows"),
            ));
        }
        members.push((
            name.to_owned(),
            Box::new(move |w: &mut dyn Write| match array {
                Extra::F64(v) => {
                    header(w, "<f8", &[v.len()])?;
                    write_all_le(w, v.iter().map(|x| x.to_le_bytes()))
                }
                Extra::Str(v) => {
                    let width = v
                        .iter()
                        .map(|s| s.chars().count())
                        .max()
                        .unwrap_or(0)
                        .max(1);
                    header(w, &format!("<U{width}"), &[v.len()])?;
                    let mut buf = Vec::with_capacity(width * 4);
                    for s in v {
                        buf.clear();
                        for c in s.chars() {
                            buf.extend_from_slice(&u32::from(c).to_le_bytes());
                        }
                        buf.resize(width * 4, 0);
                        w.write_all(&buf)?;
                    }
                    Ok(())
                }
            }),
        ));
    }
    write_zip(w, &members)
}

fn write_all_le<const N: usize>(
    w: &mut dyn Write,
    items: impl Iterator<Item = [u8; N]>,
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(N * 8192);
    for b in items {
        buf.extend_from_slice(&b);
        if buf.len() >= N * 8192 {
            w.write_all(&buf)?;
            buf.clear();
        }
    }
    w.write_all(&buf)
}

/// A zip archive of stored members named `<name>.npy`.
fn write_zip<W: Write>(w: W, members: &[Member<'_>]) -> io::Result<()> {
    // 1980-01-01 00:00, the earliest date zip can say.
    const DATE: u16 = 0x21;
    let mut out = Counted { inner: w, at: 0 };
    let mut central = Vec::new();
    for (name, produce) in members {
        let name = format!("{name}.npy");
        let mut crc = Crc::new();
        produce(&mut crc)?;
        let size = u32_of(crc.len, &format!("member {name}"))?;
        let offset = u32_of(out.at, "the archive")?;
        let mut local = Vec::with_capacity(30 + name.len());
        local.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0u16.to_le_bytes()); // flags
        local.extend_from_slice(&0u16.to_le_bytes()); // stored
        local.extend_from_slice(&0u16.to_le_bytes()); // time
        local.extend_from_slice(&DATE.to_le_bytes());
        local.extend_from_slice(&crc.value().to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&size.to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes()); // extra
        local.extend_from_slice(name.as_bytes());
        out.write_all(&local)?;
        let before = out.at;
        produce(&mut out)?;
        if out.at - before != crc.len {
            return Err(io::Error::other("an npz member changed between passes"));
        }
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by
        central.extend_from_slice(&local[4..30]); // version needed .. extra length
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let cd_offset = u32_of(out.at, "the archive")?;
    out.write_all(&central)?;
    let n = members.len() as u16;
    let mut end = Vec::with_capacity(22);
    end.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    end.extend_from_slice(&n.to_le_bytes());
    end.extend_from_slice(&n.to_le_bytes());
    end.extend_from_slice(&(central.len() as u32).to_le_bytes());
    end.extend_from_slice(&cd_offset.to_le_bytes());
    end.extend_from_slice(&0u16.to_le_bytes());
    out.write_all(&end)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_zips() {
        // The standard check value of CRC-32/ISO-HDLC.
        let mut c = Crc::new();
        c.write_all(b"123456789").unwrap();
        assert_eq!(c.value(), 0xcbf4_3926);
    }

    #[test]
    fn members_are_checked() {
        let m = Csr::from_rows(2, &[vec![1]]).unwrap();
        let mut v = Vec::new();
        assert!(write_csr(&mut v, &m, &[("label", Extra::F64(&[1.0, 2.0]))]).is_err());
        assert!(write_csr(&mut v, &m, &[("data", Extra::F64(&[1.0]))]).is_err());
        let mut v = Vec::new();
        write_csr(&mut v, &m, &[("id", Extra::Str(&["héllo".into()]))]).unwrap();
        // End of central directory: six members.
        let end = &v[v.len() - 22..];
        assert_eq!(&end[..4], &[0x50, 0x4b, 5, 6]);
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 6);
    }
}
