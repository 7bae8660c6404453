"""What an article says, as facts: people and their parts, places, dates, documents, counts.

Read once per article when the knowledge is loaded. Each fact keeps the index of the
sentence it came from, so every answer can quote its evidence.
"""

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field

from ..text.dates import Date, find_dates
from ..text.lexicon import COMPOUND_SURNAMES, ORG_SUFFIX_RE, TITLE_RE
from ..text.numerals import to_int
from ..text.vocab import alternation, pairs, words
from .article import Article, without_closing_note
from .orgs import org_mentions, resolve
from .people import (
    BODY_ENDINGS,
    HONORIFICS,
    TABLE_ROW,
    VOUCHED,
    Mention,
    find_people,
    role_in,
    vouched_surnames,
)

HAN = "\u4e00-\u9fff"

# What a person did, by the verbs news uses (vocab/action_verbs/<kind>.txt), in this order: a
# person's actions are listed in it.
SPEAKER_LINE = re.compile(r"\s*[:：]\s*")  # what follows the name on a line that only introduces their words
TOOK_POST_AFTER = re.compile(r"(?:任|担任)(?!务|期)")  # …，甲任理事长: the name's clause opens with the post taken
ELECTED_VERB = re.compile(alternation("action_verbs/elected"))  # 经选举，…: a vote that opens the sentence
VOTE_REACH = 4  # sentences after one telling of a vote in which 甲任理事长 is a post the vote gave
ACTION_KINDS = ("host", "greeting", "speech", "attend", "elected")
ACTIONS = [(kind, re.compile(alternation(f"action_verbs/{kind}"))) for kind in ACTION_KINDS]
TALK_TOPIC = re.compile(rf"^(?:{alternation('talk_kinds')})?(?:{alternation('topic_labels')})[：:]")  # 分享主题：
# …，并任某学院院长、某实验室主任等: posts held besides, after 并任/现任/兼任 (vocab/posts_held_verbs.txt)
POSTS_HELD = re.compile(rf"(?:{alternation('posts_held_verbs')})([^。；，：]{{4,80}})")
# 2024年9月，某局将开展…: an event set for a month of a year, with no day given
MONTH_OF_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月(?![\d\s]*[日号]|份?\d)")
# 11月中旬, 2012年12月上旬: a part of a month (vocab/month_parts.txt) where a day would stand
PART_OF_MONTH = re.compile(rf"(?<![\d年])(?:(\d{{4}})年)?(\d{{1,2}})月({alternation('month_parts')})")
PLACE_REACH = 60  # characters before 举行/召开 where its place is looked for
# 19日举行, 本月二十日上午…假某馆举行 (假: at, in Hong Kong and Macau news): a day with no month
_DAY = r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
DAY_OF_EVENT = re.compile(r"(?<![\d月年号〇零一二三四五六七八九十第])(?:本月|当月)?"
                          rf"{_DAY}日(?=上午|下午|晚|在|于|假|举行|召开|举办|，|）)")
# 于本月十七至十八日往开平交流: 本月 says the days are of the month reported in, whatever follows
DAYS_OF_THIS_MONTH = re.compile(rf"(?:本月|当月){_DAY}(?:日?[至到\-—～~]{_DAY})?日")
# an organisation written as its term alone: 第四届, 新一届 (vocab/term_words.txt)
TERM_ONLY = re.compile(rf"第[一二三四五六七八九十\d]+[届次期]|{alternation('term_words')}")
ELECTED_BEFORE = re.compile(rf"(?:{alternation('action_verbs/elected')})的")  # 新当选的…会长某某
NEW_REACH = 24  # characters before a name where 当选的 may stand
PRONOUN_START = re.compile(r"^(?:他|她)(?:们)?(?:[^们]|$)")
# 隆重举行; 在某酒店作“…”报告 / 做专题讲座: a talk takes place where it is given
PLACE_VERB = re.compile(rf"(?:{alternation('event_adverbs')})?(?:{alternation('event_verbs')})"
                        rf"|[作做](?=[“\"「《]|[\u4e00-\u9fff]{{0,4}}(?:{alternation('talk_kinds')}))")
PLACE_MARKER = re.compile(alternation("place_markers"))  # 在, 于, 来到
PLACE_LABEL = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])?\s*[\u4e00-\u9fff]{0,4}地点\s*[:：]\s*"
                         r"([^。；（(]{2,60})")
# 会期两天，地点某某酒店。: a clause that opens with 地点, with or without a colon (not 地点设在: see VENUE)
PLACE_IN_CLAUSE = re.compile(rf"[，,；;]\s*[\u4e00-\u9fff]{{0,4}}地点\s*[:：]?\s*(?!{alternation('venue_links')})([^，。；（(]{{2,40}})")
# 来到某某县某某镇，…: a going verb, a place with its ending, then a comma or what is done there
# 位于某创新谷3期会场内…，某大会在此召开: 在此 points back to what 位于 named
PLACE_POINTER = re.compile(rf"^(?:{alternation('place_pointers')})")
SITED_AT = re.compile(r"位于([^，。；,;]{2,30}?)(?:内|里|中|的|[，。；,;])")
GONE_TO = re.compile(rf"(?:{alternation('going_verbs')})([^，。；、]{{2,24}}?(?:{alternation('visited_place_endings')}))"
                     rf"(?=[，。；]|{alternation('visit_activities')})")
NOT_A_PLACE = re.compile(rf"^[\d一二三四五六七八九十百千万]+[个项家名位场次人]|[、，“”《》]|{alternation('not_a_place')}"
                         rf"|(?:{alternation('event_time_endings')})$")
