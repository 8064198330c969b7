//! Text forms of a cell id: the token (hex, trailing zeros stripped) and
//! the debug string (`"4/0123"`: face, then one child position per level).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

use super::CellId;
use super::error::{CellError as Error, TokenError};

/// A cell's token kept on the stack ([`CellId::token`]): 16 bytes and a
/// length, no allocation. It derefs to `&str` and prints as the token.
///
/// ```
/// use s2cells::cell::Token;
/// use s2cells::CellId;
///
/// let t: Token = CellId::from_token("951977d34")?.token();
/// assert_eq!(t, "951977d34");
/// assert_eq!(t.len(), 9); // a str method, through Deref
/// assert_eq!(format!("{t:>12}"), "   951977d34");
/// let owned: String = t.to_string();
/// assert_eq!(owned, CellId::from_token("951977d34")?.to_token());
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy)]
#[repr(C, align(8))]
pub struct Token {
    /// ASCII: the 16 hex digits of the id (or `X` and NULs for NONE), of
    /// which the first `len` are the token. On an 8-byte boundary, where
    /// `str::from_utf8` checks them a word at a time.
    bytes: [u8; 16],
    len: u8,
}

impl Token {
    /// The token as a string slice.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(5).token().as_str(), "b");
    /// ```
    #[must_use]
    #[inline]
    pub fn as_str(&self) -> &str {
        // Validating all 16 (ASCII) bytes and slicing at a char boundary,
        // O(1), is faster than validating `len` bytes (see write_token).
        ascii(&self.bytes)
            .get(..usize::from(self.len))
            .unwrap_or("")
    }

