//! `cnpii-corpus`: write a labelled synthetic corpus.
//!
//! ```text
//! cnpii-corpus --style mixed|applog|nginx|freetext|mysql --seed N --bytes N --out FILE
//!              [--labels FILE] [--label-path NAME]
//! ```

use std::io::Write;
use std::process::ExitCode;

use cnpii_corpora::{generate, Style};

const USAGE: &str = "usage: cnpii-corpus --style mixed|applog|nginx|freetext|mysql --seed N --bytes N --out FILE [--labels FILE] [--label-path NAME]

  --style       kind of text to generate
  --seed        64-bit seed (same seed, style and size -> same bytes)
  --bytes       approximate size; whole lines only (suffixes K, M, G = KiB, MiB, GiB)
  --out         where to write the corpus ('-' = stdout)
  --labels      where to write the labels as JSON lines (CONTRACT.md finding objects)
  --label-path  the \"path\" field in the labels (default: the --out argument)";

struct Args {
    style: Style,
    seed: u64,
    bytes: usize,
    out: String,
    labels: Option<String>,
    label_path: Option<String>,
}

fn parse_size(s: &str) -> Option<usize> {
    let (num, mult) = match s.as_bytes().last()? {
        b'k' | b'K' => (&s[..s.len() - 1], 1usize << 10),
        b'm' | b'M' => (&s[..s.len() - 1], 1 << 20),
        b'g' | b'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.replace('_', "").parse::<usize>().ok()?.checked_mul(mult)
}

fn parse_seed(s: &str) -> Option<u64> {
    let s = s.replace('_', "");
    if let Some(hex) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(hex, 16).ok()
    } else {
        s.parse().ok()
    }
}

fn parse(argv: &[String]) -> Result<Args, String> {
    let mut style = None;
    let mut seed = None;
    let mut bytes = None;
    let mut out = None;
    let mut labels = None;
    let mut label_path = None;
    let mut i = 0;
    while i < argv.len() {
        let arg = argv[i].as_str();
        // accept both `--flag value` and `--flag=value`
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Err(String::new());
        }
        let known = ["--style", "--seed", "--bytes", "--out", "--labels", "--label-path"];
        if !known.contains(&flag) {
            return Err(format!("unknown argument {arg:?}"));
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                argv.get(i).cloned().ok_or_else(|| format!("{flag} needs a value"))?
            }
        };
        match flag {
            "--style" => style = Some(value.parse::<Style>()?),
            "--seed" => {
                seed = Some(parse_seed(&value).ok_or_else(|| {
                    format!("--seed: {value:?} is not an unsigned 64-bit integer")
                })?)
            }
            "--bytes" => {
                bytes = Some(parse_size(&value).ok_or_else(|| {
                    format!("--bytes: {value:?} is not a size like 200000 or 64M")
                })?)
            }
            "--out" => out = Some(value),
            "--labels" => labels = Some(value),
            _ => label_path = Some(value),
        }
        i += 1;
    }
    Ok(Args {
        style: style.ok_or("--style is required")?,
        seed: seed.ok_or("--seed is required")?,
        bytes: bytes.ok_or("--bytes is required")?,
        out: out.ok_or("--out is required")?,
        labels,
        label_path,
    })
}

fn write_file(path: &str, data: &[u8]) -> std::io::Result<()> {
    if path == "-" {
        let mut so = std::io::stdout().lock();
        so.write_all(data)?;
        return so.flush();
    }
    // write to a temporary file beside the target, then rename: never a half-written file
    let tmp = format!("{path}.tmp");
    std::fs::write(&tmp, data)?;
    std::fs::rename(&tmp, path)
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let mut stderr = std::io::stderr();
    let args = match parse(&argv) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = writeln!(stderr, "cnpii-corpus: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let corpus = generate(args.style, args.seed, args.bytes);
    if let Err(e) = write_file(&args.out, &corpus.text) {
        let _ = writeln!(stderr, "cnpii-corpus: cannot write {}: {e}", args.out);
        return ExitCode::FAILURE;
    }
    if let Some(labels) = &args.labels {
        let path = args.label_path.as_deref().unwrap_or(&args.out);
        if let Err(e) = write_file(labels, corpus.labels_jsonl(path).as_bytes()) {
            let _ = writeln!(stderr, "cnpii-corpus: cannot write {labels}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let counts: Vec<String> = corpus.counts().iter().map(|(k, n)| format!("{k}={n}")).collect();
    let _ = writeln!(
        stderr,
        "cnpii-corpus: {} bytes, {} labels ({})",
        corpus.text.len(),
        corpus.labels.len(),
        counts.join(" ")
    );
    ExitCode::SUCCESS
}
