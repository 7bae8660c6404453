"""check_proposed: the whole check of the knowledge as it would be, with nothing in KB_DIR touched."""

import os

import pytest

from bot.staff.checks import check_knowledge, check_proposed

ARTICLE = ("协会召开2024年年会\n发布时间：2024-05-01\n来源链接：http://www.example.org/news/annual.html\n"
           "5月1日，协会2024年年会在重庆召开，会长张三主持会议。\n")


def snapshot(kb) -> dict[str, tuple[int, bytes]]:
    """Every entry under kb with its inode and bytes: a proposal must change none of them."""
    found = {}
    for folder, dirs, names in os.walk(kb):
        for name in dirs + names:
            path = os.path.join(folder, name)
            data = b""
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    data = f.read()
            found[os.path.relpath(path, kb)] = (os.lstat(path).st_ino, data)
    return found


def test_a_good_article_passes_and_is_counted(kb):
    before = snapshot(kb)
    report = check_proposed(str(kb), {"news/2024-05-01-annual.txt": ARTICLE})
    assert report.errors == []
    assert len(report.kb.articles) == len(check_knowledge(str(kb)).kb.articles) + 1
    assert report.engine.answer("2024年年会谁主持的").text.count("张三") >= 1
    assert report.kb.kb_dir == str(kb)
    assert snapshot(kb) == before


def test_a_broken_faq_is_reported_with_its_own_path_and_line(kb):
    before = snapshot(kb)
    report = check_proposed(str(kb), {"faq/hours.txt": "# 上班时间\n\n问：协会几点上班？\n"})
    assert [str(p) for p in report.errors] == [
        "faq/hours.txt:3: 问题“协会几点上班？”没有答案；请在问题下面加一行“答：…”"]
    assert snapshot(kb) == before


def test_editing_and_deleting_existing_files(kb):
    before = snapshot(kb)
    west = (kb / "faq" / "west-office.txt").read_text(encoding="utf-8")
    edited = check_proposed(str(kb), {"faq/west-office.txt": west.replace("答：", "答：\n答：", 1)})
    assert [p.path for p in edited.errors] == ["faq/west-office.txt"]
    deleted = check_proposed(str(kb), {"faq/west-office.txt": None})
    assert deleted.kb.faq == [] and len(check_knowledge(str(kb)).kb.faq) == 3
    assert snapshot(kb) == before


def test_a_proposal_breaking_a_staff_test_is_an_error(kb):
    report = check_proposed(str(kb), {"news/2023-11-03-west-office-launch.txt": None, "faq/west-office.txt": None})
    assert any(p.path == "tests.txt" for p in report.errors)


@pytest.mark.parametrize("path", ["../x.txt", "news/.hidden.txt", "news/x.py"])
def test_a_path_the_writer_would_refuse_is_a_problem(kb, path):
    report = check_proposed(str(kb), {path: ARTICLE})
    assert [p.path for p in report.errors] == [path]
    assert not os.path.exists(os.path.normpath(os.path.join(kb, path)))


def test_a_linked_news_folder_is_never_written_through(kb, tmp_path):
    """news/ as a link to a folder elsewhere: the proposal lands in the mirror, not behind the link."""
    elsewhere = tmp_path / "elsewhere-news"
    os.rename(kb / "news", elsewhere)
    os.symlink(elsewhere, kb / "news")
    before = snapshot(elsewhere)
    report = check_proposed(str(kb), {"news/2024-05-01-annual.txt": ARTICLE,
                                      "news/2023-11-03-west-office-launch.txt": None})
    assert [a.path for a in report.kb.articles] == ["news/2024-05-01-annual.txt"]
    assert snapshot(elsewhere) == before
