//! Application log lines: Spring-Boot / logback style text lines, JSON lines, stack traces.

use crate::out::{Escape, Frag, Out};
use crate::rng::Rng;
use crate::tpl::{frag, Clock};

/// Messages that carry personal information.
const PII_MSGS: &[&str] = &[
    "用户下单成功，收件人手机 «mobile»，身份证 «id»",
    "实名认证请求 idCard=«id18» mobile=«mob» result=PASS cost=«ms»ms",
    "实名认证失败 idCard=«neg_bad_id» reason=CHECK_DIGIT_MISMATCH mobile=«mob»",
    "绑卡成功 userId=«n6» cardNo=«card» bank=«bank» reservedMobile=«mob»",
    "发送短信验证码 mobile=«mob» code=«code6» channel=aliyun bizId=«hex16»",
    "邮件已发送 to=«email» subject=订单确认 messageId=«uuid»",
    "用户登录成功 uid=«n6» client_ip=«ipx» device=Android appVersion=8.«n1».«n2»",
    "企业认证提交 uscc=«uscc» contactTel=«tel» legalMobile=«mob»",
    "车辆入场 plate=«plate» gate=«n1» parkId=«n4» fee=«amt»",
    "车辆出场 车牌«plate» 停车时长 «n2» 分钟 应收 «amt» 元",
    "出入境预约提交 «passport_cued» 预约日期 «date»",
    "护照信息校验通过 passportNo=«passport» nationality=CN",
    "客服回呼 callee=«tel» agent=«n4» duration=«n3»s",
    "订单 «neg_ts20» 已发货，收货人电话 «mobile»，快递单号 «waybill»",
    "request body: {\"mobile\":\"«mob»\",\"idCard\":\"«id18»\",\"bankCardNo\":\"«cardd»\",\"email\":\"«email»\",\"userId\":«neg_mob»}",
    "request body: {\"phone\":\"«mob»\",\"email\":\"«email»\",\"ts\":«neg_epoch»,\"nonce\":\"«hex16»\"}",
    "response: {\"code\":0,\"data\":{\"orderId\":\"«neg_ts20»\",\"phone\":\"«mob»\",\"amount\":«amt»}}",
    "调用风控接口 ip=«ip» deviceId=«uuid» phone=«mob» score=«n2»",
    "upstream «ip»:«port» read timeout after «ms»ms, retrying",
    "remote client [«ip6»]:«port» connected",
    "支付回调 tradeNo=«neg_ts20» cardNo=«card» amount=«amt» status=SUCCESS",
    "提现申请 «card_cue» 金额 «amt» 元 userId=«n6»",
    "商户资料更新 «tel_keyed» email=«email»",
    "客服热线 «svc» 已配置到 IVR 节点 «n3»",
    "同步用户资料 email=«email» mobile=«mobile» idCard=«id»",
    "工单 «n5» 来电号码 «phone» 已转人工",
    "健康检查失败 target=«url_ip» status=503",
    "实名信息 {\"name\":\"***\",\"idNo\":\"«id»\",\"phone\":\"«mobile»\"}",
    "开票信息 taxNo=«uscc» bankAccount=«cardd» tel=«tel_dash»",
    "黑名单命中 ip=«ip_pub» mobile=«mob» rule=R«n3»",
    "通知邮件退信 rcpt=«email» smtp=«ip»",
    "预订人护照 «passport»，联系电话 «mobile»",
];

