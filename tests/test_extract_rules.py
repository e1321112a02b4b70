"""Each news-text rule on invented sentences about other countries (not the seeds), with a
sentence where the rule must not fire: the rules are general, not tuned to five documents."""

from screener.extract import rule_mentions


def found(text: str) -> set[tuple[str, str]]:
    return {(m.name, m.type) for m in rule_mentions(text)}


def orgs(text: str) -> set[str]:
    return {m.name for m in rule_mentions(text) if m.type == "organization"}


def people(text: str) -> set[str]:
    return {m.name for m in rule_mentions(text) if m.type == "person"}


# ------------------------------------------------------------------ organisation heads

def test_legislatures_are_organisations():
    text = "The bill was rejected by the National Assembly of Kenya and the Pan-African Parliament."
    assert orgs(text) == {"National Assembly of Kenya", "Pan-African Parliament"}


def test_a_commission_named_by_its_remit_keeps_the_words_after_on():
    text = "The Philippine Commission on Human Rights criticised the police raids."
    assert orgs(text) == {"Philippine Commission on Human Rights"}


def test_on_before_a_date_or_a_place_is_not_part_of_the_name():
    text = ("Diplomats said the Security Council on Tuesday extended the mission. Ms Jones briefed "
            "the Human Rights Council on Syria.")
    assert orgs(text) == {"Security Council", "Human Rights Council"}


def test_the_subject_of_an_agreement_or_treaty_is_not_an_organisation():
    text = ("Kazakhstan and Hungary signed an Agreement on the Mutual Protection of Investments "
            "and a Treaty on Legal Assistance in Criminal Matters.")
    assert orgs(text) == set()


def test_an_agreement_with_an_organisation_still_names_it():
    text = "Nepal signed an agreement with the Asian Development Bank on Monday."
    assert orgs(text) == {"Asian Development Bank"}


def test_a_plural_head_before_of_lists_several_bodies():
    text = ("Talks were held between the Ministries of Foreign Affairs and Trade of both countries "
            "and the Armed Forces of Ukraine, hosted by the Ministry of Foreign Affairs of Chile.")
    assert orgs(text) == {"Armed Forces of Ukraine", "Ministry of Foreign Affairs of Chile"}


def test_a_country_word_and_one_body_head_name_that_body():
    text = ("Officers of the Indian Navy flew to Oslo with Turkish Airlines, while the Brazilian "
            "Army stayed home.")
    assert orgs(text) == {"Indian Navy", "Turkish Airlines", "Brazilian Army"}


def test_a_country_word_and_a_generic_head_describe():
    text = ("Witnesses said Ukrainian Forces had left the town. The Ministry said the Russian "
            "Federation would reply.")
    assert orgs(text) == set()


# ------------------------------------------------------------------ possessives and titles

def test_the_owner_before_a_possessive_can_be_a_name_too():
    text = "The Interior Ministry’s Security Service arrested two men."
    assert orgs(text) == {"Interior Ministry", "Security Service"}


def test_a_country_before_a_possessive_stays_out():
    text = "Kenya’s President William Ruto met Nigeria’s Finance Minister Wale Edun."
    assert found(text) == {("William Ruto", "person"), ("Wale Edun", "person")}


def test_an_adviser_title_makes_dictionary_words_a_name():
    assert people("He met National Security Adviser Will Rich in Paris.") == {"Will Rich"}


def test_dictionary_words_without_a_title_are_no_name():
    assert found("The Security Adviser said so. Will Rich said so.") == set()
