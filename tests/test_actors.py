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
        ("the Vietnamese communist party", "Communist Party of Vietnam", "organisation", "VNM", "PTY"),
        ("Wang Wenbin", "Wang Wenbin", "person", "CHN", "GOV"),
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
    xi = code_actor_phrase("Xi Jinping", DATE)
    assert xi is not None and xi.office == "President"
    vvt = code_actor_phrase("Vo Van Thuong", DATE)
    assert vvt is not None and (vvt.country, vvt.role, vvt.office) == ("VNM", "GOV", "State President")
    hue = code_actor_phrase("Vuong Dinh Hue", DATE)
    assert hue is not None and hue.office == "Chairman of the National Assembly"
    # after his resignation the office is no longer stated as current
    hue_later = code_actor_phrase("Vuong Dinh Hue", "2024-06-01")
    assert hue_later is not None and hue_later.office is None and "stale" in hue_later.method
    # same identity whatever the date or the surface form
    assert hue_later.actor_id == hue.actor_id
    assert code_actor_phrase("Chinese President Xi Jinping", DATE).actor_id == xi.actor_id  # type: ignore[union-attr]


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
    for name, (country, role, office) in expect.items():
        assert name in names, name
        a = names[name][0]
        assert (a.country, a.role) == (country, role), name
        if office:
            assert a.office == office
    assert "spokesperson" in (names["Wang Wenbin"][0].office or "").lower()
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
