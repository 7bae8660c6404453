"""Shared state with expiry: Redis for several replicas, in-process memory for one.

Every backend offers the same small interface, so callers never ask which one they have:
`get/set/add/delete/incr` on JSON values that always carry a TTL, and `tally/tallies` for
bounded counters with first and last seen (bot/state/tally.py).

    memory.py      MemoryStore: REDIS_URL unset, one process
    redisstore.py  RedisStore: shared by every replica
    failover.py    FailoverStore: Redis, and memory while Redis is down
"""

from flask import current_app

from ..config import DEFAULTS
from .failover import FailoverStore
from .memory import BUSY, MemoryStore
from .redisstore import RedisStore

__all__ = ["BUSY", "FailoverStore", "MemoryStore", "RedisStore", "create_store", "get_store", "init_app",
           "key_prefix", "shared_redis"]


def key_prefix(config: dict) -> str:
    """Keys are namespaced by AppId, so two accounts can share one Redis."""
    return f"bot:{config.get('WECHAT_APPID') or 'default'}"


def create_store(config: dict):
    """Redis (with an in-process fallback for outages) when REDIS_URL is set, else memory."""
    prefix = key_prefix(config)
    if not config.get("REDIS_URL"):
        return MemoryStore(prefix)
    retry_after = float(config.get("REDIS_RETRY_INTERVAL", DEFAULTS["REDIS_RETRY_INTERVAL"]))
    tally_every = float(config.get("TALLY_FLUSH_INTERVAL", 0))  # tests and scripts: counts land at once
    return FailoverStore(RedisStore.from_url(config["REDIS_URL"], prefix), MemoryStore(prefix), retry_after,
                         tally_every)


def shared_redis(store):
    """The RedisStore behind `store` (it raises on errors), or None when REDIS_URL is unset.

    For keys that mean something only if every replica reads the same copy, like the fleet's
    knowledge version: during an outage FailoverStore would answer them from this process's memory.
    """
    return store.primary if isinstance(store, FailoverStore) else None


def init_app(app):
    """Make the app's store. Nothing connects yet: redis-py opens a connection on first use."""
    app.extensions["store"] = create_store(app.config)


def get_store(app=None):
    """The store of `app` (default: the current app)."""
    return (app or current_app).extensions["store"]
