"""S2 cells in DuckDB SQL: vectorized functions over Arrow batches.

>>> import duckdb, s2cells.duckdb
>>> con = s2cells.duckdb.register(duckdb.connect())
>>> con.sql("SELECT s2_cell_token(s2_cellfromlonlat(-51.14022, -30.0438, 15))").fetchall()
[('951977d34',)]

``register(con)`` adds, to that connection only, functions named as
BigQuery names them (``S2_CELLIDFROMPOINT``, ``S2_COVERINGCELLIDS``) and as
DuckDB's geography extension names its cell functions (``s2_cell_parent``,
``s2_cell_token``, ...). Each runs the package's Rust kernels on whole
DuckDB vectors passed as Arrow arrays (``create_function(...,
type="arrow")``), so nothing is tied to one DuckDB release.

Points are ``(lon, lat)`` in degrees, in that order, as in every SQL
engine (the Python API takes ``(lat, lng)``). Geometries are GeoJSON or WKT
text (``VARCHAR``) or WKB (``BLOB``, e.g. the spatial extension's
``ST_AsWKB``), x = longitude, y = latitude.

Cell types: the BigQuery-named functions give ``BIGINT``, the signed
(bit-cast) form BigQuery, Spark and most SQL stores use; the ``s2_*``
functions give ``UBIGINT``, the id itself, which sorts in curve order as
DuckDB geography's ``S2_CELL`` and ClickHouse's ``UInt64`` do. Every
function that takes a cell takes either form (a negative ``BIGINT`` is the
signed form of a face 4 or 5 cell), so they mix freely;
``s2_cell_to_signed`` and ``s2_cell_from_signed`` convert.

A NULL argument gives NULL. A bad value (a latitude of 91, an invalid cell
id or token, a parent level below the cell's) fails the query with an
error that names it.
"""

import functools

from ._sql import FUNCTIONS, batch_error


def register(con):
    """Registers every function on the DuckDB connection ``con`` (for
    that connection only) and returns ``con``; calling it again replaces
    them.

    Each function is an internal ``__s2cells_<name>`` Arrow function under
    a SQL macro of the public name, which gives the optional arguments
    their defaults and lets BigQuery's named-argument calls work:
    ``S2_COVERINGCELLIDS(geom, max_level => 12, max_cells => 20)``.
    """
    for f in FUNCTIONS:
        inner = "__s2cells_" + f.name.lower()
        try:
            con.remove_function(inner)
        except Exception:  # not registered on this connection yet
            pass
        types = [p.type for p in f.params]
        # Without a list of types DuckDB types every parameter ANY and counts
        # them from the function's signature (which _guard keeps).
        typed = None if "ANY" in types else types
        con.create_function(inner, _guard(f.impl, f.name), typed, f.returns, type="arrow")
        sig = ", ".join(p.name if p.default is None else f"{p.name} := {p.default}"
                        for p in f.params)
        args = ", ".join(p.name for p in f.params)
        con.execute(f"CREATE OR REPLACE TEMP MACRO {f.name}({sig}) AS {inner}({args})")
    return con


def _guard(fn, name):
    @functools.wraps(fn)
    def run(*args):
        try:
            return fn(*args)
        except (ValueError, TypeError) as e:
            raise batch_error(e, f"DuckDB {name}") from None

    return run


def functions():
    """``(name, parameters, return type, description)`` of every function
    :func:`register` adds."""
    return [(f.name, f.params, f.returns, f.doc) for f in FUNCTIONS]


__all__ = ["register", "functions"]
