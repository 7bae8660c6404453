"""FAQ entries as data: written in the staff's format, replaced or deleted in place, all else untouched.

Every result is read back by the bot's own FAQ reader from a real file, so "the format" is
whatever the engine reads, not what this module believes.
"""

import pytest

from bot.engine.reading import faq
from bot.staff import faq_edit
from bot.staff.faq_edit import Entry, FaqEditError

WEST_FILE = "faq/west-office.txt"
SAMPLE = ("# 注释：每条问答以“问：”开头。\n"
          "\n"
          "名称：会费\n"
          "问：会费是多少？\n"
          "答：单位会员每年三千元。\n"
          "个人会员每年二百元。\n"
          "来源：news/2024-01-02-dues.txt\n"
          "\n"
          "# 下面这条是秘书处的电话\n"
          "问：秘书处电话是多少\n"
          "问：怎么联系秘书处\n"
          "答：023-12345678（工作日 9:00-17:00）。\n"
          "\n"
          "\n"
          "问：协会在哪里？\n"
          "答：重庆市渝北区某某路 1 号。\n")


def read(tmp_path, text: str, name: str = "faq.txt") -> list[faq.FaqEntry]:
    """The entries the bot's reader finds in `text` written to a real file (problems must be none)."""
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    entries, problems = faq.load_faq_file(str(path), name)
    assert [p for p in problems if p.severity == "error"] == []
    return entries


def as_entry(found: faq.FaqEntry) -> Entry:
    return Entry([q for q, _ in found.questions], found.answer, found.name, found.source)


def test_the_labels_are_the_readers_own():
    assert faq_edit.LABELS == faq.LABELS


def test_a_rendered_entry_reads_back_as_the_same_entry(tmp_path):
    entry = faq_edit.clean(" 会费是多少？ \n\n会费怎么交\r\n", "单位会员每年三千元。\r\n\r\n  个人会员每年二百元。 ",
                           name=" 会费 ", source="news/2024-01-02-dues.txt")
    text = faq_edit.render(entry)
    assert text == ("名称：会费\n问：会费是多少？\n问：会费怎么交\n答：单位会员每年三千元。\n\n个人会员每年二百元。\n"
                    "来源：news/2024-01-02-dues.txt\n")
    assert [as_entry(e) for e in read(tmp_path, text)] == [entry]


@pytest.mark.parametrize("answer, line", [("第一段。\n来源：别处", 2), ("第一段。\n\n# 不是注释", 3), ("第一段。\nQ: 新问题", 2),
                                          ("第一段。\n问：又一个问题", 2)])
def test_an_answer_line_that_would_be_read_as_a_label_is_refused_with_its_line(answer, line):
    with pytest.raises(FaqEditError, match=f"答案的第 {line} 行"):
        faq_edit.render(faq_edit.clean("问题？", answer))


@pytest.mark.parametrize("questions, answer, words", [("", "答案", "至少要写一个问题"), ("问题？", "  \n ", "答案是空的")])
def test_an_entry_without_question_or_answer_is_refused(questions, answer, words):
    with pytest.raises(FaqEditError, match=words):
        faq_edit.render(faq_edit.clean(questions, answer))


def test_spans_start_where_the_reader_starts_entries(tmp_path):
    spans = faq_edit.spans(SAMPLE)
    assert [(s.start, s.end) for s in spans] == [(3, 7), (10, 12), (15, 16)]
    assert [e.line for e in read(tmp_path, SAMPLE)] == [3, 10, 15]
    assert spans[1].text == "问：秘书处电话是多少\n问：怎么联系秘书处\n答：023-12345678（工作日 9:00-17:00）。\n"


def test_spans_of_the_shipped_file_match_the_reader(kb):
    text = (kb / WEST_FILE).read_text(encoding="utf-8")
    entries, _ = faq.load_faq_file(str(kb / WEST_FILE), WEST_FILE)
    assert [s.start for s in faq_edit.spans(text)] == [e.line for e in entries]


def test_replacing_one_entry_leaves_every_other_byte(tmp_path):
    new = faq_edit.clean("秘书处电话是多少\n秘书处几点下班", "023-87654321，工作日 9:00-17:30。")
    changed = faq_edit.replace(SAMPLE, 10, new)
    lines, before = changed.splitlines(keepends=True), SAMPLE.splitlines(keepends=True)
    assert lines[:9] == before[:9] and lines[-4:] == before[-4:]
    assert "".join(lines[9:-4]) == "问：秘书处电话是多少\n问：秘书处几点下班\n答：023-87654321，工作日 9:00-17:30。\n"
    found = [as_entry(e) for e in read(tmp_path, changed)]
    assert found == [as_entry(e) for e in read(tmp_path, SAMPLE, "old.txt")][:1] + [new] + \
        [as_entry(e) for e in read(tmp_path, SAMPLE, "old.txt")][2:]


