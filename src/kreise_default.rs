//! Embedded default Kreis data (being written).
