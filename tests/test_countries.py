"""Country and IGO resolution from names, demonyms, capitals and aliases."""

from __future__ import annotations

import pytest

from eventwire.analyze.countries import (
    country_name,
    find_countries,
    find_country_matches,
    resolve_country,
)


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("China", "CHN"), ("Vietnam", "VNM"), ("Viet Nam", "VNM"), ("United States", "USA"), ("the U.S.", "USA"),
        ("Russia", "RUS"), ("India", "IND"), ("South Korea", "KOR"), ("Japan", "JPN"), ("Great Britain", "GBR"),
        ("Chinese", "CHN"), ("Vietnamese", "VNM"), ("Israelis", "ISR"), ("Dutch", "NLD"), ("French", "FRA"),
        ("Washington", "USA"), ("Beijing", "CHN"), ("Moscow", "RUS"), ("Hanoi", "VNM"),
        ("ASEAN", "IGO"), ("UN", "IGO"), ("the European Union", "IGO"), ("NATO", "IGO"),
    ],
)
def test_countries_resolve_names_demonyms_capitals_igos(text: str, iso3: str) -> None:
    assert resolve_country(text) == iso3


def test_countries_resolve_rejects_non_countries() -> None:
    for text in ("the spokesperson", "Xi Jinping", "", "comprehensive strategic partnership"):
        assert resolve_country(text) is None


def test_countries_find_in_sentence_with_offsets() -> None:
    s = "Vietnam recently elevated its ties with Washington, positioning the United States alongside Beijing and Moscow; us too."
    got = find_countries(s)
    assert [(s[a:b], c) for a, b, c in got] == [
        ("Vietnam", "VNM"), ("Washington", "USA"), ("United States", "USA"), ("Beijing", "CHN"), ("Moscow", "RUS"),
    ]


def test_countries_find_possessive_abbreviation_and_igo() -> None:
    s = "China’s foreign ministry and the U.S. envoy met ASEAN and UN officials."
    ms = find_country_matches(s)
    assert [(m.text, m.code) for m in ms] == [("China", "CHN"), ("U.S.", "USA"), ("ASEAN", "IGO"), ("UN", "IGO")]
    assert ms[2].name == "ASEAN" and ms[3].name == "United Nations"


def test_countries_provinces_resolve_whole_phrase_but_are_not_scanned() -> None:
    assert resolve_country("Hunan") == "CHN"
    assert find_countries("Floods hit Hunan on Monday.") == []


def test_countries_common_names() -> None:
    assert country_name("RUS") == "Russia" and country_name("VNM") == "Vietnam" and country_name("KOR") == "South Korea"


def test_countries_subdivision_blocks_the_country_word_inside_it() -> None:
    s = "Officials in British Columbia and New Mexico met Mexican and British diplomats."
    assert [(s[a:b], c) for a, b, c in find_countries(s)] == [("Mexican", "MEX"), ("British", "GBR")]
    ms = find_country_matches(s, admin1=True)
    assert [(m.text, m.code, m.kind) for m in ms][:2] == [("British Columbia", "CAN", "admin1"),
                                                          ("New Mexico", "USA", "admin1")]
    assert resolve_country("Kerala") == "IND" and resolve_country("Queensland") == "AUS"


def test_countries_shipped_subdivision_table_matches_pycountry() -> None:
    from eventwire.analyze.countries import subdivisions, subdivisions_from_pycountry

    table = subdivisions()
    assert table == subdivisions_from_pycountry()
    assert table["BRITISH COLUMBIA"] == ("CAN", "British Columbia") and "PUNJAB" not in table  # shared by IND/PAK
