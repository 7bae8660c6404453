"""How long the staff page takes: the first view of a knowledge version (it runs the checks and
staff tests) and the views after it (cached), for the shipped knowledge and 10,000 generated entries,
with a full misses tally (1,000 questions). Run: python bench/admin_page.py   (prints a table)
"""

import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "bench"))

from synth import write_kb  # noqa: E402

from bot import create_app  # noqa: E402
from bot.chat.usage import MISSES, MISSES_CAP  # noqa: E402
from bot.state import get_store  # noqa: E402

TOKEN = "bench-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ROUNDS = 20


def measure(kb: str) -> dict:
    app = create_app({"KB_DIR": kb, "WECHAT_TOKEN": "bench", "ADMIN_TOKEN": TOKEN, "RELOAD_INTERVAL": 0,
                      "REDIS_URL": ""}, environ={})
    store = get_store(app)
    for n in range(MISSES_CAP):
        store.tally(MISSES, f"第{n}个没有答案的问题", MISSES_CAP)
    client = app.test_client()

    def view(query: str = "") -> float:
        started = time.perf_counter()
        response = client.get("/admin" + query, headers=AUTH)
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - started

    first = view()
    cached = [view() for _ in range(ROUNDS)]
    asked = [view("?q=西部办公室是什么？") for _ in range(ROUNDS)]
    return {"first": first, "cached": statistics.median(cached), "asked": statistics.median(asked)}


def main():
    rows = [("shipped knowledge", measure(os.path.join(ROOT, "knowledge")))]
    with tempfile.TemporaryDirectory() as folder:
        rows.append(("shipped + 10,000 generated entries", measure(write_kb(folder, 10_000)[0])))
    print("| knowledge | first view of a version (checks) | later views, median | with a question, median |")
    print("| --- | --- | --- | --- |")
    for name, r in rows:
        print(f"| {name} | {r['first']:.3f} s | {r['cached'] * 1000:.0f} ms | {r['asked'] * 1000:.0f} ms |")


if __name__ == "__main__":
    main()
