"""Duplicate detection: exact (content hash of the normalized body) and near (MinHash LSH
over word 5-shingles for candidates, then the exact word-shingle Jaccard as the verdict).

The store persists ``(article_id, content_hash, signature)`` per canonical article and
the signature's LSH band keys (:func:`band_keys`) in a shared index; ingest adds to a
:class:`Deduper` only the stored articles the index proposes for the batch at hand
(``Store.dedup_candidates``), and their texts come back through ``text_lookup`` only when
they are candidates of an article.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "SHINGLE_SIZE",
    "NUM_PERM",
    "LSH_THRESHOLD",
    "JACCARD_THRESHOLD",
    "words",
    "shingles",
    "shingle_hashes",
    "jaccard",
    "signature",
    "minhash_from_signature",
    "band_keys",
    "Deduper",
]

SHINGLE_SIZE = 5
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0; the signature magic below names it
LSH_THRESHOLD = 0.5
JACCARD_THRESHOLD = 0.8
_SIG_MAGIC = b"MH1"
# the banding MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM) chooses (tested)
LSH_BANDS, LSH_ROWS = 25, 5
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lowercased word tokens of the NFKC-normalized text (punctuation and quotes dropped)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).lower())


def shingles(text: str, k: int = SHINGLE_SIZE) -> set[str]:
    """Word k-shingles; a text shorter than k words is one shingle (or none if empty)."""
    w = words(text)
    if not w:
        return set()
    if len(w) < k:
        return {" ".join(w)}
    return {" ".join(w[i : i + k]) for i in range(len(w) - k + 1)}


def shingle_hashes(text: str) -> np.ndarray:
    """Sorted unique 64-bit hashes of the text's shingles (compact, for exact Jaccard)."""
    hs = {
        int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little")
        for s in shingles(text)
    }
    return np.array(sorted(hs), dtype=np.uint64)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def signature(text: str) -> bytes:
    """MinHash (128 permutations, seed 1, datasketch's affine32 scheme) of the word
    5-shingles, as 3 + 512 bytes."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    sh = shingles(text)
    if sh:
        m.update_batch([s.encode("utf-8") for s in sh])
    return _SIG_MAGIC + np.asarray(m.hashvalues, dtype="<u4").tobytes()


def minhash_from_signature(sig: bytes) -> Any:
    from datasketch import MinHash

    if not sig.startswith(_SIG_MAGIC) or len(sig) != len(_SIG_MAGIC) + 4 * NUM_PERM:
        raise ValueError("not an eventwire MinHash signature")
    hv = np.frombuffer(sig[len(_SIG_MAGIC) :], dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=hv, scheme=SCHEME, permutations=_permutations())


@functools.cache
def _permutations() -> Any:
    """The permutation parameters ``MinHash(num_perm=NUM_PERM, seed=SEED)`` draws, drawn once
    per process instead of once per signature (the same values: they depend on the seed only)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def band_keys(sig: bytes) -> list[int]:
    """One signed 64-bit key per LSH band of a signature: two signatures share a key
    exactly when LSH would make them candidates (they agree on a whole band)."""
    hv = sig[len(_SIG_MAGIC) :]
    step = LSH_ROWS * 4
    return [
        int.from_bytes(
            hashlib.blake2b(bytes([i]) + hv[i * step : (i + 1) * step], digest_size=8).digest(),
            "little",
            signed=True,
        )
        for i in range(LSH_BANDS)
    ]


def _estimate(sig_a: bytes, sig_b: bytes) -> float:
    a = np.frombuffer(sig_a[len(_SIG_MAGIC) :], dtype="<u4")
    b = np.frombuffer(sig_b[len(_SIG_MAGIC) :], dtype="<u4")
    return float(np.count_nonzero(a == b)) / NUM_PERM


