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

from ..reading.orgs import org_mentions
from ..text.folding import fold, has_cjk
from ..text.lexicon import PLACES, TITLE_RE
from ..text.numerals import numbers_in, spell_out_ordinals
from ..text.vocab import alternation, pairs, patterns, words
from .english import translate

# Colloquial ways of asking, said the way articles write: 干哪些活 -> 工作, 啥时候 -> 什么时候.
COLLOQUIAL = [(re.compile(p), f" {r} ") for p, r in pairs("colloquial").items()]
# "Which company and which project": nouns the answer must name, not merely mention.
TARGET_NOUNS = alternation("target_nouns")
# 哪家装饰公司: a short modifier may stand between 哪家 and the noun (not after 什么: 什么时候开的会议)
TARGET_MODIFIER = r"(?:(?<=[个家所])(?:(?![的是在了])[\u4e00-\u9fff]){1,3}?)??"
TARGETS = re.compile(rf"(?:哪个|哪家|哪所|哪些|哪几个|哪几家|哪一个|哪一家|什么)\s*{TARGET_MODIFIER}"
                     rf"((?:(?:{TARGET_NOUNS})\s*(?:和|与|及|、)?\s*)+)"
                     rf"|((?:{TARGET_NOUNS}))的?(?:叫什么名字|叫什么|名称|名字|题目)"
                     rf"|((?:{TARGET_NOUNS}))(?:有|是)?(?:哪些|哪几个|哪几家)")
LIST_NOUN = re.compile(r"(?:哪几个|哪几项|哪几家|哪几位|哪几类|哪几种|哪些|哪几(?=[站处点批]))([\u4e00-\u9fff]{1,2})")
LISTING = re.compile(patterns("list_asked"))
POLITENESS = re.compile(alternation("politeness"))
TRAILING = re.compile(r"[吗呢吧啊呀哈嘛哦喔啦]+$")
PUNCT = re.compile(r"[\s?？!！。，,、；;：:“”\"'‘’「」『』（）()【】\[\]~～…·.]+")

# The kinds of fact a question can ask for. Each kind's cues are data, one per line, in
# bot/engine/vocab/question_kinds/<kind>.txt; kind_of scores them, and this order only breaks ties.
KIND_ORDER = ("attachments", "code", "contact", "count", "when", "where", "host", "organiser", "documents",
              "visits", "attend", "speakers", "fullname", "purpose", "what")
KINDS = [(kind, patterns(f"question_kinds/{kind}")) for kind in KIND_ORDER]
KIND_RES = [(kind, re.compile(pattern)) for kind, pattern in KINDS]
ANY_CUE = re.compile("|".join(pattern for _, pattern in KINDS))
# The words that carry a question's asking (什么, 哪, 多少): a cue beside one is what is asked.
INTERROGATIVES = re.compile(alternation("interrogatives"))
# What may stand between a cue and its interrogative and keep them one phrase (电话是多少, 手机号码是多少).
LINKS = re.compile(rf"(?:{alternation('interrogative_links')})*")
MANNER = set(words("manner_asked"))  # 怎么, 如何: asking how something is done
# 怎么汇, 如何报名: the verb; 怎么进行表决: the verb after a light one (进行, 开展) that says nothing
HOW_DONE = re.compile(rf"(?:{alternation('manner_asked')})(?:{alternation('light_verbs')})?([\u4e00-\u9fff])")
WHO_WORDS = re.compile(alternation("who_asking"))
FILLERS = re.compile(alternation("fillers"))
THING_NAMED = re.compile(r"叫什么(?=[\u4e00-\u9fff])(?![名人呀啊呢吗来着的])")  # 叫什么杯/奖: a thing's name
ORGS_OF_PEOPLE = re.compile(rf"(?:{alternation('attendee_org_kinds')})的"  # 哪些部门的领导
                            rf"|[哪几][个些家]?(?:{alternation('attendee_org_kinds')}|{alternation('attendee_org_kinds_kept')})派")  # 哪个协会派人来了
