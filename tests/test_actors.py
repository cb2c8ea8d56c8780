"""Actor resolution: the phrase coder, the dictionary and the pipeline stage on the seeds."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from eventwire.analyze import actors, nlp
from eventwire.analyze.actors import code_actor_phrase
from eventwire.analyze.actors_dict import load_dictionary
from eventwire.analyze.pipeline import Pipeline
from eventwire.model import AnalyzedDoc, Article

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "seeds"
DATE = "2023-12-07"


@pytest.mark.parametrize(
    ("phrase", "name", "type_", "country", "role"),
    [
        ("Chinese President Xi Jinping", "Xi Jinping", "person", "CHN", "GOV"),
        ("the Vietnamese communist party", None, "organisation", "VNM", "PTY"),
        ("Chinese foreign ministry spokesperson Wang Wenbin", "Wang Wenbin", "person", "CHN", "GOV"),
        ("Israeli troops", None, "group", "ISR", "MIL"),
        ("the rebels", None, "group", None, "REB"),
        ("the Chinese foreign ministry", None, "organisation", "CHN", "GOV"),
        ("German Foreign Minister Oskar Fischer", "Oskar Fischer", "person", "DEU", "GOV"),
        ("Afghan rebel leaders", None, "group", "AFG", "REB"),
        ("United Nations peacekeepers", None, None, "IGO", "MIL"),
        ("Ousted President Askar Akayev", "Askar Akayev", "person", "KGZ", "ELI"),
        ("Hamas", "Hamas", None, "PSE", "REB"),
        ("Russia", "Russia", "country", "RUS", None),
    ],
)
def test_actors_code_phrase(phrase: str, name: str | None, type_: str | None, country: str | None, role: str | None) -> None:
    c = code_actor_phrase(phrase, DATE)
    assert c is not None
    assert (c.country, c.role) == (country, role)
    if name is not None:
        assert c.name == name
    if type_ is not None:
        assert c.type == type_


def test_actors_office_at_article_date() -> None:
    # the curated entry for Joe Biden: Vice President 2009-2017, President 2021-2025
    now = code_actor_phrase("Joe Biden", "2023-06-01")
    assert now is not None and (now.country, now.role, now.office) == ("USA", "GOV", "President")
    vp = code_actor_phrase("Joe Biden", "2012-06-01")
    assert vp is not None and vp.office == "Vice President"
    # after the term the office is no longer stated as current
    later = code_actor_phrase("Joe Biden", "2026-01-01")
    assert later is not None and later.office is None and "stale" in later.method
    # same identity whatever the date or the surface form
    assert later.actor_id == now.actor_id == vp.actor_id
    assert code_actor_phrase("US President Joe Biden", "2023-06-01").actor_id == now.actor_id  # type: ignore[union-attr]


def test_actors_same_id_for_equivalent_nominals() -> None:
    a = code_actor_phrase("the Chinese foreign ministry", DATE)
    b = code_actor_phrase("China's foreign ministry", DATE)
    assert a is not None and b is not None and a.actor_id == b.actor_id


def test_actors_no_actor_for_plain_words() -> None:
    assert code_actor_phrase("the comprehensive strategic partnership", DATE) is None
    assert code_actor_phrase("", DATE) is None


def test_actors_dictionary_extension(tmp_path: Path) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({
        "name": "Jane Testperson", "aliases": [], "type": "person",
        "roles": [{"country": "NZL", "role": "GOV", "office": "Prime Minister", "start": "2030-01-01", "end": None}],
        "source": "test",
    }) + "\n")
    d = load_dictionary(extra_paths=(str(extra),))
    c = code_actor_phrase("Jane Testperson", "2031-05-01", dictionary=d)
    assert c is not None and (c.country, c.role, c.office) == ("NZL", "GOV", "Prime Minister")
    assert code_actor_phrase("Jane Testperson", "2031-05-01") is None or \
        code_actor_phrase("Jane Testperson", "2031-05-01").country != "NZL"  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def seed_docs() -> list[AnalyzedDoc]:
    arts = [
        Article(id=p.stem, text=p.read_text(encoding="utf-8"), source=str(p), fmt="text", published=DATE)
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    return Pipeline([nlp.make_stage(), actors.make_stage()])(arts)


def _by_name(docs: list[AnalyzedDoc]) -> dict[str, list]:
    out: dict[str, list] = {}
    for d in docs:
        for a in d.actors:
            out.setdefault(a.name, []).append(a)
    return out


def test_actors_seed_list_resolves(seed_docs: list[AnalyzedDoc]) -> None:
    names = _by_name(seed_docs)
    expect = {
        "Xi Jinping": ("CHN", "GOV", "President"),
        "Wang Wenbin": ("CHN", "GOV", None),
        "Nguyen Phu Trong": ("VNM", "PTY", None),
        "Vo Van Thuong": ("VNM", "GOV", "State President"),
        "Pham Minh Chinh": ("VNM", "GOV", "Prime Minister"),
        "Vuong Dinh Hue": ("VNM", "LEG", None),
        "Communist Party of Vietnam": ("VNM", "PTY", None),
    }
    # from the text and the general dictionary (no entry was written for these articles); a
    # person's country is stated in at least one of the two articles ("spokesperson Wang
    # Wenbin" in the first one names no country)
    for name, (country, role, office) in expect.items():
        assert name in names, name
        assert any((a.country, a.role) == (country, role) for a in names[name]), name
        if office:
            assert any(a.office == office for a in names[name]), name
    assert any("spokesperson" in (a.office or "").lower() for a in names["Wang Wenbin"])
    assert "general secretary" in (names["Nguyen Phu Trong"][0].office or "").lower()
    assert "national assembly" in (names["Vuong Dinh Hue"][0].office or "").lower()
    ministry = [a for d in seed_docs for a in d.actors if a.country == "CHN" and "foreign ministry" in a.name.lower()]
    assert ministry and ministry[0].role == "GOV"
    countries = {a.country for d in seed_docs for a in d.actors if a.type == "country"}
    assert {"CHN", "VNM", "USA", "RUS", "IND", "KOR", "JPN"} <= countries


def test_actors_same_id_for_xi_across_seed_articles(seed_docs: list[AnalyzedDoc]) -> None:
    ids = [{a.id for a in d.actors if a.name == "Xi Jinping"} for d in seed_docs]
    assert len(ids) == 2 and ids[0] == ids[1] and len(ids[0]) == 1


def test_actors_mentions_have_provenance_and_coreference(seed_docs: list[AnalyzedDoc]) -> None:
    for d in seed_docs:
        actor_ids = {a.id for a in d.actors}
        for m in d.actor_mentions:
            assert d.article.text[m.start : m.end] == m.text
            assert m.actor_id in actor_ids
    first = seed_docs[0]
    xi = next(a.id for a in first.actors if a.name == "Xi Jinping")
    xi_texts = {m.text for m in first.actor_mentions if m.actor_id == xi}
    assert {"Xi", "President Xi", "Chinese President Xi Jinping"} <= xi_texts
    wang = next(a.id for a in first.actors if a.name == "Wang Wenbin")
    wang_texts = [m.text for m in first.actor_mentions if m.actor_id == wang]
    assert "Wang" in wang_texts and "He" in wang_texts


def test_actors_stage_is_picklable_and_declares_fields() -> None:
    st = actors.make_stage()
    assert st.reads == ("article", "sentences", "tokens", "entities")
    assert st.writes == ("actors", "actor_mentions")
    assert pickle.loads(pickle.dumps(st)).name == "actors"


# --- precision on real news: short names, jurisdictions, listed officials, country codes ---


def _doc(text: str, d: object | None = None, date: str | None = "2021-05-01") -> AnalyzedDoc:
    art = Article(id="t-" + str(abs(hash(text)) % 10**8), text=text, source="test", fmt="text", published=date)
    parsed = nlp.make_stage()([AnalyzedDoc(article=art)])[0]
    return actors.resolve_doc(parsed, d)  # type: ignore[arg-type]


def _extra(tmp_path: Path) -> object:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({
        "name": "Alicia Hernandez Vega", "aliases": ["Hernandez", "Minister Hernandez"], "type": "person",
        "roles": [{"country": "PER", "role": "GOV", "office": "Foreign Minister", "start": "2020-01-01", "end": None}],
        "source": "test",
    }) + "\n")
    return load_dictionary(extra_paths=(str(extra),))


def test_actors_dict_short_alias_is_not_a_lookup_name(tmp_path: Path) -> None:
    d = _extra(tmp_path)
    assert d.lookup("Hernandez") == () and d.lookup("Minister Hernandez") == ()  # type: ignore[attr-defined]
    assert "Alicia Hernandez Vega" in [e.name for e in d.lookup_short("Hernandez")]  # type: ignore[attr-defined]
    assert [e.name for e in d.lookup("Alicia Hernandez Vega")] == ["Alicia Hernandez Vega"]  # type: ignore[attr-defined]
    # shipped data: a lone surname or a title with one name never names a person by itself
    shipped = load_dictionary()
    for short in ("Biden", "Putin", "President Putin", "Obama", "Mr Obama"):
        assert not any(e.type == "person" for e in shipped.lookup(short)), short
    assert code_actor_phrase("Putin", "2012-01-01") is None


def test_actors_short_name_links_only_after_full_name(tmp_path: Path) -> None:
    d = _extra(tmp_path)
    alone = _doc("Hernandez told reporters on Monday that the border would stay closed.", d)
    hs = [m for m in alone.actor_mentions if "Hernandez" in m.text]
    assert hs and all(m.country is None for m in hs)
    assert "Alicia Hernandez Vega" not in {a.name for a in alone.actors}
    full = _doc("Alicia Hernandez Vega arrived in Lima on Monday. Hernandez told reporters that the border "
                "would stay closed.", d)
    by_id = {a.id: a for a in full.actors}
    hs = [m for m in full.actor_mentions if m.text == "Hernandez"]
    assert hs and by_id[hs[0].actor_id].name == "Alicia Hernandez Vega" and hs[0].country == "PER"


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Ontario Premier Doug Ford", "CAN"),
        ("the Attorney General of British Columbia, Niki Sharma", "CAN"),
        ("New Mexico Governor Michelle Lujan Grisham", "USA"),
        ("Queensland Police Commissioner Katarina Carroll", "AUS"),
        ("Kerala Chief Minister Pinarayi Vijayan", "IND"),
        ("the Governor of Rio Grande do Sul", "BRA"),
    ],
)
def test_actors_phrase_subnational_official_country_from_jurisdiction(phrase: str, country: str) -> None:
    c = code_actor_phrase(phrase, "2023-01-01")
    assert c is not None and c.country == country


def test_actors_phrase_place_word_inside_a_name_is_not_a_jurisdiction() -> None:
    for phrase in ("Victoria Nuland", "Alberta Watson", "Senator Victoria Hale"):
        c = code_actor_phrase(phrase, "2023-01-01")
        assert c is None or c.country not in ("AUS", "CAN"), phrase


def test_actors_listed_officials_take_the_group_country() -> None:
    doc = _doc("Three Kenyan officials, Trade Minister Amos Kiprono and Energy Minister Ruth Wanjiku, "
               "met the delegation on Friday.")
    by_id = {a.id: a for a in doc.actors}
    people = {by_id[m.actor_id].name: m.country for m in doc.actor_mentions if by_id[m.actor_id].type == "person"}
    assert people.get("Ruth Wanjiku") == "KEN" and people.get("Amos Kiprono") == "KEN"


def test_actors_dict_country_codes_are_iso_or_non_state() -> None:
    import pycountry

    from eventwire.analyze.actors_dict import NON_STATE, valid_country_code

    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX"} | NON_STATE
    d = load_dictionary()
    codes = {r.country for es in d.names.values() for e in es for r in e.roles if r.country}
    assert codes <= valid, sorted(codes - valid)[:10]
    assert valid_country_code("SUN") == "RUS" and valid_country_code("KSV") == "XKX"
    assert valid_country_code("MEA") is None and valid_country_code("IGO") == "IGO"


def test_actors_headline_glue_is_trimmed_from_names() -> None:
    doc = _doc("Health chief nominee Dana Whitcombe\nJan 12, 2010 09:15 AM As the committee met on Monday, "
               "senators praised her.")
    names = {a.name for a in doc.actors if a.type == "person"}
    assert "Dana Whitcombe" in names and all("\n" not in n for n in names), names


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Attorney General Wally Oppal of British Columbia said the charges would be laid.",
         "Attorney General Wally Oppal", "CAN"),
        ("Sheriff Tom Jones of Athens, Ga., said deputies arrested two men.", "Sheriff Tom Jones", "USA"),
        ("The mayor of Kingston, Ontario, condemned the shooting.", "mayor", "CAN"),
        ("Ambassador Jane Doe of the United States met the foreign minister.", "Ambassador Jane Doe", "USA"),
    ],
)
def test_actors_official_takes_the_country_of_the_jurisdiction_named_after_them(text: str, name: str,
                                                                               country: str) -> None:
    doc = _doc(text)
    got = {m.text: m.country for m in doc.actor_mentions}
    assert got[name] == country


def test_actors_bare_town_or_ambiguous_region_after_an_official_gives_no_country() -> None:
    # "Athens" alone could be in Greece or Georgia, USA; "Georgia" the country or the state
    for text in ("Sheriff Tom Jones of Athens said deputies arrested two men.",
                 "Sheriff Tom Jones of Georgia said deputies arrested two men.",
                 # a province that a big foreign city is named after (Ontario, California)
                 "Mayor Tom Jones of Ontario said deputies arrested two men."):
        got = {m.text: m.country for m in _doc(text).actor_mentions}
        assert got.get("Sheriff Tom Jones") is None, text


def test_actors_capital_name_qualified_as_another_countrys_town_is_no_actor() -> None:
    doc = _doc("Police in Athens, Ga., arrested two men, and Athens protested to Ankara.")
    countries = [(m.text, m.country) for m in doc.actor_mentions if m.text == "Athens"]
    assert countries == [("Athens", "GRC")]  # the second "Athens" (Greece's government) only
