"""新增文章: paste, upload or fetch an article, see what the bot read from it, then save it.

Step 1 (preview) turns what staff gave into a draft article file (bot/staff/importing.py),
checks the knowledge as it would be with it, and shows the facts read and a few answers.
Step 2 (save) gets the draft back from a hidden field — covered by the CSRF token, and checked
again, since the browser could have sent anything — and writes it only if it brings no new error.
"""

import logging

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from ..ops import logs
from . import article_preview, editing
from .access import message_page, who
from .importing import ImportRefused, draft_from_text, draft_from_upload, draft_from_url
from .writer import WriteError

log = logging.getLogger(__name__)
bp = Blueprint("articles", __name__)



@bp.get("/admin/articles/new")
def new():
    return render_template("article_new.html", error="", readonly=editing.readonly_reason(), form={})


@bp.post("/admin/articles/preview")
def preview():
    """Step 1: the draft, what the engine read from it, sample answers, problems with their lines."""
    source = request.form.get("source", "")
    try:
        draft = _draft(source)
    except ImportRefused as exc:
        logs.rejected(422, "article import refused", source=source, detail=str(exc))
        return _new_again(str(exc))
    except Exception:  # a document library choking on a strange file must not cost staff the page
        log.exception("article import failed", extra={"event": "import_failed", "source": source})
        return _new_again("这份内容没能读出来。请换一种方式：Word 文件另存为 .docx，网页另存为 .html，"
                          "或者把文字复制粘贴到文本框里。")
    return _show(draft.text, draft.filename, draft.title)


@bp.post("/admin/articles/save")
def save():
    """Step 2: check the draft again and write it, or show what is wrong and write nothing."""
    text = _lines(request.form.get("text", ""))
    path = editing.safe_path(request.form.get("path", ""))
    title = request.form.get("title", "")[:200]
    if not path.startswith("news/") or not text.strip():
        logs.rejected(400, "article save with a bad path or no text", path=request.form.get("path", "")[:200])
        return message_page("保存的内容不完整（文件名不对或正文是空的），没有保存；请从“新增文章”重新开始。", 400)
    if editing.current_text(path) == text:  # 保存 pressed twice, or the page reloaded after saving
        flash(f"《{title}》已经保存过了（{path}），没有重复保存。")
        return redirect(url_for("admin.changes.index"), 303)
    reason = editing.readonly_reason()
    if reason:
        return _show(text, path, title, error=reason, status=409)
    review = editing.review({path: text})
    if not review.ok:
        return _show(text, path, title, review=review, status=422)
    try:  # never over another file: if a colleague took the name meanwhile, this one gets name-2.txt
        change = editing.save(path, text, who=who(), what=f"新增文章《{title}》", new_file=True)
    except WriteError as exc:
        log.warning("article save refused by the writer: %s", exc)
        return _show(text, path, title, error=str(exc), status=409)
    flash(f"已保存《{title}》（{change.path}）。粉丝现在就能问到它；如有问题可以在下面撤销。")
    return redirect(url_for("admin.changes.index"), 303)


def _new_again(error: str):
    """The 新增文章 form again, with what staff typed and what went wrong."""
    return render_template("article_new.html", error=error, readonly=editing.readonly_reason(),
                           form=request.form), 422


def _draft(source: str):
    """The draft from whichever of the three forms was sent; ImportRefused says what to fix."""
    if source == "text":
        text = request.form.get("text", "")
        if not text.strip():
            raise ImportRefused("文本框是空的；请把网站上的文章（标题、日期和正文）复制粘贴进来。")
        return draft_from_text(_lines(text), request.form.get("source_url", "").strip())
    if source == "upload":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise ImportRefused("没有选择文件；请选择一个 .docx、.html、.pdf 或 .txt 文件。")
        return draft_from_upload(upload.filename, upload.read())
    if source == "url":
        url = request.form.get("url", "").strip()
        if not url:
            raise ImportRefused("网址是空的；请填写文章的网址（以 http:// 或 https:// 开头）。")
        return draft_from_url(url, current_app.config)
    raise ImportRefused("请用下面三种方式之一提交文章：粘贴文本、上传文件或填写网址。")


def _show(text: str, path: str, title: str, *, review=None, error: str = "", status: int = 200):
    """The preview page for a draft (also after a refused save, with what stopped it)."""
    review = review or editing.review({path: text})
    engine = review.report.engine
    facts = article_preview.read_facts(engine, path)
    title = facts["title"] if facts else title
    answers = article_preview.sample_answers(engine, path, title, facts["people"]) if facts else []
    return render_template("article_preview.html", text=text, path=path, title=title, facts=facts,
                           answers=answers, review=review, error=error,
                           readonly=editing.readonly_reason()), status


def _lines(text: str) -> str:
    """Line ends as the files have them: browsers send form text with \\r\\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