EVENT_DAY = re.compile(patterns("event_day_pointers"))
# 最晚几号前报: once 几号 is gone, what is left of a deadline's asking (最晚, 之前, a bare 前) says nothing
DEADLINE_WORDS = re.compile(rf"{alternation('deadline_asked')}|(?:^|(?<=\s))[之以]?前")
CANTONESE = pairs("cantonese")
CANTONESE_WORDS = sorted(CANTONESE, key=len, reverse=True)
ORG_WORDS = re.compile(f"{alternation('attendee_org_kinds')}|{alternation('attendee_org_kinds_kept')}")  # 哪些企业参加了
# Words that ask but say nothing about the subject: removed before comparing with articles.
ASKING = re.compile(patterns("asking"))
# 几张认证, 多少家企业: what follows the number's classifier (a measure word) is what is counted
# 多少个入围作品: an object's classifier, a verb that qualifies, then the thing counted, ending the question
COUNTED_PHRASE = re.compile(rf"(?:多少|几)\s*(?:{alternation('object_classifiers')})"
                            rf"({alternation('qualifying_verbs')})([\u4e00-\u9fff]{{2}})$")
COUNTED = re.compile(rf"(?:多少|几)\s*(?:{alternation('measure_words')}|[家个位名项次场所篇辆人钱方吨])?+\s*([\u4e00-\u9fff]{{2}})")
VERB_BEFORE_COUNT = re.compile(r"([\u4e00-\u9fff])[了过]?(?:多少|几)个?\s*$")
NOT_COUNT_VERBS = set(words("not_count_verbs"))  # 有几个, 共几个: no deed
MEASURED_ONLY = words("measured_only")  # 几户人家: nouns that are what their measure counts
PER_UNIT = re.compile(alternation("per_unit"))  # 住宿费一晚多少钱
HEDGE = re.compile(alternation("hedges"))  # 授信额度大概多少: the 额度 is counted, not 大概
COUNTED_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(?:是|有|为|达|约)?(?:多少钱|多少|多大|多高|多长|多重)\s*$")
# 培训费收多少, 工本费要多少钱: a fee named before the verb that asks how much is what is counted
MODAL_BEFORE_ASKING = re.compile(r"(?:需要|要|需|得)(?=多少|多大)")
FEE_COUNTED = re.compile(r"([\u4e00-\u9fff]{2}费)(?:需要|要|需|得|应|收|交|付|花|缴)+(?:多少钱|多少)\s*$")
COUNT_VERBS = re.compile(alternation("count_verbs"))
# Organisation endings, but not those that are also verbs of a question (在厦门办的培训: 办 is done, not an office).
ORG_ENDINGS = "(?:" + "|".join(sorted((re.escape(w) for w in set(words("org_suffixes")) - set(words("verb_like_suffixes"))),
                                      key=len, reverse=True)) + ")"
# 主编单位, 会计师公会, 会长座谈会, 理事大会, 青年律师工作委员会: a title word followed by one of these (or an event's
# name, or a few words and a body's ending) is part of an organisation's name, a role or an event's name
HONOUR_BEFORE = re.compile(rf"(?:{alternation('honour_words')})[\u4e00-\u9fff]?$")  # 优秀(女)律师, 十佳教练
ORG_AFTER_TITLE = re.compile(rf"{ORG_WORDS.pattern}|{alternation('org_name_endings')}|{alternation('event_nouns')}"
                             rf"|{alternation('event_heads')}"
                             rf"|[\u4e00-\u9fff]{{1,4}}?(?:{alternation('body_endings')})")
# 种了多少棵: the measure word says what kind of count answers (棵, not 项); 个 and 名 say too little
MEASURE = re.compile(rf"(?:多少|几)\s*({alternation('measure_words')})")
ATTRIBUTE = re.compile(alternation("attribute_asked"))
CLOCK = re.compile(alternation("clock_asked"))
# The amounts a count can ask for, in the order they are tried; each one's words are data.
UNIT_ORDER = ("percent", "money", "area", "volume", "people", "orgs")
UNITS = [(unit, re.compile(alternation(f"count_units/{unit}"))) for unit in UNIT_ORDER]


