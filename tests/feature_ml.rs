//! `feature::ml`: one-hot indices are vocabulary positions, multi-level
//! features are the point's ancestors, hashing is pinned to fixed values,
//! the vocabulary survives a JSON round trip, and the `.npy` files follow
//! the format (and, when Python with numpy is installed, read back in
//! numpy to the same arrays).

mod skip;

use s2cells::feature::ml::{
    Csr, HashedBuckets, MultiLevel, Neighbors, OneHot, Vocabulary, npy, stable_hash,
};
use s2cells::{CellId, LatLng};

fn leaves(n: usize) -> Vec<CellId> {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let lat = ((x >> 11) as f64 / (1u64 << 53) as f64) * 40.0 - 20.0;
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let lng = ((x >> 11) as f64 / (1u64 << 53) as f64) * 60.0 - 120.0;
            CellId::from_latlng(LatLng::from_degrees(lat, lng))
        })
        .collect()
}

#[test]
fn one_hot_index_is_the_cells_vocabulary_position() {
    let pts = leaves(5000);
    let vocab = Vocabulary::learn(pts.iter().copied(), 6, 3, true).unwrap();
    let enc = OneHot::new(vocab.clone());
    let csr = enc.encode(&pts);
    assert_eq!(csr.n_rows(), pts.len());
    for (r, p) in pts.iter().enumerate() {
        let cell = p.parent(6);
        let row = csr.row(r);
        assert_eq!(row.len(), 1);
        match vocab.cells().binary_search(&cell) {
            Ok(i) => assert_eq!(row[0] as usize, i),
            Err(_) => assert_eq!(row[0] as usize, vocab.len(), "out of vocabulary -> bucket"),
        }
    }
    // Without a bucket, unknown points get no column.
    let strict = OneHot::new(Vocabulary::from_cells(vocab.cells().to_vec(), false).unwrap());
    let far = CellId::from_latlng(LatLng::from_degrees(70.0, 100.0));
    assert_eq!(strict.encode(&[far]).row(0), &[] as &[u32]);
}

#[test]
fn multi_level_features_are_the_ancestors() {
    let pts = leaves(2000);
    let levels = [3u8, 7, 11];
    let vocabs: Vec<Vocabulary> = levels
        .iter()
        .map(|&l| Vocabulary::learn(pts.iter().copied(), l, 1, false).unwrap())
        .collect();
    let enc = MultiLevel::new(vocabs.clone()).unwrap();
    let csr = enc.encode(&pts);
    for (r, p) in pts.iter().enumerate() {
        let mut want = Vec::new();
        let mut off = 0u32;
        for (v, &l) in vocabs.iter().zip(&levels) {
            want.push(off + v.cells().binary_search(&p.parent(l)).unwrap() as u32);
            off += v.n_features() as u32;
        }
        assert_eq!(csr.row(r), want.as_slice());
        // Decoding the columns gives back the ancestors.
        let mut off = 0u32;
        for ((v, &l), &c) in vocabs.iter().zip(&levels).zip(csr.row(r)) {
            assert_eq!(v.cell(c - off), Some(p.parent(l)));
            off += v.n_features() as u32;
        }
    }
    assert!(MultiLevel::new(vec![vocabs[1].clone(), vocabs[0].clone()]).is_err());
}

#[test]
fn hashing_is_pinned() {
    // Values fixed forever: any platform, any run, any version.
    assert_eq!(stable_hash(0, 0), 0xe220_a839_7b1d_cdaf);
    let p = CellId::from_token("89c25a31").unwrap(); // level 14, New York
    let enc = HashedBuckets::new(14, 1000, 3).unwrap();
    let cols = enc.columns(p.child_begin_at(30));
    let mut want: Vec<u32> = (0..3)
        .map(|s| (stable_hash(p.id(), s) % 1000) as u32)
        .collect();
    want.sort_unstable();
    want.dedup();
    assert_eq!(cols, want);
    assert_eq!(cols, PINNED_NYC);
    assert!(HashedBuckets::new(13, 0, 1).is_err());
    assert!(HashedBuckets::new(31, 10, 1).is_err());
}
/// Computed independently in Python (tools-free: the formula in `stable_hash`).
const PINNED_NYC: [u32; 3] = [59, 99, 799];