VENUE = re.compile(rf"(?:{alternation('venue_words')})(?:{alternation('venue_links')})([^，。；、]{{4,40}})")  # 会场设在…
TIME_WORDS = re.compile(rf"^(?:{alternation('time_words')}|\d+时|\d+点)+")
DOC_RE = re.compile(r"《([^《》]{2,60})》((?:（[^（）]{1,10}）)?)")
OCCASIONS = set(words("occasion_measures"))  # 每两年评一次: 一次 is a count of occasions, not an article
# (4.5万余家 is a count of 4.5万 家, never of 万余家: a numeral never continues digits)
COUNT_RE = re.compile(  # 约1800名|参会代表: qualifier, number, 余/多, unit, the words after
    rf"({alternation('count_qualifiers')})?(\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:万|亿)??|(?<![\d.])[一二两三四五六七八九十百千万]+)(余|多)?"
    rf"({alternation('count_measures')})"
    rf"((?:(?!共|[一二两三四五六七八九十百千万]+(?:余|多)?(?:{alternation('count_measures')}))[{HAN}]){{0,8}})")  # not the next count
# 已连续举办17年: a number of years after a word of duration (vocab/duration_cues.txt), never a year
DURATION_YEARS = re.compile(rf"(?:{alternation('duration_cues')})[{HAN}]{{0,4}}?"
                            rf"((?<!\d)\d{{1,3}}|[一二两三四五六七八九十百]+)(多)?年(?![\d度底初代级月])")
# 已举办5届, 累计举办了12期: editions held so far (a 第8届 or 2019届 is no count)
EDITIONS_HELD = re.compile(rf"(?:{alternation('duration_cues')})[{HAN}]{{0,6}}?"
                           rf"((?<![\d第])\d{{1,3}}|(?<!第)[一二两三四五六七八九十百]+)(余|多)?([届期])(?![\d{HAN}]*[届期])")
ORG_LIST = re.compile(rf"((?:[{HAN}A-Za-z（）()]{{2,30}}、)+[{HAN}A-Za-z（）()]{{2,62}})等(?:[\d一二三四五六七八九十两]+[家个所](?={alternation('org_list_kinds')})|[{HAN}]{{0,6}})"
                      rf"({alternation('org_list_kinds')})")
ORGS_LEADERS = re.compile(rf"((?:[{HAN}A-Za-z（）()]{{2,30}}、)+[{HAN}A-Za-z（）()]{{2,30}})等(?:有关|相关)?领导")
LEADING_FUNCTION = re.compile(r"^[由在与和及对为将把被从向是的了]+")
ALIAS_EXPLICIT = re.compile(rf"[（(]?(?:以下|下)?(?:简称|称)[“\"「『]([{HAN}A-Za-z]{{2,12}})[”\"」』][）)]?"
                            rf"|[（(](?:以下|下)?简称([{HAN}A-Za-z]{{2,12}})[）)]"
                            # 《…标准》（DBJ53/T-128-2024，以下简称《标准》）: a code may come first
                            rf"|[（(](?:[^（）()《》]{{0,40}}[，,；;]\s*)?(?:以下|下)?简称《([^《》]{{2,12}})》[）)]")


@dataclass
class Person:
    name: str
    roles: list[tuple[str, str]] = field(default_factory=list)  # (org, title), best first
    latin: str = ""
    sentences: list[int] = field(default_factory=list)  # where the person is named
    actions: list[tuple[str, int]] = field(default_factory=list)  # (host/speech/attend/greeting/elected, sentence)
    said: list[int] = field(default_factory=list)  # sentences of what they said ("他强调…")

    @property
    def description(self) -> str:
        """中国建筑节能协会会长 (the most informative title first)."""
        parts: list[str] = []
        for org, title in self.roles:  # a title already said with its organisation is not said again
            parts += [part for part in f"{org}{title}".split("、") if part and not any(p.endswith(part) for p in parts)]
        return "、".join(parts)

    @property
    def present(self) -> bool:
        """At the event, not only sending a letter of congratulation."""
        return any(kind != "greeting" for kind, _ in self.actions) or not self.actions


@dataclass
class Event:
    sentence: int
    dates: list[Date]
    place: str
    venue: str = ""  # 会场设在…: the room, when the place is the city

@dataclass
class Count:
    sentence: int
    text: str  # 8家, 约1800名
    number: str
    unit: str
    noun: str  # the words after: 8家|行业协会
    before: str = ""  # the words before, in the same clause: 其中一等奖|12项

@dataclass
class ArticleFacts:
    home_org: str = ""
    people: dict[str, Person] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    documents: list[tuple[str, int]] = field(default_factory=list)  # (《name》（草案）, sentence)
    counts: list[Count] = field(default_factory=list)
    org_lists: list[tuple[list[str], str, int]] = field(default_factory=list)  # (names, kind 企业, sentence)
    aliases: dict[str, str] = field(default_factory=dict)  # short name -> full name
    lists: list[tuple[int, list[int]]] = field(default_factory=list)  # (announcing sentence, item sentences)
    labels: dict[str, tuple[int, str]] = field(default_factory=dict)  # 联系人 -> (sentence, 童某 1234…)


JOINING_VERB = re.compile(alternation("joining_verbs"))
GUEST_VERB = re.compile(alternation("guest_verbs"))  # 到访, 莅临: the organisation after it is the host
COMPANY_ENDINGS = tuple(pairs("org_kinds")["公司"].split())
ASSOCIATION_ENDINGS = tuple(pairs("org_kinds")["协会"].split())
_OFFICE = rf"(?:名誉|常务)?副?(?:{alternation('association_offices')})"
ASSOCIATION_OFFICE = re.compile(rf"{_OFFICE}(?:[兼、]{_OFFICE})*")  # 副会长兼秘书长: two offices, one body
# A row whose label is a title: everyone in it holds that title in the body named above
# (首批专家委员名单…其中：主任委员：…；副主任委员：…；委员（部分）：…).
TITLE_LABEL = re.compile(rf"^((?:{TITLE_RE.pattern}))(?:（[^（）]{{1,6}}）)?[：:]")


