"""WeChat's access_token kept in the store, so every replica and command shares one.

WeChat allows an account about 2,000 token requests a day, and each new token retires the one
before it within minutes: processes that fetched their own would spend the quota and knock each
other's token out. So the token lives in the store under the account's prefix (Redis when
REDIS_URL is set), and when several processes need a new one at once, the one holding a lock in
the store fetches it while the others wait and read what it stored.
"""

import logging
import os
import time
import uuid

from wechatpy.session import SessionStorage

from ..state import MemoryStore, RedisStore, key_prefix

log = logging.getLogger(__name__)

KEY_PREFIX = "wechatpy:"  # wechatpy's keys ("<AppID>_access_token") under ours, as its RedisStorage does
EXPIRY_MARGIN = 300  # seconds before WeChat's expiry that the store forgets a token: nobody picks up a dying one
DEFAULT_TTL = 7200 - EXPIRY_MARGIN  # a value wechatpy sets without a TTL (WeChat's tokens last 7,200 s)
# A fetch holds the lock at most this long: more than the fetch's own timeouts (10 s to connect, 10 s
# to read), so the lock never expires under a live fetch, and a crashed holder frees it after this.
LOCK_TTL = 30.0
WAIT_LIMIT = LOCK_TTL + 5.0  # a waiter gives up after this: by then the lock has expired and it could take it
POLL_EVERY = 0.1  # seconds between a waiter's looks at the store


class TokenWaitTimeout(Exception):
    """Another process held the token lock too long; str() says so for staff."""


def token_store(config: dict):
    """Where the token is kept: the Redis the servers share, or this process's memory without one.

    Not the failover store: during a Redis outage a command must not fetch a token of its own and
    retire the one the other processes hold; it reports the outage instead."""
    prefix = key_prefix(config)
    if config.get("REDIS_URL"):
        return RedisStore.from_url(config["REDIS_URL"], prefix)
    return MemoryStore(prefix)


class StoreSession(SessionStorage):
    """wechatpy's session storage on our store, with `renew` to fetch a token once for everyone."""

    def __init__(self, store):
        self.store = store
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex}"  # who holds the lock, so only the holder frees it

    def get(self, key, default=None):
        value = self.store.get(KEY_PREFIX + key)
        return default if value is None else value

    def set(self, key, value, ttl=None):
        if value is not None:
            self.store.set(KEY_PREFIX + key, value, ttl or DEFAULT_TTL)

    def delete(self, key):
        self.store.delete(KEY_PREFIX + key)

    def renew(self, key: str, fetch, stale: str | None = None) -> str:
        """A token other than `stale` (one WeChat refused): read from the store if another process
        has just stored one, else `fetch()` -> (token, expires_in) under the lock and stored.

        The lock is a key set only if absent; a process that does not get it waits for the token
        (or for the lock to go, when the holder's fetch failed) and reads it instead of fetching."""
        lock = KEY_PREFIX + key + ":lock"
        deadline = time.monotonic() + WAIT_LIMIT
        waited = False
        while True:
            current = self.get(key)
            if current and current != stale:
                return current
            if self.store.add(lock, self._owner, LOCK_TTL):
                try:
                    current = self.get(key)  # stored by the holder just before we got the lock
                    if current and current != stale:
                        return current
                    token, expires_in = fetch()
                    self.set(key, token, max(expires_in - EXPIRY_MARGIN, 60))
                    log.info("access_token fetched and shared through the store (valid %d s)", expires_in)
                    return token
                finally:
                    if self.store.get(lock) == self._owner:  # the lock outlives any fetch (LOCK_TTL)
                        self.store.delete(lock)
            if not waited:
                log.info("another process is fetching the access_token; waiting for it")
                waited = True
            if time.monotonic() > deadline:
                raise TokenWaitTimeout(f"等了 {WAIT_LIMIT:.0f} 秒，另一个进程还没拿到 access_token；请稍后再试")
            time.sleep(POLL_EVERY)
