"""Romanising Hangul and Han names the way sanctions lists write them.

A general transliterator reads "김정은" as "gimjeongeun" (South Korea's Revised Romanization,
one word) and "金正恩" as "jinzhengen", while the lists write "Kim Jong Un": the North Korean
(McCune-Reischauer without diacritics) spelling, one word per syllable. Hangul syllables are
decomposed arithmetically (Unicode lays them out as initial x medial x final) and spelt in
that system; each Han character becomes a word of its own, so a Chinese name reads as its
syllables ("xi jin ping"), which the matcher joins where the other name writes them together.
"""

from __future__ import annotations

from anyascii import anyascii

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_INITIALS = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch",
             "k", "th", "p", "h"]
_MEDIALS = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
            "wo", "we", "wi", "yu", "u", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
           "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# Han blocks (CJK unified ideographs, extension A, compatibility, extensions B-H) as code point
# ranges: a regular expression of them costs ~6 ms to compile at every start of the CLI.
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _HAN_RANGES)


def hangul_syllable(ch: str) -> str | None:
    """One Hangul syllable in the lists' spelling ("김" -> "kim"), or None if not one."""
    code = ord(ch) - _HANGUL_BASE
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_BASE:
        return None
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    return _INITIALS[initial] + _MEDIALS[medial] + _FINALS[final]


def romanise_syllables(text: str) -> str:
    """`text` with each Hangul syllable and each Han character spelt as a word of its own;
    other characters are left as they are (for the general transliterator)."""
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        word = hangul_syllable(ch)
        if word is None and _is_han(ch):
            word = anyascii(ch).lower()
        out.append(f" {word} " if word is not None else ch)
    return "".join(out)
