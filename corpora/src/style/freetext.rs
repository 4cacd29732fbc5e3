//! Free Chinese text: forum posts, comments, classified ads, chat messages.
//!
//! The standalone style also writes person names and postal addresses (labelled) and their hard
//! negatives: forms of address (王先生, 张总, 小王), ordinary words that begin with a surname
//! (王国, 高兴, 马上), villages named after families (王庄村), bare places (在北京开会), chains
//! without a house number (浙江省杭州市西湖区), organisations (浙江大学). Lines of the Mixed style
//! do not, so that the Mixed corpora (and the checked-in sample) stay as they were.

use crate::out::{Escape, Out};
use crate::rng::Rng;
use crate::tpl::frag;

const PII_SENTENCES: &[&str] = &[
    "本人不慎丢失身份证，号码«id»，拾到者请联系«mobile»，必有重谢。",
    "二手车转让，车牌«plate»，车况良好，有意者请致电«mobile»。",
    "公司统一社会信用代码：«uscc»，开票信息请发送至«email»。",
    "急招仓库管理员，待遇面议，简历投递至«email»，或拨打«tel»咨询。",
    "客服电话«svc»，工作时间周一至周五。",
    "我的银行卡«card»被冻结了，打了客服电话«svc»也没人接，怎么办？",
    "帮忙查一下快递，收件人手机«mobile»，谢谢！",
    "办理签证的时候填错了护照号，应该是«passport»，还能改吗？",
    "«passport_cued_zh»，请工作人员核对后回复。",
    "门店座机«tel»，微信同号«mob»，欢迎咨询。",
    "有人冒用我的身份证«id»注册了账号，已经报警了。",
    "停车场监控显示«plate»的车主刮了我的车，有认识的吗？",
    "退款请打到这张卡：«card»，户名私信发你。",
    "服务器«ip»又挂了，运维快看看。",
    "内网测试环境 «url_ip» ，账号找我要。",
    "IPv6 地址 «ip6» 能 ping 通吗？",
    "联系邮箱：«email»（工作日回复）。",
    "王先生您好，您的预约已确认，如需改期请拨打«phone»。",
    "李女士的快递到了，请联系«mobile»取件。",
    "张总说合同发他邮箱«email»就行。",
    "租房，押一付三，看房请提前联系«mobile»。",
    "求职：本人有五年会计经验，联系方式«mobile»，邮箱«email»。",
    "车牌号«plate»的车主请挪车，电话«mobile»。",
    "入住登记时用的是«passport_cued_zh»，酒店说系统识别不了。",
    "转账失败，提示«card_cue_zh»与户名不符。",
    "这家店的售后电话«tel_dash»根本打不通。",
    "报名请发邮件到«email»，或留言«tel_keyed_zh»。",
    "加盟热线«svc»，详情见官网。",
];

const NEG_SENTENCES: &[&str] = &[
    "订单号«neg_ts20»已经三天没更新物流了。",
    "快递单号«waybill»，帮我看看到哪了。",
    "有问题加我«neg_qq»，备注来意。",
    "手机尾号«n4»的朋友，你的快递放门卫了。",
    "现在页面上手机号都显示成«neg_masked»这样了。",
    "验证码«code6»，五分钟内有效，请勿泄露。",
    "浏览器版本«neg_chrome»，页面还是打不开。",
    "会议时间改到«neg_clock»了，别迟到。",
    "学号«neg_1012»的同学请到教务处。",
    "这个号码«neg_run»位数不对吧？",
    "编号«neg_code»的包裹已签收。",
    "身份证号填成«neg_bad_id»，系统提示校验位错误。",
    "旧系统导出的流水号«neg_l62»对不上账。",
    "头像文件名是«neg_email»，不是邮箱。",
    "批次«neg_uscc»的货已经入库。",
    "检票口显示«neg_eg»，和我的票号不一样。",
];

const PLAIN_SENTENCES: &[&str] = &[
    "今天天气不错，适合出去走走。",
    "这家店的服务态度很好，下次还来。",
    "有没有人一起拼车回家？",
    "物业说下周停水两天，大家提前准备。",
    "孩子的作业太多了，每天写到十点。",
    "周末的活动取消了，改到下个月。",
    "新出的手机续航怎么样，值得买吗？",
    "求推荐靠谱的装修公司。",
    "楼下的面馆涨价了，一碗要二十八。",
    "感谢大家的帮助，问题已经解决了。",
    "有人知道社保卡怎么补办吗？",
    "地铁今天又晚点了二十分钟。",
    "张总今天不在公司，明天再联系吧。",
    "小王说他晚点到。",
    "价格还能再便宜一点吗？",
    "已经提交工单了，等客服回复。",
];

