"""Questions in, answers out: curated FAQ first, then facts read from the articles.

    1. a curated FAQ entry that asks the same thing wins;
    2. otherwise the question's kind (who / when / where / how many …) and subject pick
       the article and the fact in it, and the fact is answered with its evidence;
    3. when the article does not state the fact asked for, the bot declines — even when
       the question's words match the article well.
"""

import dataclasses
import json
import logging
import re
import threading
from collections import OrderedDict

from . import thresholds
from .answer import Answer
from .answering.alternatives import either_or_answer
from .answering.awards import award_answer
from .answering.descriptions import VISITED_LIST, Passages
from .answering.facts import CLOCK_SAID, CONTACT_PERSON, FUTURE_SAID, ISSUED_DOCUMENT, FactAnswers
from .answering.labels import labelled_answer
from .answering.people import (
    DEED_ASKED,
    DEED_PREPOSITIONS,
    LEAD_ASKED,
    ORG_KINDS,
    SPEECH_ACT_ASKED,
    SPEECH_WORDS,
    TITLE_GIVEN,
    PeopleAnswers,
    lists_names,
)
from .answering.wording import quote, source
from .question.analysis import INTERROGATIVES, ORG_WORDS, TARGET_NOUNS, Question, analyse, clean, orgs_named
from .question.dictionary import MAX_GLOSS_WORDS, glossed
from .reading.knowledge import KnowledgeBase
from .reading.orgs import org_mentions
from .reading.people import HONORIFICS, is_surname_start, plausible_name
from .retrieval.faq_match import FaqMatcher
from .retrieval.faq_match import conflicts as faq_conflicts
from .retrieval.finder import Finder, source_entry, subject_words
from .retrieval.library import PROVINCE_ABBREVIATIONS, Doc, Library
from .retrieval.names import ends_name
from .text.folding import fold, has_traditional, question_key, to_traditional
from .text.lexicon import COMPOUND_SURNAMES, ORG_SUFFIX_RE, PLACES, TITLE_RE
from .text.numerals import an2cn, to_int
from .text.vocab import alternation, patterns, words

log = logging.getLogger(__name__)

ANSWER_CACHE = 2048  # answers kept per engine, most recently asked first
MAX_QUESTION_CHARS = 200  # a follower's question is a sentence; the rest of a pasted essay is ignored
QUESTION_END = re.compile(r"[？?]")
# 除了某某（以外），还有…: the one named is set aside; the question is about the rest
EXCEPT = re.compile(rf"除了?[^，,。？?]{{2,16}}?(?:以外|之外)?[，,]\s*(?=.*(?:{alternation('others_asked')}))")
NEXT_ASKED = re.compile(alternation("next_asked"))  # 下一期, 明年
FUTURE_READ_AS_CONTENT = ("speakers", "what", "content", "purpose", "attend")
TITLES_JOINED = re.compile(r"和|与|及|以及|、")  # 理事长和秘书长
WHO_ASKED = re.compile(alternation("who_asking"))


def _one_question_per_title(question: str) -> list[str]:
    """某协会的理事长和秘书长分别是谁 -> [某协会的理事长是谁, 某协会的秘书长是谁]; [] for one title."""
    text = fold(question)
    found = list(TITLE_RE.finditer(text))
    for first, second in zip(found, found[1:], strict=False):
        if TITLES_JOINED.fullmatch(text[first.end():second.start()]):
            rest = re.sub(r"^分别|^各自", "", text[second.end():])
            if not WHO_ASKED.search(rest):
                return []  # 会长和秘书长出席了吗: one question about both
            return [text[:first.end()] + rest, text[:first.start()] + second.group(0) + rest]
    return []
