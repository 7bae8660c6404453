"""The store in Redis, shared by every replica behind the load balancer.

Same interface as MemoryStore. Errors are not caught here: FailoverStore decides what a
Redis outage means, and the command line wants to see the error instead.
"""

import json
import time

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from .memory import BUSY
from .tally import EVICT_AMONG, TALLY_TTL, sort_tally

# WeChat waits 5 s for a reply: a Redis that takes longer than this is treated as down.
SOCKET_TIMEOUT = 0.5

# Count a member (by ARGV[6], default 1), note first/last seen, and evict the weakest member past the
# cap, atomically. KEYS: count, first, last (sorted sets); ARGV: member, last seen, cap, ttl,
# evict_among, increment, first seen.
TALLY_SCRIPT = """
local count = redis.call('ZINCRBY', KEYS[1], tonumber(ARGV[6] or 1), ARGV[1])
redis.call('ZADD', KEYS[2], 'NX', ARGV[7] or ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'GT', ARGV[2], ARGV[1])
if redis.call('ZCARD', KEYS[1]) > tonumber(ARGV[3]) then
  local lowest = redis.call('ZRANGE', KEYS[1], 0, tonumber(ARGV[5]) - 1, 'WITHSCORES')
  local victim, vcount, vlast
  for i = 1, #lowest, 2 do
    local m, c = lowest[i], tonumber(lowest[i + 1])
    if m ~= ARGV[1] then
      local l = tonumber(redis.call('ZSCORE', KEYS[3], m) or 0) or 0
      if victim == nil or c < vcount or (c == vcount and l < vlast) then
        victim, vcount, vlast = m, c, l
      end
    end
  end
  if victim then
    for i = 1, 3 do redis.call('ZREM', KEYS[i], victim) end
  end
end
for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ARGV[4]) end
return count
"""

# A message's first look at the store, in one round trip (see MemoryStore.begin). KEYS: claim, rate
# count, session, and the follower's turn (optional); ARGV: claim value, lease (ms), rate window (ms;
# 0: not counted), claim name (the turn's owner).
BEGIN_SCRIPT = """
if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  local count = 0
  if tonumber(ARGV[3]) > 0 then
    count = redis.call('INCR', KEYS[2])
    if redis.call('PTTL', KEYS[2]) < 0 then redis.call('PEXPIRE', KEYS[2], ARGV[3]) end
  end
  if KEYS[4] then
    local held = redis.call('GET', KEYS[4])
    if held and held ~= ARGV[4] then return {1, count, false, 1} end
    redis.call('SET', KEYS[4], ARGV[4], 'PX', ARGV[2])
  end
  return {1, count, redis.call('GET', KEYS[3]), 0}
end
return {0, 0, redis.call('GET', KEYS[1]), 0}
"""

# Take a follower's turn and read the session under it (see MemoryStore.take_turn). KEYS: turn,
# session; ARGV: owner, lease (ms).
TURN_SCRIPT = """
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return {0, false} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return {1, redis.call('GET', KEYS[2])}
"""

# Give a turn back only if it is still ours (a lapsed turn may since be another message's).
RELEASE_SCRIPT = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


