"""A reload reuses what was read from articles that did not change, and only from those."""

from bot.engine.pipeline import Engine
from bot.engine.reading.knowledge import load_knowledge

ARTICLE = "news/2023-11-03-west-office-launch.txt"


def test_unchanged_articles_are_not_read_again_and_answer_the_same(kb):
    first = Engine(load_knowledge(str(kb)))
    again = Engine(load_knowledge(str(kb)), previous=first)
    assert again.library.docs[0].facts is first.library.docs[0].facts
    for question in ("西部办公室是什么？", "明天会下雨吗", "会议在哪里举行？", "武涌是谁"):
        assert again.answer(question).text == first.answer(question).text


def test_a_changed_article_is_read_again(kb):
    first = Engine(load_knowledge(str(kb)))
    path = kb / ARTICLE
    path.write_text(path.read_text(encoding="utf-8").replace("侯文", "侯文斌"), encoding="utf-8")
    again = Engine(load_knowledge(str(kb)), previous=first)
    assert again.library.docs[0].facts is not first.library.docs[0].facts
    assert "侯文斌" in again.library.docs[0].facts.people
    assert "侯文斌" in again.library.people.exact


def test_new_synonyms_read_every_article_again(kb):
    first = Engine(load_knowledge(str(kb)))
    settings = kb / "settings.txt"
    settings.write_text(settings.read_text(encoding="utf-8") + "\n同义词：成立大会 = 成立会\n", encoding="utf-8")
    again = Engine(load_knowledge(str(kb)), previous=first)
    assert again.library.docs[0].facts is not first.library.docs[0].facts


def test_faq_phrasings_read_again_only_when_changed(kb):
    first = Engine(load_knowledge(str(kb)))
    faq = kb / "faq" / "west-office.txt"
    faq.write_text(faq.read_text(encoding="utf-8").replace("问：什么是西部办公室", "问：西部办公室是个什么机构"),
                   encoding="utf-8")
    again = Engine(load_knowledge(str(kb)), previous=first)
    before = {p.raw: p for p in first.faq.phrasings}
    for phrasing in again.faq.phrasings:
        if phrasing.raw in before:
            assert phrasing.topic is before[phrasing.raw].topic  # reused, not analysed again
    changed = next(p for p in again.faq.phrasings if p.raw == "西部办公室是个什么机构")
    assert "西部办公室" in changed.topic
    assert "西部地区建筑绿色低碳发展协调推进办公室" in again.answer("西部办公室是什么？").text
