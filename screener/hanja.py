"""Korean readings of Han characters (hanja), for Korean names written in Han ("金正恩").

Han is read as Mandarin pinyin by default (习近平 -> xi jin ping); a Korean name written in
Han must be read the Korean way to meet its listed spelling (金正恩 -> 김정은 -> Kim Jong Un).
The readings come from libhangul's hanja dictionary (BSD licence), as the `pyhanja` package
ships it; it is read directly (its compiled binding is not needed), once, on the first Han
name, so no other query pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import metadata
from pathlib import Path

# Common Korean family names, commonest first (South Korea's census order), each initial-ㄹ
# form (North Korean spelling, the one lists use: Ri, Rim, Ryu, Ro) before its southern form.
KOREAN_SURNAMES = tuple(
    "김 리 이 박 최 정 강 조 윤 장 림 임 한 오 서 신 권 황 안 송 전 홍 류 유 고 문 량 양 손 배 백 허 "
    "남 심 로 노 하 곽 성 차 주 우 구 라 나 민 진 지 엄 채 원 천 방 공 현 함 변 렴 염 려 여 추 도 "
    "소 석 선 설 마 길 련 연 위 표 명 기 반 왕 금 옥 륙 육 인 맹 제 모 탁 국 어 은 편 룡 용 태 경 "
    "봉 사 부 가 복 변 계 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 시 화 견 당 매".split())
_SURNAME_RANK = {s: i for i, s in enumerate(KOREAN_SURNAMES)}
# A Korean name is a family name and a given name of two syllables, as nearly all listed
# Korean names are; two-character Han names are read in Mandarin only: read in Korean they
# meet short Korean names in any order (陈柳 -> 진류 / RYU JIN).
_NAME_CHARS = (3,)


def _table_file() -> Path | None:
    try:
        files = metadata.distribution("pyhanja").files or []
    except metadata.PackageNotFoundError:
        return None
    for f in files:
        if str(f).replace("\\", "/").endswith("pyhanja/data/hanja.txt"):
            return Path(str(f.locate()))
    return None


@lru_cache(maxsize=1)
def readings() -> dict[str, tuple[str, ...]]:
    """Han character -> its Hangul readings, the dictionary's order ({} if the data is absent).
    Lines are "reading:hanja:meaning"; words of several characters are skipped."""
    path = _table_file()
    if path is None or not path.exists():
        return {}
    out: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(line) < 4 or line[1] != ":" or line[3] != ":":
                continue
            out.setdefault(line[2], [])
            if line[0] not in out[line[2]]:
                out[line[2]].append(line[0])
    return {k: tuple(v) for k, v in out.items()}


def _initial(syllable: str) -> int:
    return (ord(syllable) - 0xAC00) // (21 * 28)


def _given_reading(options: tuple[str, ...]) -> str:
    """A given-name syllable's reading: the form with initial ㄹ or ㄴ where the dictionary
    also has the southern form without it (龍 룡/용: Choe Ryong Hae), else the first."""
    for initial in (5, 2):  # ㄹ, ㄴ
        for o in options:
            if _initial(o) == initial:
                return o
    return options[0]


def korean_reading(name: str) -> str | None:
    """The name in Hangul as a Korean name read in Han ("金正恩" -> "김정은"), or None when
    it is not written in Han alone, is not three characters long, or its first
    character reads as no common Korean family name."""
    chars = [ch for ch in name if not ch.isspace() and ch not in "·・"]
    if len(chars) not in _NAME_CHARS:
        return None
    table = readings()
    options = [table.get(ch) for ch in chars]
    if not all(options):
        return None
    family = [o for o in options[0] if o in _SURNAME_RANK]
    if not family:
        return None
    family.sort(key=_SURNAME_RANK.__getitem__)
    return family[0] + "".join(_given_reading(o) for o in options[1:])


def is_han_only(letters: str) -> bool:
    from screener.romanise import _is_han

    return bool(letters) and all(_is_han(ch) for ch in letters)
