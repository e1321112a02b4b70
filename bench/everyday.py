"""Everyday names for measuring false hits: people and companies nobody has listed.

Person names come from Faker's locales (seeded): en_US, es_ES, en_IN (Indian names in Latin
script), ru_RU (transliterated as a Latin-script user would type them), zh_CN (Faker's own
pinyin forms). Faker has Arabic names only in Arabic script, without vowels, so Arabic-origin
names are drawn from the commonest romanised given and family names below. Company names:
Faker's en_US, en_GB and de_DE companies plus generic "<word> <trade> <legal form>" names.
"""

from __future__ import annotations

import random

from anyascii import anyascii

SEED = 20261202
# Probes the issue names: common names that must not be a hit alone.
PROBES = ("Li", "Ali", "Wang Wei", "Maria Garcia", "Mohammed Hassan", "John Smith",
          "Global Logistics Inc.")

ARABIC_GIVEN = (
    "Mohammed Ahmed Ali Omar Khaled Youssef Hassan Hussein Ibrahim Mahmoud Mustafa Tariq Karim "
    "Samir Nabil Walid Faisal Rami Ziad Bilal Hamza Adel Fadi Majid Nasser Jamal Anas Bassam "
    "Fatima Aisha Mariam Nour Layla Huda Rania Salma Amira Yasmin Hanan Dina Reem Samira Lina"
).split()
ARABIC_FAMILY = (
    "Haddad Khoury Nasser Saleh Mansour Hamdan Darwish Khalil Awad Qasim Hijazi Barakat Sabbagh "
    "Najjar Shami Masri Hamoud Zaki Farouk Othman Rashed Aziz Suleiman Yassin Taha Sharif Bakri "
    "Abbas Jaber Hariri Tamimi Kanaan Odeh Said Abdullah Hakim Nassar Amin Karam"
).split()

TRADES = ("Logistics", "Trading", "Consulting", "Foods", "Textiles", "Software", "Marine",
          "Construction", "Holdings", "Energy", "Solutions", "Pharma", "Imports", "Partners")
WORDS = ("Global", "Blue", "Northern", "Pacific", "Green", "Summit", "Atlas", "Golden", "Metro",
         "United", "Prime", "Eastern", "Silver", "Delta", "Alpha", "Royal", "Star", "Bright")
FORMS = ("Inc.", "Ltd", "LLC", "GmbH", "S.A.", "Pty Ltd", "Co.", "Group", "Limited", "Corp.")


def _faker(locale: str):
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(SEED)
    return fake


def person_names(per_culture: int) -> dict[str, list[str]]:
    """`per_culture` distinct names for each culture, the same on every run."""
    rng = random.Random(SEED)
    makers = {
        "English (en_US)": (lambda f: f"{f.first_name()} {f.last_name()}", "en_US"),
        "Spanish (es_ES)": (lambda f: f"{f.first_name()} {f.last_name()}", "es_ES"),
        "Indian (en_IN)": (lambda f: f"{f.first_name()} {f.last_name()}", "en_IN"),
        "Russian (ru_RU)": (lambda f: anyascii(f"{f.first_name()} {f.last_name()}").replace("'", ""),
                            "ru_RU"),
        "Chinese (zh_CN pinyin)": (lambda f: f.romanized_name(), "zh_CN"),
    }
    out: dict[str, list[str]] = {}
    for culture, (make, locale) in makers.items():
        fake = _faker(locale)
        out[culture] = _distinct(lambda make=make, fake=fake: make(fake), per_culture)
    out["Arabic-origin"] = _distinct(
        lambda: f"{rng.choice(ARABIC_GIVEN)} {rng.choice(ARABIC_FAMILY)}", per_culture)
    return out


def han_names(count: int) -> list[str]:
    """Chinese names as written in China, in Han characters (Faker zh_CN): the population on
    which reading Han the Korean way must add no hit."""
    fake = _faker("zh_CN")
    return _distinct(fake.name, count)


def company_names(count: int) -> list[str]:
    """Half Faker companies (three locales), half generic trade names."""
    rng = random.Random(SEED + 1)
    fakers = [_faker(loc) for loc in ("en_US", "en_GB", "de_DE")]
    state = {"i": 0}

    def make() -> str:
        state["i"] += 1
        if state["i"] % 2:
            return fakers[state["i"] % 3].company()
        return f"{rng.choice(WORDS)} {rng.choice(TRADES)} {rng.choice(FORMS)}"

    return _distinct(make, count)


def _distinct(make, count: int) -> list[str]:
    seen: dict[str, None] = {}
    for _ in range(count * 50):
        if len(seen) >= count:
            break
        seen.setdefault(make().strip(), None)
    return list(seen)
