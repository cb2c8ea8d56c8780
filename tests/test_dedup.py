"""Dedup: exact and near duplicates, signatures, incremental use, planted-copy recall."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from eventwire.ingest import clean
from eventwire.ingest.clean import dedup_text
from eventwire.ingest.dedup import (
    Deduper,
    jaccard,
    minhash_from_signature,
    shingle_hashes,
    shingles,
    signature,
)
from eventwire.model import RawDoc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = (ROOT / "examples" / "seeds" / "002_deff7df00f35160b.txt").read_text(encoding="utf-8")


def body(text: str) -> tuple[str, str]:
    a = clean(RawDoc(source="x", text=text))
    return a.content_hash, dedup_text(a)


def test_dedup_shingles_ignore_case_punctuation_and_quotes() -> None:
    a = shingles("He said: “We will go to Hanoi next week,” the minister said.")
    b = shingles('he said "we will go to hanoi next week" the MINISTER said')
    assert a == b and "we will go to hanoi" in a
    assert shingles("two words") == {"two words"} and shingles("") == set()


def test_dedup_signature_is_compact_and_deterministic() -> None:
    s1, s2 = signature(SEED), signature(SEED)
    assert s1 == s2 and isinstance(s1, bytes) and len(s1) == 3 + 4 * 128
    assert signature(SEED.replace("Hanoi", "Ha Noi")) != s1


def test_dedup_exact_and_near_copies_of_the_seed() -> None:
    h, b = body(SEED)
    d = Deduper()
    assert d.check(h, b, signature(b)) is None
    d.add("seed", h, signature(b), text=b)
    # exact: the same headline and body with a byline, different case and spacing
    title, rest = SEED.split("\n", 1)
    h2, b2 = body(title.upper() + "\n\nBy Wire Staff\n\n" + rest.upper().replace(" ", "  "))
    assert d.check(h2, b2, signature(b2)) == ("seed", "exact", 1.0)
    # another headline over the same body: a near duplicate (title + body compared)
    h2, b2 = body("ANOTHER HEADLINE FOR THE SAME STORY\n\nBy Wire Staff\n\n" + rest.upper())
    hit = d.check(h2, b2, signature(b2))
    assert hit is not None and hit[:2] == ("seed", "near") and hit[2] >= 0.9
    # near: last paragraph trimmed and a quote changed
    paras = SEED.split("\n\n")
    near = "\n\n".join(paras[:-1]).replace("jointly follow", "together follow")
    h3, b3 = body(near)
    hit = d.check(h3, b3, signature(b3))
    assert hit is not None and hit[0] == "seed" and hit[1] == "near" and 0.8 <= hit[2] < 1.0


def test_dedup_different_article_same_topic_not_merged() -> None:
    other = (ROOT / "examples" / "seeds" / "000_01d2753117808385.txt").read_text(encoding="utf-8")
    h, b = body(SEED)
    d = Deduper()
    d.add("seed", h, signature(b), text=b)
    h2, b2 = body(other)
    assert d.check(h2, b2, signature(b2)) is None


def test_dedup_rebuilt_from_signatures_uses_text_lookup() -> None:
    """As the store does on start: add() from persisted (id, hash, signature) only."""
    h, b = body(SEED)
    texts = {"seed": b}
    looked: list[str] = []

    def lookup(aid: str) -> str:
        looked.append(aid)
        return texts[aid]

    d = Deduper(text_lookup=lookup)
    d.add("seed", h, signature(b))
    d.add("seed", h, signature(b))  # idempotent
    assert len(d) == 1 and "seed" in d
    paras = SEED.split("\n\n")
    h3, b3 = body("\n\n".join(paras[:-1]))
    hit = d.check(h3, b3, signature(b3))
    assert hit is not None and hit[:2] == ("seed", "near") and looked == ["seed"]
    # without texts, the MinHash estimate decides
    d2 = Deduper()
    d2.add("seed", h, signature(b))
    hit2 = d2.check(h3, b3, signature(b3))
    assert hit2 is not None and hit2[0] == "seed"


def test_dedup_jaccard_exact() -> None:
    a, b = shingle_hashes("a b c d e f g"), shingle_hashes("a b c d e f h")
    assert jaccard(a, b) == pytest.approx(2 / 4)
    assert jaccard(a, a) == 1.0 and jaccard(a, shingle_hashes("")) == 0.0


@pytest.mark.skipif(not (SHARED / "data" / "ecbplus").exists(), reason="needs ../shared/data")
def test_dedup_planted_syndicated_copies_recall_and_no_false_merges() -> None:
    """Planted copies of 250 ECB+/TempEval-3 articles (same-topic ECB+ articles included)."""
    sys.path.insert(0, str(ROOT / "eval"))
    try:
        import dedup_eval
    finally:
        sys.path.pop(0)
    res = dedup_eval.run(limit=250, seed=5)
    assert res["copies_jaccard_ge_0.8"] >= 150
    assert res["recall"] >= 0.99
    assert res["false_merges_originals"] == 0
    assert res["copies_matched_to_wrong_original"] == 0


def test_dedup_band_keys_match_minhash_lsh_banding() -> None:
    """The store's shared index proposes exactly the candidates MinHashLSH would."""
    import random

    from datasketch import MinHashLSH

    from eventwire.ingest.dedup import LSH_BANDS, LSH_ROWS, LSH_THRESHOLD, NUM_PERM, band_keys

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (LSH_BANDS, LSH_ROWS)
    rng = random.Random(5)
    base = [" ".join(rng.choice(["talks", "trade", "Hanoi", "Beijing", "port", "deal", "visit"])
                     for _ in range(60)) for _ in range(30)]
    texts = base + [t.rsplit(" ", 8)[0] + " and more words here at the end" for t in base[:15]]
    sigs = [signature(t) for t in texts]
    for i, s in enumerate(sigs):
        lsh.insert(str(i), minhash_from_signature(s))
    keys = [set(band_keys(s)) for s in sigs]
    for i, s in enumerate(sigs):
        by_lsh = set(lsh.query(minhash_from_signature(s)))
        by_keys = {str(j) for j, k in enumerate(keys) if k & keys[i]}
        assert by_lsh == by_keys
    assert any(len(set(lsh.query(minhash_from_signature(s)))) > 1 for s in sigs)