@dataclass
class Question:
    raw: str
    text: str  # folded, politeness removed
    kind: str  # attachments, code, contact, count, when, where, host, organiser, documents, visits, attend, speakers, what, who, content
    topic: str  # what it is about, with asking words removed
    numbers: set[str] = field(default_factory=set)  # 第10届, 2017: must appear in the article
    places: set[str] = field(default_factory=set)  # 贵州: must appear in the article
    orgs: list[str] = field(default_factory=list)  # 西藏自治区建筑业协会: the article must name it (or shorten it)
    event_places: set[str] = field(default_factory=set)  # of those, the ones that say where, not whose
    latin_words: list[str] = field(default_factory=list)  # words left in Latin letters (names like Anna Berg)
    proper_nouns: list[str] = field(default_factory=list)  # of those, the Capitalised ones: Guantang, Markus
    job_title: str = ""  # a job title asked about: 秘书长
    unit: str = ""  # what a count question counts: money, area, people, orgs…
    measure: str = ""  # 棵 in 种了多少棵: the count's own measure word
    clock: bool = False  # asks a time of day (几点), which a date alone does not answer
    counted_noun: str = ""  # 有多少员工 -> 员工: what a count question counts, which the answer must name
    count_verb: str = ""  # 捐了多少 -> 捐: what was done, when nothing counted is named, which the count's clause says
    written: str = ""  # the question as the follower wrote it, folded, before synonyms (开幕 is not 成立 there)
    targets: list[str] = field(default_factory=list)  # 哪个公司和项目 -> ["公司", "项目"]
    asks_name: bool = False  # 项目叫什么名字: the answer is the quoted name after the noun
    asks_list: bool = False  # 有哪些: a sentence that lists (、 / 包括) answers better
    list_noun: str = ""  # 看了哪几个点 -> 点: what the listed items are
    asks_orgs: bool = False  # 哪些企业参加了
    asks_who: bool = False
    english: bool = False
    pinyin_words: list[str] = field(default_factory=list)  # romanised words, for names: ["yang", "xiwei"]
    manner_verb: str = ""  # 费用怎么汇 -> 汇: asked how this is done (a label 汇款方式, a sentence 采用…形式 answers)
    things_listed: bool = False  # 签倡议的都有哪些商家: things a sentence lists, not people who attended


def clean(text: str) -> str:
    """Fold, drop politeness and punctuation: the form FAQ phrasings are compared in."""
    text = spell_out_ordinals(fold(text).lower())  # 第三、四届: two ordinals, before 、 goes
    for word in CANTONESE_WORDS:  # 今年研讨会嘅主题系乜嘢 -> 今年研讨会的主题是什么
        text = text.replace(word, CANTONESE[word])
    for pattern, replacement in COLLOQUIAL:
        text = pattern.sub(replacement, text)
    text = POLITENESS.sub("", text)
    text = "".join(" " if unicodedata.category(ch) in ("So", "Sk", "Cs") else ch for ch in text)  # emoji, ～
    text = PUNCT.sub(" ", text).strip()
    text = TRAILING.sub("", text).strip()
    return re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", text)


# A cue's weight: beside the question's interrogative it names what is asked (电话是多少: contact);
# elsewhere it only says what the question is about (参加 in 多少人参加); an interrogative on its
# own at the end (…是多少, …是什么) names no kind by itself and weighs like a cue elsewhere.
FOCUS, ELSEWHERE = 2, 1