@pytest.mark.parametrize("line, expected", [
    (3, "# 注释：每条问答以“问：”开头。\n\n# 下面这条是秘书处的电话\n问：秘书处电话是多少\n问：怎么联系秘书处\n"
        "答：023-12345678（工作日 9:00-17:00）。\n\n\n问：协会在哪里？\n答：重庆市渝北区某某路 1 号。\n"),
    (10, SAMPLE.replace("# 下面这条是秘书处的电话\n问：秘书处电话是多少\n问：怎么联系秘书处\n答：023-12345678（工作日 9:00-17:00）。\n\n", "")),
    (15, SAMPLE.replace("\n\n\n问：协会在哪里？\n答：重庆市渝北区某某路 1 号。\n", "\n")),
])
def test_deleting_an_entry_takes_its_lines_and_one_separating_blank_line(tmp_path, line, expected):
    changed = faq_edit.replace(SAMPLE, line, None)
    assert changed == expected
    assert len(read(tmp_path, changed)) == 2


def test_windows_line_ends_a_byte_order_mark_and_no_final_newline_are_kept(tmp_path):
    text = "\ufeff问：第一个问题\r\n答：第一个答案\r\n\r\n问：第二个问题\r\n答：第二个答案"
    first = faq_edit.replace(text, 1, faq_edit.clean("第一个问题", "新的答案"))
    assert first == "\ufeff问：第一个问题\r\n答：新的答案\r\n\r\n问：第二个问题\r\n答：第二个答案"
    last = faq_edit.replace(text, 4, faq_edit.clean("第二个问题", "新的答案"))
    assert last == "\ufeff问：第一个问题\r\n答：第一个答案\r\n\r\n问：第二个问题\r\n答：新的答案"
    added = faq_edit.append(text, faq_edit.clean("第三个问题", "第三个答案"))
    assert added == text + "\r\n\r\n问：第三个问题\r\n答：第三个答案\r\n"
    assert [e.answer for e in read(tmp_path, added)] == ["第一个答案", "第二个答案", "第三个答案"]


def test_appending_to_an_empty_or_new_file(tmp_path):
    entry = faq_edit.clean("新问题", "新答案")
    assert faq_edit.append("", entry) == "问：新问题\n答：新答案\n"
    assert faq_edit.append("# 只有注释\n", entry) == "# 只有注释\n\n问：新问题\n答：新答案\n"


def test_an_entry_changed_since_the_form_was_opened_is_not_overwritten():
    digest = faq_edit.entry_at(SAMPLE, 10).digest
    edited_meanwhile = SAMPLE.replace("023-12345678", "023-00000000")
    with pytest.raises(FaqEditError, match="被改过了"):
        faq_edit.replace(edited_meanwhile, 10, faq_edit.clean("问", "答"), expect=digest)
    assert faq_edit.replace(SAMPLE, 10, None, expect=digest).count("问：") == 3


@pytest.mark.parametrize("line", [1, 4, 11, 99])
def test_a_line_that_starts_no_entry_is_refused(line):
    with pytest.raises(FaqEditError, match=f"第 {line} 行不是一条问答的开头"):
        faq_edit.replace(SAMPLE, line, None)


@pytest.mark.parametrize("text", [
    SAMPLE,
    "问：甲\n答：甲的答案\n\n问：没有答案的问题\n\n问：乙\n答：乙的答案\n",  # cut off by a blank line
    "问：甲\n答：甲的答案\n\n问：没有答案的问题\n名称：乙\n问：乙\n答：乙的答案\n",  # cut off by a 名称
    "问：隔了空行的问题\n\n答：它的答案\n\n问：乙\n答：乙的答案\n",  # the answer below the blank line
    "问：甲\n答：\n问：甲的另一种问法\n答：甲的答案\n\n问：丙\n答：丙的答案\n",  # an empty 答 is no answer yet
    "开头的杂行\n问：甲\n答：甲的答案\n",
])
def test_every_entry_the_reader_keeps_starts_a_span_with_its_own_lines(tmp_path, text):
    path = _write(tmp_path, text)
    entries, _ = faq.load_faq_file(str(path), "x.txt")
    spans = {span.start: span for span in faq_edit.spans(text)}
    for entry in entries:
        assert entry.line in spans
        assert [as_entry(e) for e in read(tmp_path, spans[entry.line].text, "one.txt")] == [as_entry(entry)]


def _write(tmp_path, text):
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_byte_order_mark_stays_when_the_first_entry_and_its_comment_go():
    text = "\ufeff# 第一条的说明\n问：甲\n答：甲的答案\n\n问：乙\n答：乙的答案\n"
    digest = faq_edit.entry_at(text, 2).digest
    assert faq_edit.replace(text, 2, None, expect=digest) == "\ufeff问：乙\n答：乙的答案\n"
