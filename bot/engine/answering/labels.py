"""Answers an article states as a labelled line: 联系电话：…, 标准编号：…, 截止时间：…, 联 系 人：….

Notices, standards' detail pages and contact sections write their facts as `label：value`. When
the question names such a label (联系人是谁, 标准编号是多少, 电话多少), the value under that
label in the article the question is about is the answer: the article itself says what it is.
The labels are the article's own words, so nothing here lists them.
"""

import re
from collections import Counter

from ..answer import Answer
from ..retrieval.finder import source_entry, subject_words
from ..text.lexicon import TITLE_RE
from ..text.numerals import NUMBER_TOKEN
from .wording import quote, source

# 2、联系电话：12345678 / （三）报名截止时间：… / 标准编号：GB 50000-2020 (an enumerator may come first)
LABELLED = re.compile(r"^(?:[（(]?[\d一二三四五六七八九十]{1,2}[)）、.．]\s*)?([\u4e00-\u9fff]{2,10})\s*[:：]\s*(.*)$")
MIN_FOCUS = 0.6  # share of the question's focus the labelled line (with the next) must hold
HEAD = 2  # a label's last two characters name what it is (联系电话 -> 电话, 截止时间 -> 时间)


def labelled_answer(finder, q, people, scope, whole_label_only: bool = False) -> Answer | None:
    """The value of the label the question names, in the article the question is about, or None.

    `whole_label_only`: only a label the question spells out in full (标准编号 in 标准编号是多少),
    which is strong enough to answer before the dedicated readers are asked."""
    asked = q.text
    subject = finder.subject(subject_words(NUMBER_TOKEN.sub(" ", q.topic)))
    for doc, _ in finder.answerable(q, scope, people=people)[:1]:
        _, focus = finder.split_focus(subject, doc)
        best = None
        sentences = doc.article.sentences
        matches = [LABELLED.match(sentence.text) for sentence in sentences]
        # a label on several lines (一等奖：… 一等奖：…) captions the rows of a list, not one field
        seen = Counter(m.group(1) for m in matches if m)
        for i, match in enumerate(matches):
            if not match or seen[match.group(1)] > 1:
                continue
            label, value = match.group(1), match.group(2).strip()
            if not value and i + 1 < len(sentences):  # 1、…地址： / 某市某区某路100号: the value on the next line
                value = sentences[i + 1].text
            if not value or label in doc.facts.people or TITLE_RE.fullmatch(label):
                continue  # 会长：… / 葛明远：… are people, read as such by the people readers
            if finder.focus_share(subject, focus, doc.sentences[i] + (doc.sentences[i + 1] if i + 1 < len(sentences) else ""),
                           doc) < MIN_FOCUS:
                continue  # 理事每月有多少补贴 is not answered by the line 理事：…
            # the whole label in the question, or (for a short one) what it names: 电话 for 联系电话
            if label in asked:
                fit = 2
            elif len(label) <= 4 and label[-HEAD:] in asked and not whole_label_only:
                fit = 1
            else:
                continue
            best = max(best or (0, 0, 0, ""), (fit, len(label), -i, value))
        if best is None:
            continue
        fit, _, i, value = best
        said = sentences[-i].text
        label = LABELLED.match(said).group(1)
        text = f"{label}：{quote(value, 200)}\n{source(doc.article)}"
        return Answer(text, f"{doc.article.path}#label:{label}", 90.0 if fit == 2 else 75.0, [source_entry(doc)],
                      kind="label", context={"article": doc.article.path}, evidence=said)
    return None
