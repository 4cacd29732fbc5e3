//! Generators for person names and postal addresses (CONTRACT.md `name` and `address`), and
//! their hard negatives.
//!
//! Surnames come from `patterns/surnames.tsv` (weighted by population share) plus a few compound
//! ones; given names from a hand list of common given-name characters; administrative names
//! from `patterns/regions.tsv`; roads, estates, townships and villages from hand lists. The
//! label of an address runs from its first administrative or road component to its last
//! house-level component, exactly as CONTRACT.md states.

use crate::rng::Rng;
use crate::tables::tables;

const COMPOUND: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "夏侯", "公孙",
];

/// Common given-name characters (hand list).
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红鹏辉建文斌宇浩凯健俊帆帅旭宁龙林欣佳怡婷雪晨悦思雨梓涵子轩博诺欢琳晶颖慧倩莉燕瑞泽睿嘉昊鑫阳波飞峰亮成东海云春梅琴丹蕾璐露冰岚瑶薇琪妍萱彤馨蕊晓志永德福荣庆祥彬宏毅坤松柏楠鸿振光贵兵力全金宝清淑珍凤桂芬秋菊莹雯倩婧琦薇然鹤翔宸逸凡";

/// Parts of transliterated (Uyghur-style) names written with a middle dot.
const MINORITY: &[&str] = &[
    "阿卜杜热合曼",
    "买买提",
    "艾力",
    "古丽",
    "努尔",
    "热依拉",
    "阿依古丽",
    "吐尔逊",
    "迪丽热巴",
    "艾合买提",
    "帕提古丽",
    "阿不都",
    "热合曼",
    "依明",
    "玉素甫",
    "卡德尔",
    "麦麦提",
    "阿里木",
];

const ROADS: &[&str] = &[
    "人民",
    "解放",
    "中山",
    "建设",
    "文三",
    "科苑",
    "长江",
    "黄河",
    "新华",
    "幸福",
    "光明",
    "学院",
    "滨江",
    "东风",
    "胜利",
    "青年",
    "朝阳",
    "南京",
    "延安",
    "天目山",
    "教工",
    "莫干山",
    "学府",
    "民生",
    "兴华",
    "复兴",
    "工业",
    "迎宾",
    "育才",
    "振兴",
    "健康",
    "团结",
    "花园",
    "环城",
    "金沙",
];
const ROAD_SUFFIXES: &[&str] =
    &["路", "路", "路", "东路", "西路", "南路", "北路", "中路", "大道", "街", "大街", "巷"];
const ESTATES: &[&str] = &[
    "阳光花园",
    "华星科技大厦",
    "锦绣家园",
    "翠苑小区",
    "金色港湾",
    "碧水湾",
    "万科城",
    "绿城桂花园",
    "世纪广场",
    "国贸大厦",
    "新天地公寓",
    "紫金花园",
    "东方明珠小区",
    "龙湖天街",
    "凤凰城",
    "书香苑",
    "滨江花园",
    "香樟园",
    "银泰中心",
    "时代广场",
];
const TOWNSHIP_STEMS: &[&str] = &[
    "城关", "新城", "石桥", "杨柳", "清河", "青山", "白沙", "龙泉", "柳林", "长乐", "永安", "太平",
];
const VILLAGE_STEMS: &[&str] = &[
    "王庄",
    "李家",
    "张湾",
    "刘集",
    "陈庄",
    "赵营",
    "前进",
    "红星",
    "大柳树",
    "后河",
    "石门",
    "高桥",
];

fn cn_num(n: u64) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(n as usize).clamp(1, 10) - 1]
}

/// A surname (single, weighted by population share, or compound).
pub fn surname(rng: &mut Rng) -> &'static str {
    if rng.percent(4) {
        return COMPOUND[rng.index(COMPOUND.len())];
    }
    let t = tables();
    let total: u64 = t.surnames.iter().map(|s| u64::from(s.1)).sum();
    let mut x = rng.below(total);
    for &(s, w) in &t.surnames {
        if x < u64::from(w) {
            return s;
        }
        x -= u64::from(w);
    }
    "王"
}

/// A given name of one or two characters.
pub fn given(rng: &mut Rng) -> String {
    let mut g = String::new();
    let n = if rng.percent(70) { 2 } else { 1 };
    let chars: Vec<char> = GIVEN.chars().collect();
    for _ in 0..n {
        g.push(*rng.pick(&chars));
    }
    g
}

/// A Han person name: surname + 1–2 given characters.
pub fn name(rng: &mut Rng) -> String {
    format!("{}{}", surname(rng), given(rng))
}

/// A transliterated / minority name with a middle dot: `阿卜杜热合曼·买买提`.
pub fn minority_name(rng: &mut Rng) -> String {
    let a = *rng.pick(MINORITY);
    let mut b = *rng.pick(MINORITY);
    if b == a {
        b = MINORITY[(MINORITY.iter().position(|x| *x == a).unwrap_or(0) + 1) % MINORITY.len()];
    }
    format!("{a}·{b}")
}

