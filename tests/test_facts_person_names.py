"""One spelling per person across a story (``corpus.facts.person_names``)."""

from __future__ import annotations

from eventwire.corpus.facts.command import facts_command
from eventwire.corpus.facts.person_names import canonical_names
from eventwire.corpus.facts.records import Statement


def _names(*docs: tuple[str, str]) -> list[str]:
    sts = [Statement(doc_id=d, start=0, end=len(v), text=v, key="names:death", kind="names", value=v) for d, v in docs]
    return [str(s.value) for s in canonical_names(sts)]


def test_person_names_short_form_and_spelling_variants_take_the_story_form() -> None:
    # a short form takes the formal name another report writes; a set value keeps its other names
    assert _names(("a", "Bill Hakim; Tom Tennant"), ("b", "William Hakim"), ("c", "Tom Tennant")) == [
        "Tom Tennant; William Hakim", "William Hakim", "Tom Tennant"]
    # a misspelling or a middle name takes the form most reports write
    assert _names(("a", "Robyn Mendes"), ("b", "Robyn Mendes"), ("c", "Robin Mendes"), ("d", "Robyn Norma Mendes")) == [
        "Robyn Mendes"] * 4


def test_person_names_two_people_of_one_surname_stay_two() -> None:
    # different first names, and near spellings one article writes side by side
    assert _names(("a", "Gary Gomes"), ("b", "Catherine Gomes"), ("c", "Gary Gomes")) == [
        "Gary Gomes", "Catherine Gomes", "Gary Gomes"]
    assert _names(("a", "Daniel Smith; Danielle Smith"), ("b", "Danielle Smith")) == [
        "Daniel Smith; Danielle Smith", "Danielle Smith"]
    # one-word names are left alone
    assert _names(("a", "Hakim"), ("b", "William Hakim")) == ["Hakim", "William Hakim"]


def test_person_names_in_the_facts_command() -> None:
    lines = [
        {"doc_id": "a", "story": "s", "text": "Gunmen killed Tom Tennant and Bill Hakim on Friday."},
        {"doc_id": "b", "story": "s", "text": "The bank bombing on Friday killed Tom Tennant and William Hakim, police said."},
    ]
    (story,) = list(facts_command(lines))
    values = [st["value"] for st in story["statements"] if st["kind"] == "names"]
    assert values == ["Tom Tennant; William Hakim"] * 2
