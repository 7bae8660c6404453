"""The README stays true to the code: every setting documented once, the fresh-machine commands first."""

import os
import re

from served import ROOT

from bot.config import DEFAULTS


def readme() -> str:
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_every_setting_has_exactly_one_row_in_the_settings_table():
    rows = re.findall(r"^\| `([A-Z_]+)` \|", readme(), re.M)
    assert sorted(set(DEFAULTS) - set(rows)) == []
    assert sorted(name for name in set(rows) if rows.count(name) > 1) == []


def test_the_readme_opens_with_the_commands_for_a_fresh_machine():
    first_block = readme().split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert first_block[0] == ("python3 -m venv .venv && .venv/bin/pip install . && "
                              ".venv/bin/python -m bot ask 西部办公室是什么？")
    assert first_block[1].endswith(".venv/bin/pytest")


def test_compose_hands_every_documented_setting_to_the_bot():
    """A setting written in .env must reach the bot, not only the nine compose once listed."""
    with open(os.path.join(ROOT, "compose.yaml"), encoding="utf-8") as f:
        compose = f.read()
    bot = compose.split("\n  redis:")[0]
    assert re.search(r"^    env_file: \.env$", bot, re.M), "the bot service reads .env whole"
    # what compose sets itself must still be a documented setting (no typo silently ignored)
    for key in re.findall(r"^      ([A-Z_]+): ", bot, re.M):
        assert key in DEFAULTS, key
