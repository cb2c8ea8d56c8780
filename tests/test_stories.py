"""Story clustering: online joins, time-awareness, stable ids, merges/splits, the index."""

from __future__ import annotations

from eventwire.corpus.stories import StoryClusterer, StoryParams, cluster_documents, doc_vectors
from eventwire.corpus.stories.index import KeywordIndex

QUAKE = [
    "A magnitude 6.1 earthquake struck near Kermanshah in western Iran on Monday, killing 14 people, "
    "Iranian state television reported. Rescuers searched collapsed houses in Kermanshah.",
    "Rescue teams in Kermanshah pulled survivors from the rubble after Monday's earthquake in western "
    "Iran. The quake killed 14 people, the Iranian Red Crescent said.",
    "Iran's Red Crescent sent tents to Kermanshah province, where an earthquake on Monday killed 14 "
    "people and damaged hundreds of homes.",
]
STRIKE = [
    "Dock workers in Rotterdam walked out on Tuesday over pay, halting container traffic at Europe's "
    "largest port. The FNV union said the Rotterdam strike would last 48 hours.",
    "Container ships queued outside Rotterdam as the FNV dock workers' strike over pay entered its "
    "second day, the port authority said.",
]
FILLER = [
    "The central bank of Chile raised its benchmark rate by half a point to curb inflation in Santiago.",
    "A new bridge over the Danube opened in Novi Sad after three years of construction work.",
    "Researchers in Tromso counted a record number of humpback whales in the fjords this winter.",
    "Wildfires forced evacuations near Patras in western Greece as strong winds fanned the flames.",
]


def _run(texts: list[str], dates: list[str | None] | None = None, **kw: float) -> StoryClusterer:
    dates = dates or [None] * len(texts)
    ids = [f"d{i}" for i in range(len(texts))]
    return cluster_documents(ids, doc_vectors(list(zip(texts, dates, strict=True))), StoryParams(**kw))


def test_stories_same_happening_joins_and_other_happenings_open_new_stories() -> None:
    cl = _run(QUAKE + STRIKE + FILLER)
    s = cl.story_of
    assert s["d0"] == s["d1"] == s["d2"]
    assert s["d3"] == s["d4"] != s["d0"]
    assert len({s[f"d{i}"] for i in range(5, 9)} | {s["d0"], s["d3"]}) == 6


def test_stories_same_city_protests_a_year_apart_are_two_stories() -> None:
    a = ("Thousands of protesters marched through central Lyon on Saturday against the pension reform, "
         "police in Lyon said. Unions called the Lyon march a success.")
    b = ("Protesters marched through central Lyon on Saturday against the pension reform, police said, "
         "as unions in Lyon promised more marches.")
    together = _run([a, b] + FILLER, ["2023-03-11", "2023-03-11", None, None, None, None])
    assert together.story_of["d0"] == together.story_of["d1"]
    apart = _run([a, b] + FILLER, ["2023-03-11", "2024-03-16", None, None, None, None])
    assert apart.story_of["d0"] != apart.story_of["d1"]


def test_stories_ids_are_stable_hashes_of_the_first_document() -> None:
    one = _run(QUAKE + STRIKE + FILLER)
    two = _run(QUAKE + STRIKE + FILLER)
    assert one.story_of == two.story_of
    assert [c.kind for c in one.log].count("open") >= 6
    first = next(c for c in one.log if c.kind == "open" and c.doc_id == "d0")
    assert first.story == one.story_of["d0"]


def test_stories_merge_is_logged_with_the_documents_that_moved() -> None:
    # with no merge threshold to speak of, a document matching two stories joins them
    texts = [QUAKE[0], STRIKE[0], QUAKE[1] + " " + STRIKE[1]] + FILLER
    cl = _run(texts, threshold=0.05, merge_threshold=0.05)
    merges = [c for c in cl.log if c.kind == "merge"]
    assert merges
    assert cl.story_of["d0"] == cl.story_of["d1"] == cl.story_of["d2"]
    m = merges[0]
    assert m.other not in cl.stories and m.story in cl.stories and m.members
    strict = _run(texts, merge_threshold=1.01)
    assert not [c for c in strict.log if c.kind == "merge"]


def test_stories_split_separates_a_story_that_holds_two_happenings() -> None:
    # a permissive join threshold lets both happenings into one story; the split check at
    # four members (strict split threshold) separates them again and logs it
    match = [
        "Feyenoord beat Ajax 3-1 in Rotterdam on Sunday, with Santiago Gimenez scoring twice at De Kuip "
        "in front of 47,000 fans in Rotterdam.",
        "Santiago Gimenez scored twice as Feyenoord beat Ajax 3-1 at De Kuip in Rotterdam, lifting "
        "Feyenoord to the top of the Eredivisie.",
    ]
    cl = _run([STRIKE[0], match[0], STRIKE[1], match[1]], threshold=0.0, split_threshold=0.5)
    splits = [c for c in cl.log if c.kind == "split"]
    assert splits and splits[0].members
    assert cl.story_of["d0"] == cl.story_of["d2"] != cl.story_of["d1"] == cl.story_of["d3"]
    assert splits[0].story == cl.story_of["d0"]  # the part with the first document keeps the id


def test_index_posting_lists_are_capped_so_lookups_are_bounded() -> None:
    ix = KeywordIndex(cap=3)
    for i in range(10):
        ix.file(f"s{i}", ["w:police", f"n:unique{i}"])
    assert ix.candidates(["w:police"]) == ["s7", "s8", "s9"] or set(ix.candidates(["w:police"])) == {"s7", "s8", "s9"}
    assert ix.candidates(["n:unique0"]) == ["s0"]
    ix.remove("s0")
    assert ix.candidates(["n:unique0"]) == []


def test_stories_work_per_article_stays_bounded_as_the_corpus_grows() -> None:
    import random

    from eventwire.corpus.stories.features import DocFreq, terms, vectorize

    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    common = [word() for _ in range(300)]
    cl = StoryClusterer(StoryParams(index_cap=16))
    df = DocFreq()
    cands = []
    for k in range(600):  # 600 stories of 3 articles, sharing a common vocabulary
        names = [word().capitalize() for _ in range(3)]
        for j in range(3):
            text = " ".join(rng.sample(common, 40) + names + rng.sample(names, 2)) + "."
            c = terms(text)
            df.observe(c)
            cl.add(f"{k}-{j}", vectorize(c, df))
            cands.append(cl.last_candidates)
    # posting lists fill up to their cap, then the work per article stops growing
    assert max(cands) <= cl.params.index_keys * 16
    middle, last = sum(cands[600:900]) / 300, sum(cands[-300:]) / 300
    assert last <= 1.3 * middle
    # and the stories are still right
    assert sum(cl.story_of[f"{k}-0"] == cl.story_of[f"{k}-2"] for k in range(600)) >= 570
