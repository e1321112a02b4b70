"""Korean names written in Cyrillic (Ким Чен Ын, Чхве Рён Хэ), read the way the lists spell
them (Kim Jong Un, Choe Ryong Hae).

Russian writes Korean names in the Kontsevich system, or in the older practice it replaced
(Чен for 정): one word per syllable, ч for ㅈ, чх for ㅊ, ы for ㅡ, ё and е for ㅕ/ㅓ, a final
ль or р for ㄹ. A general transliterator reads "Ким Чен Ын" as "kim chen yn", which meets no
listed spelling. Read syllable by syllable into the lists' North Korean spelling it is "kim
jong un". One thing Cyrillic does not tell: a final н is ㄴ (-n) or ㅇ (-ng). After о, ё, е and
ва it is read -ng, the commoner ending of those syllables in the lists' Korean names (about
four in five: Jong, Song, Yong, Kwang), elsewhere -n (Un, Chun, Jin); family names are read
from a table (Кан is Kang, Хан is Han).

Only a name of three or four one-syllable words whose first word is a Korean family name
is read so (a family name and a given name of two syllables, written apart as Russian
writes Korean names); everything else gets None: Russian names, and Chinese names, which
Russian writes in two words (screener.palladius).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Korean family names as Russian writes them, in the lists' spelling.
FAMILY_NAMES = {
    "ким": "kim", "ли": "ri", "ри": "ri", "пак": "pak", "чхве": "choe", "чой": "choe",
    "цой": "choe", "чон": "jong", "чен": "jong", "тен": "jong", "кан": "kang", "чо": "jo",
    "чжо": "jo", "юн": "yun", "чан": "jang", "чжан": "jang", "лим": "rim", "рим": "rim",
    "им": "rim", "хан": "han", "о": "o", "со": "so", "син": "sin", "квон": "kwon",
    "хван": "hwang", "ан": "an", "сон": "song", "ю": "yu", "рю": "ryu", "хон": "hong",
    "ко": "ko", "мун": "mun", "ян": "yang", "пэ": "pae", "пэк": "paek", "пек": "paek",
    "хо": "ho", "нам": "nam", "ро": "ro", "но": "ro", "ха": "ha", "квак": "kwak", "хён": "hyon",
    "тхэ": "thae", "хам": "ham", "ке": "kye", "кye": "kye", "чу": "ju", "чжу": "ju", "сим": "sim",
    "мин": "min", "пён": "pyon", "кым": "kum", "чи": "ji", "ом": "om", "тхак": "thak",
}

_INITIALS = {
    "кк": "kk", "тт": "tt", "пп": "pp", "сс": "ss", "чч": "jj", "чх": "ch", "чж": "j", "кх": "k",
    "тх": "th", "пх": "p", "к": "k", "г": "k", "н": "n", "т": "t", "д": "t", "р": "r", "л": "r",
    "м": "m", "п": "p", "б": "p", "с": "s", "ч": "j", "ж": "j", "х": "h", "": "",
}
_MEDIALS = {
    "ва": "wa", "вэ": "wae", "ве": "oe", "во": "wo", "ви": "wi", "ый": "ui", "йе": "ye",
    "я": "ya", "ё": "yo", "ю": "yu", "е": "yo", "э": "ae", "а": "a", "о": "o", "у": "u",
    "ы": "u", "и": "i",
}
_FINALS = {"ль": "l", "л": "l", "р": "l", "к": "k", "м": "m", "п": "p", "т": "t", "": ""}
_NG_AFTER = frozenset({"о", "ё", "е", "ва"})  # a final н after these is read -ng


def _alternation(keys) -> str:
    return "|".join(sorted((k for k in keys if k), key=len, reverse=True))


_SYLLABLE = re.compile(f"({_alternation(_INITIALS)})?({_alternation(_MEDIALS)})(н|{_alternation(_FINALS)})?")
_CYRILLIC_WORD = re.compile(r"[а-яё]+")


@lru_cache(maxsize=4096)
def syllable(word: str) -> str | None:
    """One Cyrillic word read as one Korean syllable in the lists' spelling ("чен" -> "jong",
    "ын" -> "un"), or None when it is not one."""
    m = _SYLLABLE.fullmatch(word)
    if not m:
        return None
    initial, medial, final = m.group(1) or "", m.group(2), m.group(3) or ""
    vowel = _MEDIALS[medial]
    if vowel[0] == "y" and initial in ("ч", "чж", "ж", "чх", "чч"):
        vowel = vowel[1:]  # ㅈ and ㅊ take no y-glide in the lists' spelling (Чен: Jong)
    end = ("ng" if medial in _NG_AFTER else "n") if final == "н" else _FINALS[final]
    return _INITIALS[initial] + vowel + end


def korean_reading(name: str) -> str | None:
    """The lists' spelling of a Korean name written in Cyrillic ("Ким Чен Ын" -> "kim jong
    un"), or None when the name is not one (see the module)."""
    if not isinstance(name, str) or name.isascii():
        return None
    words = name.lower().replace("-", " ").split()
    if not 3 <= len(words) <= 4 or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return None
    family = FAMILY_NAMES.get(words[0])
    if family is None:
        return None
    rest = [syllable(w) for w in words[1:]]
    if any(s is None for s in rest):
        return None
    return " ".join([family, *rest])  # type: ignore[list-item]
