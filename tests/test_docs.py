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
