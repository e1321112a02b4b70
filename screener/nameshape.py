"""What the score bound asks of a candidate name that does not depend on the query, worked out
once per name (the index keeps candidates decoded), so pruning a candidate is a few set tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_VOWELS = frozenset("aeiouy")


def may_be_packed(t: str) -> bool:
    """A short token of consonants may be initials written together ("ltd" aside): "abc"."""
    return 2 <= len(t) <= 3 and t.isalpha() and _VOWELS.isdisjoint(t)


def initials_runs(tokens: tuple[str, ...]) -> frozenset[str]:
    """The first letters of every 2 or 3 consecutive whole words (longer than one letter)."""
    runs = set()
    for n in (2, 3):
        for s in range(len(tokens) - n + 1):
            words = tokens[s:s + n]
            if all(len(w) > 1 for w in words):
                runs.add("".join(w[0] for w in words))
    return frozenset(runs)


@dataclass(frozen=True, slots=True)
class NameShape:
    letters: int  # letters in the tokens
    spaces: int  # spaces in the normalised text
    word_letters: int  # characters of the normalised text other than spaces
    token_keys: frozenset[tuple[str, int]]  # each token's (first letter, length)
    pair_keys: frozenset[tuple[str, int]]  # each adjacent pair's (first letter, joint length)
    packed: frozenset[str]  # tokens that may be packed initials
    initials: frozenset[str]  # see initials_runs
    weighted: tuple[tuple[tuple[str, float], ...], ...]  # (token, weight) as a person's, an organisation's
    skeletons: dict[str, str]  # each token's skeleton, as the index stores it

    @classmethod
    def of(cls, tokens: tuple[str, ...], normalised: str, skeletons: tuple[str, ...],
           weight: Callable[[str, bool], float]) -> NameShape:
        spaces = normalised.count(" ")
        return cls(sum(map(len, tokens)), spaces, len(normalised) - spaces,
                   frozenset((t[0], len(t)) for t in tokens),
                   frozenset((a[0], len(a) + len(b)) for a, b in zip(tokens, tokens[1:], strict=False)),
                   frozenset(t for t in tokens if may_be_packed(t)), initials_runs(tokens),
                   tuple(tuple((t, weight(t, org)) for t in tokens) for org in (False, True)),
                   dict(zip(tokens, skeletons, strict=True)))
