//! Load client for `cnpii serve` (issue #18): a benchmark, not a test. Run it through
//! `benches/serve.sh`, which builds the release binary first.
//!
//! It starts the server (`$CNPII_BIN serve --listen 127.0.0.1:0`, access log on, drained from
//! a pipe), generates seeded ~1 KB Chinese posts with a mix of identifiers (`cnpii-corpora`,
//! free text), and drives the server over keep-alive HTTP/1.1 connections on loopback: one
//! post per request at 1, 16 and 64 connections, then batches of 64 posts. For each phase it
//! prints posts/s, MB/s (10^6 bytes of post text per second) and p50/p99/p99.9 latency, and
//! checks every answer's finding count against the library's (rebar's `count` model). Beside
//! them: the library's own per-call time for the same posts (`cnpii::run_input` into a
//! collecting sink, one thread), and the server's peak RSS (`VmHWM`).
//!
//! ```text
//! CNPII_BIN=target/release/cnpii cargo bench -p cnpii-serve --bench serve -- \
//!     [--requests N] [--route /v1/scan] [--no-access-log]
//! ```

use cnpii::{CollectSink, Config, Engine, Format, Input, PolicySet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[allow(clippy::print_stdout)]
fn main() {
    let mut requests = 20_000usize;
    let mut route = "/v1/scan".to_string();
    let mut server_args: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--requests" => {
                requests = args.next().and_then(|v| v.parse().ok()).expect("--requests N")
            }
            "--route" => route = args.next().expect("--route PATH"),
            "--no-access-log" => server_args.push(a),
            // `cargo bench` passes --bench.
            _ => {}
        }
    }
    let bin = std::env::var("CNPII_BIN").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/release/cnpii").to_string()
    });

    let posts = posts(1000);
    let bytes: usize = posts.iter().map(String::len).sum();
    println!(
        "posts: {} distinct, {} bytes on average; route {route}",
        posts.len(),
        bytes / posts.len()
    );

    // The library's own time per post (and the finding count of each post): with the default
    // engine, and with the 16 KiB chunks the server uses for small texts.
    let policies = PolicySet::default();
    let redact = route == "/v1/redact";
    let mut expected = Vec::with_capacity(posts.len());
    let mut l50 = Duration::ZERO;
    for chunk in [None, Some(16 << 10)] {
        let config = Config { chunk_size: chunk, ..Config::default() };
        let engine = Engine::build(&config).expect("engine").with_threads(1);
        let mut lib = Vec::with_capacity(posts.len() * 5);
        for round in 0..5 {
            for p in &posts {
                let t0 = Instant::now();
                let mut sink =
                    if redact { CollectSink::with_output() } else { CollectSink::default() };
                let input = Input { format: Format::sniff(p.as_bytes()), ..Input::default() };
                cnpii::run_input(&engine, &policies, &input, p.as_bytes(), &mut sink).expect("run");
                lib.push(t0.elapsed());
                if round == 0 && chunk.is_none() {
                    expected.push(sink.findings.len());
                }
            }
        }
        let (p50, p99, _) = percentiles(&mut lib);
        l50 = p50;
        println!(
            "library, one call per post, chunk size {}: p50 {} µs, p99 {} µs",
            engine.chunk_size(),
            p50.as_micros(),
            p99.as_micros()
        );
    }
    let total_findings: usize = expected.iter().sum();
    println!("findings: {total_findings} in the {} posts", posts.len());

    // The server.
    let mut child = Command::new(&bin)
        .args(["serve", "--listen", "127.0.0.1:0", "--max-concurrency", "1024"])
        .args(&server_args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {bin}: {e} (build it: cargo build --release)"));
    let pid = child.id();
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let addr: SocketAddr = loop {
        let mut line = String::new();
        if err.read_line(&mut line).unwrap_or(0) == 0 {
            panic!("the server did not start");
        }
        if let Some(i) = line.find("\"addr\":\"") {
            let rest = &line[i + 8..];
            break rest[..rest.find('"').unwrap()].parse().unwrap();
        }
    };
    // Drain the access log.
    std::thread::spawn(move || {
        let mut sink = [0u8; 1 << 16];
        while err.read(&mut sink).is_ok_and(|n| n > 0) {}
    });

    let posts = Arc::new(posts);
    let expected = Arc::new(expected);
    println!();
    println!(
        "{:<18} {:>8} {:>8} {:>6} {:>8} {:>8} {:>9} {:>10} {:>11}",
        "phase",
        "requests",
        "posts/s",
        "MB/s",
        "p50 µs",
        "p99 µs",
        "p99.9 µs",
        "server µs",
        "CPU µs/post"
    );
    let mut overhead = None;
    for (conns, batch) in [(1, 1), (16, 1), (64, 1), (16, 64)] {
        let n = if batch > 1 { (requests / batch).max(conns * 4) } else { requests };
        let (cpu0, m0) = (cpu_ticks(pid), server_time(addr, &route));
        let r = drive(addr, &route, &posts, &expected, conns, batch, n);
        let (cpu1, m1) = (cpu_ticks(pid), server_time(addr, &route));
        let (p50, p99, p999) = r.percentiles;
        // Mean time inside the server per request (its latency histogram), and its CPU time
        // per post (utime + stime, 100 ticks a second).
        let inside = (m1.0 - m0.0) / (m1.1 - m0.1).max(1.0) * 1e6;
        let cpu = (cpu1 - cpu0) as f64 * 1e4 / r.posts as f64;
        println!(
            "{:<18} {:>8} {:>8.0} {:>6.1} {:>8} {:>8} {:>9} {:>10.0} {:>11.1}",
            format!("{conns} conn, batch {batch}"),
            n,
            r.posts as f64 / r.wall.as_secs_f64(),
            r.bytes as f64 / r.wall.as_secs_f64() / 1e6,
            p50.as_micros(),
            p99.as_micros(),
            p999.as_micros(),
            inside,
            cpu
        );
        if conns == 1 {
            overhead = Some(p50.saturating_sub(l50));
        }
    }
    if let Some(o) = overhead {
        println!(
            "\nper-request overhead at 1 connection (server p50 − library p50): {} µs",
            o.as_micros()
        );
    }
    if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) {
        for l in status.lines().filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS")) {
            println!("server {l}");
        }
    }
    let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
    let status = child.wait().expect("the server exits");
    println!("server exit: {status}");
}

