"""Event exports for GDELT/ICEWS users (a GDELT-style event table) and PLOVER JSON.

GDELT-style table: the GDELT 1.0 event columns that eventwire can fill (CAMEO codes, actor
country and role codes, QuadClass, Goldstein scale, action geography, source URL), plus
eventwire's own provenance columns (article id, offsets, status, event end date). An event
its undated article cannot date takes the date of its story's record of the same event
(``corpus.canonical``), marked in ``DateInferred`` (PLOVER: ``date_inferred``).

QuadClass follows GDELT's definition by CAMEO root (01–05 verbal cooperation, 06–08
material cooperation, 09–13 verbal conflict, 14–20 material conflict). The Goldstein
value is the CAMEO *root-level* value of GDELT's public ``CAMEO.goldsteinscale.txt``
lookup (Goldstein 1992, as mapped by the GDELT project); finer per-code values are not
shipped.

PLOVER JSON follows the field names of the PLOVER 2.0 manual's event record
(``id, date, enddate, actor, recipient, event, mode, context, event_loc, event_text,
quad_code, event_scale, text, text_info, cite_info, coder``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from eventwire._util import batched
from eventwire.store import Store

__all__ = ["quad_class", "goldstein", "gdelt_rows", "plover_rows", "GOLDSTEIN_ROOT"]

GOLDSTEIN_ROOT: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5,
    "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0, "10": -5.0,
    "11": -2.0, "12": -4.0, "13": -4.4, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -5.0, "18": -9.0, "19": -10.0, "20": -10.0,
}  # fmt: skip


def quad_class(cameo: str | None) -> int | None:
    if not cameo or len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    root = int(cameo[:2])
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return None


def goldstein(cameo: str | None) -> float | None:
    return GOLDSTEIN_ROOT.get(cameo[:2]) if cameo else None


def _context(
    store: Store, events: list[dict[str, Any]]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    art_ids = {e["article_id"] for e in events}
    # (article id, actor id) -> identity + the role/office that article gives the actor
    actors = {f"{k[0]}/{k[1]}": v for k, v in store.article_actors(art_ids).items()}
    arts = (
        {
            r["id"]: r
            for r in store.records("articles", filters={"id__in": art_ids}, include_text=False)
        }
        if art_ids
        else {}
    )
    place_ids = {e["place_id"] for e in events if e.get("place_id")}
    places = (
        {r["id"]: r for r in store.records("places", filters={"id__in": place_ids})}
        if place_ids
        else {}
    )
    return actors, arts, places


def _first(actors: dict[str, Any], e: dict[str, Any], key: str) -> dict[str, Any]:
    for a in _sides(actors, e, key):
        return a
    return {}


def _sides(actors: dict[str, Any], e: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The actors on one side of an event, as its article describes them."""
    found = (actors.get(f"{e['article_id']}/{i}") for i in e.get(key) or [])
    return [dict(a) for a in found if a is not None]


CHUNK = 2000  # events per context look-up, so the look-ups stay bounded at any size


