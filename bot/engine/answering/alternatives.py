"""Either-or questions: 考试是开卷还是闭卷, 线上还是线下. The article answers by naming one of the two.

The sentence of the article the question is about that names exactly one of the options, and
covers the rest of the question best, is the answer. An article that names neither option (or
both, in one sentence) does not say, and the engine declines.
"""

import re

from .. import thresholds
from ..answer import Answer
from ..retrieval.finder import source_entry
from .wording import quote, source

EITHER_OR = re.compile(r"([\u4e00-\u9fff]{1,4})还是([\u4e00-\u9fff]{1,4})[呢呀啊吗]?$")


def either_or_answer(finder, q, people, scope) -> Answer | None:
    """The sentence that names one of the two options asked about, or None."""
    match = EITHER_OR.search(q.text)
    if not match:
        return None
    first, second = match.group(1), match.group(2)
    if first.startswith("是"):
        first = first[1:]
    if len(first) < 1 or len(second) < 1:
        return None
    for doc, _ in finder.answerable(q, scope, people=people)[:1]:
        named = [i for i, text in enumerate(doc.sentences) if (first in text) != (second in text)]
        if not named:
            continue
        index, cov = finder.sentence(q, doc, named, with_title=True)
        if index < 0 or cov < thresholds.MIN_SENTENCE_COVERAGE:
            continue
        said = doc.article.sentences[index].text
        return Answer(f"{quote(said, 200)}\n{source(doc.article)}", f"{doc.article.path}#either:{index}",
                      100.0 * cov, [source_entry(doc)], kind="either", context={"article": doc.article.path},
                      evidence=said)
    return None
