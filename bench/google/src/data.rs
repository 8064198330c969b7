//! Fixed-seed benchmark inputs, shared by `bench/compare/benches/cell.rs` and the agreement
//! test so both see exactly the same points and ids. Pure Rust: no dependency
//! on s2cells, Google or a random-number crate.

/// The default number of elements per bench (the peer figures in
/// shared/research/benchmark-notes.md were measured on 1,000,000 points).
pub const DEFAULT_N: usize = 1_000_000;

/// The seed every bench input is derived from.
pub const SEED: u64 = 0x052C_E115;

/// SplitMix64: tiny, fast, and good enough to scatter points.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The stream from `seed`.
    #[must_use]
    pub const fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 bits of the stream.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// `n` points uniform on the sphere, as (latitudes, longitudes) in degrees.
#[must_use]
pub fn random_latlngs_deg(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let mut rng = SplitMix64::new(seed);
    let mut lat = Vec::with_capacity(n);
    let mut lng = Vec::with_capacity(n);
    for _ in 0..n {
        let z = 2.0 * rng.next_f64() - 1.0;
        lat.push(z.asin().to_degrees());
        lng.push(360.0 * rng.next_f64() - 180.0);
    }
    (lat, lng)
}

/// The id of the level-`level` ancestor of the valid cell `id` (plain bit
/// arithmetic, = `S2CellId::parent`).
#[must_use]
pub const fn parent_of(id: u64, level: u8) -> u64 {
    let lsb = 1u64 << (2 * (30 - level as u32));
    (id & lsb.wrapping_neg()) | lsb
}

/// `n` levels uniform in `0..=30`, for `parent(level)` with a level that
/// varies from call to call (every level is valid for a leaf).
#[must_use]
pub fn random_levels(n: usize, seed: u64) -> Vec<u8> {
    let mut rng = SplitMix64::new(seed);
    (0..n).map(|_| (rng.next_u64() % 31) as u8).collect()
}

/// Inputs for `contains`: `(a, b)` with `b` the given leaf ids and `a[i]` an
/// ancestor, at a random level 0..=30, of `b[i]` (half the time) or of another
/// random leaf (otherwise), so the outcome is unpredictable to a branch
/// predictor. About half the pairs are contained.
#[must_use]
pub fn contains_pairs(leaves: &[u64], seed: u64) -> (Vec<u64>, Vec<u64>) {
    let mut rng = SplitMix64::new(seed);
    let n = leaves.len();
    let a = leaves
        .iter()
        .map(|&leaf| {
            let r = rng.next_u64();
            let level = (r % 31) as u8;
            let src = if (r >> 32) & 1 == 0 || n == 0 {
                leaf
            } else {
                leaves[((r >> 33) % n as u64) as usize]
            };
            parent_of(src, level)
        })
        .collect();
    (a, leaves.to_vec())
}

/// Tokens stored back to back: token `i` is `bytes[offsets[i]..offsets[i + 1]]`.
/// Both the C++ shim and the Rust benches read from this one buffer.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    bytes: String,
    offsets: Vec<usize>,
}

impl Tokens {
    /// The strings, packed in order.
    pub fn from_strs<'a>(strs: impl IntoIterator<Item = &'a str>) -> Self {
        let mut t = Self {
            bytes: String::new(),
            offsets: vec![0],
        };
        for s in strs {
            t.bytes.push_str(s);
            t.offsets.push(t.bytes.len());
        }
        t
    }

    /// How many strings.
    #[must_use]
    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// String `i` (panics past the end).
    #[must_use]
    pub fn get(&self, i: usize) -> &str {
        &self.bytes[self.offsets[i]..self.offsets[i + 1]]
    }

    /// The strings in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        self.offsets.windows(2).map(|w| &self.bytes[w[0]..w[1]])
    }

    /// Slices into the buffer, for Rust code that takes `&str`.
    #[must_use]
    pub fn as_strs(&self) -> Vec<&str> {
        self.iter().collect()
    }

    /// `(bytes, offsets)` with `offsets.len() == self.len() + 1`.
    #[must_use]
    pub fn raw_parts(&self) -> (&[u8], &[usize]) {
        (self.bytes.as_bytes(), &self.offsets)
    }
}

/// Number of bench elements: `S2CELLS_BENCH_N` if set, else [`DEFAULT_N`].
#[must_use]
pub fn bench_n() -> usize {
    std::env::var("S2CELLS_BENCH_N")
        .ok()
        .and_then(|s| s.replace('_', "").parse().ok())
        .unwrap_or(DEFAULT_N)
}
