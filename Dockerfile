# The bot's production image: gunicorn serving /wechat, knowledge baked in at /app/knowledge.
# Build: docker build -t wechat-kb-bot .      Deploy: README.md, "Deploying" (docker compose up)
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed unprivileged uid/gid, so volume permissions and Kubernetes runAsNonRoot are predictable.
RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --no-log-init --home-dir /nonexistent --shell /usr/sbin/nologin bot

WORKDIR /app

# Dependencies before code: this layer is rebuilt only when a pinned version changes.
COPY requirements.lock ./
RUN pip install --no-cache-dir --requirement requirements.lock

# Code and default knowledge stay owned by root: the bot can read them, not rewrite them.
COPY bot ./bot
COPY knowledge ./knowledge

# KB_DIR: mount your own knowledge over /app/knowledge to change it without a rebuild (hot reloaded);
# owned by uid 10001 and mounted read-write, the staff page can save into it (compose.yaml does both).
# The baked-in copy is root's, so without a mount the page says editing is off.
# PROMETHEUS_MULTIPROC_DIR: where gunicorn workers keep their metric files (wiped at start).
ENV KB_DIR=/app/knowledge \
    PORT=8080 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/bot-metrics

USER 10001:10001
EXPOSE 8080

# Liveness only: /healthz answers 200 while the process can serve (no curl in slim images).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8080'), timeout=4)"]

# Exec form: gunicorn's master is PID 1 and receives docker stop's SIGTERM itself (graceful stop).
CMD ["python", "-m", "bot", "serve"]
