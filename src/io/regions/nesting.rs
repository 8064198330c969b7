//! How a polygon's rings sit together once each is a valid loop: the
//! nesting GeoJSON means (holes directly inside their shells, polygons
//! apart), found from the geometry as Google's `InitNested` does, and what
//! is wrong (and what `lenient` does) where the rings say otherwise.

use std::collections::HashMap;

use super::GeoShape;
use super::build::{Builder, RingLoops};
use crate::io::ParseError;
use crate::{GeometryError, Point, Polygon, RegionError};

/// Something wrong with how a `MultiPolygon`'s rings sit together, found
/// once each ring is a valid loop: which ring, what, and what lenient does.
struct Misplaced {
    ring: usize,
    reason: String,
    fix: Fix,
}

enum Fix {
    /// The ring subtracts nothing: drop it.
    DropHole,
    /// A hole around its own shell: take the rings as they nest (the hole
    /// as the outer ring, the shell as a hole in it).
    AsNested,
    /// Cover the ring's polygon on its own, as its shell minus its holes
    /// (and the union with the others).
    Apart,
}

impl Builder {
    /// The rings' loops as one shape: a polygon of all of them when they
    /// nest as GeoJSON means (holes inside their shells, polygons apart);
    /// otherwise an error naming the ring, or with lenient, the polygons at
    /// fault apart, each its shell minus its holes, with a warning.
    pub(super) fn assemble(
        &mut self,
        mut rings: Vec<RingLoops>,
        polygons: usize,
    ) -> Result<GeoShape, ParseError> {
        let mut apart = vec![false; polygons];
        for r in &rings {
            if r.as_given {
                apart[r.polygon] = true;
            }
        }
        let mut dropped = vec![false; rings.len()];
        let mut accepted = vec![false; rings.len()];
        let main = loop {
            // Moved in; moved back out if the polygon will not do.
            let mut owner: HashMap<*const Point, usize> = HashMap::new();
            let mut loops = Vec::new();
            for (i, r) in rings.iter_mut().enumerate() {
                if apart[r.polygon] || dropped[i] {
                    continue;
                }
                for l in r.loops.drain(..) {
                    owner.insert(l.vertices().as_ptr(), i);
                    loops.push(l);
                }
            }
            let polygon = Polygon::from_loops_unchecked(loops);
            let owners: Vec<usize> = polygon
                .loops()
                .iter()
                .map(|l| owner[&l.vertices().as_ptr()])
                .collect();
            let problem = match polygon.validate() {
                Ok(()) => misplaced(&polygon, &owners, &rings, &accepted),
                Err(e) => Some(crossing(&e, &owners, &rings)),
            };
            let Some(problem) = problem else {
                break polygon;
            };
            let ring = &rings[problem.ring];
            if !self.options.lenient {
                let (path, reason) = (ring.path.clone(), problem.reason);
                let hint = match problem.fix {
                    Fix::DropHole => "--lenient drops it",
                    Fix::AsNested => "--lenient takes the rings as they nest, this one outside",
                    Fix::Apart if ring.hole => "--lenient covers the shell minus its holes",
                    Fix::Apart => "--lenient covers the union of the polygons",
                };
                return Err(self.error(path, format!("{reason} ({hint})")));
            }
            let how = match problem.fix {
                Fix::DropHole => {
                    dropped[problem.ring] = true;
                    "dropped"
                }
                Fix::AsNested => {
                    accepted[problem.ring] = true;
                    "covered as the rings nest, with the shell as a hole in this ring"
                }
                Fix::Apart => {
                    apart[ring.polygon] = true;
                    if ring.hole {
                        "covered as the shell minus its holes"
                    } else {
                        "covered as the union of the polygons"
                    }
                }
            };
            let path = ring.path.clone();
            self.warn(&path, format_args!("{}; {how}", problem.reason));
            for (l, &o) in polygon.loops().iter().zip(&owners) {
                rings[o].loops.push(l.clone());
            }
        };
        let mut parts = Vec::new();
        if main.num_loops() > 0 || !apart.contains(&true) {
            parts.push(GeoShape::Polygon(Box::new(main)));
        }
        for (p, _) in apart.iter().enumerate().filter(|(_, a)| **a) {
            let of = |hole: bool| -> Vec<GeoShape> {
                rings
                    .iter()
                    .filter(|r| r.polygon == p && r.hole == hole)
                    .map(|r| {
                        GeoShape::Polygon(Box::new(Polygon::from_loops_unchecked(r.loops.clone())))
                    })
                    .collect()
            };
            let shell = of(false);
            let mut holes = of(true);
            let Some(shell) = shell.into_iter().next() else {
                continue;
            };
            parts.push(match holes.len() {
                0 => shell,
                1 => GeoShape::Difference(Box::new(shell), Box::new(holes.remove(0))),
                _ => GeoShape::Difference(Box::new(shell), Box::new(GeoShape::Collection(holes))),
            });
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            GeoShape::Collection(parts)
        })
    }
}

