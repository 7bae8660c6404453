"""A synthetic knowledge base of N entries, in the genre of the shipped one, with its questions.

What "N knowledge entries" means here, and why: an association that has 100,000 entries has
mostly curated Q&A and a few thousand news articles, and the articles are the expensive part
(every one is read for people, events, counts at build). So N entries are

    3 % raw articles   (3,000 at 100k)  meeting news pasted as from a site: a title, a publish
                                        line, 4–6 paragraphs, a footer; 5–8 people per article,
                                        every person and event distinct across the base;
    97 % FAQ entries   (97,000 at 100k) 3–5 phrasings each ("问：" lines) about one
                                        organisation and one topic (会费, 入会, 证书 …), so
                                        many entries differ only by the organisation's city
                                        or kind, as real FAQs about sister bodies do;

on top of the shipped knowledge/. The questions come with what the answer must contain:
FAQ phrasings as a follower would type them (with 请问 / punctuation changed), with one
homophone typo, in Traditional characters; article questions (who is X, where was event Y held,
and "Who is Wu Yong?" spelled in pinyin); and questions the knowledge cannot answer.
Everything is seeded, so the same N gives the same files and the same questions.
"""

import os
import random
import shutil

from opencc import OpenCC
from pypinyin import lazy_pinyin

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ARTICLE_SHARE = 0.03
FAQ_PER_FILE = 500

CITIES = ("北京 天津 上海 重庆 石家庄 唐山 保定 太原 大同 呼和浩特 包头 沈阳 大连 锦州 长春 吉林 哈尔滨 齐齐哈尔 南京 苏州 无锡 "
          "常州 徐州 南通 扬州 杭州 宁波 温州 绍兴 嘉兴 金华 台州 合肥 芜湖 蚌埠 安庆 福州 厦门 泉州 莆田 漳州 南昌 赣州 九江 "
          "济南 青岛 烟台 潍坊 淄博 临沂 郑州 洛阳 开封 南阳 武汉 宜昌 襄阳 长沙 株洲 湘潭 衡阳 岳阳 广州 深圳 珠海 佛山 东莞 "
          "中山 汕头 湛江 南宁 柳州 桂林 海口 三亚 成都 绵阳 德阳 宜宾 泸州 贵阳 遵义 昆明 曲靖 大理 拉萨 西安 宝鸡 咸阳 榆林 "
          "兰州 天水 西宁 银川 乌鲁木齐 克拉玛依 喀什 伊犁 延安 丽江 黄山 秦皇岛 鞍山 抚顺 本溪 丹东 营口 盘锦 鄂尔多斯 赤峰 "
          "通辽 乌海 邯郸 邢台 沧州 廊坊 衡水 承德 张家口 晋城 长治 运城 临汾 四平 通化 延吉 牡丹江 佳木斯 大庆 绥化 盐城 "
          "淮安 连云港 宿迁 泰州 镇江 湖州 衢州 丽水 舟山 淮南 马鞍山 铜陵 阜阳 宿州 六安 亳州 宣城 龙岩 三明 南平 宁德 "
          "景德镇 萍乡 新余 鹰潭 吉安 宜春 抚州 上饶 东营 济宁 泰安 威海 日照 德州 聊城 滨州 菏泽 枣庄 平顶山 安阳 鹤壁 "
          "新乡 焦作 濮阳 许昌 漯河 三门峡 商丘 信阳 周口 驻马店 黄石 十堰 荆州 鄂州 荆门 孝感 黄冈 咸宁 随州 常德 张家界 "
          "益阳 郴州 永州 怀化 娄底 邵阳 韶关 江门 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 潮州 揭阳 云浮 梧州 北海 防城港 "
          "钦州 贵港 玉林 百色 贺州 河池 来宾 崇左 自贡 攀枝花 广元 遂宁 内江 乐山 南充 眉山 广安 达州 雅安 巴中 资阳 "
          "六盘水 安顺 毕节 铜仁 玉溪 保山 昭通 普洱 临沧 铜川 渭南 汉中 安康 商洛 嘉峪关 金昌 白银 武威 张掖 平凉 酒泉 "
          "庆阳 定西 陇南 石嘴山 吴忠 固原 中卫 哈密 吐鲁番").split()
