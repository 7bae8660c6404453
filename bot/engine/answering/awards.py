"""Works and the prizes they won, from a sentence that pairs them: 其中，《甲》获摄影类一等奖、
《乙》（一套3本）获读物类优秀奖、《丙》获视频类一等奖.

Followers ask either way round: what a work won (《丙》得的是啥奖), or which works won a prize
(一等奖是哪些作品, 读物类优秀奖是哪本书). Each 《work》 and the prize after its 获 are read as
a pair, clause by clause, so one work is never given another's prize. A question that names no
work and no prize of any pair is left to the other readers.
"""

import re

from ..answer import Answer
from ..retrieval.finder import source_entry
from ..text.vocab import alternation
from .wording import quote, source

# 《风从“海上”来》获视频类一等奖: a work, anything but another work or a clause break, 获, the prize
AWARD_PAIR = re.compile(r"(《[^《》]{2,40}》)[^《》、，。；]{0,12}?获(?:得)?([^《》、，。；]{1,12}?奖)")
PRIZE_ASKED = re.compile(rf"((?:[\u4e00-\u9fff]{{1,3}}类)?(?:[一二三四五六七八九十\d]等|{alternation('prize_grades')})奖)")
WHICH_PRIZE_ASKED = re.compile(r"(?:什么|啥|哪个|哪一)(?:奖|等奖|奖项)")
MIN_PAIRS = 2  # a sentence pairing one work with a prize is an ordinary sentence, read by the content reader


def award_answer(finder, q, people, scope) -> Answer | None:
    """The prize a work named in 《》 won, or the works that won the prize asked; None otherwise."""
    titles = re.findall(r"《[^《》]+》", q.raw)
    prize = PRIZE_ASKED.search(q.text)
    if not (titles and WHICH_PRIZE_ASKED.search(q.text)) and not (prize and not titles):
        return None
    for doc, _ in finder.answerable(q, scope, people=people)[:1]:
        for i, sentence in enumerate(doc.article.sentences):
            pairs = AWARD_PAIR.findall(sentence.text)
            if len(pairs) < MIN_PAIRS:
                continue
            if titles:  # 《丙》得的是啥奖: the prize after its own 获
                won = [(t, p) for t in titles for work, p in pairs if _same_work(t, work)]
            else:  # 一等奖是哪些作品: every work whose prize is the one asked
                won = [(work, p) for work, p in pairs if p.endswith(prize.group(1)) or prize.group(1).endswith(p)]
            if won:
                text = "、".join(f"{work}：{p}" for work, p in won)
                return Answer(f"{text}\n原文：{quote(sentence.text, 200)}\n{source(doc.article)}",
                              f"{doc.article.path}#awards:{i}", 100.0, [source_entry(doc)], kind="prize",
                              context={"article": doc.article.path}, evidence=sentence.text)
    return None


QUOTES = re.compile(r"[“”\"'‘’「」\s]")


def _same_work(asked: str, named: str) -> bool:
    """《风从海上来》 asked is the work 《风从“海上”来》: quote marks aside."""
    return QUOTES.sub("", asked) == QUOTES.sub("", named)