def extract_facts(article: Article) -> ArticleFacts:
    """The article's facts (see _extract_facts), its names read with the surnames it vouches for."""
    token = VOUCHED.set(vouched_surnames("\n".join([article.title, *(s.text for s in article.sentences)])))
    try:
        return _extract_facts(article)
    finally:
        VOUCHED.reset(token)


def _extract_facts(article: Article) -> ArticleFacts:
    """Everything an article states, as typed facts that keep the index of their evidence sentence.

    Two passes over the sentences, because who someone is must be known before what they did
    can be read: the first finds people with their titles and organisations (an organisation
    written once carries along a list, 该会 refers back to the last one named, a labelled row
    takes the organisation above it); the second finds each known name wherever it appears and
    reads the verbs of its own clause (主持, 致辞, 作报告, 出席, 当选…), a list sharing the verb
    at its end, and a following 他表示… as the same person's words. Events (when and where),
    documents in 《》, counts with their units, organisation lists, aliases (以下简称 and
    implicit short names) and enumerations are read on the way.
    """
    facts = ArticleFacts(home_org=_home_org(article))
    facts.aliases = _explicit_aliases(article)
    recent = org_mentions(article.title)  # organisations named so far, for 该会 / 公司
    for mention in find_people(re.split(r"——|──|--", article.title)[-1], facts.home_org):  # 专访…局长褚宇浩
        _add_role(facts, mention)
    row_org = ""  # 专家委员会主任：…；副主任：…: rows without an organisation take the one above
    for s in article.sentences:  # first who is who: titles and organisations
        here = [(s.text.find(name), name) for name in org_mentions(s.text)]
        mentions = find_people(s.text, facts.home_org)
        for mention in mentions:
            if mention.row and not mention.org:
                mention.org = row_org or facts.home_org
            named_before = recent + [n for at, n in here if at < mention.start]
            if TERM_ONLY.fullmatch(mention.org) and named_before:  # 第四届理事长: of the body named last
                # (新一届 is written before the body: 当选新一届某协会主席；…当选新一届兼职副会长)
                term = mention.org
                body = named_before[-1]
                mention.org = body + term if term.startswith("第") else body if body.startswith(term) else term + body
            mention.org = facts.aliases.get(mention.org) or resolve(mention.org, named_before)
            known = facts.people.get(mention.name)
            if not mention.org and known and any(title.endswith(mention.title) and org for org, title in known.roles):
                continue  # 孔某会长介绍了…, after 某市某协会(执行)会长孔某: the post already known, of that body
            if not mention.org and ASSOCIATION_OFFICE.fullmatch(mention.title):
                mention.org = facts.home_org  # 理事长施朗明致词, in the 学会's own news: its 理事长
            before = {n for at, n in here if at < mention.start}
            if not mention.org and len(before) == 1 and not ASSOCIATION_OFFICE.search(mention.title):
                mention.org = before.pop()  # 来到了某公司，在某某总经理陪同下…: that company's 总经理
            _add_role(facts, mention)
        label = TITLE_LABEL.match(s.text)  # 副主任委员：…设计研究院总建筑师吴晓锐、长安大学教授王帆凯
        if label and not any(m.row for m in mentions):
            body = next((n for n in reversed(recent) if n.endswith(BODY_ENDINGS)), facts.home_org)
            body = next((n for n in reversed(recent) if n.endswith(body) and len(n) > len(body)), body)  # in full
            for mention in mentions:
                _add_role(facts, Mention(mention.name, label.group(1), body, mention.start, mention.end, row=True))
        rows = [m for m in mentions if m.row]
        row_org = rows[0].org if rows else ""
        recent += [name for _, name in here]
    _absorb_overlong_names(facts)
    current: Person | None = None  # whom "他" refers to
    list_intro: list[str] = []  # 应邀出席本次活动的嘉宾如下： -> the rows below attended
    forms = _forms(facts.people)
    speaker_line = -2  # the sentence that is only 某某: with their words on the line below
    last_vote = -VOTE_REACH - 1  # the last sentence that tells of a vote
    lengths = sorted({len(form) for form in forms}, reverse=True)
    for s in article.sentences:  # then what each did, wherever the name appears
        named = _named_in(s.text, forms, lengths)
        following: list[tuple[str, int]] = []
        if TABLE_ROW.match(s.text) and list_intro:
            following = [(kind, s.index) for kind in list_intro]
        list_intro = ([kind for kind, pattern in ACTIONS if pattern.search(s.text)] if s.text.endswith("：")
                      else list_intro if TABLE_ROW.match(s.text) else [])
        elected_first = bool(named) and (ELECTED_VERB.search(s.text[:named[0][0]]) is not None
                                         or s.index - last_vote <= VOTE_REACH)  # 经投票产生新班子。…甲任会长
        if ELECTED_VERB.search(s.text):
            last_vote = s.index
        for n in range(len(named) - 1, -1, -1):  # backwards: a list shares the verb at its end
            start, name = named[n]
            person = facts.people[name]
            if s.index not in person.sentences:
                person.sentences.append(s.index)
            clause = s.text[start + len(name): named[n + 1][0] if n + 1 < len(named) else len(s.text)]
            # 甲、乙出席: a list shares the verb at its end; not across 由 (甲到某地调研，会议由乙主持)
            shared = [] if clause.rstrip().endswith("由") else following
            did = [(kind, s.index) for kind, pattern in ACTIONS if pattern.search(clause)] or shared
            if elected_first and TOOK_POST_AFTER.match(clause) and ("elected", s.index) not in did:
                did = [*did, ("elected", s.index)]  # 经选举，甲任理事长，乙任秘书长: the vote opened the sentence
            lead = re.split(r"[，。；：、]", s.text[max(0, start - NEW_REACH):start])[-1]
            if ELECTED_BEFORE.search(lead) and ("elected", s.index) not in did:
                did = [*did, ("elected", s.index)]  # 新当选的某协会会长某某: elected, though the verb comes first
            person.actions += [a for a in did if a not in person.actions]
            following = did
        if named:
            current = facts.people[named[0][1]] if len({name for _, name in named}) == 1 else None
            if current is not None:
                start, name = named[-1]
                if SPEAKER_LINE.fullmatch(s.text[start + len(name):]):  # 某协会会长 某某: / (what they said below)
                    speaker_line = s.index  # the line itself says nothing
                else:
                    current.said.append(s.index)
                for org, title in _posts_held(s.text[named[0][0]:]):  # 某某院士…，并任某大学建筑学院院长、…主任
                    _add_role(facts, Mention(current.name, title, org))
        elif current is not None and speaker_line == s.index - 1:
            current.said.append(s.index)  # the line under 某某: is their words, as a TV report quotes them
            current.actions.append(("speech", s.index))
        elif current is not None and (PRONOUN_START.match(s.text) or TALK_TOPIC.match(s.text)):
            current.said.append(s.index)  # 他表示… / 分享主题：「…」 under a speaker's row
            spoke = TALK_TOPIC.match(s.text) or dict(ACTIONS)["speech"].search(s.text)  # 他指出…: a speech
            if spoke and ("speech", s.index) not in current.actions:
                current.actions.append(("speech", s.index))
        elif current is not None and _speech_goes_on(article, current, s):
            current.said.append(s.index)  # 某某作会议总结，…。要做好四点：…: the rest of the paragraph is the speech
        elif not s.text.startswith(("他", "她")):
            current = None
        _events(facts, s.text, s.index, article.published)
        for m in DOC_RE.finditer(s.text) if not SOURCE_LINE.match(s.text) else ():
            facts.documents.append((f"《{m.group(1)}》{m.group(2)}", s.index))
        for m in COUNT_RE.finditer(s.text):
            if m.group(2) == "一" and not m.group(1) and not m.group(3) and m.group(4) not in OCCASIONS:
                continue  # 构建一个平台, 成为一家企业: 一个 is an article there, not a count
            if not re.match(r"[年月日届期]", s.text[m.end(2):m.end(2) + 1]) and s.text[m.start() - 1:m.start()] != "第":
                clause = re.split(r"[，、；：]", s.text[max(0, m.start() - 12):m.start()])[-1]
                facts.counts.append(Count(s.index, m.group(0)[: len(m.group(0)) - len(m.group(5))],
                                          m.group(2), m.group(4), m.group(5), clause))
        for m in EDITIONS_HELD.finditer(s.text):
            clause = re.split(r"[，、；：]", s.text[max(0, m.start() - 12):m.start(1)])[-1]
            facts.counts.append(Count(s.index, s.text[m.start(1):m.end()], m.group(1), m.group(3), "", clause))
        for m in DURATION_YEARS.finditer(s.text):
            clause = re.split(r"[，、；：]", s.text[max(0, m.start() - 12):m.start(1)])[-1]
            facts.counts.append(Count(s.index, m.group(0)[m.start(1) - m.start():], m.group(1), "年", "", clause))
        for m in ORG_LIST.finditer(s.text):
            names = _org_list_items(m.group(1))
            if names and not any(name in s.text and name in facts.people for name in names):
                facts.org_lists.append((names, m.group(2), s.index))
        for m in ORGS_LEADERS.finditer(s.text):  # 某局、某委等有关领导参加: the bodies whose leaders came
            names = _org_list_items(m.group(1))
            if names and all(ORG_SUFFIX_RE.search(name) for name in names):
                facts.org_lists.append((names, "部门", s.index))
    facts.org_lists += _org_lines(article)
    facts.aliases.update(_implicit_aliases(article.title + "。" + article.text, facts.aliases))
    facts.lists = _lists(article)
    facts.labels = _labels(article, facts.people)
    for person in facts.people.values():
        person.roles.sort(key=lambda role: -len(role[0]))
    return facts