/// The server's CPU time so far, in clock ticks (utime + stime of /proc/PID/stat).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses): state is field 3, utime 14.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (the state): utime and stime, fields 14 and 15, are at 11, 12.
    let at = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    at(11) + at(12)
}

/// The sum (seconds) and count of the server's latency histogram for `route`.
fn server_time(addr: SocketAddr, route: &str) -> (f64, f64) {
    let mut conn = Conn::open(addr);
    let text = String::from_utf8(conn.get("/metrics")).unwrap_or_default();
    let field = |name: &str| {
        let prefix = format!("cnpii_request_duration_seconds_{name}{{route=\"{route}\"}} ");
        text.lines()
            .find_map(|l| l.strip_prefix(&prefix))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0.0)
    };
    (field("sum"), field("count"))
}

/// Seeded ~1 KB posts: free Chinese text with identifiers, cut at line ends.
fn posts(n: usize) -> Vec<String> {
    let text = cnpii_corpora::generate(cnpii_corpora::Style::FreeText, 18, n * 1100).text;
    let text = String::from_utf8(text).expect("UTF-8");
    let mut out = Vec::with_capacity(n);
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        cur.push_str(line);
        if cur.len() >= 900 {
            out.push(std::mem::take(&mut cur));
            if out.len() == n {
                break;
            }
        }
    }
    out
}

struct Run {
    posts: usize,
    bytes: usize,
    wall: Duration,
    percentiles: (Duration, Duration, Duration),
}

