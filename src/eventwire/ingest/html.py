"""HTML to article text and metadata with trafilatura (main text) and htmldate (date)."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

__all__ = ["HtmlExtract", "extract_html", "html_fragment_text", "looks_like_html"]

_TAG = re.compile(r"<\s*(p|div|br|html|body|span|a|b|i|em|strong|img|h[1-6]|ul|li|table)\b", re.I)


@dataclasses.dataclass(frozen=True)
class HtmlExtract:
    text: str
    title: str | None
    sitename: str | None
    date: str | None
    url: str | None
    author: str | None
    # htmldate's extensive search (page text, URL, free-form dates) when metadata has no
    # date; kept apart from ``date`` because it is a search, not metadata
    searched_date: str | None = None


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text[:5000]))


def _date_params() -> dict[str, Any]:
    # metadata only (no guessing from the running text): "metadata" must mean metadata
    return {"extensive_search": False, "original_date": True}


def extract_html(html: str, url: str | None = None) -> HtmlExtract | None:
    """Main text, title, site name and publication date of a page; None if no text."""
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_date_params(),
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text.split()) < 3:
        text = ""
    if not text:
        # trafilatura refuses very short pages; fall back to the recall-oriented setting
        doc2: Any = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_recall=True, include_comments=False,
            date_extraction_params=_date_params(),
        )
        t2 = (getattr(doc2, "text", None) or "").strip() if doc2 is not None else ""
        # the recall setting also returns menus: keep it only if it has a real sentence
        if any(len(line.split()) >= 8 for line in t2.split("\n")):
            doc, text = doc2, t2
    if not text:
        return None
    date = getattr(doc, "date", None)
    searched = None
    if not date:
        try:
            from htmldate import find_date

            date = find_date(html, url=url, extensive_search=False, original_date=True)
            if not date:
                searched = find_date(html, url=url, extensive_search=True, original_date=True)
        except Exception:
            date = None
    return HtmlExtract(
        text=text,
        title=(getattr(doc, "title", None) or None),
        sitename=(getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None),
        date=date or None,
        url=(getattr(doc, "url", None) or url),
        author=getattr(doc, "author", None) or None,
        searched_date=searched or None,
    )


def html_fragment_text(fragment: str) -> str:
    """Text of an HTML snippet (feed entry content): trafilatura if it finds an article,
    else lxml's text with one paragraph per block element."""
    import trafilatura
    from lxml.etree import LxmlError

    try:
        text = trafilatura.extract(fragment, include_comments=False, favor_recall=True)
    except (LxmlError, ValueError):  # a fragment lxml cannot parse: plain text below
        text = None
    if text and len(text) >= 0.5 * len(_plain(fragment)):
        return text.strip()
    return _plain(fragment)


_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def _plain(fragment: str) -> str:
    import lxml.html
    from lxml.etree import LxmlError

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (LxmlError, ValueError):  # ParserError on an empty document, ValueError on NULs
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()
