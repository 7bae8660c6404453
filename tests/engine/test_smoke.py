"""The engine contract the rest of the bot relies on (the webhook's side is in test_webhook.py)."""

from bot.engine.pipeline import Engine
from bot.engine.reading.knowledge import load_knowledge


def test_faq_answers_and_unknown_declines(kb):
    engine = Engine(load_knowledge(str(kb)))
    assert "西部地区建筑绿色低碳发展协调推进办公室" in engine.answer("西部办公室是什么？").text
    assert engine.answer("明天会下雨吗").matched is None