# an article written for these tests (not from any dataset)
_STORY = (
    "Harbour workers in the port city walked off the job on Monday after talks over pay and "
    "night shifts broke down late on Sunday, the dockers' union said in a statement. Cranes "
    "stood idle along the container quays and dozens of cargo ships waited at anchor outside "
    "the breakwater. The port authority said it would ask a labour court to order a return to "
    "work, while the union said its members would stay out until the operators improved an "
    "offer it called insulting. Exporters of fruit and timber warned that perishable goods "
    "were already piling up in warehouses near the terminal gates."
)


def _near_copy(text: str) -> str:
    return text.replace("insulting", "an insult")


def test_dedup_ingest_finds_near_copies_across_batches_with_a_per_batch_finder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`eventwire run` keeps only the batch at hand in memory (earlier batches are found
    through the store's shared index), so memory stays flat over a long run."""
    from eventwire import api
    from eventwire.ingest import dedup
    from eventwire.store import open_store

    sizes: list[int] = []

    class Counting(dedup.Deduper):  # the real finder, counting what it holds
        def add(self, *a: object, **k: object) -> None:
            super().add(*a, **k)  # type: ignore[arg-type]
            sizes.append(len(self))

    monkeypatch.setattr(dedup, "Deduper", Counting)
    for i in range(9):
        words = f"Filler article number {i} about a local bakery fair and its prize-winning loaves " * 8
        (tmp_path / f"a{i}.txt").write_text(f"Bakery fair {i}\n\n{words}", encoding="utf-8")
    (tmp_path / "a0.txt").write_text("Port strike\n\n" + _STORY, encoding="utf-8")
    (tmp_path / "z_copy.txt").write_text("Port strike\n\n" + _near_copy(_STORY), encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    s = api.ingest(store, sorted(str(p) for p in tmp_path.glob("*.txt")), batch_size=3)
    assert s.new_articles == 9 and s.near_duplicates == 1
    assert max(sizes) <= 3  # never more than one batch of articles (plus candidates) held
    store.close()


def test_dedup_server_ingest_sees_near_copies_written_by_another_process(tmp_path: Path) -> None:
    from eventwire import api
    from eventwire.serve.ingest import Ingestor
    from eventwire.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    ing = Ingestor(store)
    first = ing.ingest({"title": "Bakery fair", "text": "Loaves and prizes at the fair. " * 20},
                       analyze=False)
    assert first["status"] == "created"
    (tmp_path / "strike.txt").write_text("Port strike\n\n" + _STORY, encoding="utf-8")
    other = open_store(f"sqlite:///{tmp_path / 'x.db'}")  # another writer, after the server's first write
    assert api.ingest(other, [str(tmp_path / "strike.txt")]).new_articles == 1
    got = ing.ingest({"title": "Port strike", "text": _near_copy(_STORY)}, analyze=False)
    assert got["status"] == "duplicate" and got["duplicate_of"] is not None
    assert store.get_article(got["duplicate_of"]).title == "Port strike"  # type: ignore[union-attr]
    other.close()
    store.close()


def test_dedup_added_text_shingled_only_when_a_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    """add() keeps the text; its shingles are computed the first time it is a candidate,
    with the same verdicts as shingling it on add."""
    from eventwire.ingest import dedup

    calls: list[str] = []

    def counting(text: str) -> object:
        calls.append(text)
        return shingle_hashes(text)

    monkeypatch.setattr(dedup, "shingle_hashes", counting)
    paras = SEED.split("\n\n")
    d = Deduper()
    h, b = body(SEED)
    d.add("seed", h, signature(b), text=b)
    h_other, b_other = body("Completely different words about a football match in Leeds on Sunday.")
    d.add("other", h_other, signature(b_other), text=b_other)
    assert calls == []  # nothing shingled on add
    h3, b3 = body("\n\n".join(paras[:-1]))
    hit = d.check(h3, b3, signature(b3))
    assert hit is not None and hit[:2] == ("seed", "near")
    assert b_other not in calls and calls.count(b) == 1  # only the candidate, once
    assert d.check(h3, b3, signature(b3)) == hit and calls.count(b) == 1  # cached since
    assert hit[2] == round(jaccard(shingle_hashes(b3), shingle_hashes(b)), 4)