ORG_KINDS = ["建筑节能协会", "绿色建筑协会", "建筑业协会", "勘察设计协会", "建设科技协会", "房地产业协会", "建设监理协会",
             "工程造价管理协会", "建筑装饰协会", "城市规划协会", "市政工程协会", "建筑材料行业协会", "混凝土行业协会",
             "物业管理协会", "土木建筑学会", "建设工程质量安全协会", "智能建筑协会", "装配式建筑产业协会",
             "工程建设标准化协会", "建筑安全协会", "建筑设计协会", "给排水协会", "燃气协会", "园林绿化协会", "照明学会",
             "建设教育协会", "城市科学研究会", "暖通空调学会", "建筑防水协会", "工程咨询协会"]
TOPICS = [  # (phrasings with {o} for the organisation, answer)
    (["{o}的会费是多少？", "{o}会费怎么收", "加入{o}要交多少会费", "{o}会员费标准是什么"],
     "{o}单位会员会费为每年{n}元，理事单位另计，请在每年3月底前缴纳。"),
    (["怎么加入{o}？", "{o}入会流程", "如何申请成为{o}会员", "{o}的会员怎么申请", "{o}入会需要什么材料"],
     "申请加入{o}请填写入会申请表，附营业执照复印件，经秘书处审核后报理事会批准，约需{n}个工作日。"),
    (["{o}的办公地址在哪里？", "{o}在哪里办公", "{o}地址是什么"],
     "{o}秘书处办公地点在本市建设大厦{n}楼，工作日上午9点至下午5点接待。"),
    (["{o}的联系电话是多少？", "怎么联系{o}", "{o}电话多少"],
     "{o}秘书处电话0{n}-8{n}6{n}，工作时间可直接拨打。"),
    (["{o}的年会什么时候开？", "{o}年会时间", "{o}每年的年会在几月"],
     "{o}年会一般在每年{m}月举行，具体时间以当年通知为准。"),
    (["{o}有哪些专业委员会？", "{o}下设哪些专委会", "{o}的专委会有几个"],
     "{o}下设{n}个专业委员会，涵盖技术、标准、培训和国际交流等方向。"),
    (["{o}的培训证书怎么领取？", "{o}培训证书去哪领", "{o}证书什么时候发"],
     "{o}培训证书在考核合格后{n}个工作日内寄出，也可到秘书处领取。"),
    (["{o}的会长是谁？", "{o}现任会长是哪位", "谁是{o}会长"],
     "{o}现任会长由第{m}届理事会选举产生，名单见协会官网“组织机构”栏目。"),
    (["{o}怎么开具会费发票？", "{o}会费发票怎么开", "{o}能开会费发票吗"],
     "{o}会费发票为电子发票，缴费后{n}个工作日内发送到登记的邮箱。"),
    (["{o}的公众号叫什么？", "{o}有公众号吗", "{o}的微信公众号是哪个"],
     "{o}的公众号名称与协会全称相同，每周推送{n}篇行业动态。"),
    (["{o}评优申报什么时候截止？", "{o}评优申报截止时间", "{o}优秀项目什么时候报名"],
     "{o}年度评优申报一般在{m}月底截止，逾期不再受理。"),
    (["{o}的专家库怎么入选？", "如何进入{o}专家库", "{o}专家库申请条件"],
     "申请进入{o}专家库需具有高级职称并从业{n}年以上，由本人申请、单位推荐。"),
    (["{o}的会员证书丢了怎么补办？", "{o}会员证书补办", "{o}会员证书遗失了怎么办"],
     "{o}会员证书遗失，请向秘书处提交补办申请，{n}个工作日内补发。"),
]
TYPO = {"会": "汇", "费": "废", "协": "鞋", "员": "元", "加": "家", "入": "如", "址": "止", "话": "化", "电": "店",
        "年": "念", "证": "正", "书": "输", "专": "砖", "库": "裤", "票": "漂", "号": "好", "评": "平", "申": "深",
        "联": "连", "流": "留", "程": "成", "领": "岭", "截": "节", "长": "常"}
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
                "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志兴文斌宏海波鹏辉玲红林峰晨琳雪梅鑫宇浩凯博亮")
