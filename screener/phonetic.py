"""Syllables that romanisation systems spell apart though they sound alike.

Chinese and Korean names are made of one-syllable words, and each system writes a syllable
its own way: pinyin "Xi" is Wade-Giles "Hsi" (and often "Shi" or "Si" in the press), pinyin
"Zhou" is "Chou", McCune-Reischauer "Un" is Revised Romanization "Eun" (and "On"), "Chol"
is "Cheol" or "Chul". Edit distance sees two letters out of three changed; a key that folds
the initial consonant to its sound class and drops the vowels sees one syllable.

Two syllables alike by sound are not the same name (Jang/Jong are two Korean surnames), so
this is evidence for review, never for a hit on its own (see nameparts.person_structure).
"""

from __future__ import annotations

from functools import lru_cache

SYLLABLE_MAX_CHARS = 5  # "cheol", "hsing": longer words are not single syllables
SOUND_ALIKE_SIM = 0.7  # below the alignment bar: partial credit, and a reason for review

# Initial consonants (longest first) folded to one class: sibilants written x/hs/sh/s
# (Xi/Hsi/Shi/Si), affricates written zh/ch/j/q/tch (Zhou/Chou/Jou), ts/tz/c/z/dz (Cao/Tsao).
_INITIALS = (("tch", "j"), ("hs", "s"), ("sh", "s"), ("zh", "j"), ("ch", "j"), ("ts", "z"),
             ("tz", "z"), ("dz", "z"), ("x", "s"), ("q", "j"), ("c", "z"))
_VOWELS = frozenset("aeiouyw")


@lru_cache(maxsize=65536)
def sound_key(token: str) -> str:
    """The syllable's initial sound class and its consonants after it, vowels dropped
    ("xi", "hsi", "shi", "si" -> "s"; "un", "eun", "on" -> "n"); "" for a word that is not a
    syllable of two to five letters, or is vowels alone."""
    if not (2 <= len(token) <= SYLLABLE_MAX_CHARS and token.isalpha()):
        return ""
    head, rest = "", token
    for written, sound in _INITIALS:
        if token.startswith(written):
            head, rest = sound, token[len(written):]
            break
    if not head and rest[0] in "wy":  # semivowels begin a syllable as consonants (Wei/Yi)
        head, rest = rest[0], rest[1:]
    tail = "".join(ch for ch in rest if ch not in _VOWELS)
    if not head and rest[:1] and rest[0] not in _VOWELS:
        head, tail = rest[0], tail[1:]
    return head + tail  # "" for vowels alone ("ai", "oe"): too little to call two alike


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every spelling of a Chinese syllable (pinyin, and Wade-Giles' hs/ts/tz initials) or of
    a Korean one (McCune-Reischauer as the lists write it, and Revised Romanization's eo/eu):
    a superset, so only words outside it are known not to be syllables."""
    from screener.nameparts import PINYIN_SYLLABLES
    from screener.romanise import _FINALS, _INITIALS, _MEDIALS

    finals = {f for f in PINYIN_SYLLABLES if f[0] in "aeiouv"}
    wade_giles = {i + f for i in ("hs", "ts", "tz") for f in finals}
    initials = set(_INITIALS) | {"g", "d", "b", "r", "l", "ch", "tch"}
    medials = set(_MEDIALS) | {"eo", "eu", "oo", "yeo", "wo"}
    korean = {i + m + f for i in initials for m in medials for f in {*_FINALS, "ng", "g"}}
    return frozenset(PINYIN_SYLLABLES | wade_giles | korean)


def is_syllable(token: str) -> bool:
    return token in _syllables()


def sound_alike(a: str, b: str) -> bool:
    """Two different syllables a romanisation may write for one sound (Xi/Shi, Un/On):
    only words that are Chinese or Korean syllables (not Ali/Eli, Omar/Amir)."""
    if a == b or not (is_syllable(a) and is_syllable(b)):
        return False
    key = sound_key(a)
    return bool(key) and key == sound_key(b)


@lru_cache(maxsize=1)
def _by_sound() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for syllable in _syllables():
        key = sound_key(syllable)
        if key:
            groups.setdefault(key, set()).add(syllable)
    return {k: frozenset(v) for k, v in groups.items()}


def alike_syllables(token: str) -> frozenset[str]:
    """Every syllable that sounds like `token` (itself included); empty if it is none."""
    if len(token) > SYLLABLE_MAX_CHARS or not is_syllable(token):
        return frozenset()
    return _by_sound().get(sound_key(token), frozenset())
