//! `cnpii serve` (issue #18): the real binary on an ephemeral loopback port, talked to over
//! raw HTTP/1.1 on `std::net::TcpStream` (no client library): every route, batch and plain
//! bodies, each error status, the tokens, detokenize off by default, bounded concurrent
//! clients, SIGTERM with requests in flight, and the same answers as `cnpii scan --json` /
//! `cnpii redact` on the same bytes.
//!
//! Every server is killed when its test ends (`Server`'s `Drop`), and every socket has a
//! time-out, so a broken server fails a test instead of hanging it.

use crate::util::{json_lines, Dir, SAMPLE};
use cnpii_corpora::{generate, Style};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

const IO_TIMEOUT: Duration = Duration::from_secs(20);

/// A running `cnpii serve`.
struct Server {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(dir: &Dir, args: &[&str]) -> Server {
        Server::start_env(dir, args, &[])
    }

    fn start_env(dir: &Dir, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cnpii"));
        cmd.current_dir(dir.path())
            .args(["serve", "--listen", "127.0.0.1:0", "-j", "2"])
            .args(args)
            .env_remove("CNPII_KEY")
            .env_remove("CNPII_SERVE_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("cnpii serve starts");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let lines = log.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Ok(v) = serde_json::from_str::<Value>(&line) {
                    if v["event"] == "listening" {
                        let _ = tx.send(v["addr"].as_str().unwrap_or("").to_string());
                    }
                }
                lines.lock().unwrap().push(line);
            }
        });
        let addr = match rx.recv_timeout(IO_TIMEOUT) {
            Ok(a) => a.parse().expect("a socket address"),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start: {:?}", log.lock().unwrap());
            }
        };
        Server { child, addr, log, reader: Some(reader) }
    }

    fn pid(&self) -> String {
        self.child.id().to_string()
    }

    /// One request on its own connection.
    fn req(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let mut s = Pending::open(self.addr, method, path, headers, body.len(), &body[..0]);
        s.finish(body)
    }

    fn post_json(&self, path: &str, body: &Value) -> Resp {
        self.req("POST", path, &[("Content-Type", "application/json")], body.to_string().as_bytes())
    }

    fn get(&self, path: &str) -> Resp {
        self.req("GET", path, &[], b"")
    }

    /// The `cnpii_requests_in_flight` gauge (this request included).
    fn in_flight(&self) -> i64 {
        let m = self.get("/metrics");
        let text = String::from_utf8(m.body).unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix("cnpii_requests_in_flight "))
            .and_then(|n| n.parse().ok())
            .expect("the in-flight gauge")
    }

    /// Waits until `n` requests besides the probe are in flight.
    fn wait_in_flight(&self, n: i64) {
        let t0 = Instant::now();
        while self.in_flight() < n + 1 {
            assert!(t0.elapsed() < IO_TIMEOUT, "requests did not reach the server");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// The log once `ready` holds for it (the access log is written every few milliseconds).
    fn log_when(&self, ready: impl Fn(&str) -> bool) -> String {
        let t0 = Instant::now();
        loop {
            let log = self.log_text();
            if ready(&log) || t0.elapsed() > IO_TIMEOUT {
                return log;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends SIGTERM.
    fn terminate(&self) {
        let ok = Command::new("kill").args(["-TERM", &self.pid()]).status().unwrap();
        assert!(ok.success());
    }

    /// Waits for the process to exit, and for its stderr to be read to the end.
    fn wait(&mut self) -> ExitStatus {
        let t0 = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                if let Some(r) = self.reader.take() {
                    r.join().unwrap();
                }
                return s;
            }
            assert!(t0.elapsed() < IO_TIMEOUT, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A request whose body is not all sent yet.
struct Pending {
    stream: TcpStream,
}

impl Pending {
    fn open(
        addr: SocketAddr,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        len: usize,
        part: &[u8],
    ) -> Pending {
        let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT).expect("connect");
        stream.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
        stream.set_write_timeout(Some(IO_TIMEOUT)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {len}\r\n"
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(part).unwrap();
        Pending { stream }
    }

    /// Sends the rest of the body and reads the answer.
    fn finish(&mut self, rest: &[u8]) -> Resp {
        // The server may answer (and close) before reading a body it refuses.
        let _ = self.stream.write_all(rest);
        let mut raw = Vec::new();
        let _ = self.stream.read_to_end(&mut raw);
        Resp::parse(&raw)
    }
}

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Resp {
    fn parse(raw: &[u8]) -> Resp {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(raw)));
        let head = std::str::from_utf8(&raw[..end]).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Resp { status, headers, body: raw[end + 4..].to_vec() }
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Asserts an error answer: the status, a JSON body naming it, and the code.
    fn error(&self, status: u16, code: &str) {
        let v = self.json();
        assert_eq!(self.status, status, "{v}");
        assert_eq!(v["error"]["status"], status, "{v}");
        assert_eq!(v["error"]["code"], code, "{v}");
        assert_eq!(self.header("content-type"), Some("application/json"));
    }
}

/// Posts of about 1 KB cut from a seeded generated corpus at line ends.
fn posts(seed: u64, n: usize) -> Vec<String> {
    let text = String::from_utf8(generate(Style::Mixed, seed, n * 1200).text).unwrap();
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.split_inclusive('\n') {
        cur.push_str(line);
        if cur.len() >= 1000 {
            out.push(std::mem::take(&mut cur));
        }
    }
    out.truncate(n);
    out
}

/// A finding without what the CLI does not print (char offsets), as the CLI prints it.
fn comparable(f: &Value) -> Value {
    let mut v = json!({
        "kind": f["kind"], "start": f["start"], "end": f["end"], "line": f["line"],
        "confidence": f["confidence"],
    });
    if let Some(d) = f.get("detail") {
        v["detail"] = d.clone();
    }
    v
}

#[test]
fn same_findings_and_redaction_as_the_cli() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    let mut texts = posts(18, 8);
    texts.push(SAMPLE.to_string());
    texts.push("{\"mobile\":\"13812345678\",\"name\":\"张伟\"}\n".to_string());
    texts.push(
        "联系人：王小明，电话 138-1234-5678，住址北京市朝阳区建国路88号3号楼2单元1201室".into(),
    );
    let batch = server.post_json("/v1/redact", &json!({ "texts": texts }));
    assert_eq!(batch.status, 200);
    let results = batch.json()["results"].as_array().unwrap().clone();
    assert_eq!(results.len(), texts.len());
    let mut total = 0;
    for (text, got) in texts.iter().zip(&results) {
        let scan =
            dir.cmd().args(["scan", "--json"]).write_stdin(text.as_bytes()).output().unwrap();
        let want: Vec<Value> = json_lines(&scan.stdout)
            .into_iter()
            .filter(|v| v["type"] == "finding")
            .map(|mut v| {
                let o = v.as_object_mut().unwrap();
                o.remove("type");
                o.remove("path");
                v
            })
            .collect();
        let found: Vec<Value> =
            got["findings"].as_array().unwrap().iter().map(comparable).collect();
        assert_eq!(found, want, "findings of {text:?}");
        total += found.len();
        let redact = dir.cmd().arg("redact").write_stdin(text.as_bytes()).output().unwrap();
        assert!(redact.status.success());
        assert_eq!(
            got["text"].as_str().unwrap().as_bytes(),
            &redact.stdout[..],
            "redaction of {text:?}"
        );
        // Character offsets point at the same characters as the byte offsets.
        for f in got["findings"].as_array().unwrap() {
            let (b0, b1) =
                (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
            let (c0, c1) = (
                f["char_start"].as_u64().unwrap() as usize,
                f["char_end"].as_u64().unwrap() as usize,
            );
            let by_chars: String = text.chars().skip(c0).take(c1 - c0).collect();
            assert_eq!(by_chars, text[b0..b1]);
            assert!(f.get("value").is_none(), "no values without --allow-values");
        }
    }
    assert!(total > 20, "the posts hold findings ({total})");
    // The scan route gives the same findings as the redact route, one text at a time too.
    for (text, got) in texts.iter().zip(&results).take(3) {
        let one = server.post_json("/v1/scan", &json!({ "text": text }));
        assert_eq!(one.status, 200);
        assert_eq!(one.json()["findings"], got["findings"]);
        assert!(one.json().get("text").is_none());
    }
}

#[test]
fn plain_bodies_batches_health_metrics_and_the_access_log() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--allow-policy", "placeholder"]);
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");

    let plain = server.req(
        "POST",
        "/v1/redact",
        &[("Content-Type", "text/plain; charset=utf-8")],
        "手机 13812345678\n".as_bytes(),
    );
    assert_eq!(plain.status, 200);
    let v = plain.json();
    assert_eq!(v["text"], "手机 138****5678\n");
    assert_eq!(v["findings"][0]["kind"], "phone");
    assert_eq!(
        (v["findings"][0]["start"].as_u64(), v["findings"][0]["char_start"].as_u64()),
        (Some(7), Some(3))
    );

    let batch = server.post_json(
        "/v1/redact",
        &json!({"texts": ["手机 13812345678", "无", "邮箱 li.si@example.com"], "policy": "placeholder"}),
    );
    assert_eq!(batch.status, 200);
    let texts: Vec<Value> =
        batch.json()["results"].as_array().unwrap().iter().map(|r| r["text"].clone()).collect();
    assert_eq!(texts, vec![json!("手机 <PHONE>"), json!("无"), json!("邮箱 <EMAIL>")]);

    // kinds narrows the scan; column is a column hint.
    let kinds = server.post_json("/v1/scan", &json!({"text": SAMPLE, "kinds": ["email"]}));
    let kinds: Vec<Value> =
        kinds.json()["findings"].as_array().unwrap().iter().map(|f| f["kind"].clone()).collect();
    assert_eq!(kinds, vec![json!("email")]);
    let bare = server.post_json("/v1/scan", &json!({"text": "艾力"}));
    assert_eq!(bare.json()["findings"], json!([]));
    let hinted = server.post_json("/v1/scan", &json!({"text": "艾力", "column": "real_name"}));
    assert_eq!(hinted.json()["findings"][0]["kind"], "name");
    assert_eq!(hinted.json()["findings"][0]["end"], 6);
    // As the CLI finds it in a JSON Lines record `{"real_name":"艾力"}`, offsets moved to the text.
    let cli = dir
        .cmd()
        .args(["scan", "--json", "--format", "jsonl"])
        .write_stdin(r#"{"real_name":"艾力"}"#)
        .output()
        .unwrap();
    let cli = &json_lines(&cli.stdout)[0];
    assert_eq!(cli["start"], 14);
    assert_eq!(hinted.json()["findings"][0]["confidence"], cli["confidence"]);

    // A plain body takes its options from the query string.
    let plain_ct = [("Content-Type", "text/plain")];
    let r = server.req(
        "POST",
        "/v1/redact?kinds=phone&policy=placeholder",
        &plain_ct,
        "手机 13812345678 邮箱 li.si@example.com".as_bytes(),
    );
    assert_eq!(r.json()["text"], "手机 <PHONE> 邮箱 li.si@example.com");
    let r = server.req("POST", "/v1/scan?column=real%5Fname", &plain_ct, "艾力".as_bytes());
    assert_eq!(r.json()["findings"][0]["kind"], "name");
    server.req("POST", "/v1/scan?x=13812345678", &plain_ct, b"x").error(400, "invalid_request");
    server
        .req(
            "POST",
            "/v1/scan?kinds=phone",
            &[("Content-Type", "application/json")],
            b"{\"text\":\"x\"}",
        )
        .error(400, "invalid_request");

    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    assert!(metrics.header("content-type").unwrap().starts_with("text/plain"));
    let m = String::from_utf8(metrics.body).unwrap();
    for want in [
        "cnpii_requests_total{route=\"/v1/redact\",status=\"200\"} 3\n",
        "cnpii_findings_total{kind=\"phone\"} 3\n",
        "cnpii_findings_total{kind=\"email\"} 2\n",
        "cnpii_texts_total{route=\"/v1/redact\"} 5\n",
        "cnpii_request_duration_seconds_count{route=\"/v1/scan\"} 6\n",
        "cnpii_request_duration_seconds_bucket{route=\"/v1/scan\",le=\"+Inf\"} 6\n",
    ] {
        assert!(m.contains(want), "{want} in\n{m}");
    }
    assert!(!m.contains("13812345678") && !m.contains("艾力"));

    // One JSON line per request, with counts and no text.
    let log = server.log_when(|l| l.matches(r#""route":"#).count() >= 11);
    let lines: Vec<Value> = log
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v.get("route").is_some())
        .collect();
    assert_eq!(lines.len(), 11, "{log}");
    let first = &lines[1];
    assert_eq!(first["route"], "/v1/redact");
    assert_eq!(first["status"], 200);
    assert_eq!(first["findings"], 1);
    assert_eq!(first["bytes_in"], "手机 13812345678\n".len());
    assert!(first["time"].as_str().unwrap().ends_with('Z'));
    assert!(first["latency_us"].is_u64() && first["bytes_out"].is_u64());
    for secret in ["13812345678", "138****5678", "艾力", "li.si", "real_name"] {
        assert!(!log.contains(secret), "{secret} in the log");
    }
}

#[test]
fn error_statuses_with_json_bodies_and_no_values() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--max-body", "300", "--max-batch", "2"]);
    let json_ct = [("Content-Type", "application/json")];
    let mut bodies = Vec::new();

    let r = server.req("POST", "/v1/scan", &json_ct, &[b'x'; 301]);
    r.error(413, "body_too_large");
    bodies.push(r);
    let r = server.post_json("/v1/scan", &json!({"texts": ["13812345678", "a", "b"]}));
    r.error(413, "batch_too_large");
    bodies.push(r);
    let r = server.req("POST", "/v1/scan", &json_ct, b"{\"text\": \"13812345678");
    r.error(400, "invalid_json");
    bodies.push(r);
    let r = server.post_json("/v1/scan", &json!({"text": ["13812345678"]}));
    r.error(400, "invalid_request");
    bodies.push(r);
    let r = server.post_json("/v1/scan", &json!({"txt": "13812345678"}));
    r.error(400, "invalid_request");
    bodies.push(r);
    let r = server.post_json("/v1/scan", &json!({"text": "x", "kinds": ["phone", "13812345678"]}));
    r.error(400, "unknown_kind");
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("kinds[1]"));
    bodies.push(r);
    let r = server.post_json("/v1/redact", &json!({"text": "x", "policy": "keep"}));
    r.error(400, "policy_not_allowed");
    bodies.push(r);
    let r =
        server.req("POST", "/v1/scan", &[("Content-Type", "text/plain")], b"tel \xff 13812345678");
    r.error(400, "invalid_utf8");
    bodies.push(r);
    let r = server.req(
        "POST",
        "/v1/scan",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"text=13812345678",
    );
    r.error(415, "unsupported_media_type");
    bodies.push(r);
    let r = server.req("POST", "/v1/scan", &[], b"13812345678");
    r.error(415, "unsupported_media_type");
    bodies.push(r);
    let r = server.req("POST", "/v1/scan", &[("Content-Type", "text/plain; charset=gbk")], b"x");
    r.error(415, "unsupported_media_type");
    bodies.push(r);
    server.get("/v1/scan").error(405, "method_not_allowed");
    server.get("/13812345678").error(404, "not_found");
    // Detokenize is off unless asked for.
    server
        .post_json("/v1/detokenize", &json!({"text": "13812345678"}))
        .error(404, "detokenize_disabled");

    for r in &bodies {
        let text = String::from_utf8_lossy(&r.body);
        assert!(!text.contains("13812345678"), "a value in {text}");
    }
    let log = server.log_when(|l| l.matches(r#""route":"#).count() >= 14);
    assert!(!log.contains("13812345678"), "a value in the log: {log}");
    assert!(log.contains(r#""route":"other","status":404"#), "{log}");
}

#[test]
fn bearer_tokens() {
    let dir = Dir::new();
    let token = "s3cret-token-0123456789";
    dir.create("token", format!("{token}\n"));
    let server = Server::start(&dir, &["--token-file", "token"]);
    let body = r#"{"text":"手机 13812345678"}"#.as_bytes();
    let ct = ("Content-Type", "application/json");
    let r = server.req("POST", "/v1/scan", &[ct], body);
    r.error(401, "unauthorized");
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    server
        .req("POST", "/v1/scan", &[ct, ("Authorization", "Bearer wrong-token-0123456789")], body)
        .error(401, "unauthorized");
    server
        .req("POST", "/v1/scan", &[ct, ("Authorization", token)], body)
        .error(401, "unauthorized");
    let auth = format!("Bearer {token}");
    let ok = server.req("POST", "/v1/scan", &[ct, ("Authorization", &auth)], body);
    assert_eq!(ok.status, 200);
    assert_eq!(ok.json()["findings"][0]["kind"], "phone");
    server.get("/metrics").error(401, "unauthorized");
    assert_eq!(server.req("GET", "/metrics", &[("Authorization", &auth)], b"").status, 200);
    assert_eq!(server.get("/healthz").status, 200);
    assert!(!server.log_text().contains(token));
    drop(server);

    // The token may come from the environment instead.
    let server = Server::start_env(&dir, &[], &[("CNPII_SERVE_TOKEN", token)]);
    server.req("POST", "/v1/scan", &[ct], body).error(401, "unauthorized");
    assert_eq!(server.req("POST", "/v1/scan", &[ct, ("Authorization", &auth)], body).status, 200);
    drop(server);

    // Without a token: loopback only.
    let out = dir
        .cmd()
        .env_remove("CNPII_SERVE_TOKEN")
        .args(["serve", "--listen", "0.0.0.0:0"])
        .timeout(IO_TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refusing to listen on 0.0.0.0:0 without authentication"), "{err}");
    // A short token is refused, and never printed.
    dir.create("short", "abc\n");
    let out =
        dir.cmd().args(["serve", "--token-file", "short"]).timeout(IO_TIMEOUT).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("abc"));
}

#[test]
fn detokenize_needs_its_own_token() {
    let dir = Dir::new();
    dir.create("key", "0123456789abcdef0123456789abcdef\n");
    dir.create("token", "main-token-0123456789\n");
    dir.create("detok", "detok-token-0123456789\n");
    let server = Server::start(
        &dir,
        &[
            "--policy",
            "tokenize",
            "--key-file",
            "key",
            "--token-file",
            "token",
            "--allow-detokenize",
            "--detokenize-token-file",
            "detok",
        ],
    );
    let main = ("Authorization", "Bearer main-token-0123456789");
    let detok = ("Authorization", "Bearer detok-token-0123456789");
    let ct = ("Content-Type", "application/json");
    let text = "手机 13812345678，身份证 11010519491231002X";
    let body = json!({ "text": text }).to_string();
    let red = server.req("POST", "/v1/redact", &[ct, main], body.as_bytes());
    assert_eq!(red.status, 200);
    let tokens = red.json()["text"].as_str().unwrap().to_string();
    assert_ne!(tokens, text);
    assert_eq!(red.json()["findings"].as_array().unwrap().len(), 2);
    // The same tokens as the CLI with the same key.
    let cli = dir
        .cmd()
        .args(["redact", "--policy", "tokenize", "--key-file", "key"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(cli.stdout).unwrap(), tokens);

    let back = json!({ "texts": [tokens] }).to_string();
    server.req("POST", "/v1/detokenize", &[ct, main], back.as_bytes()).error(401, "unauthorized");
    server.req("POST", "/v1/detokenize", &[ct], back.as_bytes()).error(401, "unauthorized");
    let r = server.req("POST", "/v1/detokenize", &[ct, detok], back.as_bytes());
    assert_eq!(r.status, 200, "{:?}", r.json());
    assert_eq!(r.json()["results"][0]["text"], text);
    assert!(r.json()["results"][0].get("findings").is_none());
    // The detokenize token opens nothing else.
    server.req("POST", "/v1/redact", &[ct, detok], body.as_bytes()).error(401, "unauthorized");
}

#[test]
fn allow_values_adds_the_values() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--allow-values"]);
    let r = server.post_json("/v1/scan", &json!({"text": "手机 13812345678"}));
    assert_eq!(r.json()["findings"][0]["value"], "13812345678");
}

#[test]
fn load_shedding_and_time_out() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--max-concurrency", "1", "--timeout-ms", "3000"]);
    let ct = [("Content-Type", "application/json")];
    let body = r#"{"text":"手机 13812345678"}"#.as_bytes();
    // A request whose body stalls holds the only slot ...
    let started = Instant::now();
    let mut stalled = Pending::open(server.addr, "POST", "/v1/scan", &ct, body.len(), &body[..5]);
    server.wait_in_flight(1);
    // ... so the next one is refused at once, not queued.
    let t0 = Instant::now();
    let shed = server.req("POST", "/v1/scan", &ct, body);
    shed.error(503, "overloaded");
    assert_eq!(shed.header("retry-after"), Some("1"));
    assert!(t0.elapsed() < Duration::from_millis(2000), "{:?}", t0.elapsed());
    // The stalled one times out.
    let r = stalled.finish(b"");
    r.error(408, "timeout");
    assert!(started.elapsed() >= Duration::from_millis(2900), "{:?}", started.elapsed());
    // And the slot is free again.
    assert_eq!(server.req("POST", "/v1/scan", &ct, body).status, 200);
}

#[test]
fn concurrent_clients_get_complete_answers() {
    let dir = Dir::new();
    let server = Arc::new(Server::start(&dir, &[]));
    let texts = posts(77, 8);
    // The answer to each text, one at a time.
    let want: Vec<Value> = texts
        .iter()
        .map(|t| server.post_json("/v1/redact", &json!({ "text": t })).json())
        .collect();
    let (texts, want) = (Arc::new(texts), Arc::new(want));
    let clients: Vec<_> = (0..8)
        .map(|c| {
            let (server, texts, want) = (server.clone(), texts.clone(), want.clone());
            std::thread::spawn(move || {
                for i in 0..12 {
                    let k = (c * 5 + i) % texts.len();
                    let r = server.post_json("/v1/redact", &json!({ "text": texts[k] }));
                    assert_eq!(r.status, 200);
                    assert_eq!(r.json(), want[k], "client {c}, request {i}");
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    let m = String::from_utf8(server.get("/metrics").body).unwrap();
    assert!(m.contains("cnpii_requests_total{route=\"/v1/redact\",status=\"200\"} 104\n"), "{m}");
}

#[test]
fn sigterm_answers_requests_in_flight_and_exits_0() {
    let dir = Dir::new();
    let mut server = Server::start(&dir, &[]);
    let ct = [("Content-Type", "application/json")];
    let body = json!({"text": "手机 13812345678"}).to_string();
    let body = body.as_bytes();
    let mut pending: Vec<Pending> = (0..3)
        .map(|_| Pending::open(server.addr, "POST", "/v1/redact", &ct, body.len(), &body[..4]))
        .collect();
    server.wait_in_flight(3);
    server.terminate();
    // The listener closes: new connections are refused.
    let t0 = Instant::now();
    while TcpStream::connect_timeout(&server.addr, Duration::from_millis(200)).is_ok() {
        assert!(t0.elapsed() < IO_TIMEOUT, "still accepting after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Every request in flight is answered in full.
    for p in &mut pending {
        let r = p.finish(&body[4..]);
        assert_eq!(r.status, 200);
        assert_eq!(r.json()["text"], "手机 138****5678");
    }
    let status = server.wait();
    assert_eq!(status.code(), Some(0));
    let log = server.log_text();
    assert!(log.contains(r#""event":"shutdown","signal":"SIGTERM""#), "{log}");
    assert!(log.contains(r#""event":"stopped""#), "{log}");
    // The access log of the requests answered during shutdown is written out before the exit.
    assert_eq!(log.matches(r#""route":"/v1/redact","status":200"#).count(), 3, "{log}");
}

/// Sends `GET /healthz` on a kept-alive connection and reads exactly one answer: its status.
fn healthz_on(stream: &mut TcpStream) -> Option<u16> {
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n").ok()?;
    let mut r = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let status = line.split(' ').nth(1)?.parse().ok()?;
    let mut len = 0;
    loop {
        line.clear();
        r.read_line(&mut line).ok()?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                len = v.trim().parse().ok()?;
            }
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(status)
}

/// Whether the server closes `stream` (EOF or reset) within `within`.
fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    stream.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 256];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) => {
                return !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                )
            }
        }
    }
}

#[test]
fn slow_heads_idle_connections_and_the_connection_limit() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--timeout-ms", "1000", "--max-connections", "2"]);
    let connect = || {
        let s = TcpStream::connect_timeout(&server.addr, IO_TIMEOUT).unwrap();
        s.set_read_timeout(Some(IO_TIMEOUT)).unwrap();
        s
    };
    // A head that never ends does not hold its connection for ever.
    let t0 = Instant::now();
    let mut slow = connect();
    slow.write_all(b"POST /v1/scan HTTP/1.1\r\nHost: t\r\n").unwrap();
    assert!(closed_within(&mut slow, IO_TIMEOUT));
    assert!(t0.elapsed() >= Duration::from_millis(900), "{:?}", t0.elapsed());
    drop(slow);
    // Two connections are the limit: a third is closed at once, unanswered.
    let mut b = connect();
    let mut c = connect();
    assert_eq!(healthz_on(&mut b), Some(200));
    assert_eq!(healthz_on(&mut c), Some(200));
    let mut d = connect();
    assert_eq!(healthz_on(&mut d), None);
    // A kept-alive connection that stays idle is closed too, which frees its place.
    let t0 = Instant::now();
    assert!(closed_within(&mut c, IO_TIMEOUT));
    assert!(t0.elapsed() < Duration::from_secs(5));
    drop(b);
    let t0 = Instant::now();
    loop {
        let mut e = connect();
        if healthz_on(&mut e) == Some(200) {
            break;
        }
        assert!(t0.elapsed() < IO_TIMEOUT, "the limit did not free up");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn request_kinds_within_the_servers_kinds() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--kinds", "phone,email"]);
    let r = server.post_json("/v1/scan", &json!({"text": SAMPLE}));
    let kinds: Vec<Value> =
        r.json()["findings"].as_array().unwrap().iter().map(|f| f["kind"].clone()).collect();
    assert_eq!(kinds, vec![json!("phone"), json!("email")]);
    // The same as the CLI with the same flags.
    let cli = dir
        .cmd()
        .args(["--kinds", "phone,email", "scan", "--json"])
        .write_stdin(SAMPLE)
        .output()
        .unwrap();
    assert_eq!(json_lines(&cli.stdout).len(), 3);
    let r = server.post_json("/v1/scan", &json!({"text": SAMPLE, "kinds": ["email"]}));
    assert_eq!(r.json()["findings"].as_array().unwrap().len(), 1);
    let r = server.post_json("/v1/scan", &json!({"text": SAMPLE, "kinds": ["email", "id_card"]}));
    r.error(400, "kind_not_enabled");
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("kinds[1]"));
    server
        .post_json("/v1/scan", &json!({"text": SAMPLE, "kinds": []}))
        .error(400, "invalid_request");
}
