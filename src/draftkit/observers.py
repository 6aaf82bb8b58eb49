"""States and observers: who tables amendments, and whose input is heard apart.

States (and groups, through a member on the group's behalf) table
amendments. Observers (organisations such as UN agencies and the ICRC, and
civil society) give input: their proposals, comments and positions are kept
and shown, marked "(observer)" and listed after the States', but they never
count as support or opposition in the dashboard's tallies unless the
presidency chooses to count them (`status --count-observers`).

The registry's kinds say who is which (`PartyKind.tables_amendments`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import attrs

from draftkit.model import Party

if TYPE_CHECKING:
    from draftkit.compilation import Compilation, CompiledParagraph, Contest, Option

MARK = " (observer)"
_CODE = re.compile(r"(?<![A-Za-z0-9-])[A-Z0-9][A-Z0-9-]*(?![A-Za-z0-9-])")


def observer_codes(parties: Mapping[str, Party]) -> frozenset[str]:
    """The codes of the registry's observers."""
    return frozenset(code for code, party in parties.items() if party.observer)


def marked(who: str, observers: AbstractSet[str]) -> str:
    """`who` (a code, or "BEL on behalf of EU" / "NOR, IRL" as compilations write them) with
    every observer's code marked: "CMC (observer)"."""
    if not observers:
        return who
    return _CODE.sub(lambda m: m[0] + MARK if m[0] in observers else m[0], who)


def observers_last(names: Iterable[str], observers: AbstractSet[str]) -> tuple[str, ...]:
    """Names (codes, or proposer strings) in their order, those that are wholly
    observers' after the others, and every observer marked."""
    listed = list(names)
    apart = [n for n in listed if _only_observers(n, observers)]
    return tuple(marked(n, observers) for n in
                 [n for n in listed if n not in apart] + apart)


def _only_observers(name: str, observers: AbstractSet[str]) -> bool:
    codes = _CODE.findall(name)
    return bool(codes) and all(code in observers for code in codes)


def counted(codes: Iterable[str], observers: AbstractSet[str],
            count_observers: bool = False) -> tuple[str, ...]:
    """The codes whose positions count in a tally: all of them when the presidency
    counts observers, else the States' and groups'."""
    return tuple(c for c in codes if count_observers or c not in observers)


def observers_only(parties: Iterable[str], observers: AbstractSet[str]) -> bool:
    """Whether input is the observers' alone (a proposal no State or group tabled)."""
    listed = list(parties)
    return bool(listed) and all(code in observers for code in listed)


def mark_compilation(compilation: Compilation, observers: AbstractSet[str]) -> Compilation:
    """The compilation text with observers marked and listed after the States, in
    every option's proposers, supporters and opponents."""
    if not observers:
        return compilation

    def option(found: Option) -> Option:
        return attrs.evolve(found, proposers=observers_last(found.proposers, observers),
                            supporters=observers_last(found.supporters, observers),
                            opponents=observers_last(found.opponents, observers))

    def piece(found: str | Contest) -> str | Contest:
        if isinstance(found, str):
            return found
        return attrs.evolve(found, options=tuple(option(o) for o in found.options))

    def paragraph(found: CompiledParagraph) -> CompiledParagraph:
        return attrs.evolve(found, pieces=tuple(piece(p) for p in found.pieces),
                            notes=tuple(option(o) for o in found.notes),
                            added=None if found.added is None else option(found.added))

    return attrs.evolve(compilation, sections=tuple(
        attrs.evolve(s, paragraphs=tuple(paragraph(p) for p in s.paragraphs))
        for s in compilation.sections))
