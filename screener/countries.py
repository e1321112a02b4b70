"""Country names, demonyms and codes to ISO 3166-1 alpha-2.

Lists write nationality as codes (EU), names (OFAC), or demonyms ("Russian", "British": UK, AU).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry
from anyascii import anyascii

# Demonyms and common names pycountry does not know. Keys are lower-case ASCII.
_EXTRA = {
    "afghan": "AF", "albanian": "AL", "algerian": "DZ", "american": "US", "angolan": "AO",
    "argentine": "AR", "argentinian": "AR", "armenian": "AM", "australian": "AU",
    "austrian": "AT", "azerbaijani": "AZ", "azeri": "AZ", "bahraini": "BH",
    "bangladeshi": "BD", "belarusian": "BY", "belarussian": "BY", "byelorussian": "BY",
    "belgian": "BE", "bosnian": "BA", "brazilian": "BR", "british": "GB", "bulgarian": "BG",
    "burmese": "MM", "burma": "MM", "myanmar": "MM", "myanmar (burma)": "MM",
    "cambodian": "KH", "cameroonian": "CM", "canadian": "CA",
    "central african": "CF", "chadian": "TD", "chilean": "CL", "chinese": "CN",
    "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU", "cypriot": "CY",
    "czech": "CZ", "danish": "DK", "dutch": "NL", "ecuadorian": "EC", "egyptian": "EG",
    "emirati": "AE", "eritrean": "ER", "estonian": "EE", "ethiopian": "ET", "filipino": "PH",
    "finnish": "FI", "french": "FR", "georgian": "GE", "german": "DE", "ghanaian": "GH",
    "greek": "GR", "guinean": "GN", "haitian": "HT", "hungarian": "HU", "indian": "IN",
    "indonesian": "ID", "iranian": "IR", "iran": "IR", "iraqi": "IQ", "irish": "IE",
    "israeli": "IL", "italian": "IT", "ivorian": "CI", "japanese": "JP", "jordanian": "JO",
    "kazakh": "KZ", "kazakhstani": "KZ", "kenyan": "KE", "korean": "KR",
    "north korean": "KP", "south korean": "KR", "north korea": "KP", "south korea": "KR",
    "dprk": "KP", "korea, north": "KP", "korea, south": "KR", "kosovan": "XK", "kosovo": "XK",
    "kuwaiti": "KW", "kyrgyz": "KG", "kyrgyzstani": "KG", "lao": "LA", "laotian": "LA",
    "latvian": "LV", "lebanese": "LB", "liberian": "LR", "libyan": "LY",
    "lithuanian": "LT", "luxembourgish": "LU", "macedonian": "MK", "malaysian": "MY",
    "malian": "ML", "maltese": "MT", "mauritanian": "MR", "mexican": "MX",
    "moldovan": "MD", "mongolian": "MN", "montenegrin": "ME", "moroccan": "MA",
    "mozambican": "MZ", "namibian": "NA", "nepalese": "NP", "nepali": "NP",
    "new zealander": "NZ", "nicaraguan": "NI", "nigerian": "NG", "nigerien": "NE",
    "norwegian": "NO", "omani": "OM", "pakistani": "PK", "palestinian": "PS",
    "panamanian": "PA", "peruvian": "PE", "polish": "PL", "portuguese": "PT",
    "qatari": "QA", "romanian": "RO", "russian": "RU", "russia": "RU", "rwandan": "RW",
    "saudi": "SA", "saudi arabian": "SA", "senegalese": "SN", "serbian": "RS",
    "sierra leonean": "SL", "singaporean": "SG", "slovak": "SK", "slovenian": "SI",
    "somali": "SO", "south african": "ZA", "south sudanese": "SS", "spanish": "ES",
    "sri lankan": "LK", "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY",
    "syria": "SY", "taiwanese": "TW", "taiwan": "TW", "tajik": "TJ", "tajikistani": "TJ",
    "tanzanian": "TZ", "thai": "TH", "tunisian": "TN", "turkish": "TR", "turkey": "TR",
    "turkmen": "TM", "ugandan": "UG", "ukrainian": "UA", "emirati (uae)": "AE",
    "uae": "AE", "united arab emirates": "AE", "uk": "GB", "united kingdom": "GB",
    "great britain": "GB", "us": "US", "usa": "US", "united states": "US",
    "uruguayan": "UY", "uzbek": "UZ", "uzbekistani": "UZ", "venezuelan": "VE",
    "venezuela": "VE", "vietnamese": "VN", "vietnam": "VN", "viet nam": "VN",
    "yemeni": "YE", "zambian": "ZM", "zimbabwean": "ZW", "bolivian": "BO",
    "bolivia": "BO", "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD", "drc": "CD", "republic of the congo": "CG",
    "crimea": "UA", "region: crimea": "UA", "moldova": "MD", "tanzania": "TZ",
    "laos": "LA", "palestinian territories": "PS", "west bank": "PS", "gaza": "PS",
    "cote d'ivoire": "CI", "ivory coast": "CI", "macau": "MO", "hong kong": "HK",
    "soviet union": "SU", "ussr": "SU", "yugoslavia": "YU", "czechoslovakia": "CS",
    "palestine": "PS", "state of palestine": "PS", "turkiye": "TR", "guinea-bisau": "GW",
    "united kingdom of great britain and northern ireland": "GB",
    "united kingdom of great britain": "GB", "netherlands": "NL", "the netherlands": "NL", "vatican": "VA", "micronesia": "FM",
}
_UNKNOWN = {"", "00", "unknown", "-0-", "n/a", "none", "stateless"}


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", anyascii(text).strip().strip(".").lower())


@lru_cache(maxsize=4096)
def to_iso2(text: str | None) -> str | None:
    """Resolve a code, name or demonym to ISO alpha-2; None when unknown."""
    if text is None:
        return None
    key = _key(text)
    if key in _UNKNOWN:
        return None
    if key in _EXTRA:
        return _EXTRA[key]
    if len(key) == 2 and key.isalpha():
        return key.upper() if pycountry.countries.get(alpha_2=key.upper()) else None
    if len(key) == 3 and key.isalpha():
        found = pycountry.countries.get(alpha_3=key.upper())
        if found:
            return found.alpha_2
    try:
        return pycountry.countries.lookup(key).alpha_2
    except LookupError:
        pass
    # "Russian Federation", "Iran (Islamic Republic of)", "Korea, North": try the words.
    stripped = re.sub(r"\(.*?\)", "", key).strip()
    if stripped != key:
        return to_iso2(stripped)
    return None


def split_countries(text: str | None) -> list[str]:
    """Split a free-text cell of several nationalities ("Russian; Ukrainian", "a) X b) Y")."""
    if not text:
        return []
    parts = [p.strip(" .,\xa0") for p in re.split(r"(?:^|\s)\(?[a-z0-9]\)\s*|[;\n/]", text)]
    out = []
    for part in parts:
        if part and to_iso2(part) is None and "," in part:
            out.extend(p.strip(" .\xa0") for p in part.split(",") if p.strip(" .\xa0"))
        elif part:
            out.append(part)
    return out
