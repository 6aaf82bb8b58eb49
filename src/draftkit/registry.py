"""Changing the parties registry: `draftkit parties add|edit`.

Pure rules over the registry (a dict code → Party, in file order); the store
writes the result (`store.setup.update_parties`). A party is never deleted:
the registry is part of the record, and items name parties by code for
good. So a code never changes either; a name, a kind and a group's members
may, within these rules:

- codes are upper-case letters, digits and `-`, each listed once;
- only a group has members, and its members are States in the registry;
- a State that is a member of a group stays a State while it is one;
- a group that some proposal was tabled on behalf of stays a group.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from draftkit.errors import DraftkitError, NotFoundError, one_of
from draftkit.model import PARTY_CODE_PATTERN, Party, PartyKind

_KIND_ORDER = {kind: n for n, kind in enumerate(PartyKind)}


def party_code(code: str) -> str:
    """A code as the registry writes it (upper case); DraftkitError if it cannot be one."""
    written = code.strip().upper()
    if not PARTY_CODE_PATTERN.fullmatch(written):
        raise DraftkitError(f"not a party code: {code!r} (letters, digits and '-', like NOR "
                            f"or AFRICAN-GROUP)")
    return written


def add_party(parties: dict[str, Party], code: str, kind: str | PartyKind, name: str,
              members: Sequence[str] = ()) -> dict[str, Party]:
    """The registry with a new party, placed after the last one of its kind."""
    code = party_code(code)
    if code in parties:
        raise DraftkitError(f"party {code} is already in the registry "
                            f"({parties[code].name}); change it with `parties edit`")
    party = _party(code, one_of(PartyKind, kind, "kind"), name,
                   _members(parties, code, members))
    listed = list(parties.values())
    place = max((n + 1 for n, p in enumerate(listed)
                 if _KIND_ORDER[p.kind] <= _KIND_ORDER[party.kind]), default=0)
    listed.insert(place, party)
    return {p.code: p for p in listed}


def edit_party(parties: dict[str, Party], code: str, *, name: str | None = None,
               kind: str | PartyKind | None = None, members: Sequence[str] | None = None,
               add_members: Sequence[str] = (), remove_members: Sequence[str] = (),
               spoken_for: AbstractSet[str] = frozenset()) -> dict[str, Party]:
    """The registry with one party changed. `members` replaces a group's members;
    `add_members` and `remove_members` change them. `spoken_for` are the groups some
    proposal was tabled on behalf of."""
    before = parties.get(party_code(code))
    if before is None:
        raise NotFoundError(f"unknown party {code!r}: add it with `parties add`")
    if name is None and kind is None and members is None and not add_members \
            and not remove_members:
        raise DraftkitError(f"nothing to change for {before.code}: give --name, --kind or "
                            f"members")
    new_kind = before.kind if kind is None else one_of(PartyKind, kind, "kind")
    listed = list(before.members if members is None else members)
    missing = [m for m in map(party_code, remove_members) if m not in listed]
    if missing:
        raise DraftkitError(f"{', '.join(missing)}: not a member of {before.code}")
    listed = [m for m in listed if m not in set(map(party_code, remove_members))]
    listed += [m for m in map(party_code, add_members) if m not in listed]
    if new_kind is not PartyKind.GROUP and before.kind is PartyKind.GROUP:
        if before.code in spoken_for:
            raise DraftkitError(f"{before.code} stays a group: proposals were tabled on its "
                                f"behalf")
        if listed and members is None and not remove_members:
            raise DraftkitError(f"{before.code} has members; only a group has members "
                                f"(remove them too, with --members '')")
    if new_kind is not PartyKind.STATE:
        groups = [p.code for p in parties.values() if before.code in p.members]
        if groups:
            raise DraftkitError(f"{before.code} is a member of {', '.join(groups)}: it stays "
                                f"a state while it is one")
    after = _party(before.code, new_kind, before.name if name is None else name,
                   _members(parties, before.code, listed))
    return {c: after if c == before.code else p for c, p in parties.items()}


def _party(code: str, kind: PartyKind, name: str, members: tuple[str, ...]) -> Party:
    if members and kind is not PartyKind.GROUP:
        raise DraftkitError(f"only a group has members; {code} is a {kind.value}")
    try:
        return Party(code, kind, name.strip(), members)
    except ValueError as error:
        raise DraftkitError(f"{code}: {error}") from None


def _members(parties: dict[str, Party], code: str, members: Sequence[str]) -> tuple[str, ...]:
    """A group's members as codes: States in the registry, each once, not the group."""
    codes = tuple(dict.fromkeys(party_code(m) for m in members))
    for member in codes:
        if member == code:
            raise DraftkitError(f"{code} cannot be a member of itself")
        if member not in parties:
            raise NotFoundError(f"unknown party {member!r}: add it first (a group's members "
                                f"are parties in the registry)")
        if parties[member].kind is not PartyKind.STATE:
            raise DraftkitError(f"{member} is a {parties[member].kind.value}: a group's "
                                f"members are States")
    return codes