/// Sentences with names and addresses (standalone FreeText only).
const PEOPLE_SENTENCES: &[&str] = &[
    "收件人：«name» «mobile» «addr»。",
    "联系人«name»，电话«mobile»。",
    "姓名：«name»，身份证号«id»，住址：«addr»。",
    "快递寄到«addr»，«name»收，电话«mobile»。",
    "我是«name»，家住«addr»，有事请打«mobile»。",
    "«name»女士的包裹放在前台了，请尽快来取。",
    "今天和«name»一起去吃饭了，味道不错。",
    "昨天«name»说他下周要出差。",
    "感谢«name»同学的帮助！",
    "法定代表人：«name»，注册地址：«addr»。",
    "患者«name»，«n2»岁，因发热入院。",
    "新房地址：«addr»，欢迎大家来玩。",
    "公司搬到了«addr»，由«name»负责接待。",
    "收件人：«minority»，电话«mobile»。",
    "«minority»同学获得了一等奖。",
    "租房信息：«addr»，两室一厅，联系«name» «mobile»。",
    "订单已发货，收货人«name»，收货地址«addr»。",
    "会议由«name»主持，«name»记录。",
    "住址：«addr»。",
    "请把材料送到«addr»，交给«name»。",
    "«name»先生您好，您的快递已到«addr»的驿站。",
    "乘客«name»，请到服务台办理手续。",
    "家长«name»来电«mobile»咨询报名事宜。",
    "经办人：«name»；联系地址：«addr»。",
];

/// Hard negatives for names and addresses (standalone FreeText only).
const PEOPLE_NEG: &[&str] = &[
    "«neg_form»今天不在公司，明天再联系吧。",
    "老家在«neg_village»，离县城不远。",
    "王国的历史很长，值得一读。",
    "他张开双臂欢迎大家。",
    "我很高兴认识你。",
    "马上就到了，再等等。",
    "我下周在北京开会。",
    "籍贯：湖南长沙。",
    "籍贯：«neg_admin»。",
    "«neg_admin»的风景很美。",
    "他考上了浙江大学。",
    "北京市第一人民医院的专家门诊要提前预约。",
    "上海的天气真好。",
    "杭州市政府发布了新政策。",
    "坐地铁3号线到人民路站下车。",
    "这条路叫«neg_road»，晚上很热闹。",
    "黄金价格又涨了。",
    "平安保险的电话打不通。",
    "李子熟了，过来摘吧。",
    "高度重视安全生产。",
    "请于5号前提交材料。",
    "方向盘有点松，得去修一下。",
    "这件事任何人都不许说出去。",
    "万一下雨就改期。",
    "«neg_form»说合同明天签。",
];

const PREFIXES: &[&str] =
    &["", "", "", "【求助】", "【转让】", "#同城#", "回复 楼主：", "【通知】", "网友留言："];

/// Writes one paragraph (one line) of 1–4 sentences; each sentence carries personal
/// information with probability `pii_pct`.
///
/// With `people` (the standalone style), a sentence is about a person or a place, or a hard
/// negative of those, with probability 30 %.
pub(crate) fn line(out: &mut Out, rng: &mut Rng, pii_pct: u32, crlf: bool, people: bool) {
    out.s(rng.pick::<&str>(PREFIXES));
    let n = rng.between(1, 4);
    for _ in 0..n {
        let tpl = if people && rng.percent(30) {
            if rng.percent(60) {
                *rng.pick(PEOPLE_SENTENCES)
            } else {
                *rng.pick(PEOPLE_NEG)
            }
        } else if rng.percent(pii_pct) {
            *rng.pick(PII_SENTENCES)
        } else if rng.percent(40) {
            *rng.pick(NEG_SENTENCES)
        } else {
            *rng.pick(PLAIN_SENTENCES)
        };
        let f = frag(rng, tpl);
        out.frag(&f, Escape::None);
    }
    out.eol(crlf);
}
