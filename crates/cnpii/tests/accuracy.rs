//! Accuracy on generated, labelled corpora (`corpora/`): exact-span precision and recall per
//! kind must reach the foundation's targets.
//!
//! The generator computes its check digits with its own code, independent of the library, so a
//! validator bug cannot hide behind a generator that shares it. Run with `--nocapture` to see
//! the table.

#![allow(clippy::print_stdout)] // the accuracy table is the point of --nocapture

use cnpii::{Config, Engine, Kind};
use cnpii_corpora::{generate, Style};
use std::collections::{BTreeMap, HashSet};

fn score(
    styles: &[Style],
    seeds: std::ops::Range<u64>,
    bytes: usize,
) -> BTreeMap<String, (usize, usize, usize)> {
    let engine = Engine::build(&Config::default()).unwrap();
    let mut scanner = engine.scanner();
    // kind → (true positives, predicted, gold)
    let mut table: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for &style in styles {
        for seed in seeds.clone() {
            let corpus = generate(style, seed, bytes);
            let gold: HashSet<(String, usize, usize)> =
                corpus.labels.iter().map(|l| (l.kind.to_string(), l.start, l.end)).collect();
            let pred: HashSet<(String, usize, usize)> = scanner
                .scan(&corpus.text)
                .iter()
                .map(|f| (f.kind.to_string(), f.span.start as usize, f.span.end as usize))
                .collect();
            for (k, ..) in gold.iter().chain(pred.iter()) {
                table.entry(k.clone()).or_default();
            }
            for g in &gold {
                let e = table.get_mut(&g.0).unwrap();
                e.2 += 1;
                if pred.contains(g) {
                    e.0 += 1;
                }
            }
            for p in &pred {
                table.get_mut(&p.0).unwrap().1 += 1;
            }
        }
    }
    table
}

#[test]
fn precision_and_recall_meet_the_targets() {
    let styles = [Style::AppLog, Style::Nginx, Style::FreeText, Style::Mixed];
    let table = score(&styles, 1..4, 400_000);
    let mut failures = Vec::new();
    println!("{:<10} {:>6} {:>6} {:>7} {:>7}", "kind", "gold", "pred", "P", "R");
    for (kind, &(tp, pred, gold)) in &table {
        let p = if pred == 0 { 1.0 } else { tp as f64 / pred as f64 };
        let r = if gold == 0 { 1.0 } else { tp as f64 / gold as f64 };
        println!("{kind:<10} {gold:>6} {pred:>6} {p:>7.4} {r:>7.4}");
        let Ok(k) = kind.parse::<Kind>() else { continue };
        let target = match k {
            Kind::IdCard | Kind::Phone | Kind::BankCard | Kind::Email | Kind::Ip => 0.99,
            Kind::Passport | Kind::Plate | Kind::Uscc => 0.97,
            // Kinds without a detector yet are not scored.
            _ => continue,
        };
        if gold < 20 {
            failures.push(format!("{kind}: only {gold} labels; the corpus is too small to score"));
        }
        if p < target || r < target {
            failures.push(format!("{kind}: P {p:.4} R {r:.4} < {target}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
