"""The ``eventwire cluster`` standalone command and event coreference."""

from __future__ import annotations

import json
import subprocess
import sys

from eventwire.corpus.batch import cluster_command

from .conftest import ROOT

A = ("U.S. President Joe Biden met Chinese leader Xi Jinping in Woodside, California, on Wednesday, "
     "November 15, 2023.\nThe two leaders met for four hours and agreed to resume military talks.\n"
     "Biden and Xi last met in Bali, Indonesia, in November 2022.")
B = ("Xi Jinping and Joe Biden met near San Francisco on November 15, 2023, their first meeting in a year.\n"
     "At the meeting in Woodside, Biden and Xi agreed to resume military talks.")
C = ("Brazilian President Luiz Inacio Lula da Silva met Argentine President Javier Milei in Brasilia "
     "on March 3, 2025, to discuss trade.")


def _spans(text: str, *words: str) -> list[dict[str, int]]:
    out, pos = [], 0
    for w in words:
        i = text.index(w, pos)
        out.append({"start": i, "end": i + len(w)})
        pos = i + 1
    return out


def _lines() -> list[str]:
    return [
        json.dumps({"doc_id": "a", "text": A, "event_mentions": _spans(A, "met", "met", "talks", "met")}),
        "{not json",
        json.dumps({"doc_id": "b", "text": B, "event_mentions": _spans(B, "met", "meeting", "meeting", "talks")}),
        json.dumps({"doc_id": "empty", "text": ""}),
        json.dumps({"doc_id": "c", "text": C, "date": "2025-03-03", "event_mentions": _spans(C, "met")}),
    ]


def test_cluster_command_one_line_per_input_line_in_order_with_error_lines() -> None:
    out = list(cluster_command(_lines()))
    assert [o.get("doc_id") for o in out] == ["a", None, "b", "empty", "c"]
    assert out[1]["error"]["code"] == "E105"
    assert out[3]["error"]["code"] == "E109"
    assert out[0]["story"] == out[2]["story"] != out[4]["story"]
    assert [(m["start"], m["end"]) for m in out[0]["event_mentions"]] == [
        (s["start"], s["end"]) for s in _spans(A, "met", "met", "talks", "met")
    ]


def test_cluster_command_same_event_across_documents_but_not_the_2022_meeting() -> None:
    out = {o["doc_id"]: o for o in cluster_command(_lines()) if "story" in o}
    a, b, c = (out[k]["event_mentions"] for k in "abc")
    # the Woodside meeting: "met" in a and in b is one event
    assert a[0]["cluster"] == b[0]["cluster"]
    # the Bali meeting a year earlier is another event, although the verb matches
    assert a[3]["cluster"] != a[0]["cluster"]
    # another story: never the same event
    assert c[0]["cluster"] not in {m["cluster"] for m in a + b}


def test_cluster_command_cli_writes_the_output_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    inp = tmp_path / "docs.jsonl"
    inp.write_text("\n".join(_lines()) + "\n")
    outp = tmp_path / "out.jsonl"
    r = subprocess.run([sys.executable, "-m", "eventwire.cli", "cluster", "--input", str(inp),
                        "--output", str(outp)], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(x) for x in outp.read_text().splitlines()]
    assert len(rows) == 5 and rows[0]["doc_id"] == "a" and "error" in rows[1]
