from screener.countries import split_countries, to_iso2
from screener.dates import iso_date, parse_date, parse_dates


def test_full_and_partial_dates():
    assert parse_date("21/03/1962").date_from == "1962-03-21"
    assert parse_date("01 Jan 1960").precision == "day"
    assert parse_date("Jan 1960").date_from == "1960-01"
    year = parse_date("1960")
    assert (year.date_from, year.precision) == ("1960", "year")


def test_placeholder_dates_keep_their_precision():
    assert (parse_date("00/00/1975").date_from, parse_date("00/00/1975").precision) == ("1975", "year")
    assert parse_date("dd/mm/1962").date_from == "1962"
    assert (parse_date("dd/07/1978").date_from, parse_date("dd/07/1978").precision) == ("1978-07", "month")
    assert parse_date("19yy").precision == "century"


def test_approximate_and_ranges():
    d = parse_date("circa 1960")
    assert d.approximate and d.date_from == "1960"
    assert parse_date("Approximately 1955").date_from == "1955"
    r = parse_date("1960 to 1962")
    assert (r.date_from, r.date_to, r.precision) == ("1960", "1962", "range")


def test_unreadable_date_keeps_raw_text():
    d = parse_date("sometime in spring")
    assert d.raw == "sometime in spring" and d.date_from is None
    assert parse_date("") is None and parse_date("-0-") is None


def test_lists_of_dates():
    got = [d.date_from for d in parse_dates("a) 01/01/1960 b) 1961")]
    assert got == ["1960-01-01", "1961"]
    assert [d.date_from for d in parse_dates("1963, 1964")] == ["1963", "1964"]
    assert iso_date("2024-05-13T17:44:28.283+02:00") == "2024-05-13"


def test_countries_from_codes_names_and_demonyms():
    assert to_iso2("RU") == "RU"
    assert to_iso2("Russian") == "RU"
    assert to_iso2("Russian Federation") == "RU"
    assert to_iso2("Iran (Islamic Republic of)") == "IR"
    assert to_iso2("Burma") == "MM"
    assert to_iso2("British") == "GB"
    assert to_iso2("00") is None
    assert to_iso2("Atlantis") is None
    assert split_countries("(1) Russia. (2) Ukraine") == ["Russia", "Ukraine"]
    assert split_countries("Trinidad and Tobago") == ["Trinidad and Tobago"]
