//! Binary ML features from cells (in progress).
