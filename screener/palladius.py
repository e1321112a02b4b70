"""Chinese names written in Cyrillic (Си Цзиньпин, Ли Кэцян), read in pinyin as the lists
spell them (Xi Jinping, Li Keqiang).

Russian writes Chinese names in the Palladius system: one word for the family name, one for
the given name with its syllables joined; цз, ц and с are pinyin j, q and x before i and ü
and z, c, s elsewhere, чж is zh, ж is r, -нь is -n and -н is -ng. A general transliterator
reads "Си Цзиньпин" as "si tszinpin", which meets no listed spelling. Read syllable by syllable
it is "xi jin ping", one word per syllable as Han is read (the matcher joins syllables where
the other name writes them together).

Only a name of two words, a common Chinese family name and a given name of one or two
syllables, every one a pinyin syllable, is read so; everything else gets None. (Korean names
in Cyrillic are three words or more: screener.kontsevich.)
"""

from __future__ import annotations

import re
from functools import lru_cache

# Common Chinese family names in Palladius spelling.
FAMILY_NAMES = frozenset("""
ли ван чжан лю чэнь ян хуан чжао у чжоу сюй сунь ма чжу ху го хэ гао линь ло чжэн лян се сун
тан хань фэн дэн цао пэн цзэн сяо тянь дун пань юань цай цзян юй ду е чэн вэй су лу дин жэнь
шэнь яо цуй чжун тань фань цзинь ши ляо цзя ся фу фан бай цзоу мэн сюн цинь цю инь сюэ янь
дуань лэй хоу лун тао гу мао хао гун шао вань цянь янь вэнь кун кан сы си
""".split())

_INITIALS = ("чж", "цз", "б", "п", "м", "ф", "д", "т", "н", "л", "г", "к", "х", "ц", "с", "ч",
             "ш", "ж", "")
_PINYIN_INITIAL = {"чж": "zh", "б": "b", "п": "p", "м": "m", "ф": "f", "д": "d", "т": "t",
                   "н": "n", "л": "l", "г": "g", "к": "k", "х": "h", "ч": "ch", "ш": "sh",
                   "ж": "r", "": ""}
_PALATAL = {"цз": ("j", "z"), "ц": ("q", "c"), "с": ("x", "s")}  # before i/ü, elsewhere
# Finals after a consonant: Palladius -> pinyin (o is "uo" after other than b, p, m, f).
_FINALS = {
    "а": "a", "о": "o", "э": "e", "ы": "i", "ай": "ai", "эй": "ei", "ао": "ao", "оу": "ou",
    "ань": "an", "энь": "en", "ан": "ang", "эн": "eng", "ун": "ong", "эр": "er", "и": "i",
    "я": "ia", "е": "ie", "яо": "iao", "ю": "iu", "янь": "ian", "инь": "in", "ян": "iang",
    "ин": "ing", "юн": "iong", "у": "u", "уа": "ua", "уай": "uai", "уй": "ui", "уань": "uan",
    "унь": "un", "уан": "uang", "юй": "u", "юэ": "ue", "юань": "uan", "юнь": "un",
}
_FRONT = frozenset({"и", "я", "е", "яо", "ю", "янь", "инь", "ян", "ин", "юн", "юй", "юэ", "юань", "юнь"})
# Syllables without an initial.
_BARE = {
    "а": "a", "о": "o", "э": "e", "ай": "ai", "эй": "ei", "ао": "ao", "оу": "ou", "ань": "an",
    "энь": "en", "ан": "ang", "эн": "eng", "эр": "er", "и": "yi", "я": "ya", "е": "ye",
    "яо": "yao", "ю": "you", "янь": "yan", "инь": "yin", "ян": "yang", "ин": "ying", "юн": "yong",
    "у": "wu", "ва": "wa", "во": "wo", "вай": "wai", "вэй": "wei", "вань": "wan", "вэнь": "wen",
    "ван": "wang", "вэн": "weng", "юй": "yu", "юэ": "yue", "юань": "yuan", "юнь": "yun",
}


@lru_cache(maxsize=1)
def syllables() -> dict[str, str]:
    """Every Palladius syllable with its pinyin, kept only where the pinyin is a syllable."""
    from screener.nameparts import PINYIN_SYLLABLES

    out = dict(_BARE)
    for initial in _INITIALS:
        if not initial:
            continue
        for final, pinyin in _FINALS.items():
            if initial in _PALATAL:
                front, back = _PALATAL[initial]
                head = front if final in _FRONT else back
            else:
                head = _PINYIN_INITIAL[initial]
                if final == "ы":
                    continue  # ы follows цз, ц, с only (zi, ci, si)
            if final == "о" and head not in ("b", "p", "m", "f"):
                pinyin = "uo"
            if final == "и" and head in ("zh", "ch", "sh", "r"):
                pinyin = "i"  # чжи, чи, ши, жи: zhi, chi, shi, ri
            syllable = head + pinyin
            if head in ("j", "q", "x") and final in ("юй", "юэ", "юань", "юнь"):
                syllable = head + {"юй": "u", "юэ": "ue", "юань": "uan", "юнь": "un"}[final]
            if syllable in PINYIN_SYLLABLES:
                out[initial + final] = syllable
    return out


@lru_cache(maxsize=4096)
def _split(word: str) -> tuple[str, ...] | None:
    """A Cyrillic word as Palladius syllables, or None. Where it splits more than one way
    ("хунин": hu ning or hong ying), the split whose later syllables begin with a consonant
    wins: pinyin marks a syllable without one inside a word (Xi'an), Russian rarely does."""
    table = syllables()
    best: list[tuple[int, int, tuple[str, ...]] | None] = [None] * (len(word) + 1)
    best[0] = (0, 0, ())
    for start in range(len(word)):
        if best[start] is None:
            continue
        bare, count, done = best[start]  # type: ignore[misc]
        for end in range(start + 1, min(len(word), start + 6) + 1):
            pinyin = table.get(word[start:end])
            if pinyin is None:
                continue
            cost = (bare + (start > 0 and word[start] in _VOWEL_LETTERS), count + 1, (*done, pinyin))
            if best[end] is None or cost[:2] < best[end][:2]:  # type: ignore[index]
                best[end] = cost
    found = best[len(word)]
    return found[2] if found else None


_VOWEL_LETTERS = frozenset("аоэыияеёюуъь")
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


def chinese_reading(name: str) -> str | None:
    """The pinyin of a Chinese name written in Cyrillic ("Си Цзиньпин" -> "xi jin ping"), or
    None when the name is not one (see the module)."""
    if not isinstance(name, str) or name.isascii():
        return None
    words = name.lower().replace("-", "").split()
    if len(words) != 2 or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return None
    if words[0] not in FAMILY_NAMES:
        return None
    family, given = _split(words[0]), _split(words[1])
    if not family or len(family) != 1 or not given or len(given) > 2:
        return None
    return " ".join((*family, *given))