TITLES = ["会长", "秘书长", "副会长", "总工程师", "副秘书长", "理事长", "专委会主任"]
EVENTS = ["会员代表大会", "技术交流会", "标准宣贯会", "项目观摩会", "年度工作会议", "专家研讨会", "培训班开班仪式"]
THEMES = ["超低能耗建筑", "既有建筑节能改造", "装配式建筑", "绿色建材", "光伏建筑一体化", "近零能耗建筑", "建筑碳排放计算",
          "海绵城市", "智能建造", "老旧小区改造"]
VENUES = ["国际会议中心", "建设大厦报告厅", "科技会堂", "宾馆会议厅", "会展中心", "大酒店多功能厅"]
FILLER = ["会议指出，{t}是推动城乡建设绿色低碳发展的重要抓手，各单位要加强技术攻关和标准建设。",
          "与会代表围绕{t}的技术路线、政策支持和工程实践进行了深入交流。",
          "会议强调，要把{t}作为今后一个时期的重点工作，推动适宜技术的规模化应用。",
          "各地代表介绍了本地区在{t}方面的经验做法，并就下一步合作达成共识。"]
OUT_OF_SCOPE = ["明天会下雨吗", "今天股市行情怎么样", "红烧肉怎么做", "世界杯冠军是谁", "帮我订一张去北京的机票",
                "哈尔滨冰雪大世界门票多少钱", "最近有什么好看的电影", "苹果手机怎么截屏", "怎么治感冒", "北京市足球协会会长是谁",
                "What's the weather like tomorrow?", "如何申请驾照", "明天南京会下雨吗", "双色球开奖号码", "给我讲个笑话",
                "上海迪士尼几点开门", "火星上有水吗", "怎么考研究生", "上海市游泳协会电话多少", "How do I bake bread?"]


def entry_mix(entries: int) -> tuple[int, int]:
    """(articles, FAQ entries) making up `entries` knowledge entries."""
    articles = max(1, round(entries * ARTICLE_SHARE))
    return articles, entries - articles