WEB_ADDRESS = re.compile(r"https?://\S+$")  # an FAQ 来源 that is the original page itself
HONOURED_ASKED = re.compile(alternation("honoured_asked"))  # 被评上, 荣获: who was honoured, not who came
HONOUR_NAMED = re.compile(rf"(?:{alternation('honour_words')})[\u4e00-\u9fff]")  # 优秀女教师都有谁: the honoured
# 个人前五名, 前三强, 前三都是哪些: the first N places (not 前三天)
TOP_RANKS = re.compile(r"([\u4e00-\u9fff]{2})?前([一二三四五六七八九十]|\d{1,2})(?:名|强|(?=[都是有的分还？?，,]|$))")
MAX_RANKS = 10  # places a 前N名 question may ask for
# 参加, 出席, 到场: a question of who attended asks it with a verb; 都有哪些 alone may ask for things
ATTENDING = re.compile("|".join(w for w in words("question_kinds/attend") if not re.search("[哪谁]|名单", w)))
PERSON_ASKED = re.compile(alternation("person_asked"))  # a person, not 哪个 (哪个条例 asks for a document)
# 哪位, 联系人, 叫什么名字: only a person answers these, never an organisation's sentence
ONE_PERSON_ASKED = re.compile(alternation("one_person_asked"))
# 皖书协, 苏茶协: a province's one-character name opening an association's short name
PROVINCE_SHORT_ORG = re.compile(rf"(?<![\u4e00-\u9fff])([{''.join(PROVINCE_ABBREVIATIONS)}])(?=[\u4e00-\u9fff]协)")
PLACE_NAMES = tuple(PLACES)
NUMBER_THEN_NAME = re.compile(r"\d[\d\-]{6,}\s*([\u4e00-\u9fff]{2,3})(?![\u4e00-\u9fff])")  # 0551-62345678某某
NAME_WITH_NUMBER = re.compile(r"(?:^|\n|、)\s*([\u4e00-\u9fff]{2,4}?)\s*[（(]")  # 某某（电话：…）
NTH_ITEM_ASKED = re.compile(r"第([一二三四五六七八九十\d]+)[家个位](?=[\u4e00-\u9fff]{0,6}?(?:是|叫|哪))")  # 第六家企业是哪家
LISTED_NAMES = re.compile(r"[\u4e00-\u9fffA-Za-z]{3,30}(?:、[\u4e00-\u9fffA-Za-z]{3,30})+")  # 甲公司、乙公司、丙公司
ACCOMPANYING = alternation("accompanying_words")
WHO_DID_CUE = re.compile(rf"谁(?:来|[{DEED_PREPOSITIONS}][\u4e00-\u9fff]{{0,4}}?)?(?:{patterns('question_kinds/what')})")  # 谁给介绍的: a deed asked of someone
SET_ASIDE = re.compile(rf"除了?([^，,。？?]{{2,16}}?)(?:以外|之外)?[，,]?\s*(?:{alternation('others_asked')})")
COMPANION_ASKED = re.compile(alternation("companion_asked"))  # 是谁陪同的: who went with the person named
MAX_PARTS = 3  # questions answered from one message; more is an essay, not a chat
DOCUMENT_ENDING = re.compile(rf"({alternation('document_nouns')})$")  # a topic naming a document last
MAX_GLOSSES = 12  # Chinese words of one English gloss looked for in the articles (the dictionary's first)
USAGE_LIMIT = 20  # articles counted for a word: enough to tell a trade's word from a rare one
HOW_MANY = re.compile(r"\bhow\s+many\s+([A-Za-z]+)", re.IGNORECASE)  # the thing an English count asks about
# 哪三大任务, 哪几个方面: a list the question counts, which a sentence naming that count announces
COUNTED_LIST_ASKED = re.compile(r"哪([二两三四五六七八九十]|[2-9])([大个项条种类点])?([\u4e00-\u9fff]{2})"
                                r"|([二两三四五六七八九十]|[2-9])([大项条点])([\u4e00-\u9fff]{2})(?:分别)?(?:是|有|包括)?(?:哪|什么|啥)")
# 去哪儿报到, 在哪领取: the deed a where-question names after its interrogative, done at a place
WHERE_DONE = re.compile(r"(?:哪儿|哪里|哪)(?:去)?([\u4e00-\u9fff]{2})")
EVENT_VERB = re.compile(f"{alternation('event_verbs')}|{alternation('held_asked')}")  # 举行, 开的, 办的: an event held
PLACE_BEFORE = alternation("place_markers") + "|到"  # 到某中心报到: 到 places a deed as 在 does
SENT_WHERE_ASKED = re.compile(rf"(?:{alternation('send_verbs')})(?:到|至|往)(?:哪|什么地方)")  # 作品送到哪里
SENT_WHERE_SAID = re.compile(rf"(?:{alternation('send_verbs')})(?:到|达|至|往)[\u4e00-\u9fff]{{2}}")  # 送达某文化馆
WHY_ASKED = re.compile(alternation("why_asked"))  # 为啥要办, 出于什么目的
REASON_SAID = re.compile(alternation("reason_said"))  # 旨在, 为了, 将会为…起到作用
WHY_SLACK = 5.0  # points of score a sentence giving a reason may lose to the closest one and still answer why
SITED_ASKED = re.compile(patterns("sited_asked"))  # 办公室设在哪, 基地位于哪里
SITED_SAID = re.compile(alternation("sited_said"))
PRODUCT_ASKED = re.compile(patterns("product_asked"))  # 主要生产什么产品: what a company makes
PRODUCT_SAID = re.compile(alternation("product_said"))
AUTHOR_ASKED = re.compile(patterns("author_asked"))  # 这篇稿件是谁写的: the item's byline
FILE_NUMBER_OF = re.compile(r"(?:第|多少|几)号")  # 江农函第几号 / 多少号 / 几号文
ISSUER_ASKED = re.compile(patterns("issuer_asked"))  # 这个通知是哪个单位发的: the body signed under it
PAYER_ASKED = re.compile(alternation("payer_asked"))  # 食宿费用谁负担: who bears it, not how much
PAYER_SAID = re.compile(alternation("payer_said"))  # 由某中心负担, 费用自理
NEAR_ARTICLES = 1  # the articles an English question's translated words are about
PRONOUNS = re.compile(alternation("pronouns"))  # longest first: 他们 before 他
PERSON_ROLE_ASKED = re.compile(alternation("person_role_asked"))  # 某某是啥角色: who they are there
PEOPLE_NOUNS = alternation("people_nouns")  # 领导, 代表: people, asked by what they are
SAID_VERBS = alternation("said_verbs")  # 局长说…: what the holder of the title said
APPRAISAL_ASKED = patterns("appraisal_asked")  # 某某怎么评价某书: what they said of it
SPEECH_TOPIC_ASKED = re.compile(alternation("speech_topic_asked"))  # 讲话的主题: what the person said
SPEECH_SAID = re.compile("|".join(map(re.escape, sorted(SPEECH_WORDS, key=len, reverse=True))))  # 作报告, 演讲
# kinds whose answer is about the person the question opens with: who they are, what they said or did
ABOUT_A_PERSON = ("who", "said", "speakers", "attend", "host", "holders", "doer", "what", "content", "")


