//! [`Kind`]: the entity kinds of CONTRACT.md, with their serde names exactly as written there.
//!
//! The declaration order is the order of CONTRACT.md's table and of every summary cnpii prints.
//! Overlap priority is a separate, documented ranking ([`Kind::priority`]).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One kind of personal information.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// PRC resident identity card number (18-character and 15-digit legacy forms).
    IdCard,
    /// Mainland mobile, landline and 400/800 service numbers.
    Phone,
    /// Payment card numbers.
    BankCard,
    /// Chinese postal addresses.
    Address,
    /// Chinese person names.
    Name,
    /// E-mail addresses.
    Email,
    /// IPv4 and IPv6 addresses.
    Ip,
    /// PRC passports and Mainland Travel Permits.
    Passport,
    /// Motor vehicle licence plates.
    Plate,
    /// Unified Social Credit Codes (GB 32100).
    Uscc,
}

impl Kind {
    /// Every kind, in CONTRACT.md order.
    pub const ALL: [Kind; 10] = [
        Kind::IdCard,
        Kind::Phone,
        Kind::BankCard,
        Kind::Address,
        Kind::Name,
        Kind::Email,
        Kind::Ip,
        Kind::Passport,
        Kind::Plate,
        Kind::Uscc,
    ];

    /// The CONTRACT.md name (`id_card`, `phone`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::IdCard => "id_card",
            Kind::Phone => "phone",
            Kind::BankCard => "bank_card",
            Kind::Address => "address",
            Kind::Name => "name",
            Kind::Email => "email",
            Kind::Ip => "ip",
            Kind::Passport => "passport",
            Kind::Plate => "plate",
            Kind::Uscc => "uscc",
        }
    }

    /// Overlap priority: lower wins when two findings overlap (see `resolve.rs`).
    ///
    /// Design rationale: a kind that can *contain* another ranks first. An e-mail address can
    /// hold a phone number or an ID in its local part, an ID holds digit runs that look like
    /// other numbers, an address can hold a name-like place word.
    pub fn priority(self) -> u8 {
        match self {
            Kind::Email => 0,
            Kind::IdCard => 1,
            Kind::Uscc => 2,
            Kind::BankCard => 3,
            Kind::Phone => 4,
            Kind::Passport => 5,
            Kind::Plate => 6,
            Kind::Ip => 7,
            Kind::Address => 8,
            Kind::Name => 9,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for an unknown kind name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown kind {name:?} (expected one of: id_card, phone, bank_card, address, name, email, ip, passport, plate, uscc)")]
pub struct UnknownKind {
    name: String,
}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind { name: s.chars().take(40).collect() })
    }
}

/// A set of kinds, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KindSet(u16);

impl KindSet {
    /// The empty set.
    pub const EMPTY: KindSet = KindSet(0);

    /// Every kind.
    pub fn all() -> KindSet {
        Kind::ALL.into_iter().collect()
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & (1 << kind.index()) != 0
    }

    /// Adds `kind`.
    pub fn insert(&mut self, kind: Kind) {
        self.0 |= 1 << kind.index();
    }

    /// Removes `kind`.
    pub fn remove(&mut self, kind: Kind) {
        self.0 &= !(1 << kind.index());
    }

    /// Whether the set is empty.
    /// The kinds in both sets.
    pub fn intersection(self, other: KindSet) -> KindSet {
        KindSet(self.0 & other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in the set, in CONTRACT.md order.
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(iter: I) -> KindSet {
        let mut set = KindSet::EMPTY;
        for k in iter {
            set.insert(k);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>().unwrap(), k);
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{}\"", k.as_str()));
        }
        assert!("idcard".parse::<Kind>().is_err());
    }

    #[test]
    fn priorities_are_distinct() {
        let mut p: Vec<u8> = Kind::ALL.iter().map(|k| k.priority()).collect();
        p.sort();
        p.dedup();
        assert_eq!(p.len(), Kind::ALL.len());
    }

    #[test]
    fn kind_set() {
        let mut s: KindSet = [Kind::Phone, Kind::Ip].into_iter().collect();
        assert!(s.contains(Kind::Phone) && !s.contains(Kind::IdCard));
        s.remove(Kind::Phone);
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![Kind::Ip]);
        assert_eq!(KindSet::all().iter().count(), 10);
    }
}
