"""The engine currently serving, swapped whole when the knowledge files change.

A request takes `live.engine` once and uses that object to the end, so it never sees a
half-built knowledge base. A reload that finds errors keeps the last good engine.
"""

import logging
import threading
import time

from .engine import Engine
from .knowledge import fingerprint, load_knowledge

log = logging.getLogger(__name__)


class LiveKnowledge:
    def __init__(self, kb_dir: str):
        self.kb_dir = kb_dir
        self._lock = threading.Lock()
        self._fingerprint = fingerprint(kb_dir)
        self._engine = Engine(load_knowledge(kb_dir))
        self.last_reload = time.time()
        self.last_problems = list(self._engine.kb.problems)

    @property
    def engine(self) -> Engine:
        return self._engine

    def reload(self, force: bool = False) -> bool:
        """Rebuild beside the current engine and swap if the files changed; True if swapped."""
        with self._lock:
            current = fingerprint(self.kb_dir)
            if current == self._fingerprint and not force:
                return False
            self._fingerprint = current
            kb = load_knowledge(self.kb_dir)
            self.last_problems = list(kb.problems)
            if kb.errors and (self._engine.kb.articles or self._engine.kb.faq):
                for problem in kb.errors:
                    log.warning("knowledge not reloaded: %s", problem)
                return False
            self._engine = Engine(kb)
            self.last_reload = time.time()
            return True