/// `requests` requests over `conns` keep-alive connections, `batch` posts each.
fn drive(
    addr: SocketAddr,
    route: &str,
    posts: &Arc<Vec<String>>,
    expected: &Arc<Vec<usize>>,
    conns: usize,
    batch: usize,
    requests: usize,
) -> Run {
    let t0 = Instant::now();
    let workers: Vec<_> = (0..conns)
        .map(|c| {
            let (posts, expected, route) = (posts.clone(), expected.clone(), route.to_string());
            let share = requests / conns + usize::from(c < requests % conns);
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr);
                let mut lat = Vec::with_capacity(share);
                let (mut n_posts, mut n_bytes) = (0, 0);
                let mut k = c * 7919;
                let mut body = Vec::new();
                for _ in 0..share {
                    body.clear();
                    let mut want = 0;
                    if batch == 1 {
                        let i = k % posts.len();
                        body.extend_from_slice(b"{\"text\":");
                        serde_json::to_writer(&mut body, &posts[i]).unwrap();
                        want += expected[i];
                        n_bytes += posts[i].len();
                        k += 1;
                    } else {
                        body.extend_from_slice(b"{\"texts\":[");
                        for j in 0..batch {
                            let i = k % posts.len();
                            if j > 0 {
                                body.push(b',');
                            }
                            serde_json::to_writer(&mut body, &posts[i]).unwrap();
                            want += expected[i];
                            n_bytes += posts[i].len();
                            k += 1;
                        }
                        body.push(b']');
                    }
                    body.push(b'}');
                    let t = Instant::now();
                    let answer = conn.post(&route, &body);
                    lat.push(t.elapsed());
                    let got = count(&answer, b"\"kind\":");
                    assert_eq!(got, want, "the server's finding count differs from the library's");
                    n_posts += batch;
                }
                (lat, n_posts, n_bytes)
            })
        })
        .collect();
    let mut lat = Vec::with_capacity(requests);
    let (mut n_posts, mut n_bytes) = (0, 0);
    for w in workers {
        let (l, p, b) = w.join().expect("a client thread");
        lat.extend(l);
        n_posts += p;
        n_bytes += b;
    }
    let wall = t0.elapsed();
    Run { posts: n_posts, bytes: n_bytes, wall, percentiles: percentiles(&mut lat) }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

fn percentiles(v: &mut [Duration]) -> (Duration, Duration, Duration) {
    v.sort_unstable();
    let at = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
    (at(0.5), at(0.99), at(0.999))
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    r: BufReader<TcpStream>,
    w: TcpStream,
    head: Vec<u8>,
}

impl Conn {
    fn open(addr: SocketAddr) -> Conn {
        let s = TcpStream::connect(addr).expect("connect");
        s.set_nodelay(true).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        Conn {
            r: BufReader::with_capacity(1 << 16, s.try_clone().unwrap()),
            w: s,
            head: Vec::new(),
        }
    }

    fn get(&mut self, path: &str) -> Vec<u8> {
        self.head.clear();
        write!(self.head, "GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n").unwrap();
        self.answer()
    }

    fn post(&mut self, path: &str, body: &[u8]) -> Vec<u8> {
        self.head.clear();
        write!(
            self.head,
            "POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        self.head.extend_from_slice(body);
        self.answer()
    }

    fn answer(&mut self) -> Vec<u8> {
        self.w.write_all(&self.head).expect("send");
        let mut line = String::new();
        let mut len = 0usize;
        let mut status = String::new();
        loop {
            line.clear();
            self.r.read_line(&mut line).expect("answer");
            if status.is_empty() {
                status = line.clone();
                continue;
            }
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().expect("content-length");
                }
            }
        }
        assert!(status.starts_with("HTTP/1.1 200"), "status {status}");
        let mut body = vec![0; len];
        self.r.read_exact(&mut body).expect("body");
        body
    }
}
