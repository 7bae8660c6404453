"""Shortcuts the build takes (faq_match, names) must agree with the full readers they stand for."""

import json
import os

from served import ROOT

from bot.engine.question.analysis import analyse, clean
from bot.engine.retrieval.faq_match import phrasing_kind_and_topic, pinyin_key
from bot.engine.retrieval.names import syllables
from bot.engine.text.folding import pinyin_key as full_pinyin_key
from bot.engine.text.folding import pinyin_syllables

SETS = [os.path.join(ROOT, "tests", "fixtures", "extra_questions.jsonl"),
        os.path.join(ROOT, "bench", "eval", "heldout-1", "questions.jsonl")]


def questions() -> list[str]:
    found = ["西部办公室是什么？", "Who is Wu Yong?", "西部辦公室的全稱是什麼？", "ＡＢＣ協會電話多少", "请问武涌是谁谢谢"]
    for path in SETS:
        with open(path, encoding="utf-8") as f:
            found += [json.loads(line)["q"] for line in f if line.strip()]
    return found


def test_kind_and_topic_agree_with_analyse():
    for text in questions():
        q = analyse(text)
        assert phrasing_kind_and_topic(text, clean(text)) == (q.kind, q.topic), text


def test_word_by_word_pinyin_keys_agree_with_textnorm():
    for text in questions():
        topic = analyse(text).topic
        for key in (text, topic, topic.replace(" ", "")):
            assert pinyin_key(key) == full_pinyin_key(key), key


def test_word_by_word_syllables_agree_with_textnorm(kb):
    texts = questions() + ["中国建筑节能协会会长武涌", "颂猜·汶纳", "重庆市绿色建筑与建筑产业化协会", "iiSBE中国分会"]
    texts += [line.strip() for line in (kb / "news" / "2023-11-03-west-office-launch.txt").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        assert syllables(text) == pinyin_syllables(text), text