def people_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct three-character names (surname + two given characters)."""
    pool = [s + a + b for s in SURNAMES for a in GIVEN for b in GIVEN if a != b]
    return rng.sample(pool, count)


def write_kb(folder: str, entries: int, seed: int = 7, articles_only: bool = False) -> tuple[str, list[dict]]:
    """The shipped knowledge plus `entries` generated ones in `folder`/knowledge; returns (kb_dir, questions).

    `articles_only`: every entry an article (what reading articles costs at scale)."""
    rng = random.Random(seed)
    kb = os.path.join(folder, "knowledge")
    shutil.copytree(os.path.join(ROOT, "knowledge"), kb)
    n_articles, n_faq = (entries, 0) if articles_only else entry_mix(entries)
    orgs = [c + ("市" if len(c) <= 3 else "") + k for c in CITIES for k in ORG_KINDS]
    combos = rng.sample(range(len(orgs) * len(TOPICS)), n_faq)
    faq_cases = _write_faq(kb, orgs, combos, rng)
    article_cases = _write_articles(kb, orgs, n_articles, rng)
    return kb, _question_mix(faq_cases, article_cases, rng)


def _write_faq(kb: str, orgs: list[str], combos: list[int], rng: random.Random) -> list[dict]:
    cases = []
    for start in range(0, len(combos), FAQ_PER_FILE):
        lines = []
        for n, combo in enumerate(combos[start:start + FAQ_PER_FILE], start):
            org, (phrasings, answer) = orgs[combo // len(TOPICS)], TOPICS[combo % len(TOPICS)]
            asked = [p.format(o=org) for p in phrasings]
            text = answer.format(o=org, n=rng.randint(2, 30), m=rng.randint(3, 11)) + f"（编号Q{n:06d}）"
            lines += [f"问：{q}" for q in asked] + [f"答：{text}", ""]
            cases.append({"asked": asked, "code": f"Q{n:06d}"})
        with open(os.path.join(kb, "faq", f"generated-{start // FAQ_PER_FILE:04d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    return cases


def _write_articles(kb: str, orgs: list[str], count: int, rng: random.Random) -> list[dict]:
    names = people_names(count * 8, rng)
    hosts = rng.sample(orgs, min(len(orgs), count))
    cases = []
    for i in range(count):
        host, guest = hosts[i % len(hosts)], rng.choice(orgs)
        year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
        city = next(c for c in CITIES if host.startswith(c))
        event = f"{host}{year}年{rng.choice(EVENTS)}"
        theme, venue = rng.choice(THEMES), f"{city}{rng.choice(VENUES)}"
        people = [(names[i * 8 + k], rng.choice([host, guest]), TITLES[k % len(TITLES)]) for k in range(rng.randint(5, 8))]
        chair, speaker = people[1], people[0]
        listed = "、".join(f"{org}{title}{name}" for name, org, title in people)
        body = [
            f"{year}年{month}月{day}日，{event}在{venue}举行。{listed}等出席了会议。"
            f"来自全省各地的{rng.randint(80, 400)}名代表参加了会议。会议由{chair[1]}{chair[2]}{chair[0]}主持。",
            f"{speaker[1]}{speaker[2]}{speaker[0]}在会上致辞。" + rng.choice(FILLER).format(t=theme),
            f"{people[2][1]}{people[2][2]}{people[2][0]}作了题为《{theme}技术发展与实践》的报告。"
            + rng.choice(FILLER).format(t=theme),
            f"会议审议通过了《{host}{theme}工作规则》，并对{rng.randint(5, 40)}个优秀项目进行了表彰。"
            + rng.choice(FILLER).format(t=theme),
        ]
        text = (f"行业动态\n\n{event}在{city}召开\n发布时间:{year}-{month:02d}-{day:02d}    浏览量:{rng.randint(100, 5000)}\n\n"
                + "\n\n".join("      " + p for p in body)
                + f"\n\n地址:{city}市建设路{rng.randint(1, 300)}号 联系电话:0{rng.randint(10, 999)}-{rng.randint(1000000, 9999999)}\n"
                f"CopyRight © 2024 {host} 版权所有\n")
        with open(os.path.join(kb, "news", f"gen-{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        cases.append({"event": event, "venue": venue, "person": speaker[0], "org": speaker[1], "title": speaker[2],
                      "people": [name for name, _, _ in people]})
    return cases


COMPOUND = ["欧阳", "司马", "上官", "诸葛", "公孙", "皇甫", "东方", "慕容"]


def _close_to_known(name: str, pairs: set) -> bool:
    """The surname and one more character in place of some known name's (a typo of that person)."""
    return any((0, j, name[0], name[j]) in pairs for j in (1, 2))


