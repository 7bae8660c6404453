"""bot/logs.py: every record one JSON line, with every `extra` field, and nothing personal or secret."""

import json
import logging

from bot.ops.hot_reload import LiveKnowledge
from bot.ops.logs import JsonFormatter, openid_hash


def formatted(record) -> dict:
    line = JsonFormatter().format(record)
    assert "\n" not in line  # one record, one line, whatever it carries
    return json.loads(line)


def test_a_reload_record_prints_all_its_fields(kb, caplog):
    caplog.set_level(logging.INFO, logger="bot.ops.hot_reload")
    (kb / "faq" / "broken.txt").write_text("问：这条问题忘了写答案\n", encoding="utf-8")
    live = LiveKnowledge(str(kb))
    [record] = [r for r in caplog.records if getattr(r, "event", None) == "reload"]
    line = formatted(record)
    assert {k: line[k] for k in ("level", "logger", "event", "ok", "trigger", "version")} == {
        "level": "INFO", "logger": "bot.ops.hot_reload", "event": "reload", "ok": True, "trigger": "start",
        "version": live.engine.kb.version}
    assert line["errors"] and line["errors"][0].startswith("faq/broken.txt:1: ")
    assert line["message"].startswith("knowledge loaded (start)")
    assert {"ts", "faq", "articles", "seconds", "previous_version", "kb_dir"} <= set(line)


def test_a_trace_is_a_field_of_the_same_line(caplog):
    caplog.set_level(logging.INFO, logger="bot")
    try:
        raise RuntimeError("knowledge exploded")
    except RuntimeError:
        logging.getLogger("bot.web.webhook").exception("answering a text push failed")
    line = formatted(caplog.records[-1])
    assert line["level"] == "ERROR" and line["message"] == "answering a text push failed"
    assert "RuntimeError: knowledge exploded" in line["trace"]


def test_openids_are_hashed_the_same_way_every_time():
    assert openid_hash("oFollower0001") == openid_hash("oFollower0001") != openid_hash("oFollower0002")
    assert len(openid_hash("o😀𠀀")) == 12