/// Each loop's parent in a nested polygon (`None` for a shell at depth
/// 0), in one pass over the pre-order.
fn parents(polygon: &Polygon) -> Vec<Option<usize>> {
    let mut stack: Vec<(u32, usize)> = Vec::new();
    polygon
        .loops()
        .iter()
        .enumerate()
        .map(|(i, l)| {
            while stack.last().is_some_and(|&(d, _)| d >= l.depth()) {
                stack.pop();
            }
            let parent = stack.last().map(|&(_, j)| j);
            stack.push((l.depth(), i));
            parent
        })
        .collect()
}

/// In a valid polygon of the rings' loops, the first ring that does not
/// sit where GeoJSON puts it (and was not `accepted` so): a hole whose
/// parent is not its own shell, or a shell inside another polygon's shell
/// (not in a hole of it).
fn misplaced(
    polygon: &Polygon,
    owners: &[usize],
    rings: &[RingLoops],
    accepted: &[bool],
) -> Option<Misplaced> {
    let parents = parents(polygon);
    let shell_of = |p: usize| rings.iter().position(|x| x.polygon == p && !x.hole);
    for (i, parent) in parents.iter().enumerate() {
        let r = owners[i];
        let parent = parent.map(|j| owners[j]);
        // A piece of a ring cut where it touches itself, inside another.
        if parent == Some(r) || accepted[r] {
            continue;
        }
        let ring = &rings[r];
        let shell_path = shell_of(ring.polygon).map_or_else(String::new, |s| rings[s].path.clone());
        match parent.map(|j| &rings[j]) {
            Some(q) if ring.hole && q.polygon == ring.polygon && !q.hole => {}
            Some(q) if ring.hole && q.polygon == ring.polygon => {
                return Some(Misplaced {
                    ring: r,
                    reason: format!("this hole lies inside another hole, {}", q.path),
                    fix: Fix::DropHole,
                });
            }
            _ if ring.hole => {
                // Its own shell inside it: the roles look swapped.
                let around = parents
                    .iter()
                    .enumerate()
                    .any(|(k, pk)| *pk == Some(i) && Some(owners[k]) == shell_of(ring.polygon));
                let (reason, fix) = if around {
                    (
                        format!("this hole lies around its shell, {shell_path}"),
                        Fix::AsNested,
                    )
                } else {
                    (
                        format!("this hole lies outside its shell, {shell_path}"),
                        Fix::DropHole,
                    )
                };
                return Some(Misplaced {
                    ring: r,
                    reason,
                    fix,
                });
            }
            Some(q) if !q.hole => {
                return Some(Misplaced {
                    ring: r,
                    reason: format!(
                        "this polygon lies inside the polygon of {}, where it would count as a \
                         hole (the polygons of a MultiPolygon must not overlap)",
                        q.path
                    ),
                    fix: Fix::Apart,
                });
            }
            _ => {}
        }
    }
    None
}

/// What a polygon's validation error means in terms of the rings: which
/// two cross or share an edge.
fn crossing(e: &RegionError, owners: &[usize], rings: &[RingLoops]) -> Misplaced {
    let pair = match e {
        RegionError::InvalidPolygon {
            reason:
                GeometryError::LoopsCross { loop_a, loop_b, .. }
                | GeometryError::LoopsShareEdge { loop_a, loop_b, .. },
            ..
        } => Some((owners[*loop_a], owners[*loop_b])),
        _ => None,
    };
    let verb = match e {
        RegionError::InvalidPolygon {
            reason: GeometryError::LoopsShareEdge { .. },
            ..
        } => "shares an edge with",
        _ => "crosses",
    };
    let Some((a, b)) = pair else {
        // Some other rule (a full loop with others, pieces of one ring
        // that cross): cover that polygon as given.
        let r = match e {
            RegionError::InvalidPolygon {
                loop_index: Some(i),
                ..
            } => owners[*i],
            _ => 0,
        };
        return Misplaced {
            ring: r,
            reason: e.to_string(),
            fix: Fix::Apart,
        };
    };
    // Name the hole, or the later polygon.
    let (a, b) = if rings[b].hole || (!rings[a].hole && rings[b].polygon > rings[a].polygon) {
        (b, a)
    } else {
        (a, b)
    };
    let (ra, rb) = (&rings[a], &rings[b]);
    let reason = if a == b {
        "pieces of this ring (cut where it touches itself) cross each other".to_owned()
    } else if ra.polygon != rb.polygon {
        format!(
            "this ring {verb} {} of another polygon (the polygons of a MultiPolygon must not \
             overlap)",
            rb.path
        )
    } else if ra.hole && !rb.hole {
        format!("this hole {verb} its shell, {}", rb.path)
    } else if ra.hole {
        format!("this hole {verb} another hole, {}", rb.path)
    } else {
        format!("this ring {verb} {}", rb.path)
    };
    Misplaced {
        ring: a,
        reason,
        fix: Fix::Apart,
    }
}
