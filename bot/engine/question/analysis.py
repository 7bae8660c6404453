"""What a follower asks: the kind of fact wanted, and the words that say what it is about.

    请问一下武涌是谁？谢谢   -> kind "who",      topic "武涌"
    第十届绿建大会在哪里举行 -> kind "where",    topic "第10届绿建大会", numbers {"第10届"}
    Who was at the meeting? -> kind "attend",   topic "会议"

English questions are mapped word by word onto Chinese (a small glossary, plus pinyin
for names and places), then read like Chinese ones.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from ..text.folding import fold, has_cjk
from ..text.lexicon import PLACES, TITLE_RE
from ..text.numerals import numbers_in
from ..text.vocab import alternation, pairs, patterns
from .english import translate

# Colloquial ways of asking, said the way articles write: 干哪些活 -> 工作, 啥时候 -> 什么时候.
COLLOQUIAL = [(re.compile(p), r) for p, r in [
    (r"干(?:哪些|什么|啥|些什么)活儿?|干(?:什么|啥)的活儿?|做(?:哪些|什么)事(?:情)?", " 哪些工作 "),
    (r"啥时候|啥时(?![期代段])", "什么时候"), (r"在哪儿", "在哪里"), (r"咋样", "怎么样"), (r"啥", "什么"),
    (r"(?:一共|总共|总计)有?多少", "总数多少"),  # 现在一共有多少家会员: the 总数, not one year's count
    (r"几多", "多少"), (r"种的树|种了树|种树", "植树"), (r"拿了|拿到|拿过", "获得"), (r"边个", "谁"), (r"喺边度|喺边", "在哪里"),  # Cantonese
]]
# "Which company and which project": nouns the answer must name, not merely mention.
TARGET_NOUNS = ("公司|企业|项目|单位|机构|协会|学校|大学|学院|医院|酒店|宾馆|城市|部门|文件|活动|论坛|产品|技术|标准|"
                "指南|规程|规范|办法|方案|导则|手册|宣言|倡议书|报告|备忘录|条例|协议|"
                "奖项|基地|工程|园区|小区|展会|博览会|研讨会|课题|课程|会议|工作|任务|职责|措施|举措|成果")
TARGETS = re.compile(rf"(?:哪个|哪家|哪所|哪些|哪几个|哪几家|哪一个|哪一家|什么)\s*((?:(?:{TARGET_NOUNS})\s*(?:和|与|及|、)?\s*)+)"
                     rf"|((?:{TARGET_NOUNS}))的?(?:叫什么名字|叫什么|名称|名字|题目)"
                     rf"|((?:{TARGET_NOUNS}))(?:有|是)?(?:哪些|哪几个|哪几家)")
LIST_NOUN = re.compile(r"(?:哪几个|哪几项|哪几家|哪几位|哪几类|哪几种|哪些|哪几(?=[站处点批]))([\u4e00-\u9fff]{1,2})")
LISTING = re.compile(r"哪些|哪几|哪[两三四五六七八九十]|都有|有什么|包括什么|名单")
POLITENESS = re.compile(
    r"请问一下|请问|请教一下|请教|问一下|麻烦问一下|麻烦您|麻烦你|麻烦|想问一下|想问问|想问|我想知道|想知道|想了解一下|想了解|"
    r"能告诉我|可以告诉我|告诉我|帮我查一下|帮我查|帮忙查一下|查一下|打听一下|你好|您好|哈喽|谢谢你|谢谢您|谢谢|多谢|"
    r"感谢|麻烦了|一下子|一下|小编|客服|这个|那个|这次|本次|上次|那次|这场|那场|的话"
)
TRAILING = re.compile(r"[吗呢吧啊呀哈嘛哦喔啦]+$")
PUNCT = re.compile(r"[\s?？!！。，,、；;：:“”\"'‘’「」『』（）()【】\[\]~～…·.]+")

# The kinds of fact a question can ask for, in order: the first whose cues match names the kind.
# Each kind's cues are data, one per line, in bot/engine/vocab/question_kinds/<kind>.txt.
KIND_ORDER = ("attachments", "code", "contact", "count", "when", "where", "host", "organiser", "documents",
              "visits", "attend", "speakers", "fullname", "purpose", "what")
KINDS = [(kind, patterns(f"question_kinds/{kind}")) for kind in KIND_ORDER]
KIND_RES = [(kind, re.compile(pattern)) for kind, pattern in KINDS]
WHO_WORDS = re.compile(alternation("who_asking"))
FILLERS = re.compile(alternation("fillers"))
CANTONESE = pairs("cantonese")
CANTONESE_WORDS = sorted(CANTONESE, key=len, reverse=True)
ORG_WORDS = re.compile(r"企业|公司|单位|机构|高校|协会|院校|部门|学会")
# Words that ask but say nothing about the subject: removed before comparing with articles.
ASKING = re.compile(
    r"有(?=哪|什么|多少|几)|是谁|谁是|是哪位|哪位|是哪个|哪个|哪些|哪[两三四五六七八九十]+[家个位项名所]?|哪几位|哪几个|哪几|哪家|哪所|怎么(?!联系)|哪份|哪项|叫什么|什么|是否|有没有|有无|多少|几个|几家|几位|"
    r"怎么样|怎样|如何|为什么|为何|可以|你们|您们|咱们|一共|总共|分别|具体|现任|现在|目前|当时|总数|主要|一些|名字|名称|担任|出任|应该|应当|有疑问|疑问|有问题|"
    # when it happened, as followers say it: it narrows nothing down in the article's own words
    r"年初|年底|年中|今年|去年|明年|上个月|这个月|下个月|最近|近期|前不久|前几天|上周|本周|"
    r"这期|那期|本期|这届|那届|本届|打算|准备|计划|能出来|截止到|截止|截至|那边|这边|他们|她们|大概|大约|"
    # single characters that never carry the subject (会, 有, 能, 都 do: 会议, 有限公司, 节能, 成都)
    r"[吗呢谁啥哪了的是在我你您请几个]"
)
COUNTED = re.compile(r"(?:多少|几)\s*[家个位名项次场所篇辆人钱方吨]?\s*([\u4e00-\u9fff]{2})")
PER_UNIT = re.compile(r"一个人|每个人|每人|一人|一晚|每晚|一次|每次|一天|每天")  # 住宿费一晚多少钱
HEDGE = re.compile(r"大概|大约|大致|差不多|估计|到底|究竟")  # 授信额度大概多少: the 额度 is counted, not 大概
COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:是|有|为|达|约)?(?:多少钱|多少|多大|多高|多长|多重)\s*$")
# 培训费收多少, 工本费要多少钱: a fee named before the verb that asks how much is what is counted
FEE_COUNTED = re.compile(r"([\u4e00-\u9fff]{2}费)(?:需要|要|需|得|应|收|交|付|花|缴)+(?:多少钱|多少)\s*$")
COUNT_VERBS = re.compile(r"参加|参与|出席|入选|获得|到会|来了|签约|进入|报名|完成|建成|当选|选了|一共|总共|考试|考核|"
                         r"合格|通过|参观|种了|种植|植树|获奖")
ORG_ENDINGS = r"(?:协会|学会|促进会|研究会|委员会|公司|集团|大学|学院|研究院|设计院|局|厅)"
# 种了多少棵: the measure word says what kind of count answers (棵, not 项); 个 and 名 say too little
MEASURE = re.compile(r"(?:多少|几)\s*(票|棵|株|台|套|件|本|册|辆|架|座|栋|间|张|份|条|批|篇|所|场|项|户|床|层|章|节|部)")
ATTRIBUTE = re.compile(r"主题|题目|内容|口号|议题|安排|议程")
CLOCK = re.compile(r"几点|几时|时间段|开放时间|办公时间|营业时间|上班时间|下班时间|作息")
UNITS = [
    ("percent", re.compile(r"利率|比例|比率|百分之|占比|增长率|增幅|%|多少成")),
    ("money", re.compile(r"多少钱|授信|贷款|额度|价格|费用|票价|门票|多少费|劳务费|报酬|收费|经费|预算|投资|资金|元|费|奖金|工资|薪")),
    ("area", re.compile(r"面积|多大|平方米|亩")),
    ("volume", re.compile(r"多少方|立方|产能|产量|产多少|年产|吨")),
    ("people", re.compile(r"多少人|几个人|几人|人数|多少名|几名|几位|多少位|people")),
    ("orgs", re.compile(r"几家|多少家|几个单位|多少个单位|几个协会|多少个协会")),
]


@dataclass
class Question:
    raw: str
    text: str  # folded, politeness removed
    kind: str  # attachments, code, contact, count, when, where, host, organiser, documents, visits, attend, speakers, what, who, content
    topic: str  # what it is about, with asking words removed
    numbers: set[str] = field(default_factory=set)  # 第10届, 2017: must appear in the article
    places: set[str] = field(default_factory=set)  # 贵州: must appear in the article
    event_places: set[str] = field(default_factory=set)  # of those, the ones that say where, not whose
    latin_words: list[str] = field(default_factory=list)  # words left in Latin letters (names like Anna Berg)
    proper_nouns: list[str] = field(default_factory=list)  # of those, the Capitalised ones: Guantang, Markus
    job_title: str = ""  # a job title asked about: 秘书长
    unit: str = ""  # what a count question counts: money, area, people, orgs…
    measure: str = ""  # 棵 in 种了多少棵: the count's own measure word
    clock: bool = False  # asks a time of day (几点), which a date alone does not answer
    counted_noun: str = ""  # 有多少员工 -> 员工: what a count question counts, which the answer must name
    targets: list[str] = field(default_factory=list)  # 哪个公司和项目 -> ["公司", "项目"]
    asks_name: bool = False  # 项目叫什么名字: the answer is the quoted name after the noun
    asks_list: bool = False  # 有哪些: a sentence that lists (、 / 包括) answers better
    list_noun: str = ""  # 看了哪几个点 -> 点: what the listed items are
    asks_orgs: bool = False  # 哪些企业参加了
    asks_who: bool = False
    english: bool = False
    pinyin_words: list[str] = field(default_factory=list)  # romanised words, for names: ["yang", "xiwei"]


def clean(text: str) -> str:
    """Fold, drop politeness and punctuation: the form FAQ phrasings are compared in."""
    text = fold(text).lower()
    for word in CANTONESE_WORDS:  # 今年研讨会嘅主题系乜嘢 -> 今年研讨会的主题是什么
        text = text.replace(word, CANTONESE[word])
    for pattern, replacement in COLLOQUIAL:
        text = pattern.sub(replacement, text)
    text = POLITENESS.sub("", text)
    text = "".join(" " if unicodedata.category(ch) in ("So", "Sk", "Cs") else ch for ch in text)  # emoji, ～
    text = PUNCT.sub(" ", text).strip()
    text = TRAILING.sub("", text).strip()
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


def kind_of(text: str) -> str:
    """The kind of fact a cleaned question asks for ("" when none is named)."""
    kind = next((k for k, pattern in KIND_RES if pattern.search(text)), "")
    if kind == "what" and ATTRIBUTE.search(text):
        kind = ""  # 主题是什么 asks for a sentence of the article, not a definition
    return kind


def kind_and_topic(cleaned: str) -> tuple[str, str]:
    """analyse(...).kind and .topic of a cleaned Chinese text, without the rest of analyse
    (places, numbers, targets…), which would cost the FAQ build two thirds of its time."""
    kind = kind_of(cleaned)
    return kind, topic_of(cleaned, kind)


def analyse(raw: str) -> Question:
    """What a (folded) question asks: its kind, its subject words and the hard facts it names.

    English is first mapped onto the Chinese the articles use. The kind (who, when, where,
    count…) decides which answerer runs; the topic is what is left once the asking words are
    gone, and is what retrieval must find. Hard facts (ordinals, years, places, Capitalised
    Latin words) must all appear in an article for it to answer; for a count, the noun being
    counted (员工 in 有多少员工) must be named by the sentence that gives the number.
    """
    text = clean(re.sub(r"(?<=[a-z])['’](?=[aeo])", "", raw))  # Xi'an, Chang'an: pinyin, not "Xi an"
    english = not has_cjk(text) and bool(re.search(r"[a-z]", text))
    latin, pinyin_words = [], []
    if re.search(r"[a-z]{2,}", text):
        text, latin, pinyin_words = translate(text)
    kind = kind_of(text)
    asks_who = bool(WHO_WORDS.search(text))
    title_match = TITLE_RE.search(text)
    q = Question(raw=raw, text=text, kind=kind, topic="", latin_words=latin, english=english,
                 pinyin_words=pinyin_words, asks_who=asks_who)
    # 主编单位 is an organisation's part in the work, not a person's title
    q.job_title = title_match.group(0) if title_match and not re.match(r"单位|机构|公司|企业", text[title_match.end():]) else ""
    capitalised = {w.lower() for w in re.findall(r"[A-Z][A-Za-z]+", fold(raw))}
    q.proper_nouns = [w for w in latin if w in capitalised]
    q.asks_orgs = bool(ORG_WORDS.search(text)) and kind == "attend" and not PEOPLE_WORDS.search(text)
    if kind == "count":
        q.unit = next((name for name, pattern in UNITS if pattern.search(text)), "")
        q.measure = MEASURE.search(text).group(1) if MEASURE.search(text) else ""
    q.clock = bool(CLOCK.search(text))
    q.asks_list = bool(LISTING.search(text))
    noun = LIST_NOUN.search(text)
    q.list_noun = noun.group(1) if noun else ""
    counted = COUNTED.search(text) if kind == "count" and not english else None  # English word order differs
    if counted and not COUNT_VERBS.fullmatch(counted.group(1)) and counted.group(1)[0] not in "看参来到进报获被有在是去一每":
        q.counted_noun = re.sub(r"^[个位名]", "", counted.group(1))  # 几个人 counts people: 个 is a classifier
        q.counted_noun = q.counted_noun if len(q.counted_noun) >= 2 else ""
    elif kind == "count" and not english and FEE_COUNTED.search(HEDGE.sub("", PER_UNIT.sub("", text))):
        q.counted_noun = FEE_COUNTED.search(HEDGE.sub("", PER_UNIT.sub("", text))).group(1)
    elif kind == "count" and not english and COUNTED_BEFORE.search(HEDGE.sub("", PER_UNIT.sub("", text))):
        before = COUNTED_BEFORE.search(HEDGE.sub("", PER_UNIT.sub("", text))).group(1)  # 会费是多少钱: what comes before
        modal = (before[0] in "能可会要将" and before[1] in "有是为达能产会要可以够"  # 会有多少, 能产多少
                 or before[0] in "要需得该应")  # 要交多少, 需付多少: a verb, not what is counted
        if before[0] not in "已共有约达为是一每还" and not modal and before[-1] not in "了过着":  # 种了多少: a verb
            q.counted_noun = before
    for m in TARGETS.finditer(text):
        q.targets += re.findall(TARGET_NOUNS, m.group(1) or m.group(2) or m.group(3))
        q.asks_name = q.asks_name or bool(m.group(2))
    q.numbers = numbers_in(text)
    q.places = {p for p in PLACES if p in text}
    # 青海勘察设计行业协会去哪种的树: 青海 qualifies the association, it is not where the event was
    q.event_places = {p for p in q.places if not re.search(rf"{p}[\u4e00-\u9fff]{{0,14}}?{ORG_ENDINGS}", text)}
    q.topic = topic_of(text, kind)
    return q


# In 哪些专家做了报告 / 有哪些领导来了 these words name the people asked for, not the event.
PEOPLE_WORDS = re.compile(r"专家|嘉宾|领导|代表|人员|学者|人士|同志|来宾|人|谁")


# How a count is asked, not what of: 一年能产多少 -> 产.
# 一年能产多少, 每人多少钱: how a count is asked; 能 only as a verb (节能, 能效 are words)
COUNT_PHRASING = re.compile(r"一年能?|每年|年均|能够|(?<![节效动功性产智])能(?![效耗源力])|可以|一共|总共|大约|大概|合计|"
                            r"一个人|每个人|每人|一人|一晚|每晚")


def topic_of(text: str, kind: str) -> str:
    """The question minus what it asks: 武涌的职务是什么 -> 武涌职务 -> 武涌."""
    topic = MEASURE.sub(" ", text) if kind == "count" else text
    if kind:
        topic = dict(KIND_RES)[kind].sub(" ", topic)
    if kind in ("attend", "speakers", "host", "count"):
        topic = PEOPLE_WORDS.sub(" ", topic)
    if kind == "count":
        topic = COUNT_PHRASING.sub(" ", topic)
    topic = WHO_WORDS.sub(" ", topic)
    topic = FILLERS.sub(" ", topic)
    topic = ASKING.sub(" ", topic)
    return re.sub(r"\s+", " ", topic).strip()