def gdelt_rows(store: Store, events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for chunk in batched(events, CHUNK):
        yield from _gdelt_chunk(store, chunk)


def _story_dated(store: Store, evs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The story dates of the undated events (:func:`story_dates`): an article with no
    publication date cannot date "on Thursday"; the story's record of the same event can."""
    from eventwire.corpus.canonical.view import story_dates

    return story_dates(store, [e["id"] for e in evs if not e.get("date_begin")])


def _gdelt_chunk(store: Store, evs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    actors, arts, places = _context(store, evs)
    from_story = _story_dated(store, evs)
    for e in evs:
        sd = from_story.get(e["id"])
        date = e.get("date_begin") or (sd["date_begin"] if sd else "")
        a1 = _first(actors, e, "source_actor_ids")
        a2 = _first(actors, e, "target_actor_ids")
        art = arts.get(e["article_id"], {})
        pl = places.get(e.get("place_id") or "", {})
        cameo = e.get("cameo") or ""
        c1 = e.get("source_country") or a1.get("country") or ""
        c2 = e.get("target_country") or a2.get("country") or ""
        yield {
            "GLOBALEVENTID": e["id"],
            "SQLDATE": (date or "").replace("-", "")[:8],
            "Actor1Code": c1 + (a1.get("role") or ""),
            "Actor1Name": a1.get("name", ""),
            "Actor1CountryCode": c1,
            "Actor1Type1Code": a1.get("role") or "",
            "Actor2Code": c2 + (a2.get("role") or ""),
            "Actor2Name": a2.get("name", ""),
            "Actor2CountryCode": c2,
            "Actor2Type1Code": a2.get("role") or "",
            "IsRootEvent": 1,
            "EventCode": cameo,
            "EventBaseCode": cameo[:3],
            "EventRootCode": cameo[:2],
            "QuadClass": quad_class(cameo) or "",
            "GoldsteinScale": goldstein(cameo) if goldstein(cameo) is not None else "",
            "ActionGeo_FullName": pl.get("name", ""),
            "ActionGeo_CountryCode": pl.get("country") or "",
            "ActionGeo_Lat": pl.get("lat") if pl.get("lat") is not None else "",
            "ActionGeo_Long": pl.get("lon") if pl.get("lon") is not None else "",
            "DATEADDED": (art.get("ingested_at") or "")[:10].replace("-", ""),
            "SOURCEURL": art.get("url") or art.get("source") or "",
            "PloverType": e.get("plover_type"),
            "Status": e.get("status"),
            "EndDate": e.get("date_end") or ((sd["date_end"] or "") if sd else ""),
            "DatePrecision": e.get("date_precision") or "",
            "DateInferred": sd["inferred"] if sd else "",
            "ArticleId": e["article_id"],
            "Start": e["start"],
            "End": e["end"],
        }


def _entity(a: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"code": a.get("country") or "---"}
    if a.get("role"):
        out["sector"] = a["role"]
    out["identifier_id"] = a.get("id")
    out["identifier_text"] = a.get("name")
    if a.get("office"):
        out["office"] = a["office"]
    if text:
        out["entity_text"] = text
    return out


def plover_rows(store: Store, events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for chunk in batched(events, CHUNK):
        yield from _plover_chunk(store, chunk)


def _plover_chunk(store: Store, evs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    actors, arts, places = _context(store, evs)
    from_story = _story_dated(store, evs)
    for e in evs:
        art = arts.get(e["article_id"], {})
        pl = places.get(e.get("place_id") or "", {})
        sd = from_story.get(e["id"])
        rec: dict[str, Any] = {
            "id": e["id"],
            "has_event": True,
            "date": e.get("date_begin") or (sd["date_begin"] if sd else None),
            "enddate": e.get("date_end") or (sd["date_end"] if sd else None),
            "actor": [_entity(a) for a in _sides(actors, e, "source_actor_ids")]
            or ([{"code": e["source_country"]}] if e.get("source_country") else []),
            "recipient": [_entity(a) for a in _sides(actors, e, "target_actor_ids")]
            or ([{"code": e["target_country"]}] if e.get("target_country") else []),
            "event": [e["plover_type"]],
            "mode": [e["plover_mode"]] if e.get("plover_mode") else [],
            "context": [],
            "event_text": [e["text"]],
            "quad_code": quad_class(e.get("cameo")),
            "event_scale": goldstein(e.get("cameo")),
            "text_info": {"start": e["sentence_start"], "end": e["sentence_end"]},
            "cite_info": {
                "citation": e["article_id"],
                "url": art.get("url"),
                "title": art.get("title"),
                "language": "en",
                "publication": art.get("outlet"),
                "coder": "eventwire",
                "codebook": "PLOVER 2.0 (draft)",
            },
            "coder": "eventwire",
            "comment": f"status={e.get('status')}; cameo={e.get('cameo')}",
        }
        if sd:
            rec["date_inferred"] = sd["inferred"]
        if pl:
            rec["event_loc"] = {
                "resolved_place": pl.get("name"),
                "extracted_place": pl.get("text"),
                "geonameid": pl.get("geonameid"),
                "lat": pl.get("lat"),
                "lon": pl.get("lon"),
                "country_code": pl.get("country"),
                "province": pl.get("admin1"),
            }
        yield rec
