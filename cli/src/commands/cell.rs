//! `s2cells cell`: everything about each input cell, as text or NDJSON.

use std::fmt::Write;

use clap::Args;
use s2cells::{Cell, CellId, LatLng, MAX_LEVEL, earth};
use serde_json::{Value, json};

use crate::cells::{CellFormat, CellInput, cell_json, cell_text, for_each_cell};
use crate::error::CliResult;
use crate::output::Output;

#[derive(Args, Debug)]
pub struct CellArgs {
    #[command(flatten)]
    pub input: CellInput,
    /// One JSON object per cell and line (NDJSON) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// What `cell` reports about one cell, computed by the library.
struct Info {
    id: CellId,
    center: LatLng,
    vertices: [LatLng; 4],
    area_m2: f64,
    edges_m: [f64; 4],
    parent: Option<CellId>,
    children: Vec<CellId>,
    neighbors: [CellId; 4],
}

impl Info {
    fn of(id: CellId) -> Self {
        let cell = Cell::from(id);
        let vertices = cell.vertices().map(LatLng::from);
        let edges_m =
            std::array::from_fn(|k| earth::distance_meters(vertices[k], vertices[(k + 1) % 4]));
        Self {
            id,
            center: id.to_latlng(),
            vertices,
            area_m2: earth::steradians_to_square_meters(cell.exact_area()),
            edges_m,
            parent: (id.level() > 0).then(|| id.immediate_parent()),
            children: if id.level() < MAX_LEVEL {
                id.children().to_vec()
            } else {
                Vec::new()
            },
            neighbors: id.edge_neighbors(),
        }
    }

    fn json(&self, f: CellFormat) -> Value {
        let ll = |p: &LatLng| json!({"lat": p.lat_degrees(), "lng": p.lng_degrees()});
        json!({
            "token": self.id.to_token(),
            "id": self.id.id(),
            "i64": self.id.to_signed(),
            "level": self.id.level(),
            "face": self.id.face(),
            "center": ll(&self.center),
            "vertices": self.vertices.iter().map(ll).collect::<Vec<_>>(),
            "area_m2": self.area_m2,
            "edge_lengths_m": self.edges_m,
            "parent": self.parent.map(|p| cell_json(p, f)),
            "children": self.children.iter().map(|&c| cell_json(c, f)).collect::<Vec<_>>(),
            "neighbors": self.neighbors.iter().map(|&c| cell_json(c, f)).collect::<Vec<_>>(),
        })
    }

    fn text(&self, f: CellFormat) -> String {
        let ll = |p: &LatLng| format!("{} {}", p.lat_degrees(), p.lng_degrees());
        let list = |ids: &[CellId]| {
            ids.iter()
                .map(|&c| cell_text(c, f))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut s = format!(
            "token      {}\nid         {}\ni64        {}\nlevel      {}\nface       {}\n\
             center     {}\n",
            self.id.to_token(),
            self.id.id(),
            self.id.to_signed(),
            self.id.level(),
            self.id.face(),
            ll(&self.center),
        );
        for (k, v) in self.vertices.iter().enumerate() {
            let _ = writeln!(s, "vertex {k}   {}", ll(v));
        }
        let _ = write!(
            s,
            "area_m2    {}\nedges_m    {}\nparent     {}\nchildren   {}\nneighbors  {}\n",
            self.area_m2,
            self.edges_m.map(|e| e.to_string()).join(" "),
            self.parent
                .map_or_else(|| "-".to_owned(), |p| cell_text(p, f)),
            if self.children.is_empty() {
                "-".to_owned()
            } else {
                list(&self.children)
            },
            list(&self.neighbors),
        );
        s
    }
}

pub fn run(args: &CellArgs) -> CliResult {
    let mut out = Output::stdout();
    let mut first = true;
    let result = for_each_cell(&args.input, |id, f| {
        let info = Info::of(id);
        if args.json {
            out.line(&info.json(f).to_string())?;
        } else {
            if !first {
                out.buf.push(b'\n');
            }
            out.buf.extend_from_slice(info.text(f).as_bytes());
            out.maybe_flush()?;
        }
        first = false;
        Ok(())
    });
    // An error after some cells: what was written stays written.
    out.flush()?;
    result.map(|_| ())
}
