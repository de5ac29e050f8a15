"""What a build says while it runs: a progress bar on a terminal, per-document lines, or nothing.

The bar (documents, sentences, elapsed, rate) is drawn with tqdm on stderr, and
only when stderr is a terminal and the build does not run under CI (``CI`` set):
a pipe or a log file gets no carriage returns. ``verbose`` adds one line per
document, in the order they finish; ``quiet`` says nothing but errors. Standard
output (the build summary) is left to the caller.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TextIO

__all__ = ["QUIET", "NORMAL", "VERBOSE", "Progress", "shows_bar"]

QUIET, NORMAL, VERBOSE = "quiet", "normal", "verbose"


def shows_bar(stream: TextIO, *, environ=os.environ) -> bool:
    """A bar only on an interactive terminal: never in a pipe, a file or CI."""
    if environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class Progress:
    """Counts documents and sentences as they finish; ``done(...)`` is the pipeline's callback."""

    total: int
    level: str = NORMAL
    stream: TextIO | None = None
    bar: bool | None = None  # None: decide from the stream (shows_bar)

    def __post_init__(self):
        self.stream = self.stream or sys.stderr
        if self.bar is None:
            self.bar = self.level != QUIET and shows_bar(self.stream)
        self.sentences = 0
        self._bar = None
        if self.bar:
            from tqdm import tqdm

            self._bar = tqdm(total=self.total, unit="doc", file=self.stream, dynamic_ncols=True, leave=False,
                             desc="0", bar_format="{n_fmt}/{total_fmt} documents, {desc} sentences |{bar}| "
                                                  "{elapsed}, {rate_fmt}")

    def done(self, path: str, sentences: int, *, cached: bool = False) -> None:
        """One document finished (extracted, or its records read from the cache)."""
        self.sentences += sentences
        if self.level == VERBOSE:
            line = f"rtgraph: {path}: {sentences} sentence{'s' if sentences != 1 else ''}" + (
                " (from the cache)" if cached else "")
            if self._bar is not None:
                self._bar.write(line, file=self.stream)
            else:
                print(line, file=self.stream, flush=True)
        if self._bar is not None:
            self._bar.set_description_str(f"{self.sentences:,}", refresh=False)
            self._bar.update(1)

    def close(self) -> None:
        """Remove the bar (the summary follows on stdout)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