MIN_ORG_LINES = 2  # a list, not one line
ORG_KIND_WORDS = words("org_list_kinds")  # 企业, 单位, 学校…


def _org_lines(article: Article) -> list[tuple[list[str], str, int]]:
    """获得某行业十强企业有： / 甲股份有限公司 / 乙集团有限公司…: organisations named on lines of their
    own under a line that announces them are a list of the kind it names."""
    out, sentences = [], article.sentences
    for i, s in enumerate(sentences):
        if not s.text.endswith(("：", ":")):
            continue
        names = []
        for line in sentences[i + 1:]:
            if not (ORG_SUFFIX_RE.search(line.text) and re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z]{4,40}", line.text)):
                break
            names.append(line.text)
        kind = next((k for k in ORG_KIND_WORDS if k in s.text), "单位")
        if len(names) >= MIN_ORG_LINES:
            out.append((names, kind, i))
    return out


TENSE_PREFIX = re.compile(rf"^(?:{alternation('title_tense_prefixes')})")  # 新任, 时任: when, not what


def _speech_goes_on(article: Article, person: Person, s) -> bool:
    """Whether a sentence naming no one continues the speech the person began in the sentence before,
    in the same paragraph (某某作会议总结，突出一个主题。…要做好四点：一是…)."""
    last = person.said[-1] if person.said else -1
    return (last == s.index - 1 and article.sentences[last].paragraph == s.paragraph
            and any(kind == "speech" and i in person.said for kind, i in person.actions
                    if article.sentences[i].paragraph == s.paragraph))


def _posts_held(text: str) -> list[tuple[str, str]]:
    """(organisation, title) of the posts a sentence about one person says they hold besides
    (…，并任某大学建筑学院院长、某国家重点实验室主任等): the posts no title-name pair names."""
    held = POSTS_HELD.search(text)
    if not held:
        return []
    roles = [role_in(part) for part in re.sub(r"等$", "", held.group(1)).split("、")]
    return [role for role in roles if role and ORG_SUFFIX_RE.search(role[0])]