class RedisStore:
    """Redis-backed store shared by replicas; keys are `prefix:key`, values JSON."""

    def __init__(self, client: redis.Redis, prefix: str = "bot"):
        self.client = client
        self.prefix = prefix
        self._tally = client.register_script(TALLY_SCRIPT)
        self._begin = client.register_script(BEGIN_SCRIPT)
        self._take_turn = client.register_script(TURN_SCRIPT)

    @classmethod
    def from_url(cls, url: str, prefix: str = "bot") -> "RedisStore":
        """A client that fails fast: short timeouts and no retries of its own (the caller falls back)."""
        client = redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=SOCKET_TIMEOUT,
                                      retry=Retry(NoBackoff(), 0))
        return cls(client, prefix)

    def key_name(self, key: str) -> str:
        return f"{self.prefix}:{key}"

    def get(self, key: str):
        raw = self.client.get(self.key_name(key))
        return None if raw is None else json.loads(raw)

    def set(self, key: str, value, ttl: float):
        self.client.set(self.key_name(key), _dump(value), px=_ms(ttl))

    def add(self, key: str, value, ttl: float) -> bool:
        """Set only if absent (SET NX): the claim replicas race for."""
        return bool(self.client.set(self.key_name(key), _dump(value), px=_ms(ttl), nx=True))

    def delete(self, key: str):
        self.client.delete(self.key_name(key))

    def incr(self, key: str, ttl: float) -> int:
        """Add one; the expiry is set by the first increment (a fixed window)."""
        name = self.key_name(key)
        pipe = self.client.pipeline()  # MULTI/EXEC: the counter never exists without its expiry
        pipe.incr(name)
        pipe.pexpire(name, _ms(ttl), nx=True)
        return int(pipe.execute()[0])

    def incr_and_get(self, key: str, ttl: float, get_key: str | None) -> tuple[int, object]:
        """incr(key, ttl) and get(get_key) in one round trip: a message's rate count and session."""
        name = self.key_name(key)
        pipe = self.client.pipeline()  # MULTI/EXEC, as incr: the counter never exists without its expiry
        pipe.incr(name)
        pipe.pexpire(name, _ms(ttl), nx=True)
        if get_key:
            pipe.get(self.key_name(get_key))
        results = pipe.execute()
        raw = results[2] if get_key else None
        return int(results[0]), None if raw is None else json.loads(raw)

    def begin(self, claim: str, value, lease: float, rate: str, window: float, session: str,
              turn: str | None = None) -> tuple:
        """Claim, count and read for one message in one Lua call (see MemoryStore.begin)."""
        keys = [self.key_name(claim), self.key_name(rate), self.key_name(session)]
        if turn is not None:
            keys.append(self.key_name(turn))
        claimed, count, raw, busy = self._begin(keys=keys, args=[_dump(value), _ms(lease),
                                                                 _ms(window) if window else 0, claim])
        if busy:
            return True, int(count), BUSY
        found = None if not raw else json.loads(raw)
        return (True, int(count), found) if claimed else (False, found, None)

    def take_turn(self, turn: str, owner: str, lease: float, session: str) -> tuple[bool, object]:
        """Take the follower's turn and read the session, in one Lua call (see MemoryStore.take_turn)."""
        taken, raw = self._take_turn(keys=[self.key_name(turn), self.key_name(session)], args=[owner, _ms(lease)])
        return (True, None if not raw else json.loads(raw)) if taken else (False, None)

    def write(self, sets: list[tuple[str, object, float]], deletes: list[str] = (),
              releases: list[tuple[str, str]] = ()):
        """Several sets, deletes and turns given back in one round trip; not a transaction (each
        key stands alone)."""
        pipe = self.client.pipeline(transaction=False)
        for key, value, ttl in sets:
            pipe.set(self.key_name(key), _dump(value), px=_ms(ttl))
        for key in deletes:
            pipe.delete(self.key_name(key))
        for key, owner in releases:  # EVAL, not EVALSHA: a pipeline with a Script object asks first
            pipe.eval(RELEASE_SCRIPT, 1, self.key_name(key), owner)  # whether it is loaded (a round trip)
        pipe.execute()

    def tally_keys(self, name: str) -> list[str]:
        return [self.key_name(f"tally:{name}:{part}") for part in ("count", "first", "last")]

    def tally(self, name: str, member: str, cap: int, now: float | None = None) -> int:
        """Count `member` once more in the tally `name` (see MemoryStore.tally)."""
        now = time.time() if now is None else now
        args = [member, repr(float(now)), cap, TALLY_TTL, EVICT_AMONG]
        return int(float(self._tally(keys=self.tally_keys(name), args=args)))

    def tally_many(self, name: str, rows: list[tuple[str, int, float, float]], cap: int):
        """Add counts gathered elsewhere (member, count, first seen, last seen) in one round trip."""
        pipe = self.client.pipeline(transaction=False)
        for member, count, first, last in rows:
            self._tally(keys=self.tally_keys(name), client=pipe,
                        args=[member, repr(float(last)), cap, TALLY_TTL, EVICT_AMONG, count, repr(float(first))])
        pipe.execute()

    def tallies(self, name: str) -> list[dict]:
        """All members of a tally, most counted first (then most recently seen)."""
        count_key, first_key, last_key = self.tally_keys(name)
        counts = self.client.zrange(count_key, 0, -1, withscores=True)
        if not counts:
            return []
        members = [m for m, _ in counts]
        firsts = self.client.zmscore(first_key, members)
        lasts = self.client.zmscore(last_key, members)
        rows = [{"member": m.decode(), "count": int(c), "first": f or 0.0, "last": la or 0.0}
                for (m, c), f, la in zip(counts, firsts, lasts, strict=True)]
        return sort_tally(rows)

    def ping(self) -> bool:
        return bool(self.client.ping())

    def status(self) -> str:
        return "ok"

    def close(self):
        self.client.close()


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _ms(seconds: float) -> int:
    return max(1, int(seconds * 1000))