class Engine:
    """Answers from one loaded KnowledgeBase; built whole, so it can be swapped atomically."""

    def __init__(self, kb: KnowledgeBase, previous: "Engine | None" = None, cache_size: int = ANSWER_CACHE):
        """`previous`: the engine this one replaces; what it read from unchanged articles is reused.
        `cache_size`: answers kept (0: none, as the engine benchmark measures the answer path itself)."""
        self.kb = kb
        self._cache: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()
        self.library = Library(kb.articles, kb.settings.synonyms, kb.settings.association,
                               previous.library if previous is not None else None)
        self.faq = FaqMatcher(kb.faq, self.library.canon, previous.faq if previous is not None else None,
                              own_name=kb.settings.association)
        self.finder = Finder(self.library)
        passages = Passages(self.finder)
        self.people = people = PeopleAnswers(self.finder, passages)
        facts = FactAnswers(self.finder, passages)
        # the question's kind -> the method that answers it (None when the articles do not say)
        self.answerers = {
            "who": people.who, "said": people.said, "holders": people.holders, "attend": people.attend,
            "host": people.host, "speakers": people.speakers, "organiser": people.organiser, "doer": people.doer,
            "documents": facts.documents, "count": facts.count, "when": facts.when, "where": facts.where,
            "contact": facts.contact, "attachments": facts.attachments, "code": facts.code,
            "what": passages.what, "fullname": passages.fullname, "purpose": passages.purpose,
            "content": passages.content, "visits": passages.visits,
        }
        self._usage: dict[str, int] = {}  # a dictionary word -> how many articles use it (English questions)
        self._suggestions: list[str] = []
        self._suggestions = self._pick_suggestions()

    # -- the entry point ---------------------------------------------------------------

    def answer(self, question: str, context: dict | None = None) -> Answer:
        """Answer one question; `context` is the previous answer's context (follow-ups).

        Answers are kept per engine (a reload builds a new one): after a push, many followers ask
        the same few questions, and the same question in the same context has the same answer."""
        key = (question, json.dumps(context, sort_keys=True, ensure_ascii=False, default=str) if context else "")
        with self._cache_lock:
            kept = self._cache.get(key)
            if kept is not None:
                self._cache.move_to_end(key)
        if kept is None:
            kept = self._answer(question, context)
            kept.asked = question_key(question)
            with self._cache_lock:
                self._cache[key] = kept
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return dataclasses.replace(kept)  # a copy: whoever receives it may change its text

    def _answer(self, question: str, context: dict | None) -> Answer:
        context = context or {}
        question = question[:MAX_QUESTION_CHARS]
        parts = [p.strip() for p in QUESTION_END.split(question) if len(clean(p)) >= 2]  # not 请问？ / 谢谢？
        if len(parts) >= 2 and len(QUESTION_END.findall(question)) >= 2:
            return self._answer_each(parts, context)
        if EXCEPT.search(question):  # 除了周某，还有哪些院士…: the others, asked as all of them
            question = re.sub(r"还(?=有)", "", EXCEPT.sub("", question), count=1)
        titles = _one_question_per_title(question)
        if titles:  # 理事长和秘书长分别是谁: two questions, one per title
            return self._answer_each(titles, context)
        question = PROVINCE_SHORT_ORG.sub(  # 皖书协 -> 安徽书协 (not 宁波建协: 宁波 is a place)
            lambda m: m.group(1) if m.string.startswith(PLACE_NAMES, m.start()) else PROVINCE_ABBREVIATIONS[m.group(1)],
            question)
        q = analyse(self.library.canon(fold(question)))
        if q.english and q.latin_words:  # auto repair -> 汽修: English the glossary lacks, in the articles' words
            worded = self._english_in_chinese(question, q)
            if worded != question:
                question, q = worded, analyse(self.library.canon(fold(worded)))
            counted = HOW_MANY.search(question)
            if counted and counted.group(1).lower() in q.latin_words and glossed(counted.group(1)):
                return self.decline()  # How many pilots…: what is counted is a thing no article near it names
        q.written = fold(question)
        q.orgs = orgs_named(fold(question))  # before the synonyms: 建筑业协会 -> 建协 hides that it is one
        if q.english:  # the Chinese the English was mapped onto gets the synonyms the articles got
            q.text, q.topic = self.library.canon(q.text), self.library.canon(q.topic)
        if not q.text:
            return self.decline()
        faq = self.faq.match(question, q)
        if faq and faq[0][1] >= thresholds.FAQ_MIN_SCORE:
            answer = self._faq_answer(faq)
            answer.runners_up = _faq_runners_up(faq, answer.matched)
            if has_traditional(question):
                answer.text = to_traditional(answer.text)
            return answer
        q, scope = self._apply_context(q, context)
        people = self.library.people.find(q.text, q.latin_words)
        set_aside = SET_ASIDE.search(q.text)  # 除了甲和乙另外两个是谁: 甲 and 乙 are not asked
        people = [p for p in people if not (set_aside and p[0] in set_aside.group(1))]
        if len(people) >= 2:  # 跟甲一块去的乙是什么职务: 甲 is named as who went along, 乙 is asked
            people = sorted(people, key=lambda p: re.search(rf"(?:{ACCOMPANYING}){re.escape(p[0])}", q.text) is not None)
        opening = _opening_name(q.text)
        in_text = bool(opening) and not people and self._in_articles(opening)  # named, but not read as a person
        if not people and (self.library.people.unknown_in(q.text)  # 张立国 is not 张立
                           or (q.asks_who and _a_person(q.topic.replace(" ", "")) and not in_text)  # 张志敏是谁
                           # 何文涛在颁奖典礼上是什么身份: the rest may match an article well, but the
                           # person asked about is in none, so any answer would be about someone else
                           or (opening and not in_text)):
            return self.decline()  # a person the articles do not name
        if q.proper_nouns and not people:
            q = self._spell_in_chinese(q)
        said_by_title = bool(q.job_title) and not q.asks_who and re.search(
            f"{re.escape(q.job_title)}(?:{SAID_VERBS})", q.text) is not None  # 都发局长说协会扮演什么角色
        if not people and q.job_title and (q.kind == "speakers" or SPEECH_TOPIC_ASKED.search(q.text) or said_by_title):
            people = self._holder(q, scope)  # 某大学那位教授讲的题目: first who that is, then what they said
        said_by_name = bool(people) and not q.asks_who and q.kind in ("", "what") and re.search(
            f"{re.escape(people[0][0])}(?:{TITLE_RE.pattern})?(?:{SAID_VERBS}|{APPRAISAL_ASKED})(?![座堂])",
            q.text) is not None  # 某某(院长)说…, not 某某讲座
        kind = "said" if (said_by_title or said_by_name) and people else self._kind(q, people)  # what they said
        if kind in ("when", "count") and FILE_NUMBER_OF.search(q.text) and any(p in q.text for p in self.library.file_prefixes):
            kind = "code"  # 是江农函几号文: the notice's file number, not a day nor an amount
        document = DOCUMENT_ENDING.search(q.topic)
        if kind == "fullname" and document:  # 那个合作协议全称叫什么: the document's 《name》, not an organisation's
            kind, q.targets, q.asks_name = "documents", [document.group(1)], True
            q.topic = q.topic[:document.start()].strip()  # as 合作协议叫什么 reads: the noun is the target
        try:
            # a line the article labels with the very words of the question (标准编号：…) says it best
            answer = labelled_answer(self.finder, q, people, scope, whole_label_only=True) if not people else None
            if answer is not None and q.kind == "contact" and ONE_PERSON_ASKED.search(q.text) \
                    and not _names_a_contact(answer.text):
                answer = None  # 联系人和电话是什么: the 电话 line alone does not say whom to call
            answer = answer or either_or_answer(self.finder, q, people, scope)  # 开卷还是闭卷
            answer = answer or self._top_ranks(q, people, scope)  # 个人前五名是谁
            answer = answer or award_answer(self.finder, q, people, scope)  # 《某作品》拿了什么奖
            if answer is None and NEXT_ASKED.search(q.text) and kind in FUTURE_READ_AS_CONTENT:
                # 下一期打算讲啥: what is planned, which only a sentence about the future says (下期将…),
                # never this event's speakers or contents
                answer = self.answerers["content"](q, people, scope, cue=FUTURE_SAID, cue_required=True) \
                    or self.decline()
            unread = opening if in_text and kind in ABOUT_A_PERSON else ""
            if answer is None and unread:
                # 某某讲的题目, when the articles name 某某 but the reader did not take them for a person
                # (总编某某的《…》报告): only a sentence naming them answers, never the list of speakers
                named = re.escape(unread)
                if kind in ("speakers", "said") or SPEECH_TOPIC_ASKED.search(q.text):  # 讲的题目: their talk first
                    answer = self.answerers["content"](q, [], scope, cue=re.compile(
                        f"(?=.*{named})(?=.*(?:{SPEECH_SAID.pattern}|{TITLE_GIVEN.pattern}))"), cue_required=True)
                answer = answer or self.answerers["content"](q, [], scope, cue=re.compile(named), cue_required=True) \
                    or self.decline()
            if answer is None and SITED_ASKED.search(q.text):  # 办公室设在哪: the sentence saying 设在某大学
                answer = self.answerers["content"](q, people, scope, cue=SITED_SAID, cue_required=True)
            if answer is None and PRODUCT_ASKED.search(q.text):
                # 某集团主要生产什么产品: a sentence that says what it makes, never the visit that names it
                answer = self.answerers["content"](q, people, scope, cue=PRODUCT_SAID, cue_required=True) \
                    or self.decline()
            if answer is None and AUTHOR_ASKED.search(q.text):
                answer = self._author(q, scope)  # 这篇稿子是谁写的: the byline, or nothing
            if answer is None and ISSUER_ASKED.search(q.text) and ISSUED_DOCUMENT.search(q.text):
                answer = self._issuer(q, scope)  # 这个通知是哪个单位发的: the body signed under it
            if answer is None and PAYER_ASKED.search(q.text):
                # 食宿费用由谁负担, 要自己掏钱吗: the sentence that says who bears the cost, not an amount
                answer = self.answerers["content"](q, [], scope, cue=PAYER_SAID, cue_required=True)
            if answer is None and kind == "attend" and not people and COMPANION_ASKED.search(q.text):
                # 这次调研是谁陪同的: the sentence saying who went along (陪同考察的有…), before all who attended
                answer = self.answerers["content"](q, [], scope, cue=COMPANION_ASKED, cue_required=True)
                if answer is not None and not self._names_someone(answer.evidence, people_only=True):
                    answer = None
            answer = answer or self.answerers[kind](q, people, scope)
            if (answer is not None and answer.kind == "content" and WHY_ASKED.search(q.text)
                    and not REASON_SAID.search(answer.evidence or "")):
                # 某市为啥要成立钟表协会, answered by the sentence reporting the founding: one as close
                # to the question that gives a reason or an aim (某会的成立，旨在…) says why
                reason = self.answerers["content"](q, people, scope, cue=REASON_SAID, cue_required=True)
                if reason is not None and reason.score >= answer.score - WHY_SLACK:
                    answer = reason
            if answer is not None and q.things_listed and (answer.evidence or "").count("、") < 2:
                answer = None  # 都有哪些茶, answered by a sentence that lists nothing
            if answer is None and kind == "attend" and q.asks_orgs and not people and not q.asks_who \
                    and not ONE_PERSON_ASKED.search(q.text):
                # 十佳企业都有哪些: bodies asked, and no list of bodies attending: a sentence that lists them
                answer = self.answerers["content"](q, people, scope)
                if answer is not None and answer.evidence.count("、") < 2:
                    answer = None
            done_where = WHERE_DONE.search(q.text) if answer is None and kind == "where" else None
            if done_where and EVENT_VERB.match(done_where.group(1)):
                done_where = None  # 在哪里举行: an event's place, which the where reader did not find
            if done_where:  # 去哪儿报到: no event is placed, but a sentence says 到某中心…报到
                answer = self.answerers["content"](q, people, scope, cue=re.compile(
                    rf"(?:{PLACE_BEFORE})[^，。；]{{2,30}}?{re.escape(done_where.group(1))}"), cue_required=True)
                if answer is not None:  # the sentence that places the deed is where it is done: a where answer
                    answer = dataclasses.replace(answer, kind="where")
            if answer is None and kind == "where" and SENT_WHERE_ASKED.search(q.text):
                # 作品送到哪里: the sentence that sends them somewhere (需在当天送至某文化馆), wherever the
                # question's other verb (终评) stands
                answer = self.answerers["content"](q, people, scope, cue=SENT_WHERE_SAID, cue_required=True)
                if answer is not None:
                    answer = dataclasses.replace(answer, kind="where")
            listed = COUNTED_LIST_ASKED.search(q.text)
            if listed and (answer is None or not _list_count_said(listed).search(self.library.canon(answer.text))):
                # 要承担哪三大任务: an answer that never says 三大任务 gives way to the sentence that does
                answer = self._counted_list(q, people, scope, _list_count_said(listed)) or answer
            if answer is None and kind == "purpose" and SPEECH_ACT_ASKED.search(q.text):
                # 某局希望协会发挥啥作用: what was hoped for is a sentence of the article, not a definition
                answer = self.answerers["content"](q, people, scope)
            if answer is None and kind == "said" and SPEECH_ACT_ASKED.search(q.text):
                answer = self.answerers["content"](q, people, scope)  # no speech read as theirs: the sentence that says it
            if answer is None and kind == "doer":
                answer = self.answerers["content"](q, people, scope)  # 回执寄给谁: an organisation may be who
                if answer is not None and ONE_PERSON_ASKED.search(q.text) and not lists_names(answer.text):
                    answer = None  # 哪几位: people were asked, and the closest sentence names none
                deed = DEED_ASKED.search(q.text)
                if answer is not None and deed and deed.group(1) not in self.library.canon(answer.evidence):
                    answer = None  # 哪位领导接待的: a sentence that does not say 接待 does not say who did
            if answer is not None and answer.kind == "contact" and ONE_PERSON_ASKED.search(q.text) \
                    and not _names_a_contact(answer.text):
                answer = None  # 联系人叫什么名字, and the notice gives a phone and a department but nobody
            if answer is not None and answer.kind in ("content", "host") and _names_no_org_of_kind(q, answer.text):
                answer = None  # 哪家公司建的, and the closest sentence says 施工单位 but names no company
            if answer is not None and answer.kind == "content" and "谁" in q.text and not self._names_someone(
                    answer.text, people_only=bool(q.job_title or LEAD_ASKED.search(q.text))):
                answer = None  # 那8个人都是谁, and the closest sentence counts them but names no one;
                # 谁带的队, 某公司的总经理是谁: a person, and a sentence naming only organisations does not say
            if answer is not None and answer.kind == "content" and q.clock and not CLOCK_SAID.search(answer.text):
                answer = None  # 几点开始, and the closest sentence gives a day but no time
            nth = NTH_ITEM_ASKED.search(q.text)
            if nth and (answer is None or answer.kind not in ("content", "visits")):
                answer = self.answerers["content"](q, people, scope)  # 看的第三家企业是哪家: a list's item, not who
            if answer is not None and nth:
                answer = _nth_item(answer, to_int(nth.group(1)) or 0)  # that one, if the list names it
        except Exception:  # a flaw in one kind of answer must not stop the bot from answering
            log.exception("engine failed on %r (kind %s)", question, kind)
            answer = None
        if answer is None:  # no dedicated reader has it: a line labelled with what was asked may
            answer = labelled_answer(self.finder, q, people, scope)
        if answer is None:
            answer = self.decline()
        if has_traditional(question):  # 誰參加了會議: answer in the follower's own script
            answer.text = to_traditional(answer.text)
        # what came next, for staff (#debug, /admin): the best FAQ entries, then other articles
        answer.runners_up = _faq_runners_up(faq, answer.matched, wanted=2)
        answered = answer.sources[0]["file"] if answer.sources else None
        answer.runners_up += [{"matched": doc.article.path, "score": round(100 * cov, 1)}
                              for doc, cov in self.finder.candidates(q, scope, people=people)[:3]
                              if doc.article.path != answered][:2]
        return answer

    def _answer_each(self, parts: list[str], context: dict) -> Answer:
        """签约人是什么职务？合作期限多长？: each question answered in turn, a later one in the light of
        the earlier (the same article, as a follow-up would be). All of them, or a decline."""
        found = []
        for part in parts[:MAX_PARTS]:
            answer = self._answer(part + "？", context)
            if answer.matched is None:
                return self.decline()  # half an answer to a two-part question reads as the whole one
            found.append(answer)
            context = answer.context or context
        first = found[0]
        first.text = "\n\n".join(answer.text for answer in found)
        first.sources = list({s["file"]: s for answer in found for s in answer.sources}.values())
        first.score = min(answer.score for answer in found)
        return first

    def faq_conflicts(self) -> list:
        """Problems of the FAQ as a whole: one question claimed twice, a phrasing another entry takes."""
        return faq_conflicts(self.kb.faq, self.faq)

    def decline(self) -> Answer:
        tips = "、".join(f"“{s}”" for s in self.suggestions(3))
        text = self.kb.settings.decline + (f"\n您可以这样问：{tips}" if tips else "")
        return Answer(text, None, 0.0, kind="decline")

    def suggestions(self, n: int = 3) -> list[str]:
        """Example questions the bot answers well, for the welcome and decline texts."""
        return self._suggestions[:n]

    def _pick_suggestions(self) -> list[str]:
        """One of each kind (a curated question, a person, the latest event), each checked to be
        answered. Worked out once, while the engine is built (before any thread shares it)."""
        newest = sorted(self.library.docs, key=lambda d: (d.from_own_association, d.when), reverse=True)
        candidates = [entry.questions[0][0] for entry in self.kb.faq[:1]]
        for doc in newest[:3]:
            speakers = [p for p in doc.facts.people.values() if p.roles and p.actions]
            candidates += [f"{p.name}是谁？" for p in speakers[:1]]
            candidates += ["会议在哪里举行？"] if any(e.place for e in doc.facts.events) else []
            candidates += ["谁参加了会议？"] if len(doc.facts.people) > 2 else []
        candidates += [entry.questions[0][0] for entry in self.kb.faq[1:]]
        unique = list(dict.fromkeys(candidates))[:8]
        return [c for c in unique if not self.answer(c).declined][:3]

    # -- reading the question ----------------------------------------------------------

    def _apply_context(self, q: Question, context: dict) -> tuple[Question, Doc | None]:
        """"他是谁" after an answer about 武涌 is about 武涌; "在哪开的" about the last article."""
        person = context.get("person")
        if person and PRONOUNS.search(q.text):
            q = analyse(PRONOUNS.sub(person, q.text, count=1))
        scope = None
        if context.get("article") and not subject_words(q.topic):
            scope = next((d for d in self.library.docs if d.article.path == context["article"]), None)
        return q, scope

    def _english_in_chinese(self, question: str, q: Question) -> str:
        """The question with each run of English words the glossary left (auto repair, chefs) put
        in the Chinese word the dictionary glosses them with and the articles use most; a word no
        article uses any gloss of (a name, an acronym) stays as it is. Longest phrases first."""
        tokens = re.split(r"([A-Za-z][A-Za-z'\-]*)", question)
        leftover = set(q.latin_words)
        # the articles the rest of the question (what the glossary did put in Chinese) is about: a
        # gloss counts only in them (Central Taiwan is not 中央, however many articles say 中央)
        known = " ".join(w for w in q.topic.split() if not re.fullmatch(r"[a-z'\-]+", w))
        near = [doc for doc, _ in self.library.search(known, limit=NEAR_ARTICLES)] if known.strip() else None
        out, i = [], 0
        while i < len(tokens):
            for size in range(MAX_GLOSS_WORDS, 0, -1):
                # the words of a phrase, spaces between them; chefs' and chef's are chef's word
                words = [re.sub(r"'s?$", "", w.lower()) for w in tokens[i:i + 2 * size - 1:2]]
                if (len(words) == size and all(w in leftover for w in words)
                        and all(not gap.strip() for gap in tokens[i + 1:i + 2 * size - 1:2])):
                    chinese = self._most_used(glossed(" ".join(words)), near)
                    if chinese:
                        out.append(f" {chinese} ")
                        i += 2 * size - 1
                        break
            else:
                out.append(tokens[i])
                i += 1
        return "".join(out)

    def _most_used(self, words: tuple[str, ...], near: list | None) -> str:
        """Of the Chinese words a gloss gives, the one most articles use ("" if none does); with
        `near`, only a word one of those articles uses counts."""
        words = [w for w in words[:MAX_GLOSSES] if near is None or any(w in doc.text for doc in near)]
        used = {w: self._articles_using(w) for w in words}
        best = max(used, key=lambda w: (used[w], len(w)), default="")
        return best if best and used[best] else ""

    def _articles_using(self, word: str) -> int:
        with self._cache_lock:
            if word in self._usage:
                return self._usage[word]
        count = sum(1 for doc, _ in self.library.search(word, limit=USAGE_LIMIT) if word in doc.text)
        with self._cache_lock:
            self._usage[word] = count
        return count

    def _counted_list(self, q: Question, people, scope, said: re.Pattern) -> Answer | None:
        """The sentence that announces the list the question counts (…切实承担“维权、自律…”三大任务),
        in the article the question is about: the count and the noun together pin it down."""
        for doc, cov in self.finder.answerable(q, scope, people=people,
                                               need=lambda d: any(said.search(s) for s in d.sentences)):
            i = next(i for i, s in enumerate(doc.sentences) if said.search(s))
            sentence = doc.article.sentences[i].text
            return Answer(f"{quote(sentence)}\n{source(doc.article)}", f"{doc.article.path}#content", 100.0 * cov,
                          [source_entry(doc)], kind="content", context={"article": doc.article.path}, evidence=sentence)
        return None

    def _author(self, q: Question, scope) -> Answer:
        """Who wrote the article asked about, by its byline; a decline when it has none (the people
        its sentences name did not write it)."""
        topic = AUTHOR_ASKED.sub(" ", q.topic)
        good = self.finder.answerable(dataclasses.replace(q, topic=topic), scope)
        if not good or not good[0][0].article.author:
            return self.decline()
        doc, cov = good[0]
        return Answer(f"这篇稿件的作者是{doc.article.author}。\n{source(doc.article)}", f"{doc.article.path}#author",
                      100.0 * cov, [source_entry(doc)], kind="author", context={"article": doc.article.path})

    def _issuer(self, q: Question, scope) -> Answer | None:
        """Which body issued the notice asked about: the one signed under it (某市某局 / 2024年3月1日).
        None when it has no signature: a sentence may still say who issued it."""
        topic = ISSUER_ASKED.sub(" ", q.topic)
        good = self.finder.answerable(dataclasses.replace(q, topic=topic), scope)
        if not good or not good[0][0].article.signer:
            return None
        doc, cov = good[0]
        article = doc.article
        return Answer(f"{article.label()}的落款单位是{article.signer}（{article.signed}）。\n{source(article)}",
                      f"{article.path}#issuer", 100.0 * cov, [source_entry(doc)], kind="issuer",
                      context={"article": article.path}, evidence=article.signer)

    def _names_someone(self, sentence: str, people_only: bool = False) -> bool:
        """Whether a sentence names a person the articles know or an organisation: what a who-question
        asks for (an organisation may be who: 谁主办的, unless a post or a leader was asked)."""
        return (bool(self.library.people.find(sentence, [])) or (not people_only and bool(org_mentions(sentence)))
                or lists_names(sentence))

    def _in_articles(self, name: str) -> bool:
        return any(name in doc.text for doc, _ in self.library.search(name, limit=5))

    def _holder(self, q: Question, scope) -> list[tuple[str, float]]:
        """The one person the question names by title and organisation (某大学那位教授), as `people`."""
        try:
            name = self.people.holder(q, scope)
        except Exception:  # a flaw here must not stop the question from being answered otherwise
            log.exception("engine failed finding the holder in %r", q.raw)
            return []
        return [(name, 90.0)] if name else []

    def _spell_in_chinese(self, q: Question) -> Question:
        """Guantang -> 官塘: a Capitalised word is read as pinyin against the articles that
        match the rest of the question, so the question can be compared in Chinese."""
        rest = " ".join(w for w in q.topic.split() if w not in q.proper_nouns)
        for doc, _ in self.library.search(rest, limit=5):
            words = self.library.pinyin_words(doc)
            if all(w in words for w in q.proper_nouns):
                for w in q.proper_nouns:
                    q.topic = q.topic.replace(w, words[w])
                    q.text = q.text.replace(w, words[w])
                q.proper_nouns = []
                break
        return q

    @staticmethod
    def _kind(q: Question, people) -> str:
        if people:
            if q.kind == "speakers" or SPEECH_TOPIC_ASKED.search(q.text):
                return "said"
            if SPEECH_ACT_ASKED.search(q.text) and INTERROGATIVES.search(q.text):
                return "said"  # 某某对协会提了哪些要求: what that person said, not a sentence naming them
            if q.kind == "host" and "谁" in q.text:
                return "host"  # 某某调研的那个座谈会是谁主持的: the person named is part of the event asked
            if (q.asks_list or "谁" in q.text) and COMPANION_ASKED.search(q.text):
                return "attend"  # 钱泰祥调研时是谁陪同的, 由谁陪着: the others at the event, not him
            rest = q.topic.replace(people[0][0], " ")
            for word in q.latin_words + [q.job_title] * bool(q.job_title):
                rest = rest.replace(word, " ")
            rest = subject_words(re.sub(TARGET_NOUNS, " ", rest))
            if PERSON_ROLE_ASKED.search(q.text):
                return "who"  # 彭某在大会里是啥角色: their titles there, not a passage about the event
            if q.kind in ("", "what") and not q.asks_who and rest:
                return "content"  # 皇甫德立毕业于哪所大学: a fact about the person, not who they are
            if q.kind == "attend" and q.asks_list:
                return "attend"  # 钱泰祥调研时都有哪些人参加: the others, not him
            if q.kind in ("", "what", "purpose", "attend", "host") or q.asks_who:
                return "who"
            return q.kind
        if q.kind == "speakers" and q.asks_list and ORG_WORDS.search(q.list_noun or ""):
            return "content"  # 哪些单位做了交流发言: the sentence naming the bodies whose people spoke, not the people
        if q.job_title and not q.manner_verb and (q.asks_who or q.kind in ("", "attend", "what", "purpose")):
            return "holders"  # not 理事们是怎么投票的: how something was done, not who holds a post
        if ((HONOURED_ASKED.search(q.text) or HONOUR_NAMED.search(q.text)) and not q.asks_orgs and not q.targets
                and (q.kind == "attend" or (not q.kind and (q.asks_who or PERSON_ASKED.search(q.text))))):
            return "doer"  # 哪几位评上了优秀会员: the people the sentence saying so names, not who attended
        if not q.kind:
            return "doer" if q.asks_who and not q.targets else "content"
        if q.kind == "what" and WHO_DID_CUE.search(q.text):
            return "doer"  # 谁来介绍的企业情况: who did the introducing, not what was introduced
        if q.kind == "documents" and PERSON_ASKED.search(q.text) and not q.targets:
            return "doer"  # 在协议上签字的是谁: who did it, not what was signed
        if (q.kind == "attend" and q.asks_list and not q.asks_who and not ATTENDING.search(q.text)
                and not re.search(PEOPLE_NOUNS, q.text) and not ORG_WORDS.search(q.text) and not PERSON_ASKED.search(q.text)):
            q.things_listed = True  # 签倡议的都有哪些商家: things a sentence lists, not people who attended
            return "content"
        return q.kind

    def _top_ranks(self, q: Question, people, scope) -> Answer | None:
        """个人前五名是谁: the sentences that give each place from the first to the Nth, in the
        article the question is about (获个人第一名；…获个人第二名；…), or None if one is missing.
        The word before 前 (团体, 个人) must stand before each 第…名 where the article writes it so."""
        asked = TOP_RANKS.search(q.text)
        places = to_int(asked.group(2)) if asked else None
        if not places or not 2 <= places <= MAX_RANKS:
            return None
        for doc, _ in self.finder.answerable(q, scope, people=people)[:1]:
            qualifier = asked.group(1) if asked.group(1) and f"{asked.group(1)}第" in "".join(doc.sentences) else ""
            found = []
            for place in range(1, places + 1):
                said = re.compile(rf"{qualifier}第(?:{place}|{an2cn(place)})名")
                at = next((i for i, text in enumerate(doc.sentences) if said.search(text)), None)
                if at is None:
                    return None
                found.append(at)
            text = "\n".join(doc.article.sentences[i].text for i in sorted(set(found)))
            return Answer(f"{text}\n{source(doc.article)}", f"{doc.article.path}#ranks", 100.0, [source_entry(doc)],
                          kind="content", context={"article": doc.article.path},
                          evidence=doc.article.sentences[found[0]].text)
        return None

    def _faq_answer(self, matches) -> Answer:
        phrasing, score = matches[0]
        entry = phrasing.entry
        answer = Answer(entry.answer, f"faq:{entry.key}", score, kind="faq",
                        sources=[{"file": entry.path, "title": entry.key, "date": "",
                                  "url": entry.source if WEB_ADDRESS.match(entry.source) else ""}])
        if entry.source:
            doc = next((d for d in self.library.docs if entry.source in d.article.path), None)
            if doc:
                answer.sources.append(source_entry(doc))
                answer.context = {"article": doc.article.path}
        return answer