def _absorb_overlong_names(facts: ArticleFacts):
    """某某致欢迎辞 read as a three-character name, when the article already named 某某 with the same
    title: the third character began the verb (致, 表示, 在), so the mention is that person's.

    A name's end is a guess where a verb follows it; the article's other mentions of the same
    holder of the same post settle it."""
    for name in [n for n in facts.people if len(n) == 3 and n[:2] in facts.people]:
        longer, shorter = facts.people[name], facts.people[name[:2]]
        if not {t for _, t in longer.roles} & {t for _, t in shorter.roles}:
            continue  # 王明 the director and 王明华 the engineer are two people
        held = {t for _, t in shorter.roles}
        for org, title in longer.roles:
            if title not in held:
                _add_role(facts, Mention(shorter.name, title, org))
        shorter.latin = shorter.latin or longer.latin
        del facts.people[name]


def _add_role(facts: ArticleFacts, mention: Mention):
    person = facts.people.setdefault(mention.name, Person(mention.name))
    role = (mention.org, TENSE_PREFIX.sub("", mention.title))
    if role[1] and not any(role[1] in t and (not role[0] or role[0] == o or role[0] in t) for o, t in person.roles):
        # a later, fuller mention (org + title) replaces a bare one (title only, or organisation only)
        person.roles = [r for r in person.roles if not (not r[0] and r[1] in role[1]) and r[1]]
        person.roles.append(role)
    elif role[0] and not role[1] and not person.roles:
        person.roles.append(role)  # 县融媒体中心某某 in a list of guests: of that body, with no title said
    person.latin = person.latin or mention.latin


def _named_in(text: str, forms: dict[str, str], lengths: list[int]) -> list[tuple[int, str]]:
    """(position, name) of every known person named in the text, in order: by full name, titled
    or not, or by surname and title when only one person has that surname (赖局长, 皇甫主任).

    One pass over the text looking up the few lengths a form can have (the longest form at a
    position wins), so an article with thousands of people is read in time linear in its size,
    not in its size times its people. `lengths`: the forms' lengths, longest first."""
    found, i = [], 0
    while i < len(text):
        for size in lengths:
            name = forms.get(text[i:i + size])
            if name is not None:
                found.append((i, name))
                i += size
                break
        else:
            i += 1
    return found


def _forms(people: dict[str, Person]) -> dict[str, str]:
    """Each way the article may name a known person -> that person: the full name, and surname
    plus honorific (赖局长) when no one else has that surname."""
    surname = {name: name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1] for name in people if "·" not in name}
    count = {}
    for s in surname.values():
        count[s] = count.get(s, 0) + 1
    forms = {}
    for name in people:
        if name in surname and count[surname[name]] == 1 and len(name) > len(surname[name]) + 1:
            for honorific in HONORIFICS:
                forms.setdefault(surname[name] + honorific, name)
    forms.update({name: name for name in people})  # a full name is that person, whatever else it reads as
    return forms


SAME_DAY = re.compile(alternation("same_day_said"))
SAME_DAY_REACH = 2  # sentences back to the dated one a 当日 points at


def _events(facts: ArticleFacts, text: str, index: int, published: str = ""):
    dates = [d for d, _, _ in find_dates(text)] or [
        Date(int(m.group(1)), int(m.group(2)), 0, text=m.group(0).replace(" ", ""))
        for m in MONTH_OF_YEAR.finditer(text) if 1 <= int(m.group(2)) <= 12]
    for m in PART_OF_MONTH.finditer(text):  # 12月上旬 is said with its part, which the bare month loses
        month = int(m.group(2))
        same = [d for d in dates if d.month == month and not d.day]
        if same:
            dates[dates.index(same[0])] = dataclasses.replace(same[0], text=m.group(0))
        elif not dates and 1 <= month <= 12:
            dates = [Date(int(m.group(1)) if m.group(1) else None, month, 0, text=m.group(0))]
    # 某公会19日举行…, or a sentence opening with its day (9日，某协会向…颁发了证书): a news dateline
    day = (DAYS_OF_THIS_MONTH.search(text) or (DAY_OF_EVENT.search(text) if PLACE_VERB.search(text)
                                               else DAY_OF_EVENT.match(text))
           if not dates else None)
    number = to_int(day.group(1)) if day else 0
    last = to_int(day.group(2)) if day and day.re is DAYS_OF_THIS_MONTH and day.group(2) else 0
    if day and published and 1 <= number <= int(published[8:10]):  # 某公会19日举行…: of the month it was reported in
        year, month = int(published[:4]), int(published[5:7])
        span = f"至{last}日" if number < last <= 31 else ""
        dates = [Date(year, month, number, end_day=last if span else None, text=f"{year}年{month}月{number}日{span}")]
    elif day and not published and 1 <= number <= 31:  # a page with no date: the day as written, month unknown
        dates = [Date(None, 0, number, text=f"{number}日")]
    if not dates and SAME_DAY.search(text) and facts.events and facts.events[-1].dates \
            and index - facts.events[-1].sentence <= SAME_DAY_REACH:
        dates = list(facts.events[-1].dates)  # 5月8日，展会开幕。江州商会于当日成立: that day
    place = ""
    for verb in PLACE_VERB.finditer(text):
        # a place is at most 30 characters before its verb: look no further back than that (a pasted
        # page with no punctuation is one clause, and scanning it all for every verb is quadratic)
        window = max(0, verb.start() - PLACE_REACH)
        clause_start = max([window - 1] + [text.rfind(p, window, verb.start()) for p in "，。；："]) + 1
        end = verb.start()
        if clause_start == end and clause_start >= 2 and text[clause_start - 1] == "，":
            # 本月9日在某饭店，举行…: the verb opens its clause, and the place closes the one before
            # (or the one before that: 将在5月13号上午某中心E6馆，对当选产品，举行颁奖活动)
            for _ in range(2):
                end = clause_start - 1
                clause_start = max([window - 1] + [text.rfind(p, window, end) for p in "，。；："]) + 1
                if PLACE_MARKER.search(text, clause_start, end) or clause_start < 2 or text[clause_start - 1] != "，":
                    break
        markers = list(PLACE_MARKER.finditer(text, clause_start, end))
        for marker in reversed(markers):
            candidate = _without_leading_time(text[marker.end():end])
            sited = SITED_AT.search(text, 0, marker.start()) if PLACE_POINTER.match(candidate) else None
            candidate = sited.group(1) if sited else candidate
            if (2 <= len(candidate) <= 30 and not find_dates(candidate) and not NOT_A_PLACE.search(candidate)):
                place = candidate
                break
        if place:
            break
    labelled = PLACE_LABEL.search(text) or PLACE_IN_CLAUSE.search(text)  # （二）地点：郑州市…大厦 / …，地点某某酒店。
    if labelled and not NOT_A_PLACE.search(labelled.group(1)):  # 具体地点另行通知 names none
        place = labelled.group(1).strip()
    if not place:  # 来到卓尼县扎古录镇，为合作社送去…: a visit names its place without 举行
        went = GONE_TO.search(text)
        place = went.group(1) if went and not NOT_A_PLACE.search(went.group(1)) else ""
    venue = VENUE.search(text)
    if dates or place:
        facts.events.append(Event(index, dates, place, venue.group(1) if venue else ""))
    elif venue and facts.events and index - facts.events[-1].sentence <= 2:
        facts.events[-1].venue = facts.events[-1].venue or venue.group(1)  # 会场设在… follows the event