/// Messages without personal information (hard negatives and plain operational noise).
const PLAIN_MSGS: &[&str] = &[
    "Completed 200 OK in «ms»ms",
    "HikariPool-1 - Pool stats (total=10, active=«n1», idle=«n1», waiting=0)",
    "GC pause (G1 Evacuation Pause) «ms»ms, heap «n3»M->«n3»M(2048M)",
    "cache hit ratio=«pct» size=«n4» evicted=«n2»",
    "查询订单列表 «neg_keyed» pageNo=1 pageSize=20 total=«n3»",
    "订单创建成功 «neg_snow» amount=«amt»",
    "client «neg_ver» os=Android 13",
    "短信发送成功 手机号 «neg_masked» 模板 SMS_«n6»",
    "签名校验 ts=«neg_epoch» nonce=«hex16» sign=«hex»",
    "加入用户群 «neg_qq» 群号 «n6»",
    "证书 «neg_oid» 校验通过",
    "device mac=«neg_mac» rssi=-«n2»",
    "invalid ip «neg_quad» ignored",
    "static asset «neg_email» loaded in «ms»ms",
    "waybill=«neg_glued» route=«n3»",
    "batchNo=«neg_ts20» size=«n3»",
    "refCode=«neg_code» status=«status»",
    "orgCode=«neg_uscc» rejected: checksum",
    "phone=«neg_1012» rejected: invalid segment",
    "mobile=«neg_run» rejected: bad length",
    "tradeNo=«neg_l62» queued",
    "ticket=«neg_eg» expired",
    "scheduled task «task» finished, cost=«ms»ms, next run at «neg_clock»",
    "Started OrderApplication in 8.«n3» seconds (JVM running for 9.«n3»)",
    "Redis connection reset, retry 1/3, elapsed «ms»ms",
    "kafka consumer group order-sync partition=«n1» offset=«n7» lag=«n2»",
    "定时任务执行完成，处理 «n3» 条，耗时 «ms»ms",
    "库存扣减成功 skuId=«n6» count=«n1» warehouse=WH«n2»",
    "用户手机号已脱敏 «neg_masked»",
    "traceId=«hex» spanId=«hex16» parentId=«hex16»",
    "用户信息查询 «neg_keyed» 命中缓存",
    "依赖版本 «neg_email» «neg_ver»",
    "Dubbo provider registered: com.example.user.api.UserService:1.0.0 timeout=«n4»",
    "feign 调用 order-service /api/v1/orders/«n6» 返回 «status» 耗时 «ms»ms",
    "分布式锁获取成功 key=lock:order:«n6» ttl=«n2»s",
    "SQL: select id, status from t_order where id = ? params=[«n6»] rows=1 cost=«ms»ms",
];

const LEVELS: &[(&str, u32)] = &[("INFO", 70), ("DEBUG", 12), ("WARN", 12), ("ERROR", 6)];
const LOGGERS: &[&str] = &[
    "c.e.order.service.OrderService",
    "c.e.user.controller.UserController",
    "c.e.pay.service.PayNotifyService",
    "c.e.risk.RiskEngine",
    "c.e.msg.SmsSender",
    "c.e.member.service.RealNameService",
    "c.e.gateway.filter.AccessLogFilter",
    "o.s.web.servlet.DispatcherServlet",
    "com.zaxxer.hikari.pool.HikariPool",
];

fn thread(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("http-nio-8080-exec-{}", rng.range(1, 200)),
        1 => format!("pool-{}-thread-{}", rng.range(1, 9), rng.range(1, 64)),
        2 => format!("XNIO-1 task-{}", rng.range(1, 32)),
        _ => format!("scheduling-{}", rng.range(1, 4)),
    }
}

/// Picks the message of one line; `pii_pct` is the chance of a message with personal information.
fn message(rng: &mut Rng, pii_pct: u32) -> Frag {
    let tpl = if rng.percent(pii_pct) { *rng.pick(PII_MSGS) } else { *rng.pick(PLAIN_MSGS) };
    frag(rng, tpl)
}

