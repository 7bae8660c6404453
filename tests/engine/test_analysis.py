"""Question analysis: the kind of fact asked, scored from cues, checked against the tagged eval
questions (their tags are nearly labels) and on the rules that decide between cues."""

import os
import sys

import pytest
from one_article import engine_over
from served import ROOT

from bot.engine.question.analysis import analyse, kind_of, orgs_named

sys.path.insert(0, os.path.join(ROOT, "bench"))
import quality  # noqa: E402

# The analysis kinds a tagged question may get (the tag after its set prefix). Who-questions are
# recognised apart from the kind (asks_who), so a who-question may have no kind or a generic one.
KIND_OF_TAG = {
    "when": {"when"}, "deadline": {"when"}, "where": {"where"}, "count": {"count"}, "contact": {"contact"},
    "host": {"host"}, "doc": {"documents", "code"}, "attend": {"attend"}, "speakers": {"speakers"},
    "visit": {"visits"}, "organiser": {"organiser"}, "who": {"", "what", "purpose"}, "who-rev": {""}, "rev": {""},
}
# Share of the tagged questions classified as their tag says, measured when the cues were scored
# (544 of 600); a cue that takes questions from another kind brings it below this. Every new set
# brings wordings nobody tuned the cues to (heldout-46 to -49 took it from 0.894 to 0.889 on the
# same analyser, 0.8895 where ../shared's dev set is absent), so the floor sits a point lower.
MIN_AGREEMENT = 0.88


def labelled_questions():
    cases = [case for _, questions in quality.question_sets().values() for case in questions]
    cases += quality.read_jsonl(quality.PARAPHRASES)
    return [(quality.tagged_kind(case), case["q"]) for case in cases
            if not case.get("decline") and quality.tagged_kind(case) in KIND_OF_TAG]


def test_tagged_questions_are_classified_as_tagged():
    labelled = labelled_questions()
    wrong = [(tag, analyse(q).kind, q) for tag, q in labelled if analyse(q).kind not in KIND_OF_TAG[tag]]
    agreement = 1 - len(wrong) / len(labelled)
    assert len(labelled) > 500
    assert agreement >= MIN_AGREEMENT, "\n".join(f"{tag}: got {kind or 'no kind'}: {q}" for tag, kind, q in wrong)


@pytest.mark.parametrize("question, kind", [
    ("协会的联系电话是多少", "contact"),  # 电话 stands with 多少: the bare 多少 says less
    ("协会秘书长的手机号码是多少", "contact"),
    ("年会大概有多少人参加", "count"),  # 多少人 is asked; 参加 only names the event
    ("年会来了多少人", "count"),  # both stand with 多少: the tie goes to the earlier kind
    ("协会和银行是哪天签的协议", "when"),  # 哪天 is asked; 签的协议 names the event
    ("会长带队去了哪几个地方走访", "visits"),  # 带队 names who led, 去了哪几个地方 is asked
    ("会长这次跑了哪些水泥企业", "visits"),
    ("这个函一共要附哪两张表", "attachments"),  # 附 + the things attached asks for the attachments  # 跑了 is how followers say 走访了; the kind of firm may stand between
    ("研讨会在哪个城市召开", "where"),
    ("绿色建筑是什么", "what"),
    ("年会的主题是什么", ""),  # a sentence of the article, not a definition
    ("学习费用可以怎么汇给协会", ""),  # 怎么 asks how; 费用 only names what is sent
    ("两家协会的协议是如何签订的", ""),  # the cue before 如何 is what was done
    ("怎么联系协会", "contact"),  # the cue holds 怎么
])
def test_the_cue_beside_the_interrogative_names_the_kind(question, kind):
    assert analyse(question).kind == kind


def test_english_word_order_puts_nothing_beside_anything():
    # The glossary puts 是什么 first; the cue that names a kind still decides.
    assert kind_of("是什么 截止时间 意见 标准", english=True) == "when"
    assert kind_of("是什么 截止时间 意见 标准") == "what"  # as Chinese, 是什么 stands with nothing else


def test_the_verb_asked_how_to_do_is_read():
    assert analyse("学习费用可以怎么汇给协会").manner_verb == "汇"
    assert analyse("报名费交多少").manner_verb == ""


@pytest.mark.parametrize("text, targets", [
    ("某某是哪家装饰公司的老总", ["公司"]),  # a modifier between 哪家 and the noun
    ("他是哪所师范大学的教授", ["大学"]),
    ("什么时候开的会议", []),  # after 什么 no modifier: 时候开的 is not one
    ("他在哪个省的企业工作", []),
])
def test_the_organisation_a_question_asks_for(text, targets):
    assert analyse(text).targets == targets


