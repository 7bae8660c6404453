"""Names are matched as whole names: a known short name inside a longer asked one does not answer."""

import pytest

from bot.engine.retrieval.names import NameIndex


@pytest.fixture
def index():
    names = NameIndex()
    for name in ("张立", "孙国", "陈广新", "何文涛", "林可"):
        names.add(name, ref=0)
    return names


@pytest.mark.parametrize("question", [
    "张立国在协会当选了什么职务", "张立国是谁", "孙国强是哪个单位的", "公孙国强是谁", "请问陈广新华在哪工作",
])
def test_a_longer_name_containing_a_known_one_is_someone_else(index, question):
    assert [name for name, _ in index.find(question)] == []
    assert index.unknown_in(question)


@pytest.mark.parametrize(("question", "name"), [
    ("张立副厅长当选了什么", "张立"), ("请问孙国会长是哪个单位的", "孙国"), ("张立是谁", "张立"),
    ("陈广新兼任什么职务", "陈广新"), ("何文涛演讲的题目是什么", "何文涛"), ("林可分享的主题是什么", "林可"),
    ("林可讲的什么题目", "林可"), ("张立当选为会长了吗", "张立"), ("张立", "张立"),
])
def test_a_known_name_in_longer_phrasing_is_found(index, question, name):
    assert [found for found, _ in index.find(question)][:1] == [name]
    assert index.unknown_in(question) == []


def test_a_known_given_name_under_another_surname_is_not_the_person(index):
    assert index.find("王建是谁") == []


@pytest.fixture
def sound_index():
    names = NameIndex()
    for name in ("余明超", "沈晨明", "孙勇敏", "武涌"):
        names.add(name, ref=0)
    return names


@pytest.mark.parametrize("question", ["罗宇明超是谁", "程晨明是谁", "公孙勇敏是谁"])
def test_a_sound_alike_or_a_tail_of_another_name_is_not_offered(sound_index, question):
    assert sound_index.find(question) == []


@pytest.mark.parametrize(("question", "name"), [("武勇是谁", "武涌"), ("会长余明朝是谁", "余明超"), ("孙勇敏是谁", "孙勇敏")])
def test_a_typed_from_memory_name_is_still_found(sound_index, question, name):
    assert [found for found, _ in sound_index.find(question)][:1] == [name]
