//! Detectors: one per kind, each in its own module.
//!
//! The scanner hands every detector the [`Candidate`]s its prefilter found; `confirm` decides.
//! As in grep-matcher's `find_candidate_line`, the prefilter may report false positives but
//! never false negatives.
//!
//! A detector reads the haystack around its candidate directly: at most [`LOOK_BEHIND`] bytes
//! before the candidate and at most [`MAX_LEN`] bytes after its start. The chunker guarantees
//! that much context on both sides of every chunk, which is what makes results independent of
//! chunk size.

pub(crate) mod address;
pub(crate) mod bank_card;
pub(crate) mod email;
pub(crate) mod evidence;
pub(crate) mod id_card;
pub(crate) mod ip;
pub(crate) mod name;
pub(crate) mod passport;
pub(crate) mod phone;
pub(crate) mod plate;
pub(crate) mod uscc;

use crate::finding::Hit;
use crate::kind::{Kind, KindSet};
pub(crate) use crate::scan::prefilter::Shape;
pub(crate) use evidence::Ctx;

/// The longest finding any detector reports, in bytes (an e-mail address at its RFC limits).
pub(crate) const MAX_LEN: usize = 320;

/// How far before a candidate a detector may look (cue words, keys, prefixes).
pub(crate) const LOOK_BEHIND: usize = 64;

/// What the prefilter found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Candidate {
    /// A maximal run of word units (`text.rs`) that holds at least one digit.
    Word {
        start: usize,
        end: usize,
        shape: Shape,
        /// The kinds whose detector wants this word ([`word_wants`] of the enabled kinds).
        want: KindSet,
    },
    /// An `@`.
    At { pos: usize },
    /// The whole haystack, for detectors of running text (names, addresses) that find their
    /// own candidates, typically with one aho-corasick automaton built in `Engine::build`.
    Text,
}

/// What a detector needs the prefilter to find.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    Word,
    At,
    /// Called once per haystack with [`Candidate::Text`], after every `Word` and `At`
    /// detector; [`Ctx::found`] then holds their (unresolved) hits.
    Text,
}

/// A detector of one kind.
pub(crate) trait Detector: Send + Sync {
    /// The kind it reports.
    fn kind(&self) -> Kind;
    /// The candidates it wants.
    fn trigger(&self) -> Trigger;
    /// Whether a word of this shape could start one of its findings. A cheap, conservative
    /// test (false positives fine, no false negatives) that spares `confirm` most words.
    fn wants(&self, _shape: &Shape) -> bool {
        true
    }
    /// Validates a candidate and pushes zero or more hits. Hits may overlap; the resolver
    /// chooses among them.
    fn confirm(&self, hay: &[u8], cand: Candidate, ctx: &Ctx<'_>, out: &mut Vec<Hit>);
}

/// The kinds whose detector wants a word of this shape: [`Detector::wants`] of every detector
/// triggered by words, dispatched statically so that the calls inline into one test per word
/// (most words are wanted by no detector, and eight indirect calls per word were a tenth of a
/// log scan). A debug assertion in the scanner checks it against the detectors' own `wants`.
#[inline(always)]
pub(crate) fn word_wants(shape: &Shape) -> KindSet {
    let mut k = KindSet::EMPTY;
    let mut add = |kind: Kind, yes: bool| {
        if yes {
            k.insert(kind);
        }
    };
    add(Kind::IdCard, id_card::IdCard.wants(shape));
    add(Kind::Phone, phone::Phone.wants(shape));
    add(Kind::BankCard, bank_card::BankCard.wants(shape));
    add(Kind::Ip, ip::Ip.wants(shape));
    add(Kind::Passport, passport::Passport.wants(shape));
    add(Kind::Plate, plate::Plate.wants(shape));
    add(Kind::Uscc, uscc::Uscc.wants(shape));
    k
}

/// The detectors for `kinds`, in a fixed order.
pub(crate) fn registry(kinds: KindSet) -> Vec<Box<dyn Detector>> {
    let all: Vec<Box<dyn Detector>> = vec![
        Box::new(id_card::IdCard),
        Box::new(phone::Phone),
        Box::new(bank_card::BankCard),
        Box::new(email::Email),
        Box::new(ip::Ip),
        Box::new(passport::Passport),
        Box::new(plate::Plate),
        Box::new(uscc::Uscc),
        Box::new(address::Address),
        Box::new(name::Name),
    ];
    all.into_iter().filter(|d| kinds.contains(d.kind())).collect()
}

/// The kinds that have a detector today.
pub(crate) fn implemented() -> KindSet {
    registry(KindSet::all()).iter().map(|d| d.kind()).collect()
}
