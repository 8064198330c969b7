//! B-tree keys and key ranges from cells (in progress).