#[test]
fn neighbors_are_in_the_vocabulary_columns() {
    let p = CellId::from_latlng(LatLng::from_degrees(45.0, 45.0));
    let c = p.parent(9);
    let ring: Vec<CellId> = c.all_neighbors(9).into_iter().chain([c]).collect();
    let v = Vocabulary::from_cells(ring.clone(), true).unwrap();
    let edge = Neighbors::Edge.columns(&v, p).unwrap();
    let mut want: Vec<u32> = [c]
        .into_iter()
        .chain(c.edge_neighbors())
        .map(|n| v.index_of(n).unwrap())
        .collect();
    want.sort_unstable();
    assert_eq!(edge, want);
    assert_eq!(Neighbors::Vertex.columns(&v, p).unwrap().len(), 9);
    // A cube corner cell has 7 neighbors.
    let corner = CellId::from_face(0).child_begin_at(9);
    let v2 =
        Vocabulary::from_cells(corner.all_neighbors(9).into_iter().chain([corner]), false).unwrap();
    assert_eq!(Neighbors::Vertex.columns(&v2, corner).unwrap().len(), 8);
}

#[cfg(feature = "serde")]
#[test]
fn vocabulary_json_round_trip() {
    let v = Vocabulary::learn(leaves(3000), 8, 2, true).unwrap();
    let json = serde_json::to_string(&v).unwrap();
    assert!(
        json.starts_with("{\"format\":\"s2cells-vocabulary-1\",\"oov_bucket\":true,\"cells\":[\"")
    );
    let back: Vocabulary = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
    // A file edited out of order is refused, not renumbered.
    let cells = v.cells();
    let swapped = json
        .replacen(&cells[0].to_token(), "TMP", 1)
        .replacen(&cells[1].to_token(), &cells[0].to_token(), 1)
        .replacen("TMP", &cells[1].to_token(), 1);
    assert!(serde_json::from_str::<Vocabulary>(&swapped).is_err());
}

/// Parses a .npy v1.0 file written by `npy`: (descr, shape, data bytes).
fn parse_npy(b: &[u8]) -> (String, String, &[u8]) {
    assert_eq!(&b[..8], b"\x93NUMPY\x01\x00");
    let len = u16::from_le_bytes([b[8], b[9]]) as usize;
    assert_eq!((10 + len) % 64, 0, "data aligned to 64 bytes");
    let h = std::str::from_utf8(&b[10..10 + len]).unwrap();
    assert!(h.ends_with('\n'));
    let descr = h
        .split("'descr': '")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap()
        .to_owned();
    let shape = h
        .split("'shape': ")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .to_owned()
        + ")";
    (descr, shape, &b[10 + len..])
}