ITEM_START = re.compile(rf"^(?:第[一二三四五六七八九十\d]+(?:{alternation('ordinal_items')})|[一二三四五六七八九十]是|"
                        rf"其[一二三四五]|{alternation('sequence_words')}|[●■◆▪•]|（[一二三四五六七八九十]+）|"
                        r"[一二三四五六七八九十]+、(?=.*[；;。]$))")  # 一、《…报告》； (a heading 一、评选范围 has no ；)
ANNOUNCE = re.compile(rf"[一二三四五六七八九十两\d]+(?:{alternation('announce_classifiers')})|(?:以下|如下).{{0,8}}[：:]$")


def _lists(article: Article) -> list[tuple[int, list[int]]]:
    """本次观摩共安排三个观摩点。第一站是…第二站是…第三站是…: the announcing sentence
    and the sentences that start each item."""
    found, items, style = [], [], ""
    for s in article.sentences:
        start = ITEM_START.match(s.text)
        restarts = bool(start) and re.search(r"[一1]", start.group(0)) is not None and "其一" not in start.group(0)
        if items and (s.index - items[-1] > 6 or (start and (_item_style(start.group(0)) != style or restarts))):
            found.append(items)  # far from the last item, marked another way (● then 二是), or （一） again
            items = []
        if start:
            items.append(s.index)
            style = _item_style(start.group(0))
    if items:
        found.append(items)
    out = _table_lists(article) + _heading_lists(article)
    for items in found:
        if len(items) < 2:
            continue
        start = items[0]
        announce = next((i for i in (start - 1, start - 2) if i >= 0
                         and ANNOUNCE.search(article.sentences[i].text)), start)
        out.append((announce, items))
    return out


ITEM_LINE = re.compile(r"[^。；;，,：:！？!?]{2,40}")
# 江州酱园：老坛牌辣白菜; — a row of a list may pair a name with what it won, and end with a ；
ITEM_ROW = re.compile(r"[^。；;，,：:！？!?]{2,40}(?:[：:][^。；;，,：:！？!?]{1,40})?[；;]?")
LIST_CAPTION = re.compile(alternation("list_captions"))
SOURCE_LINE = re.compile(rf"^[（(]?(?:{alternation('source_markers')})")


# 2、联系电话：12345678 / （三）报名截止时间：… / 标准编号：GB 50000-2020 (an enumerator may come first)
LABELLED = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）、.．]\s*)?([\u4e00-\u9fff]{2,10})\s*[:：]\s*(.*)$")


def _labels(article: Article, people: dict) -> dict[str, tuple[int, str]]:
    """The article's `label：value` lines: label -> (sentence, value).

    A label on several lines (一等奖：… 一等奖：…) captions the rows of a list, not one field, and a
    label that is a person or a title (会长：…, 金鹏宇：…) is read by the people readers: both are left
    out. A label whose value is on the next line (1、协会地址： / 某市某路100号) takes that line."""
    sentences = article.sentences
    matches = [LABELLED.match(s.text) for s in sentences]
    seen = Counter(m.group(1) for m in matches if m)
    out = {}
    for i, match in enumerate(matches):
        if not match or seen[match.group(1)] > 1 or match.group(1) in people or TITLE_RE.fullmatch(match.group(1)):
            continue
        value = match.group(2).strip() or _value_below(sentences, i)
        if value:
            out[match.group(1)] = (i, value)
    return out


LIST_ITEM = re.compile(r"^\s*(?:[（(]?\d+[)）.、．]|[①-⑳])")


def _value_below(sentences, i: int) -> str:
    """The value of a label that ends its line: the next line, or, when that is item 1 of a numbered
    list (汇款方式： / 1. 银行汇款 / 开户名称：… / 2. 邮局汇款), every item of that list."""
    if i + 1 >= len(sentences):
        return ""
    first = LIST_ITEM.match(sentences[i + 1].text)
    if not first:
        return sentences[i + 1].text
    style = re.sub(r"\d+", "", first.group(0))
    items = [s.text for s in sentences[i + 1:]
             if (m := LIST_ITEM.match(s.text)) and re.sub(r"\d+", "", m.group(0)) == style]
    numbers = [int(re.search(r"\d+", LIST_ITEM.match(t).group(0)).group(0)) for t in items]
    count = next((n for n in range(1, len(numbers) + 1) if numbers[:n] != list(range(1, n + 1))), len(numbers) + 1) - 1
    return "；".join(items[:count])


