"""问答: list the FAQ entries, add one, edit or delete one where it stands in its file.

Before anything is saved the page shows what the change does to followers: each of the entry's
questions asked of the knowledge as it is and as it would be (an entry that now takes a question
from another entry or an article says so), and every problem the check finds, with its line. A
proposal that brings a new error is refused with that line and nothing is written. The form's
fields travel between the two steps as hidden fields, under the CSRF token, and are checked again
on save; a digest of the entry as it was opened refuses a save over someone else's change.
"""

from dataclasses import asdict

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ..ops import logs
from ..ops.hot_reload import get_knowledge
from . import editing, faq_edit
from .access import message_page, who
from .faq_edit import FaqEditError
from .writer import WriteError

bp = Blueprint("faqs", __name__)

DEFAULT_FILE = "faq/常见问题.txt"  # where a new entry goes unless staff pick another file
OPS = {"add": "新增问答", "edit": "修改问答", "delete": "删除问答"}  # the change log's words


@bp.get("/admin/faq")
def index():
    """Every entry the bot answers from: its name, first question and file:line."""
    kb = get_knowledge().engine.kb
    entries = [{"name": e.name, "question": e.questions[0][0], "path": e.path, "line": e.line} for e in kb.faq]
    return render_template("faq_list.html", entries=entries, readonly=editing.readonly_reason())


@bp.get("/admin/faq/new")
def new():
    return _form({"op": "add", "path": DEFAULT_FILE, "questions": request.args.get("q", "")})


@bp.get("/admin/faq/edit")
def edit():
    """The form for the entry starting at ?path=…&line=…, as the file has it now."""
    path, line = editing.safe_path(request.args.get("path", "")), request.args.get("line", "")
    text = editing.current_text(path) if path.startswith("faq/") else None
    try:
        span = faq_edit.entry_at(text or "", int(line))
    except (FaqEditError, ValueError):
        return message_page("没有找到这条问答（文件可能刚被改过）；请回到问答列表重新打开。", 404)
    entry = faq_edit.read_back(span.text)
    if entry is None:
        return message_page(f"{path} 第 {line} 行的问答格式有误，不能在网页上修改；请先按“知识库”里的提示修好它。", 409)
    return _form({"op": "edit", "path": path, "line": line, "digest": span.digest,
                  "questions": "\n".join(entry.questions), "answer": entry.answer, "name": entry.name,
                  "source": entry.source})


@bp.post("/admin/faq/preview")
def preview():
    """Step 1: what the change does to each question, and the check's problems with their lines."""
    return _preview(request.form)


@bp.post("/admin/faq/back")
def back():
    """From the preview back to the form, with what staff typed."""
    return _form(request.form)


@bp.post("/admin/faq/save")
def save():
    """Step 2: recompute and re-check the change from the form, then write it, or write nothing."""
    form = request.form
    named = editing.safe_path(form.get("path", ""))
    base = editing.current_text(named) if named else None  # read before the proposal: a save in between is refused
    try:
        path, text, entry, old = _proposal(form)
    except FaqEditError as exc:
        logs.rejected(422, "faq save refused", detail=str(exc))
        return _form(form, error=str(exc), status=422)
    reason = editing.readonly_reason()
    review = editing.review({path: text})
    if reason or not review.ok:
        return _preview(form, error=reason, status=409 if reason else 422)
    key = (entry or old).name or (entry or old).questions[0]
    try:
        editing.save(path, text, who=who(), what=f"{OPS[form['op']]}“{key}”", based_on=base)
    except WriteError as exc:
        return _preview(form, error=str(exc), status=409)
    flash(f"已保存：{OPS[form['op']]}“{key}”（{path}）。粉丝现在问就会得到新的回答。")
    return redirect(url_for("admin.faqs.index"), 303)


def _form(values, error: str = "", status: int = 200):
    files = sorted({e.path for e in get_knowledge().engine.kb.faq} | {DEFAULT_FILE})
    return render_template("faq_form.html", form=values, files=files, error=error,
                           readonly=editing.readonly_reason()), status


def _preview(form, error: str = "", status: int = 200):
    try:
        path, text, entry, old = _proposal(form)
    except FaqEditError as exc:
        return _form(form, error=str(exc), status=422)
    review = editing.review({path: text})
    questions = list(dict.fromkeys((entry.questions if entry else []) + (old.questions if old else [])))
    rows = _compare(questions, get_knowledge().engine, review.report.engine)
    return render_template("faq_preview.html", form=form, path=path, entry=entry and asdict(entry), rows=rows,
                           review=review, error=error, readonly=editing.readonly_reason()), status


def _proposal(form) -> tuple[str, str, faq_edit.Entry | None, faq_edit.Entry | None]:
    """(file, its new text, the entry as it will be or None, the entry as it was or None) from the form."""
    op, path = form.get("op", ""), editing.safe_path(form.get("path", ""))
    if op not in OPS:
        raise FaqEditError("不知道要做什么（新增、修改还是删除）；请回到问答列表重新开始。")
    if not path.startswith("faq/"):
        raise FaqEditError("文件名要像 faq/常见问题.txt 这样：放在 faq/ 下，以 .txt 结尾，不含空格和“..”。")
    text = editing.current_text(path)
    if text is None:
        raise FaqEditError(f"{path} 不是 UTF-8 编码的文本文件，网页上不能修改；请用记事本另存为 UTF-8。")
    entry = None if op == "delete" else faq_edit.clean(form.get("questions", ""), form.get("answer", ""),
                                                        form.get("name", ""), form.get("source", ""))
    if op == "add":
        return path, faq_edit.append(text, entry), entry, None
    try:
        line = int(form.get("line", ""))
    except ValueError:
        raise FaqEditError("缺少这条问答所在的行号；请回到问答列表重新打开。") from None
    old = faq_edit.read_back(faq_edit.entry_at(text, line).text)
    if old is None:
        raise FaqEditError(f"{path} 第 {line} 行的问答格式有误，不能在网页上修改；请先按“知识库”里的提示修好它。")
    return path, faq_edit.replace(text, line, entry, expect=form.get("digest", "")), entry, old


def _compare(questions: list[str], now, proposed) -> list[dict]:
    """Each question asked as things are and as they would be: what answers it, and whether that moves."""
    rows = []
    for question in questions:
        before, after = now.answer(question), proposed.answer(question)
        rows.append({"question": question, "before": before.matched or "", "after": after.matched or "",
                     "after_text": after.text, "moved": (before.matched or "") != (after.matched or "")})
    return rows
