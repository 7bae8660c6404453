"""/healthz, /readyz and /metrics: what ops and their tools look at.

/healthz is liveness: 200 whenever the process can answer at all, because restarting the
bot never fixes a broken knowledge file or a Redis outage. /readyz is readiness: 503 until
knowledge is loaded and while a configured Redis is unreachable, so a load balancer sends
followers to a replica that can answer them.
"""

import os

from flask import Blueprint, Response, jsonify

from ..state import get_store
from . import metrics
from .hot_reload import get_knowledge

bp = Blueprint("health", __name__)


def _report() -> dict:
    # "absent" when REDIS_URL is unset on purpose, "ok", or "degraded" (answering without Redis).
    redis = get_store().status()
    knowledge = get_knowledge().status()
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