def _heading_lists(article: Article) -> list[tuple[int, list[int]]]:
    """一、年度先进单位（5家） over one name a line: the lines under a heading, each a bare name
    or phrase with no sentence punctuation, are the list the heading announces."""
    out, sentences, siblings = [], article.sentences, set()
    for s in sentences:
        headed = bool(s.heading) and s.text == s.heading
        caption = APPENDIX_LEAD.sub("", without_closing_note(s.text))  # 附：获奖企业名单 is that caption
        captioned = ITEM_LINE.fullmatch(caption) and (LIST_CAPTION.search(caption) or COUNTED_CAPTION.search(s.text))
        # 一、金奖3个（按得分排列）： over its rows: a caption that counts what follows and ends with a colon
        # (蔬菜类： over one product a line is a caption too, when short)
        head = CAPTION_END.sub("", caption)
        colon_caption = bool(CAPTION_END.search(caption) and ITEM_LINE.fullmatch(head)
                             and (ANNOUNCE.search(head) or len(head) <= SHORT_CAPTION)) or s.index in siblings
        # 其中，获评十强的企业有： over one name a line: a sentence ending with a colon leads the rows
        lead = not captioned and not colon_caption and bool(CAPTION_END.search(caption))
        captioned = captioned or colon_caption or lead
        if not headed and not captioned:  # 2024年度优秀会员单位名单, over one name a line
            continue
        items = []
        for row in sentences[s.index + 1:]:
            if row.heading != s.heading or not (ITEM_LINE if lead else ITEM_ROW).fullmatch(row.text):
                break  # (under a lead sentence, only bare names: its points are read as points)
            if colon_caption and not headed and row.text[-1] == head[-1]:
                siblings.add(row.index)  # 蔬菜类： … 水果类: a line ending like the caption is the next caption
                break
            items.append(row.index)
        if len(items) < 2 and headed:  # 三、申报材料 over 1.申报表。… 2.主要业绩。…: its numbered points
            under = [row for row in sentences[s.index + 1:s.index + 40] if row.heading == s.heading]
            items = [row.index for row in under if NUMBERED_POINT.match(row.text)]
            numbers = [int(NUMBERED_POINT.match(sentences[i].text).group(1)) for i in items]
            if numbers != list(range(1, len(numbers) + 1)):
                items = []  # 1. 2. 3. in order, or it is not one list
        if len(items) >= 2:
            out.append((s.index, items))
    return out


CAPTION_END = re.compile(r"[：:]$")
SHORT_CAPTION = 8  # 蔬菜类：, 一等奖：: a line this short that ends with a colon captions the lines below
APPENDIX_LEAD = re.compile(r"^附(?:件|表)?\s*\d*\s*[：:]\s*")
COUNTED_CAPTION = re.compile(r"[（(]\d+\s*[家名项个位人所][）)]$")  # 优秀单位（8家）, over one name a line
NUMBERED_POINT = re.compile(r"^(\d{1,2})\s*[.．、]\s*(?!\d)")  # 1.申报表 (not 1.5万元)


def _table_lists(article: Article) -> list[tuple[int, list[int]]]:
    """一等奖（4项） over rows 一等奖：湿热地区…，主要完成单位为…: a captioned table is a list."""
    out, sentences = [], article.sentences
    for s in sentences[:-1]:
        caption = without_closing_note(s.text)
        rows = []
        for row in sentences[s.index + 1:]:
            if not row.text.startswith(f"{caption}："):
                break
            rows.append(row.index)
        if len(caption) >= 2 and len(rows) >= 2:
            out.append((s.index, rows))
    return out


def _item_style(marker: str) -> str:
    """第一站 and 第二站 mark one list, 一是 and 二是 another: the marker without its number.
    Steps in order (第一站/首先 … 随后 … 最后) are one list however each is marked."""
    if SEQUENCE.match(marker):
        return "sequence"
    return re.sub(r"[一二三四五六七八九十\d]+", "", marker)


SEQUENCE = re.compile(rf"第[一二三四五六七八九十\d]+站|{alternation('sequence_words')}")


ORG_LIST_OPENER = re.compile(f"(?:{alternation('org_list_openers')})(?!限公司)")  # 来自, 包括, 邀请了 (not 有限公司's 有)


def _org_list_items(listed: str) -> list[str]:
    """来自北京、重庆…成都等行业协会、相关高校及立邦、青岛科瑞、中煤科工 -> 立邦, 青岛科瑞, 中煤科工."""
    items = listed.split("、")
    for i in range(len(items) - 1, -1, -1):
        if "等" in items[i]:
            items = items[i + 1:]
            break
    if not items:
        return []
    items[0] = ORG_LIST_OPENER.split(items[0])[-1]
    last = re.split(r"和|及", items[-1])  # …、某汽车部件有限公司和某电器（长沙）有限公司: two, both named in full
    if len(last) == 2 and all(ORG_SUFFIX_RE.search(part) for part in last):
        items[-1:] = last
    if any(TITLE_RE.search(item) for item in items):
        return []  # a chain of people, not of organisations
    return [item for item in items if 2 <= len(item) <= 30]


PUBLISHER_PREFIX = re.compile(alternation("publisher_prefixes"))  # 我会, 本院