    /// The token's bytes (ASCII).
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::NONE.token().as_bytes(), b"X");
    /// ```
    #[must_use]
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl Deref for Token {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<[u8]> for Token {
    fn as_ref(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl Borrow<str> for Token {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Token {
    /// The token, padded as asked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl fmt::Debug for Token {
    /// The token as a quoted string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq for Token {
    fn eq(&self, other: &Self) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for Token {}

impl std::hash::Hash for Token {
    /// Hashes as the `str` does, as `Borrow<str>` requires.
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h);
    }
}

impl PartialOrd for Token {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Token {
    /// The strings' order, which is the ids' order (`"X"` aside).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Token {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Token {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Token {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl CellId {
    /// The token on the stack, without allocating: a [`Token`] that
    /// derefs to `&str`. The same text as [`to_token`](Self::to_token).
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let id = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
    /// assert_eq!(id.parent(15).token(), "951977d34");
    /// assert_eq!(&*CellId::NONE.token(), "X");
    /// ```
    #[must_use]
    #[inline]
    pub fn token(&self) -> Token {
        let (bytes, len) = self.token_bytes();
        Token {
            bytes,
            len: len as u8,
        }
    }

    /// The token: the id in lowercase hex with trailing zeros removed, at
    /// most 16 characters; `"X"` for [`CellId::NONE`]. Tokens sort like the
    /// ids they name and are Google's `ToToken`. Allocates a `String`;
    /// [`token`](Self::token) does not.
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let id = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
    /// assert_eq!(id.parent(15).to_token(), "951977d34");
    /// assert_eq!(CellId::NONE.to_token(), "X");
    /// ```
    #[must_use]
    pub fn to_token(&self) -> String {
        String::from(self.token().as_str())
    }

    /// Writes the token into `buf` and returns it, without allocating.
    /// Fastest when `buf` is 8-byte aligned (about half the time), as a
    /// `[u8; 16]` inside a `#[repr(align(8))]` struct is.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let mut buf = [0u8; 16];
    /// assert_eq!(CellId::from_face(3).write_token(&mut buf), "7");
    /// ```
    #[inline]
    pub fn write_token<'a>(&self, buf: &'a mut [u8; 16]) -> &'a str {
        let len;
        (*buf, len) = self.token_bytes();
        // from_utf8 checks 16 bytes a word at a time only when they start at
        // an 8-byte boundary; then validating all 16 and slicing (an O(1)
        // boundary check) is fastest. Elsewhere it goes byte by byte, and
        // validating only the token's own bytes is (BENCHMARKS.md, "What
        // each trick bought").
        if buf.as_ptr().addr().is_multiple_of(8) {
            ascii(&buf[..]).get(..len).unwrap_or("")
        } else {
            ascii(&buf[..len])
        }
    }

    /// The token as ASCII bytes: 16 bytes of which the first `len` are the
    /// token. For writers of bytes (a CSV or NDJSON writer appends
    /// `&bytes[..len]`), it skips the UTF-8 view that
    /// [`write_token`](Self::write_token) gives, and a fixed-size copy of
    /// all 16 bytes then a cut is cheaper than a copy of variable length.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let (bytes, len) = CellId::from_token("951977d34")?.token_bytes();
    /// assert_eq!(&bytes[..len], b"951977d34");
    /// assert_eq!(CellId::NONE.token_bytes().1, 1); // "X"
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    #[inline]
    pub fn token_bytes(&self) -> ([u8; 16], usize) {
        let mut buf = [0u8; 16];
        if self.0 == 0 {
            buf[0] = b'X';
            return (buf, 1);
        }
        // All 16 digits at once (SWAR), then keep those before the trailing
        // zeros: no loop over digits.
        let le = self.0.swap_bytes();
        buf[..8].copy_from_slice(&hex_digits(le as u32).to_le_bytes());
        buf[8..].copy_from_slice(&hex_digits((le >> 32) as u32).to_le_bytes());
        (buf, 16 - (self.0.trailing_zeros() / 4) as usize)
    }

    /// Parses a token (1 to 16 hex digits, either case; trailing zeros may
    /// be stripped or kept). `"X"` is [`CellId::NONE`]. Anything else that
    /// does not name a valid cell is an error that says why: empty, too
    /// long, a byte that is not a hex digit (signs, `0x`, white space), or
    /// digits that decode to an invalid id. Google's `FromToken` returns an
    /// invalid id for all of these instead.
    ///
    /// # Errors
    ///
    /// [`CellError::InvalidToken`](super::CellError::InvalidToken), whose
    /// [`TokenError`] says why.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_token("951977").unwrap().level(), 10);
    /// assert_eq!(CellId::from_token("95197700").unwrap(), CellId::from_token("951977").unwrap());
    /// assert_eq!(CellId::from_token("X"), Ok(CellId::NONE));
    /// assert!(CellId::from_token("").is_err());
    /// assert!(CellId::from_token("+951977").is_err());
    /// assert!(CellId::from_token("2").is_err()); // face 1, but no valid level marker
    /// ```
    #[inline]
    pub fn from_token(token: &str) -> Result<Self, Error> {
        // Sixteen digits at once, '0'-padded (which is the shift a shorter
        // token stands for), in two words of eight (SWAR). Inlined into a
        // caller's loop, with every error left to a cold function.
        let bytes = token.as_bytes();
        if (1..=16).contains(&bytes.len()) {
            let (first, second) = words_of_16(bytes);
            let (hi, hi_bad) = parse_hex8(first);
            let (lo, lo_bad) = parse_hex8(second);
            let c = Self((u64::from(hi) << 32) | u64::from(lo));
            if hi_bad | lo_bad == 0 && c.is_valid() {
                return Ok(c);
            }
        }
        Self::from_odd_token(token)
    }

    /// [`from_token`](Self::from_token) for what its fast path refused:
    /// `"X"`, or the error that says why the token is not a cell.
    #[cold]
    #[inline(never)]
    fn from_odd_token(token: &str) -> Result<Self, Error> {
        let reason = if token.is_empty() {
            TokenError::Empty
        } else if token.len() > 16 {
            TokenError::TooLong { len: token.len() }
        } else if token == "X" {
            return Ok(Self::NONE);
        } else if let Some(at) = token.bytes().position(|b| !b.is_ascii_hexdigit()) {
            let ch = token[at..].chars().next().unwrap_or('\u{fffd}');
            TokenError::NotHex { ch, at }
        } else {
            let id = u64::from_str_radix(token, 16).unwrap_or(0) << (4 * (16 - token.len()));
            TokenError::NotACell { id }
        };
        Err(Error::InvalidToken {
            token: token.to_owned(),
            reason,
        })
    }

    /// The debug string: the face, a slash, then the child position (0..=3)
    /// at each level, e.g. `"4/0123"` for a level-4 cell. An invalid id is
    /// written `"Invalid: "` and its 16 hex digits (Google's `ToString`).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(4).child(0).child(1).child(2).child(3);
    /// assert_eq!(c.to_debug_string(), "4/0123");
    /// assert_eq!(CellId::NONE.to_debug_string(), "Invalid: 0000000000000000");
    /// ```
    #[must_use]
    pub fn to_debug_string(&self) -> String {
        if !self.is_valid() {
            return format!("Invalid: {:016x}", self.0);
        }
        let level = self.level();
        let mut out = String::with_capacity(2 + level as usize);
        out.push((b'0' + self.face()) as char);
        out.push('/');
        for l in 1..=level {
            out.push((b'0' + self.child_position_at(l)) as char);
        }
        out
    }

    /// Parses a debug string (see [`to_debug_string`](Self::to_debug_string)).
    ///
    /// # Errors
    ///
    /// [`CellError::InvalidDebugString`](super::CellError::InvalidDebugString), with the reason.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_debug_string("4/0123").unwrap().level(), 4);
    /// assert!(CellId::from_debug_string("6/0").is_err());
    /// assert!(CellId::from_debug_string("1/4").is_err());
    /// ```
    pub fn from_debug_string(s: &str) -> Result<Self, Error> {
        let err = |reason| Error::InvalidDebugString {
            input: s.to_owned(),
            reason,
        };
        let bytes = s.as_bytes();
        if bytes.len() < 2 {
            return Err(err("expected a face digit 0-5 and '/'"));
        }
        if bytes.len() > 32 {
            return Err(err("more than 30 levels"));
        }
        let face = match bytes[0] {
            b @ b'0'..=b'5' => b - b'0',
            _ => return Err(err("the face must be a digit 0-5")),
        };
        if bytes[1] != b'/' {
            return Err(err("expected '/' after the face"));
        }
        let mut id = Self::from_face(face);
        for &b in &bytes[2..] {
            match b {
                b'0'..=b'3' => id = id.child(b - b'0'),
                _ => return Err(err("child positions must be digits 0-3")),
            }
        }
        Ok(id)
    }
}

/// The eight hex digits of the four bytes of `x` as ASCII, in the order
/// of the bytes in memory: byte k of `x` (from the least significant) gives
/// digits 2k (its high nibble) and 2k + 1, in bytes 2k and 2k + 1.
#[inline]
pub(crate) const fn hex_digits(x: u32) -> u64 {
    // Each byte into a 16-bit slot, then its nibbles into the slot's two
    // bytes, high nibble first in memory (the lower byte).
    let x = x as u64;
    let x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    let x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    let x = ((x >> 4) & 0x000f_000f_000f_000f) | ((x << 8) & 0x0f00_0f00_0f00_0f00);
    // Each byte is a digit 0..=15; digits above 9 get 'a' - '0' - 10 = 39
    // extra, through a byte mask rather than `above9 * 39`: LLVM pairs the
    // two halves into SSE2 lanes, where a 64-bit multiply is emulated.
    let above9 = ((x + 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101;
    let mask = (above9 + 0x7f7f_7f7f_7f7f_7f7f) ^ 0x7f7f_7f7f_7f7f_7f7f;
    x + 0x3030_3030_3030_3030 + (mask & 0x2727_2727_2727_2727)
}

/// The token's bytes (1 to 16) as two little-endian words of eight, the
/// missing ones '0': the first eight digits, then the next eight. Long
/// tokens are read with two overlapping loads, not copied into a padded
/// buffer, whose variable-length copy and store-forwarding stall cost more
/// than the parse.
#[inline(always)]
fn words_of_16(bytes: &[u8]) -> (u64, u64) {
    const ZEROS: u64 = u64::from_le_bytes([b'0'; 8]);
    let n = bytes.len();
    let word = |at: usize| {
        bytes
            .get(at..at + 8)
            .and_then(|w| w.try_into().ok())
            .map_or(0, u64::from_le_bytes)
    };
    if (8..=16).contains(&n) {
        // The last eight bytes, moved down so that digit 8 is byte 0, with
        // '0's above the token's end.
        let last = word(n - 8).checked_shr(8 * (16 - n as u32)).unwrap_or(0);
        let fill = ZEROS.checked_shl(8 * (n as u32 - 8)).unwrap_or(0);
        (word(0), last | fill)
    } else {
        // Shorter: byte by byte (no call to memcpy).
        let mut w = ZEROS.checked_shl(8 * n as u32).unwrap_or(0);
        for (k, &b) in bytes.iter().take(8).enumerate() {
            w |= u64::from(b) << (8 * k);
        }
        (w, ZEROS)
    }
}

/// Eight ASCII hex digits, the first in the lowest byte, to their value,
/// and a word that is nonzero when any byte is not a hex digit (either
/// case). Byte-wise range tests on 7-bit bytes: `x + (0x80 - lo)` has its
/// top bit set iff `x >= lo`, `(0x80 + hi) - x` iff `x <= hi`, and neither
/// carries into the next byte.
#[inline(always)]
const fn parse_hex8(w: u64) -> (u32, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = w & !HIGH;
    let lower = x | (0x20 * ONES); // 'A'..='F' -> 'a'..='f'; digits unchanged
    let digit = (x + (0x80 - b'0' as u64) * ONES) & ((0x80 + b'9' as u64) * ONES - x);
    let letter = (lower + (0x80 - b'a' as u64) * ONES) & ((0x80 + b'f' as u64) * ONES - lower);
    let bad = !(digit | letter) & HIGH | (w & HIGH);
    // '0'..='9' are 0x30..=0x39, letters 0x41.. or 0x61..: the low nibble,
    // plus 9 where bit 6 (a letter) is set.
    let letters = (x >> 6) & ONES;
    let v = (x & (0x0f * ONES)) + (letters << 3) + letters;
    // Nibbles into a u32, the first digit most significant.
    let v = v.swap_bytes();
    let v = (v | (v >> 4)) & 0x00ff_00ff_00ff_00ff;
    let v = (v | (v >> 8)) & 0x0000_ffff_0000_ffff;
    let v = (v | (v >> 16)) & 0xffff_ffff;
    (v as u32, bad)
}

fn ascii(bytes: &[u8]) -> &str {
    // Only ASCII hex digits and 'X' are ever written.
    std::str::from_utf8(bytes).unwrap_or("")
}

impl fmt::Display for CellId {
    /// Writes the token.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(1).to_string(), "3");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.token().as_str())
    }
}

impl fmt::Debug for CellId {
    /// Writes the debug string, e.g. `CellId(4/0123)`.
    ///
    /// ```
    /// assert_eq!(format!("{:?}", s2cells::CellId::from_face(1).child(2)), "CellId(1/2)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CellId({})", self.to_debug_string())
    }
}

impl FromStr for CellId {
    type Err = Error;

    /// Parses a token (see [`CellId::from_token`]).
    ///
    /// ```
    /// let c: s2cells::CellId = "951977".parse().unwrap();
    /// assert_eq!(c.level(), 10);
    /// ```
    fn from_str(s: &str) -> Result<Self, Error> {
        Self::from_token(s)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for CellId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.token().as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for CellId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = CellId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an S2 cell token")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CellId, E> {
                CellId::from_token(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token by formatting: 16 hex digits, trailing zeros cut.
    fn reference(id: u64) -> String {
        if id == 0 {
            return "X".into();
        }
        let s = format!("{id:016x}");
        s.trim_end_matches('0').to_owned()
    }

    #[test]
    fn token_bytes_equal_formatting() {
        // Every digit value at every position, then random ids of every
        // trailing-zero count.
        let mut ids = Vec::new();
        for pos in 0..16 {
            for d in 1..16u64 {
                ids.push(d << (4 * pos));
                ids.push((d << (4 * pos)) | 1);
                ids.push(u64::MAX ^ (d << (4 * pos)));
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for n in 0..100_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            ids.push(state & (u64::MAX << (n % 64)));
        }
        // write_token validates differently on and off an 8-byte boundary.
        #[repr(align(8))]
        struct Wide([u8; 32]);
        let mut wide = Wide([0; 32]);
        for id in ids {
            let (bytes, len) = CellId(id).token_bytes();
            assert_eq!(std::str::from_utf8(&bytes[..len]), Ok(&reference(id)[..]));
            for off in [0, 1, 8] {
                let buf: &mut [u8; 16] = (&mut wide.0[off..off + 16]).try_into().unwrap();
                assert_eq!(CellId(id).write_token(buf), reference(id));
            }
            assert_eq!(CellId(id).to_token(), reference(id));
            assert_eq!(CellId(id).token(), reference(id));
            assert_eq!(CellId(id).token().as_bytes(), reference(id).as_bytes());
        }
    }

    /// Google's parse on hex digits, then our validity rule; `Err(at)` for
    /// the first byte that is not a hex digit.
    fn parse_reference(token: &str) -> Result<Option<u64>, usize> {
        if token == "X" {
            return Ok(Some(0));
        }
        if let Some(at) = token.bytes().position(|b| !b.is_ascii_hexdigit()) {
            return Err(at);
        }
        let id = u64::from_str_radix(token, 16).unwrap() << (4 * (16 - token.len()));
        Ok(CellId(id).is_valid().then_some(id))
    }

    fn check_parse(token: &str) {
        let got = CellId::from_token(token);
        match parse_reference(token) {
            Ok(Some(id)) => assert_eq!(got, Ok(CellId(id)), "{token:?}"),
            Ok(None) => assert!(
                matches!(
                    &got,
                    Err(Error::InvalidToken {
                        reason: TokenError::NotACell { .. },
                        ..
                    })
                ),
                "{token:?}: {got:?}"
            ),
            Err(at) => match got {
                Err(Error::InvalidToken {
                    reason: TokenError::NotHex { at: got_at, ch },
                    ..
                }) => {
                    assert_eq!(got_at, at, "{token:?}");
                    assert_eq!(Some(ch), token[at..].chars().next(), "{token:?}");
                }
                other => panic!("{token:?}: {other:?}"),
            },
        }
    }

    #[test]
    fn parse_equals_reference_for_every_byte_at_every_position() {
        // Every ASCII byte and some multi-byte characters, at every position
        // of tokens of every length, around valid tokens of each length.
        let base = "951977d34a5b6c7f";
        let mut extra: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        extra.extend(["é", "٣", "\u{80}", "\u{ff}", "𝟘"].map(String::from));
        for len in 1..=16 {
            let valid = format!("{}{}", &base[..len - 1], "1");
            check_parse(&valid);
            check_parse(&valid.to_uppercase());
            for at in 0..len {
                for ch in &extra {
                    let token = format!("{}{ch}{}", &valid[..at], &valid[at + 1..]);
                    if token.len() <= 16 {
                        check_parse(&token);
                    }
                }
            }
        }
        // Random ids, as tokens cut at every length and in upper case.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let id = crate::test_rng::next_u64(&mut state);
            let full = format!("{id:016x}");
            for len in 1..=16 {
                check_parse(&full[..len]);
                check_parse(&full[..len].to_uppercase());
            }
        }
        assert_eq!(CellId::from_token("X"), Ok(CellId::NONE));
        assert!(CellId::from_token("x").is_err());
        assert!(CellId::from_token("XX").is_err());
    }
}
