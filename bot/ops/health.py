"""/healthz, /readyz, /metrics and POST /admin/reload: what ops and their tools look at.

/healthz is liveness: 200 whenever the process can answer at all, because restarting the
bot never fixes a broken knowledge file or a Redis outage. /readyz is readiness: 503 until
knowledge is loaded and while a configured Redis is unreachable, so a load balancer sends
followers to a replica that can answer them.
"""

import os

from flask import Blueprint, Response, abort, current_app, jsonify

from ..staff.page import bearer_ok
from . import metrics

bp = Blueprint("health", __name__)


def _report() -> dict:
    # "absent" when REDIS_URL is unset on purpose, "ok", or "degraded" (answering without Redis).
    redis = current_app.extensions["store"].status()
    knowledge = current_app.extensions["knowledge"].status()
    degraded = knowledge["last_error"] or redis == "degraded" or not knowledge["in_sync"]
    return {"status": "degraded" if degraded else "ok", "knowledge": knowledge, "redis": redis,
            "pid": os.getpid()}


@bp.get("/healthz")
def healthz():
    return jsonify(_report())


@bp.get("/readyz")
def readyz():
    report = _report()
    reasons = []
    if not (report["knowledge"]["articles"] or report["knowledge"]["faq"]):
        reasons.append("knowledge is empty")
    if report["redis"] == "degraded":
        reasons.append("redis unreachable")
    report["ready"] = not reasons
    report["reasons"] = reasons
    return jsonify(report), 200 if not reasons else 503


@bp.get("/metrics")
def prometheus():
    body, content_type = metrics.render()
    return Response(body, content_type=content_type)


@bp.post("/admin/reload")
def admin_reload():
    """Rebuild the knowledge now, in every worker and replica; 422 if the files have errors."""
    token = current_app.config.get("ADMIN_TOKEN") or ""
    if not token:
        abort(404)  # no token configured: the endpoint does not exist
    if not bearer_ok(token):
        return jsonify(error="a valid 'Authorization: Bearer <ADMIN_TOKEN>' header is required"), 401, {
            "WWW-Authenticate": 'Bearer realm="admin"'}
    live = current_app.extensions["knowledge"]
    swapped = live.reload_everywhere()  # forced: it only fails to swap when the new files are refused
    return jsonify(reloaded=swapped, knowledge=live.status()), 200 if swapped else 422