#[test]
fn npy_files_follow_the_format_and_read_back() {
    let pts = leaves(300);
    let enc = OneHot::new(Vocabulary::learn(pts.iter().copied(), 5, 1, true).unwrap());
    let csr: Csr = enc.encode(&pts);
    let dir = std::env::temp_dir().join(format!("s2cells-npy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut indptr = Vec::new();
    npy::write_u64(&mut indptr, csr.indptr()).unwrap();
    let mut indices = Vec::new();
    npy::write_u32(&mut indices, csr.indices()).unwrap();
    let mut dense = Vec::new();
    npy::write_dense(&mut dense, &csr).unwrap();
    let (d, s, data) = parse_npy(&indptr);
    assert_eq!((d.as_str(), s), ("<u8", format!("({},)", csr.n_rows() + 1)));
    assert_eq!(data.len(), 8 * (csr.n_rows() + 1));
    let (d, s, data) = parse_npy(&indices);
    assert_eq!(
        (d.as_str(), s),
        ("<u4", format!("({},)", csr.indices().len()))
    );
    assert_eq!(
        u32::from_le_bytes(data[..4].try_into().unwrap()),
        csr.indices()[0]
    );
    let (d, s, data) = parse_npy(&dense);
    assert_eq!(
        (d.as_str(), s),
        ("|u1", format!("({}, {})", csr.n_rows(), csr.n_features()))
    );
    assert_eq!(data, csr.to_dense().as_slice());
    for (name, bytes) in [
        ("indptr", &indptr),
        ("indices", &indices),
        ("dense", &dense),
    ] {
        std::fs::write(dir.join(format!("{name}.npy")), bytes).unwrap();
    }
    let mut expect = String::new();
    let join = |v: Vec<String>| v.join(",");
    expect.push_str(&join(csr.indptr().iter().map(u64::to_string).collect()));
    expect.push('\n');
    expect.push_str(&join(csr.indices().iter().map(u32::to_string).collect()));
    expect.push('\n');
    std::fs::write(dir.join("expect.txt"), &expect).unwrap();
    let script = r#"
import sys, numpy as np
d = sys.argv[1]
ip = np.load(d + "/indptr.npy"); ix = np.load(d + "/indices.npy"); dn = np.load(d + "/dense.npy")
lines = open(d + "/expect.txt").read().split("\n")
assert ip.dtype == np.uint64 and ix.dtype == np.uint32 and dn.dtype == np.uint8
assert ",".join(map(str, ip.tolist())) == lines[0]
assert ",".join(map(str, ix.tolist())) == lines[1]
for r in range(len(ip) - 1):
    row = np.nonzero(dn[r])[0].tolist()
    assert row == ix[ip[r]:ip[r + 1]].tolist(), r
print("numpy ok", dn.shape)
"#;
    match std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&dir)
        .output()
    {
        Ok(out) if out.status.success() => {
            eprintln!("{}", String::from_utf8_lossy(&out.stdout).trim());
        }
        Ok(out) if String::from_utf8_lossy(&out.stderr).contains("No module named 'numpy'") => {
            skip::skipped(
                "npy_files_follow_the_format_and_read_back",
                "numpy",
                "not installed: the .npy files were checked by the Rust parser only",
            );
        }
        Ok(out) => panic!(
            "numpy read-back failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => skip::skipped(
            "npy_files_follow_the_format_and_read_back",
            "python3",
            &format!("{e}: the .npy files were checked by the Rust parser only"),
        ),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn libsvm_and_csv_are_the_matrix() {
    let m = Csr::from_rows(5, &[vec![4], vec![0, 1], vec![]]).unwrap();
    let mut s = Vec::new();
    m.write_libsvm(&mut s, None).unwrap();
    assert_eq!(String::from_utf8(s).unwrap(), "0 5:1\n0 1:1 2:1\n0\n");
    let mut c = Vec::new();
    m.write_csv(&mut c).unwrap();
    assert_eq!(
        String::from_utf8(c).unwrap(),
        "f0,f1,f2,f3,f4\n0,0,0,0,1\n1,1,0,0,0\n0,0,0,0,0\n"
    );
    assert!(Csr::from_rows(2, &[vec![2]]).is_err());
    assert!(m.write_libsvm(&mut Vec::new(), Some(&[1.0])).is_err());
}

#[test]
fn region_columns_are_the_vocabulary_cells_it_meets() {
    let pts = leaves(4000);
    let vocab = Vocabulary::learn(pts.iter().copied(), 7, 1, false).unwrap();
    for (k, p) in pts.iter().step_by(97).enumerate() {
        // Regions of mixed levels: the point's ancestor at levels 3..=12.
        let level = 3 + (k % 10) as u8;
        let region =
            s2cells::CellUnion::from_cell_ids(vec![p.parent(level), p.parent(level).next_wrap()]);
        let want: Vec<u32> = (0..vocab.len() as u32)
            .filter(|&i| region.intersects_cell_id(vocab.cell(i).unwrap()))
            .collect();
        assert_eq!(vocab.indices_meeting(&region), want);
    }
}
