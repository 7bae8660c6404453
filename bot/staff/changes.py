"""最近的修改: every change made through the page (who, when, what, which file), each with 撤销.

The writer keeps the previous version of each file it changes; undoing a change restores it
(or deletes a file the change created) and is itself a change, so an undo can be undone too.
An undo is checked like any save first: one that would bring a new error is refused with it.
The knowledge is rebuilt everywhere right after, as after any save.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from ..ops import logs
from ..ops.hot_reload import get_knowledge
from . import editing
from .access import who
from .panels import when
from .writer import WriteError

bp = Blueprint("changes", __name__)

SHOWN = 50  # changes listed: more than a team makes in a week


@bp.get("/admin/changes")
def index():
    changes = [{"id": c.id, "at": when(c.at), "who": c.who, "what": c.what, "path": c.path, "created": not c.existed}
               for c in editing.writer().recent(SHOWN)]
    return render_template("changes.html", changes=changes, readonly=editing.readonly_reason())


@bp.post("/admin/changes/undo")
def undo():
    """Restore the file as it was before the change (the undo is logged as a change of its own)."""
    change_id = request.form.get("change", "")
    try:
        review = editing.review(editing.writer().undo_files(change_id))
        if not review.ok:  # e.g. an entry deleted since comes back with a 名称 another entry took meanwhile
            problems = "；".join(str(p) for p in review.new_errors[:3])
            logs.rejected(422, "undo refused by the check", change=change_id[:64], detail=problems)
            flash(f"没有撤销：撤销后知识库会出现问题（{problems}）。请先处理这些问题再撤销。", "error")
            return redirect(url_for("admin.changes.index"), 303)
        change = editing.writer().undo(change_id, who=who())
    except WriteError as exc:
        logs.rejected(409, "undo refused", change=change_id[:64], detail=str(exc))
        flash(f"没有撤销：{exc}", "error")
        return redirect(url_for("admin.changes.index"), 303)
    if editing.served():
        flash(f"已撤销，{change.path} 已恢复到修改之前的样子。粉丝现在问就会得到原来的回答。")
    else:
        problems = (get_knowledge().last_error or {}).get("problems", [])
        flash(f"已撤销，但恢复后的文件有错误，机器人仍在用上一版：{'；'.join(problems[:3])}", "error")
    return redirect(url_for("admin.changes.index"), 303)
