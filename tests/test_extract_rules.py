"""Each news-text rule on invented sentences about other countries (not the seeds), with a
sentence where the rule must not fire: the rules are general, not tuned to five documents."""

from screener.extract import rule_mentions
from screener.merging import merge_spans


def found(text: str) -> set[tuple[str, str]]:
    """What the rules keep, one mention per span, as a document's extraction does."""
    return {(m.name, m.type) for m in merge_spans(rule_mentions(text))}


def orgs(text: str) -> set[str]:
    return {name for name, type_ in found(text) if type_ == "organization"}


def people(text: str) -> set[str]:
    return {name for name, type_ in found(text) if type_ == "person"}


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


# ------------------------------------------------------------------ context cues: outlets

def test_a_parenthesis_that_is_no_dateline_names_nothing():
    text = "PARIS (France) – Prices rose. The retailer (Carrefour) – said nothing."
    assert orgs(text) == set()


def test_media_nouns_introduce_outlets_one_or_a_list():
    text = ("Speaking to TV channels Rossiya 1 and NTV, the minister denied it, and the remarks "
            "were aired by state television IRIB on Sunday, according to the news agency Xinhua.")
    assert orgs(text) == {"Rossiya 1", "NTV", "IRIB", "Xinhua"}


def test_a_person_after_a_media_noun_stays_a_person():
    text = "The veteran broadcaster Christiane Amanpour said the airline was recovering."
    assert found(text) == {("Christiane Amanpour", "person")}


def test_a_channel_number_is_not_a_year_or_a_quantity():
    assert orgs("The general told the channel France 24 on Friday that he would stay.") == {
        "France 24"}
    assert orgs("The general said that in France 2024 was a hard year.") == set()
    assert orgs("The film runs on TV channel Zvezda 24 hours a day.") == {"Zvezda"}


def test_an_interview_with_names_only_an_acronym_or_a_channel():
    text = ("She gave an interview to BBC on Monday. In an interview with Zelensky he said "
            "more. In an interview with Olaf Scholz he said less.")
    assert found(text) == {("BBC", "organization"), ("Olaf Scholz", "person")}


def test_state_run_makes_an_organisation():
    text = ("State-run Xinhua said the state-owned Sinopec had signed, and state-run Chinese "
            "media agreed.")
    assert found(text) == {("Xinhua", "organization"), ("Sinopec", "organization")}
    assert orgs("The state-run Global New Light of Myanmar said so.") == {
        "Global New Light of Myanmar"}


def test_an_acronym_that_reports_or_is_cited_is_an_organisation():
    text = ("NATO said on Monday it would send more troops, according to KCNA, and the ruling "
            "was described by ASEAN as unlawful. According to OCHA, aid was blocked.")
    assert orgs(text) == {"NATO", "KCNA", "ASEAN", "OCHA"}


def test_a_role_a_country_or_a_person_before_said_is_no_organisation():
    text = ("The CEO said profits fell. The UK said it would respond. Putin said nothing. "
            "Vladimir Putin said more.")
    assert found(text) == {("Vladimir Putin", "person")}


def test_an_acronym_that_quotes_is_an_outlet_and_a_surname_that_quotes_is_not():
    text = "KCNA quoted Kim Yo Jong as saying talks were over. Peskov quoted Putin as saying no."
    assert orgs(text) == {"KCNA"}


def test_a_bare_media_noun_needs_a_qualifier():
    text = ("Russian broadcaster RT said so; the newspaper Kommersant agreed. Through back "
            "channels Tehran and Riyadh talked, and channels Kyiv used were closed.")
    assert orgs(text) == {"RT", "Kommersant"}


def test_an_all_caps_heading_is_no_cue():
    assert orgs("NATO SAID TO WEIGH NEW TROOPS") == set()


# ------------------------------------------------------------------ context cues: bylines

def test_a_byline_names_journalists_whatever_their_words():
    from screener.cues import byline_mentions
    from screener.newstext import sentences

    text = ("(Reporting by Will Dunham in Washington and Rose Wood in Lagos; Writing by Tom "
            "Hogue, Editing by Mark Heinrich and Frances Kerry)")
    assert {(m.name, m.type) for s in sentences(text) for m in byline_mentions(s)} == {
        (n, "person") for n in ("Will Dunham", "Rose Wood", "Tom Hogue", "Mark Heinrich",
                                "Frances Kerry")}


def test_journalists_in_bylines_are_page_furniture_not_actors():
    """Issue 14: bylines are furniture; the story's actors are what a screener wants."""
    from screener.extract import extract_mentions

    text = ("By Jane Okafor and Li Wei, Reuters\nLagos police detained Musa Bello on Monday. "
            "(Reporting by Will Dunham; Editing by Frances Kerry)")
    assert {m.name for m in extract_mentions(text, None, recogniser=False)} == {"Musa Bello"}


def test_reporting_by_an_organisation_names_no_journalist():
    assert people("Reporting by the BBC found abuses. It was written by Hand.") == set()


def test_a_compound_adjective_at_a_sentence_start_is_no_part_of_the_name():
    assert found("Kremlin-backed Ramzan Kadyrov spoke.") == {("Ramzan Kadyrov", "person")}


# ------------------------------------------------------------------ one-word companies

def test_the_nationality_and_what_a_company_does_make_one_word_a_company():
    text = ("Through a subsidiary, the Swiss Glencore also owns 10 percent of the mine, and "
            "the French Dassault-Breguet builds the jets.")
    assert orgs(text) == {"Glencore", "Dassault-Breguet"}


def test_the_nationality_alone_or_a_verb_alone_makes_no_company():
    text = ("Officers said the Russian Pantsir was deployed, the German Scholz said little, and "
            "Glencore owns a mine.")
    assert orgs(text) == set()


def test_legislatures_named_in_their_own_language_and_their_speakers():
    text = ("Speaker Ruslan Stefanchuk said the Verkhovna Rada would vote, as did the State Duma "
            "and the Pyidaungsu Hluttaw.")
    assert found(text) == {("Ruslan Stefanchuk", "person"), ("Verkhovna Rada", "organization"),
                           ("State Duma", "organization"), ("Pyidaungsu Hluttaw", "organization")}