/// Province, prefecture and county names of a random current county: (province, city, county).
/// The prefecture is empty for municipalities and county-level units directly under a province.
pub fn admin(rng: &mut Rng) -> (&'static str, &'static str, &'static str) {
    let t = tables();
    loop {
        let code = *rng.pick(&t.county_current);
        let name = |c: u32| t.region_names.get(&c).copied().unwrap_or("");
        let (p, c, k) = (name(code / 10_000 * 10_000), name(code / 100 * 100), name(code));
        // 城区 / 郊区 / 矿区: too generic to be a useful sample
        if p.is_empty() || k.is_empty() || (k.chars().count() < 3 && k.ends_with('区')) {
            continue;
        }
        let c = if c == "市辖区" || c == "县" || c.contains("直辖") || c.is_empty() {
            ""
        } else {
            c
        };
        return (p, c, k);
    }
}

fn strip_admin(s: &str) -> &str {
    for suf in ["省", "市"] {
        if let Some(t) = s.strip_suffix(suf) {
            if t.chars().count() >= 2 {
                return t;
            }
        }
    }
    s
}

fn road(rng: &mut Rng) -> String {
    format!("{}{}", rng.pick(ROADS), rng.pick(ROAD_SUFFIXES))
}

fn house(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 => format!("{}号", rng.range(1, 999)),
        1 => format!(
            "{}号{}{}栋{}单元{}室",
            rng.range(1, 999),
            rng.pick(ESTATES),
            rng.range(1, 30),
            rng.range(1, 6),
            rng.range(1, 33) * 100 + rng.range(1, 4)
        ),
        2 => format!(
            "{}号{}{}楼{}室",
            rng.range(1, 999),
            rng.pick(ESTATES),
            rng.range(1, 30),
            rng.range(1, 33) * 100 + rng.range(1, 9)
        ),
        3 => format!(
            "{}号{}{}座{}",
            rng.range(1, 999),
            rng.pick(ESTATES),
            rng.char_from("ABCD"),
            rng.range(1, 33) * 100 + rng.range(1, 20)
        ),
        4 => format!(
            "{}号{}号楼{}单元{}室",
            rng.range(1, 500),
            cn_num(rng.range(1, 10)),
            cn_num(rng.range(1, 6)),
            rng.range(1, 20) * 100 + rng.range(1, 4)
        ),
        5 => format!(
            "{}弄{}号{}室",
            rng.range(1, 800),
            rng.range(1, 60),
            rng.range(1, 20) * 100 + rng.range(1, 4)
        ),
        6 => format!(
            "{}号院{}号楼{}",
            rng.range(1, 99),
            rng.range(1, 20),
            rng.range(1, 25) * 100 + rng.range(1, 6)
        ),
        _ => format!(
            "{}号{}{}-{}-{}",
            rng.range(1, 999),
            rng.pick(ESTATES),
            rng.range(1, 30),
            rng.range(1, 6),
            rng.range(1, 30) * 100 + rng.range(1, 4)
        ),
    }
}

/// A postal address, as the whole labelled value.
pub fn address(rng: &mut Rng) -> String {
    let (p, c, k) = admin(rng);
    match rng.below(10) {
        // full chain
        0..=3 => format!("{p}{c}{k}{}{}", road(rng), house(rng)),
        // short province and city
        4 => format!("{}{}{k}{}{}", strip_admin(p), strip_admin(c), road(rng), house(rng)),
        // from the city or the county down
        5 => format!("{c}{k}{}{}", road(rng), house(rng)),
        6 => format!("{k}{}{}", road(rng), house(rng)),
        // road first
        7 => format!("{}{}", road(rng), house(rng)),
        // township and village
        8 => format!(
            "{p}{c}{k}{}{}{}村{}组{}号",
            rng.pick(TOWNSHIP_STEMS),
            rng.pick(&["镇", "乡", "街道"]),
            rng.pick(VILLAGE_STEMS),
            rng.range(1, 12),
            rng.range(1, 99)
        ),
        // estate right after the county
        _ => format!(
            "{p}{c}{k}{}{}号楼{}单元{}室",
            rng.pick(ESTATES),
            cn_num(rng.range(1, 10)),
            cn_num(rng.range(1, 6)),
            rng.range(1, 30) * 100 + rng.range(1, 4)
        ),
    }
}

/// Hard negatives: an administrative chain without a house-level part (`浙江省杭州市西湖区`).
pub fn admin_chain(rng: &mut Rng) -> String {
    let (p, c, k) = admin(rng);
    match rng.below(3) {
        0 => format!("{p}{c}{k}"),
        1 => format!("{}{}", strip_admin(p), strip_admin(c)),
        _ => format!("{c}{k}"),
    }
}

/// Hard negatives: a road without a number.
pub fn bare_road(rng: &mut Rng) -> String {
    road(rng)
}

/// Hard negatives: a village whose name holds a surname (王庄村).
pub fn village(rng: &mut Rng) -> String {
    format!("{}村", rng.pick(VILLAGE_STEMS))
}

/// Hard negatives: a surname with a title or kinship word, or a nickname.
pub fn address_form(rng: &mut Rng) -> String {
    let s = surname(rng);
    match rng.below(3) {
        0 => format!(
            "{s}{}",
            rng.pick(&["先生", "女士", "老师", "总", "经理", "师傅", "医生", "阿姨"])
        ),
        1 => format!("{}{s}", rng.pick(&["小", "老"])),
        _ => format!("{s}某"),
    }
}
