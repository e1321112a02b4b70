"""Normalisation, titles, legal forms and token keys, on names as the lists write them."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.names import (
    MAX_NAME_CHARS,
    is_burmese_like,
    is_patronymic,
    name_parts,
    normalise,
    prepare,
    skeleton,
)


@pytest.mark.parametrize("raw,expected", [
    ("Sergey KOGOGIN", "sergey kogogin"),
    ("Сергей Анатольевич КОГОГИН", "sergey anatolevich kogogin"),
    ("N.P. Patrushev", "n p patrushev"),
    ("KOGOGIN, Sergey", "kogogin sergey"),
    ("  Min\tAung\n Hlaing  ", "min aung hlaing"),
    ("Jurij Alexandrovič FOMIN", "jurij alexandrovic fomin"),
    ("AL-QA'IDA", "al qaida"),
    ("O’Brien", "obrien"),
    ("ПАО «КАМАЗ»", "pao kamaz"),
    ("", ""),
    ("...", ""),
])
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", [
    "\x00" * 10, "A\x00B", "😀🙂", "محمد بن سلمان", "שלום עליכם", "ミン・アウン・フライン",
    "\u202eevil\u202c", "\ud800", "a" * 100_000, "𫂬",
])
def test_normalise_never_raises_and_is_ascii(raw):
    out = normalise(raw)
    assert out.isascii() and len(out) <= 4 * MAX_NAME_CHARS
    assert out == " ".join(out.split())


def test_normalise_accepts_non_strings():
    assert normalise(None) == ""  # type: ignore[arg-type]
    assert normalise(12) == "12"  # type: ignore[arg-type]


def test_untransliterable_letters_still_identify_a_name():
    assert normalise("𫂬") and normalise("𫂬") != normalise("𫂭")


@pytest.mark.parametrize("raw,tokens,titles", [
    ("Snr. Gen. Min Aung Hlaing", ("min", "aung", "hlaing"), ("snr gen",)),
    ("Senior General Min Aung Hlaing", ("min", "aung", "hlaing"), ("senior general",)),
    ("Vice Senior General Soe Win", ("soe", "win"), ("vice senior general",)),
    ("Colonel General Sergei Surovikin", ("sergei", "surovikin"), ("colonel general",)),
    ("Lieutenant General Moe Myint Tun", ("moe", "myint", "tun"), ("lieutenant general",)),
    ("Vice Admiral Moe Aung", ("moe", "aung"), ("vice admiral",)),
    ("Deputy Minister Alexander Fomin", ("alexander", "fomin"), ("deputy minister",)),
    ("President Vladimir Putin", ("vladimir", "putin"), ("president",)),
    ("Daw Aung San Suu Kyi", ("aung", "san", "suu", "kyi"), ("daw",)),
    ("U Htin Kyaw", ("htin", "kyaw"), ("u",)),
    ("Sheikh Mohammed bin Rashid", ("mohammed", "bin", "rashid"), ("sheikh",)),
    ("Haji Abdul Basir", ("abdul", "basir"), ("haji",)),
    ("Mr. Dr. John Smith", ("john", "smith"), ("mr", "dr")),
])
def test_leading_titles_are_set_aside(raw, tokens, titles):
    p = prepare(raw, "Person")
    assert p.tokens == tokens and p.removed_titles == titles


@pytest.mark.parametrize("raw,tokens", [
    ("U Nu", ("u", "nu")),  # "U" is an honorific only before two or more further words
    ("U", ("u",)),
    ("General", ("general",)),  # a title alone is all there is to match on
    ("Min Aung Hlaing U", ("min", "aung", "hlaing", "u")),  # only a leading "U"
])
def test_titles_kept_when_they_are_the_name(raw, tokens):
    assert prepare(raw, "Person").tokens == tokens


@pytest.mark.parametrize("raw,tokens,forms", [
    ("Kamaz PAO", ("kamaz",), ("pjsc",)),
    ("Publichnoe Aktsionernoe Obshchestvo KAMAZ", ("kamaz",), ("pjsc",)),
    ("Public Joint Stock Company Kamaz", ("kamaz",), ("pjsc",)),
    ("Publicly Traded Company Kamaz", ("kamaz",), ("pjsc",)),
    ("ПАО КАМАЗ", ("kamaz",), ("pjsc",)),
    ("ОАО Газпром", ("gazprom",), ("ojsc",)),
    ("АО Рособоронэкспорт", ("rosoboroneksport",), ("jsc",)),
    ("ООО Ромашка", ("romashka",), ("llc",)),
    ("Russian Helicopters Open Joint Stock Company", ("russian", "helicopters"), ("ojsc",)),
    ("Obshchestvo s Ogranichennoi Otvetstvennostyu Alfa", ("alfa",), ("llc",)),
    ("Alfa Limited Liability Company", ("alfa",), ("llc",)),
    ("Siemens Aktiengesellschaft", ("siemens",), ("ag",)),
    ("Siemens AG", ("siemens",), ("ag",)),
    ("Acme GmbH", ("acme",), ("gmbh",)),
    ("Acme S.A.", ("acme",), ("sa",)),
    ("Acme Co., Ltd.", ("acme",), ("ltd",)),
    ("Acme Inc", ("acme",), ("inc",)),
    ("Acme Corp.", ("acme",), ("corp",)),
    ("ZAO Acme", ("acme",), ("cjsc",)),
    ("Acme CJSC", ("acme",), ("cjsc",)),
])
def test_legal_forms_are_canonicalised_and_recorded(raw, tokens, forms):
    p = prepare(raw, "Company")
    assert p.tokens == tokens and p.legal_forms == forms


def test_a_legal_form_alone_is_kept():
    assert prepare("Limited", "Company").tokens == ("limited",)


def test_person_names_keep_what_looks_like_a_legal_form():
    assert prepare("Ao Min", "Person").tokens == ("ao", "min")


@pytest.mark.parametrize("a,b", [
    ("sergei", "sergey"), ("minnikhanov", "minnikhanow"), ("mohammed", "mohamed"),
    ("yuri", "jurij"), ("khodorkovsky", "hodorkovskiy"),
])
def test_skeletons_fold_transliteration_variants(a, b):
    assert skeleton(a) == skeleton(b)


def test_skeletons_leave_larger_drift_to_fuzzy_lookup():
    # Aleksandr/Alexander differ by more than a spelling rule: the index finds them by edit
    # distance over its vocabulary, the scorer by token similarity.
    assert skeleton("aleksandr") != skeleton("alexander")


def test_skeletons_keep_different_names_apart():
    assert skeleton("patrushev") != skeleton("petrov")
    assert skeleton("aye") != skeleton("kyaw")


def test_patronymics():
    assert is_patronymic("platonovich") and is_patronymic("gumarovna")
    assert is_patronymic("alexandrovich") and not is_patronymic("alexander")
    assert not is_patronymic("ivanov")


def test_burmese_names():
    assert is_burmese_like(("min", "aung", "hlaing")) and is_burmese_like(("maung", "maung", "aye"))
    assert not is_burmese_like(("aung",))
    assert not is_burmese_like(("sergey", "kogogin"))


def test_prepared_name_keeps_everything_once():
    p = prepare("Snr. Gen. Min Aung Hlaing", "Person")
    assert p.original == "Snr. Gen. Min Aung Hlaing"
    assert p.normalised == "snr gen min aung hlaing"
    assert p.skeletons == tuple(skeleton(t) for t in p.tokens)
    assert not p.is_org and prepare("Kamaz", "Company").is_org


def test_name_parts():
    assert name_parts("KOGOGIN, Sergey") == {"family": "KOGOGIN", "given": "Sergey"}
    assert name_parts("Nikolai Platonovich PATRUSHEV") == {
        "family": "PATRUSHEV", "given": "Nikolai Platonovich"}
    assert name_parts("Min Aung Hlaing") == {}


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=200), st.sampled_from(["Person", "Company", "Vessel", None]))
def test_prepare_never_raises(text, schema):
    p = prepare(text, schema)
    assert all(t and t.isascii() and " " not in t for t in p.tokens)
    assert len(p.skeletons) == len(p.tokens)


@pytest.mark.parametrize("raw,tokens", [
    ("2ND ACADEMY OF NATURAL SCIENCES", ("2", "academy", "of", "natural", "sciences")),
    ("SECOND ACADEMY OF NATURAL SCIENCES", ("2", "academy", "of", "natural", "sciences")),
    ("101ST LIGHT INFANTRY DIVISION", ("101", "light", "infantry", "division")),
    ("Office No. 39", ("office", "39")),
    ("No. 2 Mining Enterprise", ("2", "mining", "enterprise")),
    ("VENUS III", ("venus", "3")),
    ("Brigade Forty-Four", ("brigade", "44")),
    ("Unit Seventy Third", ("unit", "73")),
    ("Military Unit 08806", ("military", "unit", "8806")),
    ("First Trust Bank", ("1", "trust", "bank")),
    ("Intl Trading Corp", ("international", "trading")),
])
def test_numbers_in_organisation_names_are_read_as_digits(raw, tokens):
    assert prepare(raw, "Organization").tokens == tokens


def test_numbers_say_how_they_were_written():
    p = prepare("SECOND ACADEMY OF NATURAL SCIENCES", "Organization")
    assert p.notes[0] == "second (number)" and p.note(1) == ""
    assert prepare("Kamaz", "Company").notes == ()


def test_what_only_looks_like_a_number_is_kept():
    # One letter is an initial as often as a numeral; L, C, D, M make words.
    assert prepare("V.P. Chkalov Flight Test Center", "Organization").tokens[:2] == ("v", "p")
    assert prepare("Li Di Mix", "Organization").tokens == ("li", "di", "mix")
    assert prepare("Sergei Second", "Person").tokens == ("sergei", "second")  # persons: no numbers


@pytest.mark.parametrize("raw,tokens,form", [
    ("Siemens Aktiengeselschaft", ("siemens",), "ag (from 'aktiengeselschaft')"),
    ("TACTICAL MISSILES CORPORATION JOINT STOCK COMPAN", ("tactical", "missiles"),
     "jsc (from 'compan', cut short)"),
    ("ANO TV-Novosti", ("tv", "novosti"), "ano"),
    ("AUTONOMOUS NON-PROFIT ORGANIZATION DIALOG", ("dialog",), "ano"),
    ("Societatea cu Raspundere Limitata Pro Traffic", ("pro", "traffic"), "srl"),
])
def test_misspelt_cut_and_spelt_out_legal_forms(raw, tokens, form):
    p = prepare(raw, "Company")
    assert p.tokens == tokens and form in p.legal_forms


def test_a_short_name_is_not_read_as_cut_short():
    assert prepare("Acme Compan", "Company").tokens == ("acme", "compan")


def test_legal_form_families():
    from screener.names import legal_family
    assert legal_family("pjsc") == legal_family("ojsc") == legal_family("jsc") == legal_family("ag")
    assert legal_family("llc") == legal_family("ltd") == legal_family("gmbh")
    assert legal_family("ag") != legal_family("gmbh") and legal_family("ano") != legal_family("llc")
    assert legal_family("inc") is None and legal_family("fgup") is None
    assert legal_family("ag (from 'aktiengeselschaft')") == legal_family("ag")


@pytest.mark.parametrize("raw,tokens", [
    ("R4mzan K4dyrov", ("ramzan", "kadyrov")),  # look-alike digits
    ("Abd al-Hadi al-Iraqi", ("abdul", "hadi", "al", "iraqi")),
    ("Nashwan Abd Al-Razzaq", ("nashwan", "abdul", "razzaq")),
    ("Abd Al", ("abd", "al")),  # the article must come before a name
])
def test_person_tokens_read_another_way(raw, tokens):
    assert prepare(raw, "Person").tokens == tokens


def test_nicknames():
    from screener.names import is_nickname
    assert is_nickname("mike", "michael") and is_nickname("michael", "mike")
    assert is_nickname("sasha", "aleksandr") and is_nickname("sasha", "alexander")
    assert is_nickname("ted", "theodore") and is_nickname("ted", "edward")
    assert not is_nickname("tom", "tim") and not is_nickname("bill", "will")  # two short forms
    assert not is_nickname("sergei", "sergey")


def test_cjk_letters_only_for_names_wholly_in_those_scripts():
    from screener.names import cjk_letters
    assert cjk_letters("김동운") == "김동운" and cjk_letters("金铁三") == "金铁三"
    assert cjk_letters("김 동운") == "김동운"
    assert cjk_letters("KIM Tong Un") == "" and cjk_letters("金 Tiesan") == ""
    assert prepare("金铁三", "Person").script == "金铁三" and prepare("金铁三", "Company").script == ""
