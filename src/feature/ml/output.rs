//! Sparse binary feature matrices and their text forms.

use crate::feature::FeatureError;
use std::io::{self, Write};

/// A binary sparse matrix in compressed sparse row form: row `r`'s set
/// columns are `indices[indptr[r]..indptr[r + 1]]` (SciPy's `csr_matrix`
/// with all data 1).
///
/// ```
/// use s2cells::feature::ml::Csr;
/// let m = Csr::from_rows(4, &[vec![0, 2], vec![], vec![3]])?;
/// assert_eq!(m.indptr(), &[0, 2, 2, 3]);
/// assert_eq!(m.indices(), &[0, 2, 3]);
/// let mut svm = Vec::new();
/// m.write_libsvm(&mut svm, Some(&[1.0, 0.0, 1.0]))?;
/// assert_eq!(String::from_utf8(svm).unwrap(), "1 1:1 3:1\n0\n1 4:1\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Csr {
    n_features: usize,
    indptr: Vec<u64>,
    indices: Vec<u32>,
}

impl Csr {
    pub(crate) fn with_capacity(n_features: usize, rows: usize, nnz: usize) -> Self {
        let mut indptr = Vec::with_capacity(rows + 1);
        indptr.push(0);
        Self {
            n_features,
            indptr,
            indices: Vec::with_capacity(nnz),
        }
    }

    pub(crate) fn push_index(&mut self, i: u32) {
        self.indices.push(i);
    }

    pub(crate) fn end_row(&mut self) {
        self.indptr.push(self.indices.len() as u64);
    }

    /// A matrix from its rows' column lists.
    ///
    /// # Errors
    /// [`FeatureError::InvalidFeatureInput`] for a column `>= n_features`.
    pub fn from_rows(n_features: usize, rows: &[Vec<u32>]) -> Result<Self, FeatureError> {
        let mut m = Self::with_capacity(n_features, rows.len(), rows.iter().map(Vec::len).sum());
        for r in rows {
            for &c in r {
                if c as usize >= n_features {
                    return Err(FeatureError::InvalidFeatureInput {
                        input: format!("column {c}"),
                        expected: "columns below n_features",
                    });
                }
                m.push_index(c);
            }
            m.end_row();
        }
        Ok(m)
    }

    /// Number of rows.
    #[must_use]
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of columns.
    #[must_use]
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Row offsets, `n_rows() + 1` of them.
    #[must_use]
    pub fn indptr(&self) -> &[u64] {
        &self.indptr
    }

    /// Column indices, row after row.
    #[must_use]
    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// The set columns of row `r` (empty past the end).
    #[must_use]
    pub fn row(&self, r: usize) -> &[u32] {
        match (self.indptr.get(r), self.indptr.get(r + 1)) {
            (Some(&a), Some(&b)) => &self.indices[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The matrix as dense bytes, row-major, 0 or 1.
    #[must_use]
    pub fn to_dense(&self) -> Vec<u8> {
        let mut d = vec![0u8; self.n_rows() * self.n_features];
        for r in 0..self.n_rows() {
            for &c in self.row(r) {
                d[r * self.n_features + c as usize] = 1;
            }
        }
        d
    }

    /// libsvm / svmlight lines: `label col:1 col:1 ...`, columns 1-based as
    /// libsvm wants (scikit-learn's `load_svmlight_file` reads them with
    /// `zero_based=False`). Labels default to 0.
    ///
    /// # Errors
    /// The writer's error, or `InvalidInput` if `labels` has the wrong
    /// length.
    pub fn write_libsvm<W: Write>(&self, w: &mut W, labels: Option<&[f64]>) -> io::Result<()> {
        if labels.is_some_and(|l| l.len() != self.n_rows()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "one label per row expected",
            ));
        }
        for r in 0..self.n_rows() {
            let label = labels.map_or(0.0, |l| l[r]);
            write!(w, "{label}")?;
            for &c in self.row(r) {
                write!(w, " {}:1", u64::from(c) + 1)?;
            }
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Dense CSV: a header `f0,f1,...` then one line of 0/1 per row (see
    /// [`write_csv_named`](Self::write_csv_named) for a header naming the
    /// cells).
    ///
    /// ```
    /// use s2cells::feature::ml::Csr;
    /// let mut csv = Vec::new();
    /// Csr::from_rows(3, &[vec![1], vec![0, 2]])?.write_csv(&mut csv)?;
    /// assert_eq!(String::from_utf8(csv).unwrap(), "f0,f1,f2\n0,1,0\n1,0,1\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The writer's error.
    pub fn write_csv<W: Write>(&self, w: &mut W) -> io::Result<()> {
        let names: Vec<String> = (0..self.n_features).map(|c| format!("f{c}")).collect();
        self.write_csv_named(w, &names)
    }

    /// Dense CSV with the given column names in the header (written as
    /// given: names from [`FeatureColumn::name`](super::FeatureColumn::name)
    /// need no quoting), then one line of 0/1 per row.
    ///
    /// ```
    /// use s2cells::feature::ml::Csr;
    /// let mut csv = Vec::new();
    /// let names = ["s2_1_1", "s2_1_3"].map(String::from);
    /// Csr::from_rows(2, &[vec![1]])?.write_csv_named(&mut csv, &names)?;
    /// assert_eq!(String::from_utf8(csv).unwrap(), "s2_1_1,s2_1_3\n0,1\n");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// The writer's error, or `InvalidInput` when there is not one name
    /// per column.
    pub fn write_csv_named<W: Write>(&self, w: &mut W, names: &[String]) -> io::Result<()> {
        if names.len() != self.n_features {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "one name per column expected",
            ));
        }
        let mut line = Vec::with_capacity(self.n_features * 2 + 8);
        for (c, name) in names.iter().enumerate() {
            if c > 0 {
                line.push(b',');
            }
            line.extend_from_slice(name.as_bytes());
        }
        line.push(b'\n');
        w.write_all(&line)?;
        let mut row = vec![b'0'; self.n_features];
        for r in 0..self.n_rows() {
            row.fill(b'0');
            for &c in self.row(r) {
                row[c as usize] = b'1';
            }
            line.clear();
            for (k, b) in row.iter().enumerate() {
                if k > 0 {
                    line.push(b',');
                }
                line.push(*b);
            }
            line.push(b'\n');
            w.write_all(&line)?;
        }
        Ok(())
    }
}
