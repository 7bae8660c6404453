"""Answers an article states as a labelled line: 联系电话：…, 标准编号：…, 截止时间：…, 联 系 人：….

Notices, standards' detail pages and contact sections write their facts as `label：value`. When
the question names such a label (联系人是谁, 标准编号是多少, 电话多少), the value under that
label in the article the question is about is the answer: the article itself says what it is.
The labels are the article's own words, so nothing here lists them (but the words that make a
label a way of doing something, vocab/manner_labels.txt).
"""

from ..answer import Answer
from ..retrieval.finder import source_entry, subject_words
from ..text.numerals import NUMBER_TOKEN
from ..text.vocab import words
from .wording import quote, source

# 怎么汇, 如何报名: asked how a thing is done, a label naming that way of doing it answers (汇款方式, 报名办法)
MANNER_LABELS = words("manner_labels")
MIN_FOCUS = 0.6  # share of the question's focus the labelled line (with the next) must hold
HEAD = 2  # a label's last two characters name what it is (联系电话 -> 电话, 截止时间 -> 时间)


def labelled_answer(finder, q, people, scope, whole_label_only: bool = False) -> Answer | None:
    """The value of the label the question names, in the article the question is about, or None.

    The labels were read with the article (ArticleFacts.labels). `whole_label_only`: only a label
    the question spells out in full (标准编号 in 标准编号是多少), which is strong enough to answer
    before the dedicated readers are asked; a question that names no label of any article costs
    nothing here."""
    asked = q.text
    if whole_label_only and not q.manner_verb and not _spans(asked, finder.library.labels):
        return None
    subject = finder.subject(subject_words(NUMBER_TOKEN.sub(" ", q.topic)))
    for doc, _ in finder.answerable(q, scope, people=people)[:1]:
        _, focus = finder.split_focus(subject, doc)
        # 古籍修复那边的会费, of a notice on the 古籍修复工作委员会's own site whose body never names it:
        # naming the publisher narrows nothing within the article
        publisher = doc.article.contacts.get("owner", "") or doc.article.site_name
        if publisher and publisher not in doc.article.text:
            for key in subject.covered(finder.library.canon(publisher).lower(), doc):
                focus.pop(key, None)
        found = []
        sentences = doc.article.sentences
        for label, (i, value) in doc.facts.labels.items():
            # the whole label in the question, or (for a short one) what it names: 电话 for 联系电话,
            # or, asked how a thing is done (费用怎么汇), the label of that way (汇款方式：…)
            manner = bool(q.manner_verb) and label.startswith(q.manner_verb) and label.endswith(MANNER_LABELS)
            if label in asked:
                fit = 2
            elif len(label) <= 4 and label[-HEAD:] in asked and not whole_label_only:
                fit = 1
            elif manner:
                fit = 1
            else:
                continue
            held = doc.sentences[i] + (doc.sentences[i + 1] if i + 1 < len(sentences) else "")
            if not manner and finder.focus_share(subject, focus, held, doc) < MIN_FOCUS:
                continue  # 理事每月有多少补贴 is not answered by the line 理事：…; a manner label's focus is its verb
            found.append((fit, len(label), -i, label, value))
        if not found:
            continue
        best = max(found)
        fit, _, i, label, value = best
        # 联系人和电话是什么: every label the question names in full, each said once (电话 is in 联系电话)
        named = [f for f in found if f[0] == 2 == fit and not any(f[3] != g[3] and f[3] in g[3] for g in found)]
        lines = [f"{lab}：{quote(val, 200)}" for _, _, _, lab, val in sorted(named, key=lambda f: -f[2])] \
            if len(named) > 1 else [f"{label}：{quote(value, 200)}"]
        said = sentences[-i].text
        text = "\n".join(lines) + f"\n{source(doc.article)}"
        return Answer(text, f"{doc.article.path}#label:{label}", 90.0 if fit == 2 else 75.0, [source_entry(doc)],
                      kind="label", context={"article": doc.article.path}, evidence=said)
    return None


def _spans(text: str, labels: set[str]) -> list[str]:
    """The substrings of `text` (2 to 10 characters) that are some article's label."""
    return [text[i:j] for i in range(len(text)) for j in range(i + 2, min(len(text), i + 10) + 1)
            if text[i:j] in labels]
