"""Shared state with expiry: Redis for several replicas, in-process memory for one.

(First cut: the interface both backends offer. Values are JSON; every key has a TTL.)
"""

import json
import threading
import time


class MemoryStore:
    """In-process store for the embedded default (REDIS_URL unset): one process only."""

    def __init__(self, prefix: str = "bot"):
        self.prefix = prefix
        self._data: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def _live(self, key):
        item = self._data.get(key)
        if item and item[0] < time.monotonic():
            del self._data[key]
            return None
        return item

    def get(self, key: str):
        with self._lock:
            item = self._live(key)
            return item[1] if item else None

    def set(self, key: str, value, ttl: float):
        with self._lock:
            self._data[key] = (time.monotonic() + ttl, value)

    def add(self, key: str, value, ttl: float) -> bool:
        """Set only if absent (atomic claim); True if this call set it."""
        with self._lock:
            if self._live(key):
                return False
            self._data[key] = (time.monotonic() + ttl, value)
            return True

    def delete(self, key: str):
        with self._lock:
            self._data.pop(key, None)

    def incr(self, key: str, ttl: float) -> int:
        """Add one; the expiry is set by the first increment (a fixed window)."""
        with self._lock:
            item = self._live(key)
            count = (item[1] if item else 0) + 1
            expires = item[0] if item else time.monotonic() + ttl
            self._data[key] = (expires, count)
            return count


class RedisStore:
    """Redis-backed store shared by replicas; keys are `prefix:key`."""

    def __init__(self, client, prefix: str = "bot"):
        self.client = client
        self.prefix = prefix

    def key_name(self, key: str) -> str:
        return f"{self.prefix}:{key}"

    def get(self, key: str):
        raw = self.client.get(self.key_name(key))
        return None if raw is None else json.loads(raw)

    def set(self, key: str, value, ttl: float):
        self.client.set(self.key_name(key), json.dumps(value, ensure_ascii=False), px=int(ttl * 1000))

    def add(self, key: str, value, ttl: float) -> bool:
        return bool(self.client.set(self.key_name(key), json.dumps(value, ensure_ascii=False),
                                    px=int(ttl * 1000), nx=True))

    def delete(self, key: str):
        self.client.delete(self.key_name(key))

    def incr(self, key: str, ttl: float) -> int:
        name = self.key_name(key)
        pipe = self.client.pipeline()
        pipe.incr(name)
        pipe.pexpire(name, int(ttl * 1000), nx=True)
        return int(pipe.execute()[0])


def create_store(config: dict):
    """Redis when REDIS_URL is set, else memory; keys namespaced by AppId."""
    prefix = f"bot:{config.get('WECHAT_APPID') or 'default'}"
    if config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(config["REDIS_URL"], socket_timeout=0.5, socket_connect_timeout=0.5)
        return RedisStore(client, prefix)
    return MemoryStore(prefix)