def _people_mix(articles: list[dict], rng: random.Random) -> list[dict]:
    """People nobody wrote about, which must be declined, and known people asked about in longer phrasing.

    Unknown: a known name with one more given character (王伟芳 -> 王伟芳华), a compound surname before a
    known given name (欧阳伟芳), a known given name under a surname that sounds different. Known: the
    person's name inside a longer question (请问王伟芳会长是哪个单位的？)."""
    known = {name for case in articles for name in case["people"]}
    known_sounds = [lazy_pinyin(name) for name in known]
    pairs = {(i, j, name[i], name[j]) for name in known for i in range(3) for j in range(i + 1, 3)}
    out = []
    for case in rng.sample(articles, min(20, len(articles))):
        longer = next((case["person"] + g for g in rng.sample(GIVEN, len(GIVEN)) if case["person"] + g not in known), None)
        if longer:
            out.append({"tag": "unknown-longer", "q": f"{longer}是谁？", "decline": True})
    for case in rng.sample(articles, min(10, len(articles))):
        out.append({"tag": "unknown-compound", "q": f"{rng.choice(COMPOUND)}{case['person'][1:]}是谁？", "decline": True})
    for case in rng.sample(articles, min(10, len(articles))):
        person = case["person"]
        # not a close variant of anyone else known (same pinyin, or the same surname and one more character
        # in place: 徐浩波 for 徐浩博, 胡洋刚 for 胡英刚), which the bot may rightly offer as "您问的可能是"
        others = [s for s in SURNAMES if lazy_pinyin(s)[0] != lazy_pinyin(person[0])[0] and s + person[1:] not in known
                  and lazy_pinyin(s + person[1:]) not in known_sounds and not _close_to_known(s + person[1:], pairs)]
        if others:
            out.append({"tag": "unknown-surname", "q": f"{rng.choice(others)}{person[1:]}是谁？", "decline": True})
    for case in rng.sample(articles, min(20, len(articles))):
        out.append({"tag": "known-longer", "q": f"请问{case['person']}{case['title']}是哪个单位的？", "all": [case["org"]]})
    return out


def _question_mix(faq: list[dict], articles: list[dict], rng: random.Random) -> list[dict]:
    """A fixed mix: 40 % FAQ (plain, typo, Traditional), 35 % articles (who, where, pinyin), 25 % out of scope."""
    to_traditional = OpenCC("s2t")
    out = []
    for case in rng.sample(faq, min(60, len(faq))):
        q = rng.choice(case["asked"])
        out.append({"tag": "faq", "q": "请问" + q.rstrip("？") + "？", "all": [case["code"]]})
    for case in rng.sample(faq, min(20, len(faq))):
        q = rng.choice(case["asked"])
        spots = [i for i, ch in enumerate(q) if ch in TYPO]
        i = rng.choice(spots) if spots else 0
        out.append({"tag": "faq-typo", "q": q[:i] + TYPO.get(q[i], q[i]) + q[i + 1:], "all": [case["code"]]})
    for case in rng.sample(faq, min(20, len(faq))):
        out.append({"tag": "faq-traditional", "q": to_traditional.convert(rng.choice(case["asked"])),
                    "all": [case["code"]]})
    for case in rng.sample(articles, min(40, len(articles))):
        out.append({"tag": "who", "q": f"{case['person']}是谁？", "all": [case["org"], case["title"]]})
    for case in rng.sample(articles, min(30, len(articles))):
        out.append({"tag": "where", "q": f"{case['event']}在哪里举行？", "all": [case["venue"]]})
    for case in rng.sample(articles, min(15, len(articles))):
        name = lazy_pinyin(case["person"])
        spelled = name[0].capitalize() + " " + "".join(name[1:]).capitalize()
        out.append({"tag": "who-english", "q": f"Who is {spelled}?", "all": [case["person"], case["title"]]})
    out += _people_mix(articles, rng)
    out += [{"tag": "out-of-scope", "q": q, "decline": True} for q in OUT_OF_SCOPE]
    out += [{"tag": "out-of-scope", "q": f"{rng.choice(CITIES)}市{rng.choice(['足球', '书法', '围棋', '钓鱼'])}协会的会费是多少？",
             "decline": True} for _ in range(30)]
    return out
