//! Pure check functions: no I/O, no allocation. Inputs are digit *values* (0–9) or ASCII
//! characters already normalised by the caller (full-width forms folded to ASCII).

pub(crate) mod date;
pub(crate) mod gb32100;
pub(crate) mod luhn;
pub(crate) mod mod11_2;

pub(crate) use date::Date;
