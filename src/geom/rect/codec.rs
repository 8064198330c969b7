//! Google's byte encoding of a rectangle (`S2LatLngRect::Encode` /
//! `Decode`).

use super::LatLngRect;
use crate::geom::GeomError;

impl LatLngRect {
    /// Google's lossless encoding (`S2LatLngRect::Encode`): a version byte
    /// (1) and the four bounds `lat_lo, lat_hi, lng_lo, lng_hi` as
    /// little-endian doubles, 33 bytes.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let r = LatLngRect::from_degrees(10.0, 20.0, 170.0, -170.0)?;
    /// let bytes = r.encode();
    /// assert_eq!((bytes.len(), bytes[0]), (33, 1));
    /// assert_eq!(LatLngRect::decode(&bytes)?, r);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn encode(&self) -> [u8; 33] {
        let mut out = [0u8; 33];
        out[0] = 1;
        for (k, v) in [self.lat.lo, self.lat.hi, self.lng.lo, self.lng.hi]
            .iter()
            .enumerate()
        {
            out[1 + 8 * k..9 + 8 * k].copy_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// The rectangle of one [`encode`](Self::encode)d value, as Google's
    /// `S2LatLngRect::Decode` reads it: version 0 or 1, then the bounds (a
    /// longitude of -π read as π, as the constructors do), which must make
    /// a valid rectangle. Exactly 33 bytes: Google reads from a stream and
    /// leaves what follows; here a longer slice is refused.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidEncoding`] for the wrong length, a version above 1,
    /// or bounds that are not a valid rectangle.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let mut bytes = LatLngRect::full().encode();
    /// assert!(LatLngRect::decode(&bytes)?.is_full());
    /// bytes[0] = 2;
    /// assert!(LatLngRect::decode(&bytes).is_err());
    /// assert!(LatLngRect::decode(&bytes[..32]).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Self, GeomError> {
        let bad = |reason| GeomError::InvalidEncoding {
            what: "LatLngRect",
            len: bytes.len(),
            reason,
        };
        if bytes.len() != 33 {
            return Err(bad("expected 33 bytes: a version byte and four doubles"));
        }
        if bytes[0] > 1 {
            return Err(bad("unknown version (expected 0 or 1)"));
        }
        let mut v = [0.0f64; 4];
        for (k, x) in v.iter_mut().enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[1 + 8 * k..9 + 8 * k]);
            *x = f64::from_le_bytes(b);
        }
        Self::from_radians(v[0], v[1], v[2], v[3])
            .map_err(|_| bad("the bounds are not a valid rectangle"))
    }
}
