"""Cleaning: a RawDoc becomes an Article whose stored text is covered by typed Segments.

The stored text keeps everything the input had (title, dateline, bylines, captions,
repeated paragraphs, stray fragments) so it can be shown; each block is labelled with a
kind from ``SEGMENT_KINDS`` and only ``body`` segments are analyzed as the article's own
claims. Segments are stripped of surrounding whitespace, ordered and disjoint, and every
non-whitespace character of the text lies in exactly one segment.

The publication date comes from metadata, else a date stamp or date line of the text, else
htmldate's extensive search of an HTML page, else inference from the text that answers only
on strong evidence (see :func:`publication_date`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
import unicodedata
from urllib.parse import urlsplit

from eventwire.ingest.dates import DATE_RE, MONTHS, iso_from_metadata, parse_date_text
from eventwire.ingest.language import detect_language
from eventwire.ingest.pubdate import is_stamp_line, stated_date, year_for
from eventwire.model import Article, RawDoc, Segment, make_id

__all__ = [
    "clean",
    "content_hash",
    "dedup_text",
    "normalize_for_hash",
    "split_blocks",
    "classify_blocks",
    "find_dateline",
    "Dateline",
    "KNOWN_OUTLETS",
]


def _known_outlets() -> dict[str, str]:
    """Agencies recognised in datelines (``resources/ingest/outlets.tsv``): lower-cased name ->
    the outlet name stored."""
    from importlib import resources

    text = (resources.files("eventwire.resources") / "ingest" / "outlets.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {name: outlet.strip() for name, outlet in rows}


KNOWN_OUTLETS = _known_outlets()

_TERMINAL = ".!?…\"”’)»:;"
_DASH = r"\s*(?:[-–—―]+|:|_(?=\s|$))\s*"
_OUTLET_P = r"\(\s*(?P<outlet>[A-Za-z][\w .&'’-]{0,40}?)\s*\)"
_PLACE_CAPS = r"(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})"
_PLACE_TITLE = r"(?P<place>[A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+){0,2})"
_STATE = r"(?:,\s*[A-Z][A-Za-z.]{1,12}\.?)?"
_DATE_G = r"(?P<date>" + DATE_RE + r")"
_PDATE = r"(?:,\s*" + _DATE_G + r")?"

# shapes tried in order; each is anchored at the start of a block
_DATELINE_RES = [
    # 7th December 2023 – (Beijing)   /   December 7, 2023 -   /   Dec 7, 2023 (Reuters) -
    re.compile(r"^" + _DATE_G + r"(?:" + _DASH + r")?\(\s*(?P<paren>[^()\n]{1,40}?)\s*\)(?:" + _DASH + r")?", re.I),
    re.compile(r"^" + _DATE_G + r"\s*(?:[-–—―]+|:)\s*", re.I),
    # BEIJING, Dec 7 (Reuters) -   /   WASHINGTON (AP) —   /   WASHINGTON —
    re.compile(r"^" + _PLACE_CAPS + _STATE + _PDATE + r"\s*(?:" + _OUTLET_P + r")?" + _DASH),
    re.compile(r"^" + _PLACE_CAPS + _STATE + _PDATE + r"\s*" + _OUTLET_P + r"\s*"),
    # Hanoi, Dec 7 (VNA) -   /   Hanoi (VNA) -
    re.compile(r"^" + _PLACE_TITLE + _STATE + _PDATE + r"\s*" + _OUTLET_P + r"(?:" + _DASH + r")?"),
    re.compile(r"^" + _PLACE_TITLE + _STATE + r",\s*" + _DATE_G + _DASH),
    # (Reuters) -
    re.compile(r"^" + _OUTLET_P + _DASH),
]
# a block that is only a date (with an optional label and time): "Published: May 2, 2013,
# 1:32 PM", "9:53 AM, MON 22 JUL 2013", "December 22nd, 2008 8:55 am EDT"
_TITLE_PLACE_RES = (4, 5)  # indexes of the title-case place shapes above
_STANDALONE_DATE = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date|dated|release[d]?)\s*(?:on|at)?\s*:?\s*)?"
    r"(?:\d{1,2}\s*[:.]\s*\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{2,4}\s*)?[,|-]?\s*)?"
    + _DATE_G,
    re.I,
)
_TIME_REST = re.compile(
    r"^[\s\d:.,|/()\-–—]*(?:(?:at|on|a\.?\s?m\.?|p\.?\s?m\.?|gmt|utc|bst|cet|cest|[ecmp][sd]t|ist|jst|hkt|sgt|"
    r"aest|ict|local time|updated|hrs|h)\b[\s\d:.,|/()\-–—+]*)*$",
    re.I,
)


def _standalone_date(block: str) -> str | None:
    m = _STANDALONE_DATE.match(block.strip())
    if m and _TIME_REST.match(block.strip()[m.end():]):
        return m.group("date")
    return None


_BYLINE_RES = [
    re.compile(
        r"^(?:[Bb]y|BY|[Ww]ritten by|[Ss]tory by|[Ww]ords by|[Tt]ext by|[Rr]eport by)\s+"
        r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|der|bin|al|la|le|di|da))*"
        r"(?:\s*(?:,|\||/|-|–|—|\bin\b|\bfor\b)\s*[^.!?]{0,80})?$"
    ),
    re.compile(r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compilation)\s+by\b.{0,300}$", re.I),
    re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*[,|/-]\s*(?:staff (?:writer|reporter)|correspondent|reporter|editor|contributor)\b.{0,60}$", re.I),
]
_CAPTION_STRONG = re.compile(
    r"photo(?:graph)?s?\s*(?:courtesy|credit|by)\b"
    r"|\b(?:photo|picture|image|pic|caption)\s*:\s*\S"
    r"|\(\s*(?:photo|picture|image|file photo|pic)\b"
    r"|\bfile (?:photo|picture|image)\b"
    r"|\b(?:Reuters|AP|AFP|EPA(?:-EFE)?|Getty Images|Xinhua|Bloomberg|Anadolu|SOPA Images|NurPhoto|Shutterstock|AAP|IANS|PTI|ANI|TASS|Yonhap|Kyodo)\s*/\s*[A-Z]"
    r"|\bvia (?:Getty Images|Reuters|AP|AFP)\b"
    r"|\b(?:AP|AFP|Reuters|Xinhua|EPA) (?:Photo|Images?)\b"
    r"|^\s*(?:photo|picture|image|caption)s?\s*(?:[:|/]|\s[-–—])",
    re.I,
)
_CAPTION_WEAK = re.compile(
    r"\((?:right|left|center|centre|L|R|C|front|back|top|bottom|(?:2nd|3rd|second|third) (?:L|R|left|right|from (?:left|right))|[LR] to [LR])\)"
    r"|\bpictured\b",
)
_PRESENT_VERB = re.compile(
    r"\b(?:shakes|attends|speaks|waves|looks on|poses|arrives|gestures|walks|meets|listens|"
    r"delivers|holds|greets|talks|addresses|reviews|visits|stands|sits|takes part|is seen|are seen|"
    r"inspects|signs|smiles|chats|leaves|enters|watches|prays|pose|wave|attend|march|gather)\b",
    re.I,
)
# a whole short block that is only this
_BOILERPLATE_SHORT = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|read more|read also|also read|"
    r"related(?: articles?| stories| coverage| news| content| topics)?|see also|share(?: this)?(?: article| story)?|"
    r"share on \w+|click here.*|subscribe(?: now| to .*)?|sign up.*|follow us.*|recommended(?: for you)?|"
    r"more from .*|most (?:read|popular|viewed)|trending(?: now)?|comments?|print|email|"
    r"(?:skip|jump) to (?:main )?content|back to top|watch|listen|next|previous|loading\.*)\W*$",
    re.I,
)
# a block starting with this (up to 40 words)
_BOILERPLATE = re.compile(
    r"^(?:our standards:|all rights reserved|copyright\b|©|\(c\) ?\d{4}|"
    r"this (?:article|story|report) (?:was|has been|first) (?:originally )?(?:published|appeared)|"
    r"(?:please )?(?:enable|turn on) javascript|we use cookies|"
    r"(?:click|tap) here to|sign up for (?:our|the)|subscribe to (?:our|the)|read more:|related:|see also:)",
    re.I,
)
_BOILERPLATE_ANY = re.compile(r"all rights reserved|©\s*\d{4}|\bcopyright \d{4}\b", re.I)


@dataclasses.dataclass(frozen=True)
class Dateline:
    end: int  # length of the dateline prefix within the block
    date: tuple[int | None, int, int] | None
    outlet: str | None
    place: str | None


def normalize_for_hash(text: str) -> str:
    """Lowercase, NFKC, whitespace collapsed: the text an exact-duplicate hash is over."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def content_hash(body: str) -> str:
    return hashlib.sha256(normalize_for_hash(body).encode("utf-8")).hexdigest()


