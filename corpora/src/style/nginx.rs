//! nginx access log lines (combined format, sometimes with upstream timing fields).

use crate::gen;
use crate::kind;
use crate::out::{Escape, Out};
use crate::rng::Rng;
use crate::tpl::{frag, Clock};

/// Requests whose query string or path carries personal information.
const PII_REQUESTS: &[&str] = &[
    "GET /api/v1/sms/send?mobile=«mob»&type=login&ts=«neg_epoch» HTTP/1.1",
    "POST /api/v1/order/create?phone=«mob»&channel=app&version=«neg_ver4» HTTP/1.1",
    "GET /api/v2/users/«id18»/verify HTTP/1.1",
    "GET /api/v1/realname/check?idcard=«id18»&mobile=«mob» HTTP/1.1",
    "GET /api/v1/passport/check?passportNo=«passport»&ts=«neg_epoch» HTTP/1.1",
    "POST /api/v1/card/bind?card_no=«cardd»&mobile=«mob» HTTP/1.1",
    "GET /api/v1/user/email/verify?email=«email»&code=«code6» HTTP/1.1",
    "GET /api/v1/track?tel=«tel_key»&from=h5 HTTP/1.1",
    "GET /api/v1/invoice/title?taxNo=«uscc» HTTP/1.1",
    "POST /api/v1/login?username=«mob»&captcha=«code6» HTTP/1.1",
    "GET /api/v1/contact?phone=«mob»&email=«email» HTTP/1.1",
    "GET /api/v1/proxy?target=«url_ip» HTTP/1.1",
];

/// Requests without personal information (some with hard negatives).
const PLAIN_REQUESTS: &[&str] = &[
    "GET /api/v1/user/profile?uid=«neg_mob»&ts=«neg_epoch» HTTP/1.1",
    "GET /api/v1/orders?user_id=«neg_mob»&page=«n1»&size=20 HTTP/1.1",
    "GET /api/v1/order/detail?order_id=«neg_snow_v»&sign=«hex» HTTP/1.1",
    "GET /api/v1/trace?traceId=«neg_snow_v»&seq=«neg_snow_v» HTTP/1.1",
    "GET /api/v1/config?version=«neg_ver4»&platform=ios HTTP/1.1",
    "GET /health HTTP/1.1",
    "GET /static/js/app.«hex16».js HTTP/1.1",
    "GET /static/img/icon@2x.png HTTP/1.1",
    "GET /m/search?keyword=%E6%89%8B%E6%9C%BA&page=«n1» HTTP/1.1",
    "GET /api/v1/stores/nearby?lat=30.«n4»&lng=120.«n4»&radius=«n4» HTTP/1.1",
    "POST /api/v1/upload HTTP/1.1",
    "GET /api/v1/pay/notify?out_trade_no=«neg_ts20»&total_fee=«n4» HTTP/1.1",
    "GET /api/v1/goods/«n6»?spm=a1z«n2».«n4».«n2» HTTP/1.1",
    "GET /favicon.ico HTTP/1.1",
    "GET /api/v1/sms/status?mobile=«neg_masked»&bizId=«hex16» HTTP/1.1",
    "GET /api/v1/coupon/list?qq=«neg_qq_v»&t=«neg_epoch» HTTP/1.1",
];

const REFERERS: &[&str] = &[
    "-",
    "-",
    "https://m.example.cn/pages/order/confirm?from=app",
    "https://servicewechat.com/wx«hex16»/«n2»/page-frame.html",
    "https://www.example.com.cn/item/«n6».html",
    "https://www.baidu.com/link?url=«hex»",
    "«url_ip»",
];

const UAS: &[&str] = &[
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) «neg_chrome» Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.«n2»(0x18002a2d) NetType/WIFI Language/zh_CN",
    "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 «neg_chrome» Mobile Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
    "okhttp/4.9.3",
    "Apache-HttpClient/4.5.13 (Java/1.8.0_351)",
    "Dalvik/2.1.0 (Linux; U; Android 12; M2012K11AC Build/SKQ1.211006.001)",
    "curl/7.68.0",
    "Go-http-client/1.1",
];

/// Writes one access-log line. `pii_pct`: chance that the request carries personal information
/// (the client address is always one).
pub(crate) fn line(
    out: &mut Out,
    rng: &mut Rng,
    clock: &mut Clock,
    pii_pct: u32,
    ext_pct: u32,
    crlf: bool,
) {
    clock.tick(rng);
    if rng.percent(90) {
        out.pii(kind::IP, &gen::ipv4_public(rng));
    } else {
        out.pii(kind::IP, &gen::ipv6(rng));
    }
    out.s(&format!(" - - [{}] \"", clock.nginx()));
    let req =
        if rng.percent(pii_pct) { *rng.pick(PII_REQUESTS) } else { *rng.pick(PLAIN_REQUESTS) };
    let f = frag(rng, req);
    out.frag(&f, Escape::None);
    let status = frag(rng, "«status»").text;
    out.s(&format!("\" {status} {} \"", rng.range(0, 60_000)));
    let referer = *rng.pick(REFERERS);
    let f = frag(rng, referer);
    out.frag(&f, Escape::None);
    out.s("\" \"");
    let ua = *rng.pick(UAS);
    let f = frag(rng, ua);
    out.frag(&f, Escape::None);
    out.s("\"");
    if rng.percent(ext_pct) {
        // "$http_x_forwarded_for" rt= uct= urt= upstream=
        out.s(" \"");
        match rng.below(3) {
            0 => out.s("-"),
            1 => out.pii(kind::IP, &gen::ipv4_public(rng)),
            _ => {
                out.pii(kind::IP, &gen::ipv4_public(rng));
                out.s(", ");
                out.pii(kind::IP, &gen::ipv4(rng));
            }
        }
        let rt = rng.range(1, 3000);
        out.s(&format!(
            "\" rt={}.{:03} uct=\"0.{:03}\" urt=\"{}.{:03}\" upstream=\"",
            rt / 1000,
            rt % 1000,
            rng.below(20),
            rt / 1000,
            (rt % 1000).saturating_sub(1)
        ));
        out.pii(kind::IP, &gen::ipv4(rng));
        out.s(&format!(":{}\"", rng.pick(&["8080", "8081", "9000", "80"])));
    }
    out.eol(crlf);
}