def _opening_name(text: str) -> str:
    """The person's name a question opens with (a surname and one or two characters, or a compound
    surname and two), when a word that may follow a name comes right after it (在, 是, 担任…), so
    石家庄在哪 or 会费是多少 open with none; "" otherwise."""
    for size in (4, 3):
        name = text[:size]
        if (len(name) == size and (size == 3 or name[:2] in COMPOUND_SURNAMES) and _a_person(name)
                and ends_name(text[size:]) and text[size:]):
            return name
    return ""


def _a_person(text: str) -> bool:
    """Whether `text` reads as a person's name (张志敏, 欧阳文华), not an organisation (某某银行)."""
    return (plausible_name(text) and not ORG_SUFFIX_RE.search(text)
            and (len(text) <= 3 or text[:2] in COMPOUND_SURNAMES))


def _faq_runners_up(matches, matched: str | None, wanted: int = 3) -> list[dict]:
    """Each FAQ entry once, best phrasing first, without the one that answered."""
    seen, out = {matched}, []
    for phrasing, score in matches:
        name = f"faq:{phrasing.entry.key}"
        if name not in seen:
            seen.add(name)
            out.append({"matched": name, "score": round(score, 1)})
            if len(out) == wanted:
                break
    return out


def _list_count_said(asked: re.Match) -> re.Pattern:
    """哪三大任务 / 3大任务有哪些 -> 三大任务 or 3大任务 in a sentence (the measure word as asked, or none)."""
    said, measure, noun = asked.groups()[:3] if asked.group(1) else asked.groups()[3:]
    number = to_int(said)
    spelled = "|".join(dict.fromkeys([said, str(number)] + (["二", "两"] if number == 2 else [])))
    return re.compile(f"(?:{spelled})(?:{re.escape(measure or '')})?{re.escape(noun)}")


