"""Article language: detection at ingest, storage, display, and no analysis of unsupported
languages. The non-English paragraphs are news-like texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import api
from eventwire.analyze.nlp import make_stage as nlp_stage
from eventwire.analyze.pipeline import Pipeline
from eventwire.cli import app
from eventwire.ingest.clean import clean
from eventwire.ingest.language import detect_language, is_supported
from eventwire.model import Article, RawDoc
from eventwire.store import open_store

DE = (
    "Bundesregierung beschließt neues Entlastungspaket\n\n"
    "Die Bundesregierung hat am Mittwoch in Berlin ein weiteres Entlastungspaket gegen die hohen "
    "Energiepreise beschlossen. Der Kanzler sagte nach der Kabinettssitzung, die Hilfen sollten "
    "vor allem Familien mit kleinen Einkommen erreichen. Die Opposition kritisierte die Pläne als "
    "zu spät und zu gering."
)
FR = (
    "Le gouvernement annonce un plan pour les agriculteurs\n\n"
    "Le Premier ministre a présenté mercredi à Paris un plan de soutien aux agriculteurs, après "
    "trois semaines de manifestations et de blocages routiers dans tout le pays. Les syndicats ont "
    "salué des avancées mais appellent à maintenir la mobilisation jusqu'au vote de la loi."
)
ES = (
    "El Gobierno y los sindicatos pactan la subida del salario mínimo\n\n"
    "El Gobierno alcanzó el martes en Madrid un acuerdo con los sindicatos para subir el salario "
    "mínimo un cinco por ciento, tras varios meses de negociaciones. La patronal se desmarcó del "
    "pacto y advirtió de que la medida puede frenar la creación de empleo."
)
EN = (
    "Police arrest two men after bank robbery\n\n"
    "Police arrested two men on Tuesday after an armed robbery at a bank in the city centre, "
    "officials said. The suspects were taken into custody near the station and will appear in "
    "court later this week, a police spokesman told reporters."
)
# mixed: an English story quoting German, and a German story with English names and a quote
EN_WITH_GERMAN_QUOTE = EN + (
    ' The bank\'s manager, speaking in German, said: "Wir sind froh, dass niemand verletzt wurde."'
)
DE_WITH_ENGLISH = DE + ' Der Minister zitierte den Economist: "Germany is back."'


@pytest.mark.parametrize(
    "text, lang",
    [(DE, "de"), (FR, "fr"), (ES, "es"), (EN, "en"), (EN_WITH_GERMAN_QUOTE, "en"), (DE_WITH_ENGLISH, "de")],
)
def test_language_detect_news_paragraphs(text: str, lang: str) -> None:
    got, conf = detect_language(text)
    assert got == lang and conf >= 0.9, (got, conf)


def test_language_short_and_empty_texts() -> None:
    assert detect_language("Troops left.")[0] == "en"  # low confidence, English still first
    # unsure on short texts: chosen among news languages, not Nigerian Pidgin or Kikuyu
    assert detect_language("Kenya and Uganda held talks number 2 in Nairobi.")[0] == "en"
    assert detect_language("Merkel trifft Macron in Berlin")[0] == "de"
    assert detect_language("Le président est arrivé à Paris.")[0] == "fr"
    assert detect_language("1234 5678 —") == ("und", 0.0)
    assert is_supported("en") and is_supported(None)
    assert not is_supported("de") and not is_supported("und")


def test_language_set_at_ingest_on_own_text() -> None:
    a = clean(RawDoc(source="de", text=DE))
    assert a.language == "de" and (a.language_confidence or 0) >= 0.9
    b = clean(RawDoc(source="en", text=EN))
    assert b.language == "en"


def test_language_unsupported_articles_not_analyzed(tmp_path: Path) -> None:
    for name, text in (("de.txt", DE), ("fr.txt", FR), ("es.txt", ES), ("en.txt", EN)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = open_store(f"sqlite:///{tmp_path / 'l.db'}")
    res = api.run(store, [str(tmp_path / "*.txt")], pipeline=Pipeline([nlp_stage(parse=False)]))
    assert res.ingest.new_articles == 4 and res.analyze.analyzed == 4
    arts = {Path(a["source"]).name: a for a in store.records("articles")}
    assert {k: a["language"] for k, a in arts.items()} == {"de.txt": "de", "fr.txt": "fr", "es.txt": "es", "en.txt": "en"}
    for name in ("de.txt", "fr.txt", "es.txt"):
        aid = arts[name]["id"]
        assert list(store.records("sentences", article_id=aid)) == []
        assert list(store.records("entities", article_id=aid)) == []
    assert list(store.records("sentences", article_id=arts["en.txt"]["id"]))
    problems = {Path(p["source"]).name: p for p in store.records("problems")}
    assert set(problems) == {"de.txt", "fr.txt", "es.txt"}
    assert all(p["code"] == "W111" for p in problems.values())
    assert "'de'" in problems["de.txt"]["reason"]
    # the language round-trips through the store and is exported
    got = store.get_article(arts["de.txt"]["id"])
    assert isinstance(got, Article) and got.language == "de"
    store.close()
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'l.db'}"
    out = runner.invoke(app, ["show", arts["de.txt"]["id"], "--db", db])
    assert out.exit_code == 0 and "language: de (" in out.stdout and "not analyzed" in out.stdout
    exp = runner.invoke(app, ["export", "articles", "--format", "jsonl", "--db", db])
    rows = [json.loads(x) for x in exp.stdout.splitlines() if x.strip()]
    assert {r["language"] for r in rows} == {"de", "fr", "es", "en"}
    errs = runner.invoke(app, ["errors", "--db", db])
    assert "W111" in errs.stdout


def test_language_pipeline_keeps_order_and_skips_unsupported() -> None:
    arts = [clean(RawDoc(source=n, text=t)) for n, t in (("de", DE), ("en", EN), ("fr", FR))]
    docs = Pipeline([nlp_stage(parse=False)])(arts)
    assert [d.article.source for d in docs] == ["de", "en", "fr"]
    assert [bool(d.sentences) for d in docs] == [False, True, False]


def test_language_model_loads_and_detects_without_network() -> None:
    """The detector's model ships in the package: loading and detecting work with every
    socket refused (a fresh process, so nothing is cached)."""
    import subprocess
    import sys

    code = (
        "import socket\n"
        "class NoNetwork(socket.socket):\n"
        "    def connect(self, *a, **k):\n"
        "        raise OSError('network disabled for this test')\n"
        "    connect_ex = connect\n"
        "socket.socket = NoNetwork\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network disabled for this test')\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from eventwire.ingest.language import detect_language\n"
        "print(detect_language('Le gouvernement a annoncé un nouveau plan pour les agriculteurs.')[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "fr"