@pytest.mark.parametrize("text, orgs", [
    ("甘肃省建筑业协会是哪天成立的", ["甘肃省建筑业协会"]),
    ("麻烦问下宁夏装饰协会年会在哪开", ["宁夏装饰协会"]),  # from the place on
    ("吉林那个专家委员会啥时候成立的", []),  # the place only points the way
    ("青海和海南两省协会交流会是谁主持的", []),  # counted, not named
    ("哪几家协会被评为2020年度温州市先进协会", []),  # an honour, not a name
    ("你们协会的电话是多少", []),
])
def test_the_organisations_a_question_names(text, orgs):
    assert orgs_named(text) == orgs


@pytest.mark.parametrize("text, kind", [
    ("这个标准是住建部第几号公告发布的", "code"),  # 第几号 is a number, not a day
    ("年会几号开", "when"),
])
def test_which_number_is_not_which_day(text, kind):
    assert analyse(text).kind == kind


@pytest.mark.parametrize("text, verb", [("会费怎么汇", "汇"), ("评选如何开展申报", "申"), ("理事们是怎么进行表决的", "表")])
def test_the_verb_a_how_question_asks_about_skips_a_light_verb(text, verb):
    assert analyse(text).manner_verb == verb


def test_a_title_with_a_verb_of_speaking_asks_what_its_holder_said(tmp_path):
    engine = engine_over(tmp_path,
        "某市建筑经营协会理事长交接\n发布时间：2025-12-26\n某市城乡建设局局长孙立明出席交接仪式。"
        "孙局长致词表示，协会扮演着产业与政府间的重要沟通平台。\n")
    for question in ("建设局局长说协会扮演什么角色", "建设局局长表示协会起什么作用"):
        assert "沟通平台" in engine.answer(question).text, question


@pytest.mark.parametrize("question, bodies", [
    ("年会有哪些单位派人出席", True),  # a body that sent people: bodies are asked
    ("换届哪个协会派人来了", True),
    ("中国某协会派了哪些人参加座谈会", False),  # the body is named: its people are asked
    ("有哪些部门的领导来了", True),
])
def test_bodies_that_sent_people_are_asked_as_bodies(question, bodies):
    assert analyse(question).asks_orgs is bodies


@pytest.mark.parametrize("english, chinese", [
    ("which company did they visit on 27 march", "3月27日"),
    ("what happened on march 5th", "3月5日"),
    ("deadline: the 1st of december", "12月1日"),
    ("the top-100 feed enterprises list", "百强"),  # a ranking is written N强
    ("which firms made the top ten", "十强"),
    ("the top 500 companies", "五百强"),
])
def test_english_dates_read_as_the_articles_write_them(english, chinese):
    from bot.engine.question.english import translate
    assert chinese in translate(english)[0].split()


@pytest.mark.parametrize("question, title", [
    ("省设计协会那次常务理事扩大会谁主持的", ""),  # the meeting of the standing council, not a title
    ("秘书长组织大家学习了什么", "秘书长"),  # 组织 is a verb here, not 秘书组
    ("专家委员会主任是谁", "主任"),
])
def test_a_title_inside_the_name_of_a_meeting_is_no_title(question, title):
    assert analyse(question).job_title == title


@pytest.mark.parametrize("question, asks_who", [
    ("市优质工程奖叫什么杯", False),  # the name of a cup
    ("这个奖叫什么名字", True),  # 叫什么名字 may ask a person's name as well as a thing's
    ("新会长叫什么", True),
])
def test_叫什么_before_a_thing_asks_its_name_not_who(question, asks_who):
    assert analyse(question).asks_who is asks_who


@pytest.mark.parametrize("question, words", [
    ("Who is the president of the China Hardware Association?", ("中国", "五金", "协会")),
    ("Who chaired the accounting society's meeting on petrochemical parks?", ("会计", "石化")),
])
def test_english_names_trades_and_china_in_the_articles_words(question, words):
    """China is 中国 and the trades the articles' own words (五金, not 硬件), from vocab/english_words.txt."""
    text = analyse(question).text
    assert all(word in text for word in words), text


def test_a_word_holding_a_question_character_is_kept_whole_in_the_topic():
    """个人会员 holds the 个 of 几个 and the 人 of 多少人; 的士 the 的 of 是谁的: kept whole, while
    几个人 still asks a count of people."""
    assert "个人会员" in analyse("江州书协个人会员的会费标准是多少").topic
    assert "个人会员" in analyse("个人会员有哪些权利").topic
    assert "的士" in analyse("临江的士商会为何组织车队").topic
    assert "个人" not in analyse("江州书协去临江调研一共去了几个人").topic
