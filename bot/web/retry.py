"""WeChat's retries, answered once across workers and replicas.

WeChat re-sends a push it got no reply to within 5 s, up to three times, with the same MsgId
(events: the same sender, CreateTime, event and key). The first delivery claims the message in
the shared store and, when done, keeps its reply there for CLAIM_TTL seconds; a retry that finds
the claim gets that same reply instead of a second answer.

The claim is a lease: it lasts LEASE seconds and is renewed while this process works on the
answer. A worker killed mid-answer stops renewing, so its claim is gone before WeChat's next
re-send, which is answered instead of being told "success" (nothing) for a reply that will never
come.
"""

import logging
import threading
import time

from ..state import BUSY

log = logging.getLogger(__name__)

CLAIM_TTL = 30  # seconds a message's reply is kept for retries; WeChat's 3 tries span about 15 s
LEASE = 4.0  # seconds a claim lives unless renewed: shorter than WeChat's 5 s between tries
POLL = 0.05  # seconds between looks at another delivery's claim
WAIT = 4.0  # a retry waits this long for the first delivery's reply (WeChat gives each try 5 s)
TURN_WAIT = 3.0  # a message waits this long for the follower's previous one, then answers anyway
NOTHING = "success"  # WeChat shows nothing for this reply
WORKING = {"state": "working"}


def retry_key(msg) -> str:
    """WeChat retries with the same MsgId; events have none, so sender, CreateTime, event and key
    (a subscribe and an unsubscribe in the same second are two events, not a retry).

    The sender comes first in braces, a Redis Cluster hash tag: the claim then shares a slot with
    the follower's rate count and session, and one script reads all three (chat.Turn)."""
    if msg.id:
        return f"{{{msg.source}}}:{msg.id}"
    event = getattr(msg, "event", "") or ""
    key = getattr(msg, "key", "") or ""
    return f"{{{msg.source}}}:{msg.time}:{event}:{key}"


class _LeaseKeeper:
    """One daemon thread per process that renews the claims of the messages answered here.

    Started on first use, so a gunicorn master that imports this never runs it; only claims
    held in this process are renewed, so a dead process's claims lapse on their own."""

    TICK = 0.05

    def __init__(self):
        self._lock = threading.Condition()
        self._held: dict[tuple[int, str], list] = {}  # (store id, name) -> [store, value, lease, last renewal]
        self._thread: threading.Thread | None = None

    def hold(self, store, name: str, lease: float, value=WORKING):
        with self._lock:
            self._held[(id(store), name)] = [store, value, lease, time.monotonic()]
            self._lock.notify()
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="claim-leases", daemon=True)
                self._thread.start()

    def drop(self, store, name: str):
        """Stop renewing; once this returns, no renewal of `name` is under way (it runs under the lock)."""
        with self._lock:
            self._held.pop((id(store), name), None)

    def _run(self):
        while True:
            with self._lock:
                while not self._held:
                    self._lock.wait()  # nothing being answered here: no wake-ups
            time.sleep(self.TICK)
            now = time.monotonic()
            with self._lock:
                for (_, name), held in list(self._held.items()):
                    store, value, lease, last = held
                    if now - last < lease / 3:
                        continue
                    held[3] = now
                    try:
                        store.set(name, value, ttl=lease)
                    except Exception:  # the store failing must not kill the renewals of the others
                        log.exception("could not renew the claim %s", name)


_keeper = _LeaseKeeper()


class RetryClaims:
    """Claims on messages in the shared store: claim, then finish with the reply (or release)."""

    def __init__(self, store, wait: float = WAIT, lease: float = LEASE):
        self.store = store
        self.wait = wait
        self.lease = lease

    def claim(self, key: str, turn=None) -> str | None:
        """None when this delivery is the first and must answer; else the first delivery's reply.

        A retry that arrives while the first delivery is still working waits up to `wait`
        seconds for its reply, then gets "success" (nothing shown: the first reply is coming).
        With a `turn` (chat.Turn), the first delivery's rate count and session are read in the
        same round trip as the claim.
        """
        name = f"msg:{key}"
        deadline = time.monotonic() + self.wait
        claimed, item = self._try(name, turn)
        while not claimed:
            if item and item.get("state") == "done":
                return item["reply"]
            if time.monotonic() >= deadline:
                return NOTHING
            time.sleep(POLL)
            item = self.store.get(name)
            if item is None:  # the first delivery's worker died and its lease lapsed: answer
                claimed, item = self._try(name, turn)
        _keeper.hold(self.store, name, self.lease)
        return None

    def _try(self, name: str, turn) -> tuple[bool, dict | None]:
        """Claim `name`: (True, None), or (False, the claim found)."""
        if turn is None:
            return (True, None) if self.store.add(name, WORKING, ttl=self.lease) else (False, self.store.get(name))
        claimed, found, session = self.store.begin(name, WORKING, self.lease, turn.rate_key, turn.window,
                                                   turn.session_key, turn.turn_key)
        if not claimed:
            return False, found
        if session == BUSY:
            session = self._wait_turn(name, turn)
        else:
            turn.owner = name
        if turn.owner:
            _keeper.hold(self.store, turn.turn_key, self.lease, value=name)
        turn.loaded, turn.count, turn.session = True, found, session
        return True, None

    def _wait_turn(self, name: str, turn):
        """The session, read once the follower's previous message is answered (its turn given
        back or lapsed) or, after TURN_WAIT seconds, read without the turn: an answer in time
        matters more than the order of two messages."""
        deadline = time.monotonic() + TURN_WAIT
        while time.monotonic() < deadline:
            time.sleep(POLL)
            taken, session = self.store.take_turn(turn.turn_key, name, self.lease, turn.session_key)
            if taken:
                turn.owner = name
                return session
        log.warning("a follower's previous message still held its turn after %.0f s; answering anyway",
                    TURN_WAIT)
        return self.store.get(turn.session_key)

    def finish(self, key: str, reply: str, turn=None):
        """Keep the reply for the retries still to come, with what the turn keeps, in one round trip."""
        _keeper.drop(self.store, f"msg:{key}")
        done = (f"msg:{key}", {"state": "done", "reply": reply}, CLAIM_TTL)
        if turn is not None and turn.loaded:
            self._drop_turn(turn)
            self.store.write([done, *turn.sets], turn.deletes, self._releases(turn))
        else:
            self.store.set(*done[:2], ttl=CLAIM_TTL)

    def release(self, key: str, turn=None):
        """Give the claim (and the follower's turn) up, so WeChat's next retry answers instead of
        waiting on nothing, and the follower's next message need not wait."""
        _keeper.drop(self.store, f"msg:{key}")
        if turn is not None and turn.owner:
            self._drop_turn(turn)
            self.store.write([], [f"msg:{key}"], self._releases(turn))
        else:
            self.store.delete(f"msg:{key}")

    def _drop_turn(self, turn):
        if turn.owner:
            _keeper.drop(self.store, turn.turn_key)

    @staticmethod
    def _releases(turn) -> list[tuple[str, str]]:
        return [(turn.turn_key, turn.owner)] if turn.owner else []
