"""The package tree is the architecture: imports point one way, and a message goes through once.

    app, cli                     wire everything together (top)
    web    -> chat, engine, state, ops
    staff  -> chat, engine, state, ops
    chat   -> engine, state, ops
    ops    -> engine, state
    state, engine                import nothing above them (bottom)

Outside bot/engine only its interface (`bot.engine`) is imported; inside it, the stages point
one way too: text <- reading <- question <- retrieval <- answering <- pipeline.
"""

import ast
import os
import sys
from collections import defaultdict

import pytest
from served import ROOT
from wechat_client import WeChat

from bot.ops.hot_reload import get_knowledge

BOT = os.path.join(ROOT, "bot")
MAY_IMPORT = {
    "web": {"chat", "engine", "state", "ops", "config"},
    "staff": {"chat", "engine", "state", "ops", "config"},
    "chat": {"engine", "state", "ops", "config"},
    "ops": {"engine", "state", "config"},
    "state": {"config"},
    "engine": set(),
    "config": set(),
}
# Inside the engine: each stage may import the stages before it, and the engine's leaf modules.
ENGINE_STAGES = ["text", "reading", "question", "retrieval", "answering", "pipeline"]
ENGINE_LEAVES = {"answer", "thresholds"}


def module_name(path: str) -> str:
    parts = os.path.relpath(path, ROOT)[: -len(".py")].split(os.sep)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """module -> the bot modules (or packages) it imports, from the source, lazy imports included."""
    graph = defaultdict(set)
    for folder, _, files in os.walk(BOT):
        for file in files:
            if not file.endswith(".py"):
                continue
            path = os.path.join(folder, file)
            name = module_name(path)
            package = name.split(".") if file == "__init__.py" else name.split(".")[:-1]
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read())
            graph[name]  # every module is a node, even one that imports nothing of ours
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level:
                    base = ".".join(package[: len(package) - node.level + 1])
                    target = f"{base}.{node.module}" if node.module else base
                    if node.module:
                        graph[name].add(target)
                    else:
                        graph[name].update(f"{target}.{alias.name}" for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "bot":
                    graph[name].add(node.module)
                elif isinstance(node, ast.Import):
                    graph[name].update(a.name for a in node.names if a.name.split(".")[0] == "bot")
    return graph


def layer(module: str) -> str:
    """web, chat, state, staff, ops, engine, config; or "top" for app, cli and bot itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in MAY_IMPORT else "top"


def test_there_is_no_import_cycle():
    graph = import_graph()
    known = set(graph)
    edges = {m: {t for t in targets if t in known and t != m} for m, targets in graph.items()}
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def connect(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            connect(node)
    assert cycles == []


def test_imports_point_down_the_layers():
    upward = [f"{m} -> {t}" for m, targets in import_graph().items() for t in targets
              if layer(m) != "top" and layer(t) not in MAY_IMPORT[layer(m)] | {layer(m)}]
    assert upward == []


def test_outside_the_engine_only_its_interface_is_imported():
    reaching_in = [f"{m} -> {t}" for m, targets in import_graph().items() for t in targets
                   if layer(m) != "engine" and t.startswith("bot.engine.")]
    assert reaching_in == []


def engine_stage(module: str) -> int | None:
    parts = module.split(".")
    if parts[:2] != ["bot", "engine"] or len(parts) < 3 or parts[2] in ENGINE_LEAVES:
        return None
    return ENGINE_STAGES.index(parts[2])


def test_engine_stages_point_one_way():
    backwards = [f"{m} -> {t}" for m, targets in import_graph().items() for t in targets
                 if engine_stage(m) is not None and engine_stage(t) is not None
                 and engine_stage(t) > engine_stage(m)]
    assert backwards == []


def test_every_module_is_in_a_package_that_says_what_it_is():
    flat = sorted(m for m in import_graph() if m.count(".") == 1 and layer(m) == "top")
    assert flat == ["bot.__main__", "bot.app", "bot.cli"]


class Trace:
    """Where control is, package by package, while a signed POST is handled (sys.setprofile).

    A call moves control into the callee's package and a return moves it back to the caller's,
    so "chat asks the engine, then pages the answer" reads chat, engine, chat.
    """

    def __init__(self):
        self.visits: list[str] = []  # the package control is in, each time it changes
        self.calls: list[tuple[str | None, str]] = []  # (caller's package, callee's package) across packages

    def __call__(self, frame, event, arg):
        if event == "call":
            callee, caller = _package(frame), _package(frame.f_back) if frame.f_back else None
            if callee and callee != caller:
                self.calls.append((caller, callee))
            self._now(callee)
        elif event == "return" and frame.f_back is not None:
            self._now(_package(frame.f_back))

    def _now(self, package):
        if package and (not self.visits or self.visits[-1] != package):
            self.visits.append(package)

    def path(self, ignore=("state", "ops", "config", "top")) -> list[str]:
        """The packages control went through, repeats collapsed, the `ignore`d left out."""
        path = []
        for package in self.visits:
            if package not in ignore and (not path or path[-1] != package):
                path.append(package)
        return path


def _package(frame) -> str | None:
    name = frame.f_globals.get("__name__", "")
    if name != "bot" and not name.startswith("bot."):
        # Code outside the bot (Flask, wechatpy) keeps the package of the bot frame that called it.
        return _package(frame.f_back) if frame.f_back else None
    return layer(name)


@pytest.mark.parametrize("question", ["会议在哪里举行", "西部办公室是什么？", "明天会下雨吗"])
def test_one_message_goes_through_each_package_once(app, client, question):
    get_knowledge(app)  # built before the trace, as the server builds it before taking requests
    wechat = WeChat()
    path, body = wechat.push(wechat.text(question), mode="safe")  # signed and AES-encrypted
    trace = Trace()
    sys.setprofile(trace)
    try:
        response = client.post(path, data=body, content_type="text/xml")
    finally:
        sys.setprofile(None)
    assert response.status_code == 200 and wechat.read(response.data)["Content"]
    # web asks chat which of the follower's keys the message reads (chat.start), claims the message
    # with them in one round trip to the store, then hands it to chat, which asks the engine.
    assert trace.path() == ["web", "chat", "web", "chat", "engine", "chat", "web"]
    state_callers = {caller for caller, callee in trace.calls if callee == "state"}
    assert state_callers and state_callers <= {"web", "chat", "staff"}