def _beside(text: str, start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether text[start:end] and the interrogative at span are one phrase (overlapping, or joined by links)."""
    a, b = span
    return (a < end and start < b) or (a >= end and bool(LINKS.fullmatch(text[end:a]))) \
        or (b <= start and bool(LINKS.fullmatch(text[b:start])))


def _asks_into(start: int, end: int, span: tuple[int, int]) -> bool:
    """Whether the manner interrogative at span (怎么, 如何) is part of the cue text[start:end] (怎么联系,
    怎么收费): only then does the cue's kind answer how; otherwise (协议是如何签订的) the question asks
    how something was done, which a sentence of the article says."""
    a, b = span
    return a < end and start < b


def cue_weight(text: str, start: int, end: int, asking: list[tuple[int, int]], english: bool) -> int:
    """How strongly the cue text[start:end] says what kind of fact is asked."""
    if english:
        return ELSEWHERE  # the glossary's word order is not the question's: nothing is beside anything
    if INTERROGATIVES.sub("", text[start:end]).strip("是的有") == "" and not text[end:].strip():
        return ELSEWHERE  # 会费是多少: the bare 多少 says less than what stands before it
    return FOCUS if any(_beside(text, start, end, span) for span in asking) else ELSEWHERE


def kind_of(text: str, english: bool = False) -> str:
    """The kind of fact a cleaned question asks for ("" when none is named).

    Every kind's cues are scored, not tried in turn: a cue standing with the interrogative
    (联系电话是多少, 哪天签的) outweighs one that only names the event (签的协议, 多少人参加), so
    a cue added to one kind cannot silently take questions that another kind's cue asks more
    directly. Equal scores go to the kind first in KIND_ORDER.
    """
    if not ANY_CUE.search(text):
        return ""  # most FAQ phrasings name no kind: one scan instead of one per kind
    found = [(k, [m.span() for m in pattern.finditer(text)]) for k, pattern in KIND_RES]
    found = [(k, spans) for k, spans in found if spans]
    asking = [m.span() for m in INTERROGATIVES.finditer(text)]
    manner = [span for span in asking if text[span[0]:span[1]] in MANNER] if not english else []
    if len(found) == 1:
        kind = found[0][0]  # one kind named: nothing to weigh
    else:
        best, kind = 0, ""
        for k, spans in found:
            weight = max(cue_weight(text, *span, asking, english) for span in spans)
            if weight > best:
                best, kind = weight, k
    cues = [span for _, spans in found for span in spans]
    if any(not any(_asks_into(*cue, span) for cue in cues) for span in manner):
        kind = ""  # 费用可以怎么汇, 协议是如何签订的: how it is done is asked, not the fact a cue before names
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
    text = re.sub(r"(?<=[a-z])['’]s\b", "", raw, flags=re.IGNORECASE)  # the association's council
    text = clean(re.sub(r"(?<=[a-z])['’](?=[aeo])", "", text))  # Xi'an, Chang'an: pinyin, not "Xi an"
    english = not has_cjk(text) and bool(re.search(r"[a-z]", text))
    latin, pinyin_words = [], []
    if re.search(r"[a-z]{2,}", text):
        text, latin, pinyin_words = translate(text)
    kind = kind_of(text, english)
    asks_who = bool(WHO_WORDS.search(THING_NAMED.sub(" ", text)))  # 叫什么杯 asks a cup's name, not a person's
    # 主编单位, 会计师公会: a title word inside an organisation's name is no person's title
    # (佛山市长青志愿者协会秘书长: 市长 is inside the body named, not the post asked)
    named = [(text.find(org), text.find(org) + len(org)) for org in orgs_named(text)]
    title_match = next((m for m in TITLE_RE.finditer(text) if not ORG_AFTER_TITLE.match(text[m.end():])
                        and not HONOUR_BEFORE.search(text[:m.start()])  # 优秀女教师 is an honour
                        and not any(start <= m.start() and m.end() < end for start, end in named)), None)
    q = Question(raw=raw, text=text, kind=kind, topic="", latin_words=latin, english=english,
                 pinyin_words=pinyin_words, asks_who=asks_who)
    # 有哪些负责人去了: a title that is also a people noun, in a question of who attended, names them all
    plural = kind == "attend" and title_match is not None and PEOPLE_WORDS.fullmatch(title_match.group(0))
    q.job_title = title_match.group(0) if title_match and not plural else ""
    capitalised = {w.lower() for w in re.findall(r"[A-Z][A-Za-z]+", fold(raw))}
    q.proper_nouns = [w for w in latin if w in capitalised]
    # 哪些企业参加了; 哪些部门的领导来了 asks the departments too (their leaders are not named)
    q.asks_orgs = bool(ORG_WORDS.search(text)) and kind == "attend" and (
        not PEOPLE_WORDS.search(text) or bool(ORGS_OF_PEOPLE.search(text)))
    if kind == "count":
        q.unit = next((name for name, pattern in UNITS if pattern.search(text)), "")
        q.measure = MEASURE.search(text).group(1) if MEASURE.search(text) else ""
    q.clock = bool(CLOCK.search(text))
    how = HOW_DONE.search(text)
    q.manner_verb = how.group(1) if how else ""
    q.asks_list = bool(LISTING.search(text))
    noun = LIST_NOUN.search(text)
    q.list_noun = noun.group(1) if noun else ""
    counted = COUNTED.search(text) if kind == "count" and not english else None  # English word order differs
    phrase = COUNTED_PHRASE.search(text) if kind == "count" and not english else None
    if phrase:
        q.counted_noun = phrase.group(2)  # 多少个入围作品: 作品 are counted, 入围 says which
    elif counted and not COUNT_VERBS.fullmatch(counted.group(1)) and counted.group(1)[0] not in "看参来到进报获被有在是去一每":
        q.counted_noun = re.sub(r"^[个位名]", "", counted.group(1))  # 几个人 counts people: 个 is a classifier
        q.counted_noun = q.counted_noun if len(q.counted_noun) >= 2 else ""
    elif kind == "count" and not english:
        plain = HEDGE.sub("", PER_UNIT.sub("", text))
        fee = FEE_COUNTED.search(plain)
        before = COUNTED_BEFORE.search(MODAL_BEFORE_ASKING.sub("", plain))  # 课程要多少钱 -> 课程多少钱
        if fee:
            q.counted_noun = fee.group(1)
        elif before:  # 会费是多少钱: what comes before
            before = before.group(1)
            modal = (before[0] in "能可会要将" and before[1] in "有是为达能产会要可以够"  # 会有多少, 能产多少
                     or before[0] in "要需得该应")  # 要交多少, 需付多少: a verb, not what is counted
            if before[0] not in "已共有约达为是一每还" and not modal and before[-1] not in "了过着的":  # 种了多少: a verb; 定的多少
                q.counted_noun = before
            elif before[-1] in "了过" and not q.unit and not q.measure:  # 捐了多少: a count of the giving
                q.count_verb = before[0]
    if kind == "count" and not english and not (q.count_verb or q.counted_noun or q.unit or q.measure):
        verb = VERB_BEFORE_COUNT.search(text)  # 一共评几个: a count of what was done (评选50个)
        q.count_verb = verb.group(1) if verb and verb.group(1) not in NOT_COUNT_VERBS else ""
    q.counted_noun = re.sub(r"^[收交缴付]费$", "费", q.counted_noun)  # 收费多少: a fee, however the article names it
    # 几户人家, 占比是多少: a noun that says no more than its measure (or is it), which no sentence need name
    q.counted_noun = "" if q.counted_noun in MEASURED_ONLY else q.counted_noun
    for m in TARGETS.finditer(text):
        q.targets += re.findall(TARGET_NOUNS, m.group(1) or m.group(2) or m.group(3))
        q.asks_name = q.asks_name or bool(m.group(2))
    q.numbers = numbers_in(text)
    q.places = {p for p in PLACES if p in text}
    # 青海勘察设计行业协会去哪种的树: 青海 qualifies the association, it is not where the event was
    q.event_places = {p for p in q.places if not re.search(rf"{p}[\u4e00-\u9fff]{{0,14}}?{ORG_ENDINGS}", text)}
    q.orgs = orgs_named(text)
    q.topic = topic_of(text, kind)
    return q


# 协会和建设银行: two parties (绿色建筑与建筑产业化协会 keeps its tail); 吉林那个专家委员会: the place
# only points the way, the name is what follows
ORG_JOINS = re.compile(r"[和与及跟同的]|那个|这个|那家|这家")
PLACE_START = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
# 哪所大学, 两家建筑业协会, 先进协会: an organisation asked about, counted or honoured, not one named
NOT_A_NAME = re.compile(rf"[哪几]|多少|[两几多各\d][家省市地个]|{alternation('honour_words')}")


def orgs_named(text: str) -> list[str]:
    """The organisations a question names with their place (西藏自治区建筑业协会, 安康建协会).

    Only from the place on: what comes before it in a mention (麻烦问下, 孙某希望) is the question's
    own words, and an organisation named without a place (你们协会, 制冷学会) is too loose to hold
    an article to."""
    found = []
    for mention in org_mentions(text):
        name = ORG_JOINS.split(mention)[-1]
        place = PLACE_START.search(name)
        if place is None:
            continue
        name = name[place.start():]
        if len(name) >= len(place.group(0)) + 3 and not NOT_A_NAME.search(name):
            found.append(name)
    return found


# In 哪些专家做了报告 / 有哪些领导来了 these words name the people asked for, not the event.
PEOPLE_WORDS = re.compile(alternation("people_nouns"))
AT_THE_EVENT = re.compile(rf"((?:{alternation('event_nouns')}|{alternation('event_heads')}))上(?=[\u4e00-\u9fff]{{2}})")
PERSON_ASKED_AS = re.compile(rf"(?:{alternation('who_asking')})(?:{alternation('people_nouns')})")


# How a count is asked, not what of: 一年能产多少 -> 产.
# 一年能产多少, 每人多少钱: how a count is asked; 能 only as a verb (节能, 能效 are words)
COUNT_PHRASING = re.compile(patterns("count_phrasing"))
NOW_WORDS = re.compile(alternation("now_asked"))  # 现有多少: when the count is of, not what is counted


def topic_of(text: str, kind: str) -> str:
    """The question minus what it asks: 武涌的职务是什么 -> 武涌职务 -> 武涌.

    A word that holds a character dropped below (个人 holds the 个 of 几个, the 人 of 多少人) is
    set aside first and put back after, so 个人会员 stays 个人会员."""
    kept = KEPT_WORDS.findall(text)
    text = KEPT_WORDS.sub(KEPT_MARK, text)
    topic = MEASURE.sub(" ", text) if kind == "count" else text
    if kind:
        topic = dict(KIND_RES)[kind].sub(" ", topic)
    if kind == "when":
        topic = DEADLINE_WORDS.sub(" ", topic)
    topic = PERSON_ASKED_AS.sub(" ", topic)  # 是某协会的哪位领导: 领导 asks who, it is nothing the answer holds
    topic = AT_THE_EVENT.sub(r"\1 ", topic)  # 某同乡会典礼上统战部副部长: the event, then whom of it
    if kind in ("attend", "speakers", "host", "count"):
        topic = EVENT_DAY.sub(" ", PEOPLE_WORDS.sub(" ", topic))
    if kind == "count":
        topic = NOW_WORDS.sub(" ", COUNT_PHRASING.sub(" ", topic))
    topic = WHO_WORDS.sub(" ", topic)
    topic = FILLERS.sub(" ", topic)
    topic = ASKING.sub(" ", topic)
    for word in kept:
        topic = topic.replace(KEPT_MARK, word, 1)
    return re.sub(r"\s+", " ", topic.replace(KEPT_MARK, " ")).strip()


KEPT_WORDS = re.compile(rf"(?<![几两多少\d一二三四五六七八九十百千])(?:{alternation('kept_words')})")  # not 几个人
KEPT_MARK = "\ue000"  # a private-use character no question holds and no pattern above removes