def _home_org(article: Article) -> str:
    """The article's own organisation: named in the title, or by the site's footer.

    Not when the title also speaks of the publisher as 我会/我协会 (某协会一行到访我协会): the
    organisation it names is a guest."""
    title = re.split(r"——|──|--", article.title)[-1]
    orgs = org_mentions(title)
    if len(orgs) >= 2 and orgs[1].endswith(BODY_ENDINGS) and f"{orgs[0]}{orgs[1]}" in title:
        orgs = [orgs[0] + orgs[1], *orgs[2:]]  # 某协会幕墙专业委员会成立: the association's committee
    if len(orgs) >= 2 and orgs[0].endswith(COMPANY_ENDINGS) and orgs[1].endswith(ASSOCIATION_ENDINGS):
        # 某公司参加市建筑协会会长办公会: the posts reported are the association's (the verb may be read
        # as the start of its name)
        joined = JOINING_VERB.match(orgs[1])
        between = title[title.find(orgs[0]) + len(orgs[0]):title.find(orgs[1])]
        if joined or JOINING_VERB.search(between):
            return orgs[1][joined.end():] if joined else orgs[1]
    visited = GUEST_VERB.search(title)
    hosts = [org for org in orgs if visited and title.find(org) > visited.start()]
    if hosts and not PUBLISHER_PREFIX.search(title):
        return hosts[0]  # 广东、陕西等地塑料行业商协会领导一行到访某省塑料协会: the host's news
    for org in orgs if not PUBLISHER_PREFIX.search(title) else ():
        if not PUBLISHER_PREFIX.match(org):  # 我会专家委员会: the publisher's, named below
            return org
    owner = article.contacts.get("owner", "")
    if ORG_SUFFIX_RE.search(owner):
        return owner
    return _holding_the_meeting(article)  # a site (…网) is not an organisation


EVENT_VERB = re.compile(alternation("event_verbs"))


def _holding_the_meeting(article: Article) -> str:
    """茶文化专委会换届, a title naming no organisation in full, over 某协会某专业委员会在某地举行
    会议: the body the lead sentence says held it (its first organisation before the verb)."""
    for sentence in article.sentences[:2]:
        verb = EVENT_VERB.search(sentence.text)
        orgs = org_mentions(sentence.text[:verb.start()]) if verb else []
        if len(orgs) >= 2 and orgs[1].endswith(BODY_ENDINGS) and orgs[0] + orgs[1] in sentence.text:
            return orgs[0] + orgs[1]  # 某协会某专业委员会: the association's committee
        if orgs:
            return orgs[0]
    return ""


def _explicit_aliases(article: Article) -> dict[str, str]:
    """江苏省绿色建筑协会（以下简称“省绿建协会”）, 澳门建筑节能与环境学会（下称「学会」）,
    《…技术规程》（以下简称《规程》）."""
    aliases = {}
    for s in article.sentences:
        for m in ALIAS_EXPLICIT.finditer(s.text):
            if m.group(3):  # 《热带海岛地区…技术规程》（以下简称《规程》）
                before = re.findall(r"《([^《》]{2,60})》", s.text[:m.start()])
                if before:
                    aliases[m.group(3)] = before[-1]
                continue
            full = _org_before(s.text, m.start())
            if full:
                aliases[m.group(1) or m.group(2)] = full
    return aliases


def _org_before(text: str, end: int) -> str:
    """江苏省绿色建筑协会（以下简称“省绿建协会”）: the name the short one stands for."""
    names = org_mentions(text[:end])
    return names[-1] if names and text[:end].rstrip("（(").endswith(names[-1]) else ""


ALIAS_SUFFIXES = words("alias_suffixes")  # 办公室, 协会, 大会
SHORT_NAME = re.compile(rf"(?:^|(?<=[^{HAN}])|(?<=[的在由与和及对为是将向经、]))([{HAN}]{{1,5}}(?:{alternation('alias_suffixes')}))")


def _implicit_aliases(text: str, known: dict[str, str]) -> dict[str, str]:
    """西部办公室 for 西部地区建筑绿色低碳发展协调推进办公室: a short name, standing on its own
    in the article, whose characters appear in order in a long name with the same ending."""
    longs = {name for name in org_mentions(text) if len(name) >= 6 and name.endswith(ALIAS_SUFFIXES)}
    inside = set()  # positions within a long name: 产业协会 inside 成都市…产业协会 is no short name
    for name in longs:
        for m in re.finditer(re.escape(name), text):
            inside.update(range(m.start(), m.end()))
    aliases = {}
    for m in SHORT_NAME.finditer(text):
        mention = m.group(1)
        for cut in range(len(mention) - 3):  # four characters at least: 绿建协会, 西部办公室
            candidate, at = mention[cut:], m.start(1) + cut
            if at in inside or LEADING_FUNCTION.match(candidate) or candidate in known:
                continue
            full = next((f for f in sorted(longs, key=lambda name: (len(name), name)) if candidate not in f and len(candidate) < len(f) - 2
                         and f.endswith(candidate[-2:]) and is_abbreviation(candidate, f)), None)
            if full:
                aliases[candidate] = full
                break
    return aliases


def is_abbreviation(short: str, long: str) -> bool:
    """莆田建协 abbreviates 莆田市建筑业协会, 绿建大会 绿色建筑与建筑节能大会: the short name's
    characters appear in order in the long one, within a span a few times its length."""
    if not 3 <= len(short) < len(long):
        return False
    start = long.find(short[0])
    while start >= 0:
        at, ok = start, True
        for ch in short[1:]:
            at = long.find(ch, at + 1)
            if at < 0 or at - start >= 4 * len(short):
                ok = False
                break
        if ok:
            return True
        start = long.find(short[0], start + 1)
    return False


CLOCK_TIME = re.compile(r"^(?:\d{1,2}[:：]\d{2}|\d{1,2}[时点](?:\d{1,2}分|半)?)")


def _without_leading_time(text: str) -> str:
    """在5月13号上午10:00某国际博览中心E6馆: the place, after the day and the hour."""
    text = TIME_WORDS.sub("", text.strip())
    dates = find_dates(text)
    if dates and dates[0][1] == 0:
        text = TIME_WORDS.sub("", text[dates[0][2]:])
    return TIME_WORDS.sub("", CLOCK_TIME.sub("", text)).strip()