class Deduper:
    """Incremental duplicate finder.

    ``check`` first (returns ``(canonical_id, "exact"|"near", similarity)`` or None), then
    ``add`` the article if it is new. An added text is shingled when it first becomes a
    candidate; shingles are kept in an LRU cache of ``cache_size`` articles (unbounded
    without ``text_lookup``), and so are the added texts not shingled yet; a candidate not in the
    cache is re-shingled from ``text_lookup(article_id)``, and failing that its Jaccard is
    estimated from the MinHash signatures. Finders made one after another (one per batch)
    may share one ``cache``, so a stored article's shingles are not recomputed per batch.
    """

    def __init__(
        self,
        *,
        text_lookup: Callable[[str], str] | None = None,
        lsh_threshold: float = LSH_THRESHOLD,
        jaccard_threshold: float = JACCARD_THRESHOLD,
        cache_size: int | None = None,
        cache: OrderedDict[str, np.ndarray] | None = None,
    ) -> None:
        from datasketch import MinHashLSH

        self.text_lookup = text_lookup
        self.jaccard_threshold = jaccard_threshold
        self.cache_size = cache_size if cache_size is not None else (
            20_000 if text_lookup is not None else None
        )
        # the banding is fixed for the default threshold (MinHashLSH would integrate to
        # find it again, ~30 ms per finder)
        params = (LSH_BANDS, LSH_ROWS) if lsh_threshold == LSH_THRESHOLD else None
        self._lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM, params=params)
        self._by_hash: dict[str, str] = {}
        self._ids: set[str] = set()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict() if cache is None else cache
        # texts of added articles not shingled yet: shingled the first time one is a
        # candidate (most never are), with the same result as shingling them on add
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._sigs: dict[str, bytes] = {}

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def add(
        self, article_id: str, content_hash: str, sig: bytes | None, text: str | None = None
    ) -> None:
        """Register a canonical article (idempotent); without a signature it is found only
        as an exact duplicate."""
        self._by_hash.setdefault(content_hash, article_id)
        if article_id in self._ids:
            return
        self._ids.add(article_id)
        if not sig:
            return
        self._lsh.insert(article_id, minhash_from_signature(sig))
        if text is not None:
            self._texts[article_id] = text
            if self.cache_size is not None:
                while len(self._texts) > self.cache_size:
                    self._texts.popitem(last=False)
        self._sigs[article_id] = sig

    def _remember(self, article_id: str, sh: np.ndarray) -> None:
        self._cache[article_id] = sh
        self._cache.move_to_end(article_id)
        if self.cache_size is not None:
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _shingles_of(self, article_id: str) -> np.ndarray | None:
        sh = self._cache.get(article_id)
        if sh is not None:
            self._cache.move_to_end(article_id)
            return sh
        text = self._texts.pop(article_id, None)
        if text is None:
            if self.text_lookup is None:
                return None
            try:
                text = self.text_lookup(article_id)
            except LookupError:  # the article is gone: estimate from the signature instead
                return None
            if not text:
                return None
        sh = shingle_hashes(text)
        self._remember(article_id, sh)
        return sh

    def candidates(self, sig: bytes) -> list[str]:
        return sorted(self._lsh.query(minhash_from_signature(sig)))

    def check(self, content_hash: str, text: str, sig: bytes) -> tuple[str, str, float] | None:
        """The canonical article this one duplicates, how, and how similar; or None."""
        hit = self._by_hash.get(content_hash)
        if hit is not None:
            return (hit, "exact", 1.0)
        if not sig:
            return None
        cands = self.candidates(sig)
        if not cands:
            return None
        mine = shingle_hashes(text)
        if mine.size == 0:
            return None
        best: tuple[str, str, float] | None = None
        for cid in cands:
            other = self._shingles_of(cid)
            if other is not None:
                sim = jaccard(mine, other)
            elif cid in self._sigs:
                sim = _estimate(sig, self._sigs[cid])
            else:
                continue
            if sim >= self.jaccard_threshold and (best is None or sim > best[2]):
                best = (cid, "near", round(sim, 4))
        return best