/// Writes one application-log record (one line, or an error with its stack trace).
pub(crate) fn line(out: &mut Out, rng: &mut Rng, clock: &mut Clock, pii_pct: u32, crlf: bool) {
    clock.tick(rng);
    let level = *rng.weighted(LEVELS);
    let logger = *rng.pick(LOGGERS);
    if level == "ERROR" && rng.percent(50) {
        stack_trace(out, rng, clock, crlf);
        return;
    }
    let msg = message(rng, pii_pct);
    match rng.below(10) {
        0..=4 => {
            // Spring Boot default pattern
            out.s(&format!(
                "{} {level:>5} {} --- [{:>15}] {logger:<40} : ",
                clock.log(),
                rng.range(1000, 65000),
                thread(rng)
            ));
            out.frag(&msg, Escape::None);
            if rng.percent(85) {
                out.s(&format!(
                    " [cost={}ms, ts={}, reqId={}]",
                    rng.range(1, 999),
                    clock.epoch_ms(),
                    crate::gen::hex_id(rng, 16)
                ));
            }
        }
        5..=7 => {
            // logback with MDC trace id
            out.s(&format!(
                "[{}] [{level}] [{}] [traceId={} spanId={}] {logger}:{} - ",
                clock.log_comma(),
                thread(rng),
                crate::gen::hex_id(rng, 32),
                crate::gen::hex_id(rng, 16),
                rng.range(20, 900)
            ));
            out.frag(&msg, Escape::None);
        }
        _ => {
            // JSON lines (logstash encoder)
            out.s(&format!(
                "{{\"@timestamp\":\"{}\",\"level\":\"{level}\",\"pid\":{},\"thread\":\"{}\",\"logger\":\"{logger}\",\"traceId\":\"{}\",\"spanId\":\"{}\",\"seq\":{},\"message\":\"",
                clock.iso(),
                rng.range(1000, 65000),
                thread(rng),
                crate::gen::hex_id(rng, 32),
                crate::gen::hex_id(rng, 16),
                rng.range(1, 9_999_999)
            ));
            out.frag(&msg, Escape::Json);
            out.s("\"}");
        }
    }
    out.eol(crlf);
}

const EXCEPTIONS: &[&str] = &[
    "java.lang.IllegalArgumentException: 手机号格式不正确: «neg_masked»",
    "java.lang.IllegalStateException: 重复提交 «neg_keyed»",
    "java.net.SocketTimeoutException: connect timed out to «ip»:«port»",
    "com.example.common.BizException: 身份证校验失败 «neg_bad_id»",
    "com.example.common.BizException: 银行卡号 «card» 不支持该业务",
    "org.springframework.dao.DuplicateKeyException: Duplicate entry '«mob»' for key 'uk_mobile'",
    "java.lang.NullPointerException: null",
    "redis.clients.jedis.exceptions.JedisConnectionException: Failed connecting to «ip»:6379",
];

const FRAMES: &[&str] = &[
    "com.example.order.service.OrderService.create(OrderService.java:«n3»)",
    "com.example.order.controller.OrderController.submit(OrderController.java:«n2»)",
    "com.example.member.service.RealNameService.verify(RealNameService.java:«n3»)",
    "sun.reflect.GeneratedMethodAccessor«n3».invoke(Unknown Source)",
    "org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:186)",
    "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)",
    "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:166)",
    "java.base/java.lang.Thread.run(Thread.java:833)",
];

fn stack_trace(out: &mut Out, rng: &mut Rng, clock: &Clock, crlf: bool) {
    out.s(&format!(
        "{} ERROR {} --- [{:>15}] {:<40} : 请求处理异常 traceId={}",
        clock.log(),
        rng.range(1000, 65000),
        thread(rng),
        rng.pick(LOGGERS),
        crate::gen::hex_id(rng, 32)
    ));
    out.eol(crlf);
    let tpl = *rng.pick(EXCEPTIONS);
    let e = frag(rng, tpl);
    out.frag(&e, Escape::None);
    out.eol(false);
    let n = rng.between(3, 7);
    for _ in 0..n {
        let tpl = *rng.pick(FRAMES);
        let f = frag(rng, tpl);
        out.s("\tat ");
        out.frag(&f, Escape::None);
        out.eol(false);
    }
    out.s(&format!("\t... {} common frames omitted", rng.range(20, 90)));
    out.eol(false);
}
