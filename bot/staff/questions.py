"""测试问题: add one of staff's own test questions (knowledge/tests.txt) from the page.

Once a gap is fixed, a test question keeps a later edit from silently breaking it (`check` and
the 知识库 panel ask them all again). In Docker staff have no shell to edit tests.txt, so the
page appends one: the question, then 应包含 with the words the answer must contain, or 应拒答.
The preview asks the question as a follower would and runs the new test against the knowledge
as it is; a test that fails already is refused with its line (it would block every later save),
so staff first fix the answer, or the words they expect.
"""

import re

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ..ops import logs
from ..ops.hot_reload import get_knowledge
from . import editing, panels
from .access import who
from .writer import WriteError

bp = Blueprint("questions", __name__)

PATH = "tests.txt"  # the staff tests' one file (bot/staff/staff_tests.py)
WORD_SEPARATORS = r"[、，,；;\s]+"  # what staff type between expected words; written back with 、
MAX_CHARS = 200  # a question or its words on one line: more is a paste gone wrong


@bp.get("/admin/tests/new")
def new():
    """The form; ?q= comes from the 试问 box, so an answer just checked can be kept as a test."""
    return _form({"question": request.args.get("q", "")[:MAX_CHARS], "kind": "expect"})


@bp.post("/admin/tests/preview")
def preview():
    return _preview(request.form)


@bp.post("/admin/tests/back")
def back():
    """From the preview back to the form, with what staff typed."""
    return _form(request.form)


@bp.post("/admin/tests/save")
def save():
    """Re-check the test from the form and append it to tests.txt, or write nothing."""
    base = editing.current_text(PATH)  # read before the proposal: a save in between is then refused
    text, entry, error = _proposal(request.form)
    if error:
        logs.rejected(422, "staff test refused", detail=error)
        return _form(request.form, error=error, status=422)
    reason = editing.readonly_reason()
    review = editing.review({PATH: text})
    if reason or not review.ok:
        return _preview(request.form, error=reason, status=409 if reason else 422)
    question = request.form.get("question", "").strip()
    try:
        editing.save(PATH, text, who=who(), what=f"新增测试问题“{question}”", based_on=base)
    except WriteError as exc:
        return _preview(request.form, error=str(exc), status=409)
    flash(f"已保存测试问题“{question}”。以后每次保存都会把它重新问一遍。")
    return redirect(url_for("admin.page") + "#status", 303)


def _form(values, error: str = "", status: int = 200):
    return render_template("test_form.html", form=values, error=error, readonly=editing.readonly_reason()), status


def _preview(form, error: str = "", status: int = 200):
    text, entry, problem = _proposal(form)
    if problem:
        return _form(form, error=problem, status=422)
    review = editing.review({PATH: text})
    answer = panels.preview(form.get("question", "").strip(), get_knowledge().engine)
    return render_template("test_preview.html", form=form, entry=entry, answer=answer, review=review,
                           error=error, readonly=editing.readonly_reason()), status


def _proposal(form) -> tuple[str, str, str]:
    """(tests.txt as it would be, the test's own lines, "" or what to fix in the form)."""
    question = " ".join(form.get("question", "").split())
    words = [w for w in re.split(WORD_SEPARATORS, form.get("words", "")) if w]
    if not question or len(question) > MAX_CHARS:
        return "", "", f"请写一个问题（一行，不超过 {MAX_CHARS} 字）。"
    if form.get("kind") == "decline":
        entry = f"问：{question}\n应拒答\n"
    elif words and len("、".join(words)) <= MAX_CHARS:
        entry = f"问：{question}\n应包含：{'、'.join(words)}\n"
    else:
        return "", "", "请写上回答里必须出现的词（用顿号隔开），或者选“应拒答”。"
    current = editing.current_text(PATH)
    if current is None:
        return "", "", "tests.txt 不是 UTF-8 编码的文本文件，网页上不能修改；请用记事本另存为 UTF-8。"
    if current and not current.endswith("\n"):
        current += "\n"
    return current + ("\n" if current.strip() else "") + entry, entry, ""