def _dedup_join(title: str | None, body: str) -> str:
    return f"{title}\n{body}" if title else body


def dedup_text(article: Article) -> str:
    """What duplicate detection compares: the title and the body (the whole text when no
    block is body). Two feed items with the same boilerplate summary but different titles
    are different items; a syndicated copy under a new headline is still a near duplicate
    of a long story, since the title is a small part of it."""
    spans = article.body_spans() or [(0, len(article.text))]
    return _dedup_join(article.title, "\n".join(article.text[s:e] for s, e in spans))


def _outlet_name(tok: str) -> str | None:
    t = tok.strip()
    if t.lower() in KNOWN_OUTLETS:
        return KNOWN_OUTLETS[t.lower()]
    if re.fullmatch(r"[A-Z]{2,6}", t):
        return t  # an agency acronym such as (VNA) or (KUNA)
    return None


def find_dateline(block: str) -> Dateline | None:
    """The dateline at the start of a block ("BEIJING, Dec 7 (Reuters) -"), if any."""
    sd = _standalone_date(block)
    if sd is not None:
        return Dateline(len(block.rstrip()), parse_date_text(sd), None, None)
    for i, rx in enumerate(_DATELINE_RES):
        m = rx.match(block)
        if not m:
            continue
        g = m.groupdict()
        date = parse_date_text(g["date"]) if g.get("date") else None
        if g.get("date") and date is None:
            continue
        outlet = place = None
        if g.get("paren"):
            outlet = _outlet_name(g["paren"])
            if outlet is None:
                place = g["paren"].strip()
        if g.get("outlet"):
            tok = g["outlet"].strip()
            known = KNOWN_OUTLETS.get(tok.lower())
            if i in _TITLE_PLACE_RES or i == len(_DATELINE_RES) - 1:
                outlet = known  # "Hanoi (VNA) -" only with a known agency
            else:
                outlet = known or _outlet_name(tok)
            if outlet is None:
                continue
        if g.get("place"):
            place = g["place"].strip()
            if len(place.replace(".", "")) < 2:
                continue
        end = m.end()
        rest = block[end:]
        # the dateline must be followed by text (or end the block)
        if rest and not rest[0].isspace() and block[end - 1] not in "-–—―:)_ ":
            continue
        if rest.strip() and len(rest.strip()) < 3:
            continue
        return Dateline(len(block[:end].rstrip()), date, outlet, place)
    if is_stamp_line(block):  # "Posted: 04/9/2012 8:33 am", "Edited on Mon Dec-19-05 03:49 PM"
        return Dateline(len(block.rstrip()), None, None, None)
    return None


