"""Small named errors that carry their data, converted to words at the edge."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge file: `news/a.txt:12: 没有找到标题`.

    `severity` is "error" (the file is not used, or part of it is lost) or "warning"
    (it is used, but staff should look).
    """

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else "提醒："
        return f"{where}: {prefix}{self.message}"