def _names_a_contact(text: str) -> bool:
    """Whether a contact passage names a person: after 联系人 (某某, 某老师), or in a list of names."""
    for m in CONTACT_PERSON.finditer(text):
        value = m.group(1)
        if plausible_name(value[:3]) or plausible_name(value[:2]) or (
                is_surname_start(value) and value[1:].startswith(HONORIFICS)):
            return True
    # 黄某某（电话：…）、蔡某某（…）: names that open a line or item, their numbers in brackets
    # 联系方式：0551-62345678某某: a name right after the number it is reached on
    return (lists_names(text) or any(plausible_name(m.group(1)) for m in NAME_WITH_NUMBER.finditer(text))
            or any(plausible_name(m.group(1)) for m in NUMBER_THEN_NAME.finditer(text)))


def _nth_item(answer: Answer, n: int) -> Answer | None:
    """The n-th name of the list the answer's sentence gives (分别参观考察了甲公司、乙公司…), or None
    when it names fewer (…等六家企业 names five: the sixth is not said)."""
    visited = VISITED_LIST.search(answer.evidence or "")
    listed = visited.group(1).split("、") if visited else max(
        (run.split("、") for run in LISTED_NAMES.findall(answer.evidence or "")), key=len, default=[])
    if not 1 <= n <= len(listed) or len(listed) < 2:
        return None
    evidence = answer.evidence
    text = f"第{n}个是{listed[n - 1]}。\n原文：{quote(evidence)}\n" + answer.text.rsplit("\n", 1)[-1]
    return Answer(text, answer.matched, answer.score, answer.sources, kind=answer.kind,
                  context=answer.context, evidence=evidence)


def _names_no_org_of_kind(q: Question, text: str) -> bool:
    """The question asks which organisation of a kind (哪家公司, 哪所大学) and the passage names none:
    a sentence about the company is no answer to which company it was."""
    # 哪些企业的负责人讲了话 asks for people, who are named by person, not by firm
    kinds = [t for t in q.targets if t in ORG_KINDS and not re.search(rf"{re.escape(t)}的(?:{PEOPLE_NOUNS})", q.text)]
    if not kinds:
        return False
    named = org_mentions(text)  # organisations by name: not 骨干企业, 施工单位
    return not any(k in org for org in named for t in kinds for k in ORG_KINDS[t])

