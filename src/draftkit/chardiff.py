"""The minimal diff of two strings that every word diff here rests on.

It is diff-match-patch's diff with no time-out and no line mode: in C++ when the
`fast-diff-match-patch` package is installed (it is a dependency wherever it has a
wheel), in pure Python otherwise. The two are ports of one algorithm and give the same
pieces (tests/test_chardiff.py compares them on hostile strings), so what draftkit
prints never depends on which one ran; the C++ one is some fifty times faster on the
long strings of encoded words a large diff makes.

Pieces are numbered as diff-match-patch numbers them: -1 deleted, 0 kept, 1 inserted.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType
from typing import Any

Piece = tuple[int, str]
_OPS = {"=": 0, "-": -1, "+": 1}


def minimal_diff(a: str, b: str) -> list[Piece]:
    """The pieces that turn `a` into `b`, fewest characters changed."""
    fast = _fast()
    if fast is not None:
        try:
            pieces = fast.diff(a, b, timelimit=0, checklines=False, cleanup="No",
                               counts_only=False)
        except RuntimeError:
            pass  # Windows: its wide characters cannot hold those past U+FFFF
        else:
            return [(_OPS[op], text) for op, text in pieces]
    return python_diff(a, b)


def python_diff(a: str, b: str) -> list[Piece]:
    """`minimal_diff` by the pure-Python diff-match-patch (the fallback, and its oracle)."""
    engine = _python_engine()
    result: list[Piece] = engine.diff_main(a, b, False)
    return result


def semantic_cleanup(pieces: list[Piece]) -> None:
    """Group `pieces` into edits a reader takes in at once (diff-match-patch's semantic
    clean-up, always the Python one: it classifies characters, and the C++ port's
    classes could differ)."""
    _python_engine().diff_cleanupSemantic(pieces)


@functools.cache
def _fast() -> ModuleType | None:
    try:
        return importlib.import_module("fast_diff_match_patch")
    except ImportError:
        return None


@functools.cache
def _python_engine() -> Any:
    from diff_match_patch import diff_match_patch

    engine = diff_match_patch()
    engine.Diff_Timeout = 0
    return engine