# ---------------------------------------------------------------- blocks


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = [ln.strip() for ln in lines[:-1]]
    if not all(35 <= len(ln) <= 110 for ln in body):
        return False
    unterminated = sum(1 for ln in body if ln[-1] not in _TERMINAL)
    return unterminated * 2 >= len(body)


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Character spans of the text's blocks (paragraphs, or lines where a paragraph is not
    hard-wrapped prose), each stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for pm in re.finditer(r"[^\n]+(?:\n[ \t\xa0]*[^\s][^\n]*)*", text):
        para = pm.group(0)
        lines = para.split("\n")
        if _hard_wrapped(lines):
            pieces = [(pm.start(), pm.end())]
        else:
            pieces = []
            pos = pm.start()
            for ln in lines:
                pieces.append((pos, pos + len(ln)))
                pos += len(ln) + 1
        for s, e in pieces:
            chunk = text[s:e]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            if e - trail > s + lead:
                spans.append((s + lead, e - trail))
    return spans


def _key(s: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", s).lower()))


def _words(s: str) -> list[str]:
    return re.findall(r"\w+(?:['’.-]\w+)*", s)


_NOT_TITLE_WORDS = set(MONTHS) | {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "gmt", "utc",
    "edt", "est", "pdt", "pst", "published", "updated", "posted",
}


def _title_like(block: str) -> bool:
    if "\n" in block or len(block) > 300:
        return False
    w = _words(block)
    if not (2 <= len(w) <= 30):
        return False
    if block.rstrip().endswith((".", ":", ";", ",")) and not block.rstrip().endswith(("...", "…")):
        return False
    content = [x for x in w if len(x) >= 3 and x.isalpha() and x.lower() not in _NOT_TITLE_WORDS]
    if len(content) < 2:
        return False
    if find_dateline(block) is not None or any(rx.match(block) for rx in _BYLINE_RES):
        return False
    return True


def _is_caption(block: str) -> bool:
    n = len(_words(block))
    if n <= 80 and _CAPTION_STRONG.search(block):
        return True
    if n <= 60 and _CAPTION_WEAK.search(block) and _PRESENT_VERB.search(block):
        return True
    return False


def _is_byline(block: str) -> bool:
    if len(block) > 400:
        return False
    return any(rx.match(block.strip()) for rx in _BYLINE_RES)


def _is_boilerplate(block: str) -> bool:
    b = block.strip()
    n = len(_words(b))
    if n <= 8 and _BOILERPLATE_SHORT.match(b):
        return True
    if n <= 40 and _BOILERPLATE.match(b):
        return True
    return n <= 40 and bool(_BOILERPLATE_ANY.search(b))


def _is_fragment(block: str) -> bool:
    w = _words(block)
    if len(w) <= 5 and block.rstrip()[-1:] not in _TERMINAL:
        return True
    return len(w) <= 1


DATE_SCAN_CHARS = 50_000  # publication-date search reads this much of the text
_REPEAT_JACCARD = 0.9
_MAX_CANDIDATES = 32  # per prefix word: bounds the work on pathological inputs


class _NearRepeats:
    """Word sets of earlier body paragraphs, answering "is this one at least 0.9 Jaccard-
    similar to one of them?" without comparing against all of them (which made cleaning
    quadratic in the number of paragraphs). Prefix filtering: with each set's words sorted
    rarest first (document frequency over the whole text), two sets with Jaccard >= t share
    a word among their first ``n - ceil(t * n) + 1``; only sets indexed under those words
    (the most recent ``_MAX_CANDIDATES`` per word) are compared."""

    def __init__(self, df: dict[str, int]) -> None:
        self.df = df
        self.index: dict[str, list[int]] = {}
        self.sets: list[frozenset[str]] = []

    def _prefix(self, ws: frozenset[str]) -> list[str]:
        n = len(ws)
        p = n - math.ceil(_REPEAT_JACCARD * n) + 1
        return sorted(ws, key=lambda w: (self.df.get(w, 0), w))[:p]

    def similar(self, ws: frozenset[str]) -> bool:
        n = len(ws)
        checked: set[int] = set()
        for w in self._prefix(ws):
            for i in reversed(self.index.get(w, ())):
                if i in checked:
                    continue
                checked.add(i)
                other = self.sets[i]
                if not (_REPEAT_JACCARD * n <= len(other) <= n / _REPEAT_JACCARD):
                    continue
                inter = len(ws & other)
                if inter / (n + len(other) - inter) >= _REPEAT_JACCARD:
                    return True
        return False

    def add(self, ws: frozenset[str]) -> None:
        i = len(self.sets)
        self.sets.append(ws)
        for w in self._prefix(ws):
            lst = self.index.setdefault(w, [])
            lst.append(i)
            if len(lst) > 2 * _MAX_CANDIDATES:
                del lst[:-_MAX_CANDIDATES]


def classify_blocks(
    text: str, spans: list[tuple[int, int]], *, title_span: tuple[int, int] | None = None
) -> tuple[list[tuple[int, int, str]], Dateline | None]:
    """Label each block; a dateline that prefixes a paragraph becomes its own segment.
    Returns (start, end, kind) triples and the first dateline found. Linear in the text's
    length (near-repeat paragraphs are found through an index, see :class:`_NearRepeats`)."""
    out: list[tuple[int, int, str]] = []
    seen: dict[str, int] = {}
    keys = [_key(text[s:e]) for s, e in spans]
    df: dict[str, int] = {}
    for k in keys:
        for w in set(k.split()):
            df[w] = df.get(w, 0) + 1
    near = _NearRepeats(df)
    has_title = False
    dateline: Dateline | None = None
    n_body = 0
    for idx, (s, e) in enumerate(spans):
        block = text[s:e]
        key = keys[idx]
        if title_span is not None and (s, e) == title_span:
            out.append((s, e, "title"))
            if key:
                seen.setdefault(key, idx)
            continue
        if (
            title_span is None
            and idx <= 1
            and not has_title
            and len(spans) > 1
            and (idx == 0 or (out and out[0][2] == "dateline" and out[0][1] == spans[0][1]))
            and _title_like(block)
        ):
            has_title = True
            out.append((s, e, "title"))
            if key:
                seen.setdefault(key, idx)
            continue
        # repeats: the same paragraph (or nearly) seen before
        if key and len(key) >= 12 and key in seen:
            out.append((s, e, "repeat"))
            continue
        wset = frozenset(key.split())
        if len(wset) >= 8 and near.similar(wset):
            out.append((s, e, "repeat"))
            continue
        if _is_boilerplate(block):
            out.append((s, e, "boilerplate"))
            continue
        if _is_byline(block):
            out.append((s, e, "byline"))
            continue
        if _is_caption(block):
            out.append((s, e, "caption"))
            if key:
                seen.setdefault(key, idx)
            continue
        if n_body < 3 and dateline is None:
            dl = find_dateline(block)
            if dl is not None:
                dateline = dl
                if dl.end >= len(block.rstrip()):
                    out.append((s, e, "dateline"))
                    continue
                out.append((s, s + dl.end, "dateline"))
                rest = text[s + dl.end : e]
                lead = len(rest) - len(rest.lstrip())
                s = s + dl.end + lead
                block = text[s:e]
                key = _key(block)
                wset = frozenset(key.split())
        if _is_fragment(block):
            out.append((s, e, "fragment"))
            continue
        out.append((s, e, "body"))
        n_body += 1
        if key:
            seen.setdefault(key, idx)
            if len(wset) >= 8:
                near.add(wset)
    return out, dateline


# ---------------------------------------------------------------- dates and outlet


def _infer_from_text(text: str) -> tuple[str, float, str] | None:
    try:
        from eventwire.ingest.pubdate_infer import infer_publication_date
    except ImportError:  # the analysis extras (the temporal tagger) are not installed
        return None
    res = infer_publication_date(text)
    if not res or not res[0]:
        return None
    iso = iso_from_metadata(res[0])
    return (iso, float(res[1]), str(res[2])) if iso else None


def publication_date(
    raw: RawDoc, text: str, triples: list[tuple[int, int, str]], dl: Dateline | None
) -> tuple[str | None, str, float]:
    """(ISO date or None, method, confidence) of an article, from the first source that has
    one: page metadata; a date stamp or date line of the text (published wins over updated,
    :func:`eventwire.ingest.pubdate.stated_date`); a date line's date without a year when the
    page states the year nearby; htmldate's extensive search of the page (HTML inputs,
    ``raw.meta["html_date"]``); inference from the text's own temporal expressions, which
    answers only on strong evidence. Else (None, "unknown", 0.0): no date is guessed."""
    meta_date = iso_from_metadata(raw.published) if raw.published else None
    if meta_date:
        return meta_date, "metadata", 0.95
    text = text[:DATE_SCAN_CHARS]  # a publication date is stated near the top
    st = stated_date(text, raw.url)
    if st is not None:
        return st.date, "dateline", st.confidence
    # the article's own text: captions and repeats can carry other dates
    own = "\n\n".join(
        text[s:e] for s, e, k in triples if k in ("title", "dateline", "body") and s < len(text)
    )
    if dl is not None and dl.date is not None:
        y, m, d = dl.date
        if y is None:
            y = year_for(m, d, own)
            if y is not None:
                return f"{y:04d}-{m:02d}-{d:02d}", "dateline", 0.75
        else:
            return f"{y:04d}-{m:02d}-{d:02d}", "dateline", 0.9
    html_date = iso_from_metadata(raw.meta.get("html_date")) if raw.meta else None
    if html_date:
        return html_date, "html-search", 0.65
    inferred = _infer_from_text(own or text)
    if inferred:
        return inferred[0], "inferred-from-text", inferred[1]
    return None, "unknown", 0.0


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(?:www\d?|m|amp|mobile)\.", "", host.lower())
    return host or None


def _clean_title(title: str, outlet: str | None) -> str:
    t = " ".join(title.split())
    if outlet:
        for sep in (" | ", " - ", " – ", " — ", " :: "):
            suffix = sep + outlet
            if t.lower().endswith(suffix.lower()) and len(t) > len(suffix) + 5:
                t = t[: -len(suffix)].rstrip()
    return t


# ---------------------------------------------------------------- clean


def clean(raw: RawDoc) -> Article:
    """Build the stored text, its segments, content hash, date and outlet of a RawDoc."""
    body_in = raw.text.replace("\r\n", "\n").replace("\r", "\n").strip()
    title_in = _clean_title(raw.title, raw.outlet) if raw.title and raw.title.strip() else None
    title_span: tuple[int, int] | None = None
    if title_in:
        first = body_in.split("\n", 1)[0]
        if _key(first) == _key(title_in):
            text = body_in
            title_span = (0, len(first.rstrip()))
        else:
            text = title_in + "\n\n" + body_in
            title_span = (0, len(title_in))
    else:
        text = body_in
    spans = split_blocks(text)
    if title_span is not None and spans and spans[0] != title_span:
        title_span = spans[0] if spans[0][0] == 0 else None
    triples, dl = classify_blocks(text, spans, title_span=title_span)

    title = title_in
    if title is None:
        t = next((text[s:e] for s, e, k in triples if k == "title"), None)
        title = " ".join(t.split()) if t else None

    # ids and the content hash are over the title and the body (see dedup_text)
    body_parts = [text[s:e] for s, e, k in triples if k == "body"]
    body = "\n".join(body_parts) if body_parts else text
    chash = content_hash(_dedup_join(title, body))
    aid = make_id("article", chash)
    segments = tuple(
        Segment(make_id("segment", aid, s, e, k), aid, s, e, text[s:e], k) for s, e, k in triples
    )

    published, method, conf = publication_date(raw, text, triples, dl)
    own = "\n".join(text[s:e] for s, e, k in triples if k in ("title", "body")) or text
    language, lang_conf = detect_language(own)

    outlet = raw.outlet or (dl.outlet if dl is not None else None) or _domain(raw.url)
    return Article(
        id=aid,
        text=text,
        source=raw.source,
        fmt=raw.fmt,
        title=title,
        outlet=outlet,
        url=raw.url,
        published=published,
        date_method=method,
        date_confidence=conf,
        content_hash=chash,
        segments=segments,
        language=language,
        language_confidence=lang_conf,
    )
