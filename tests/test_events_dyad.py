"""Source and target countries of coded events (issue 10, the dyad part)."""

from __future__ import annotations

from eventwire.analyze.events import code_texts
from eventwire.model import AnalyzedDoc, Article, Entity, Place


def _events(text: str) -> list:  # type: ignore[type-arg]
    return code_texts([text])[0]


def _doc(*places: tuple[str, str, bool]) -> AnalyzedDoc:
    """A doc with place mentions (name, country, inside a GPE entity?) one character apart."""
    art = Article(id="a", text="x" * 100, source="s", fmt="text")
    ps = tuple(Place(id=f"p{i}", article_id="a", start=i * 10, end=i * 10 + 5, text=n, name=n, country=c)
               for i, (n, c, _) in enumerate(places))
    ents = tuple(Entity(id=f"e{i}", article_id="a", start=i * 10, end=i * 10 + 5, text=n, label="GPE")
                 for i, (n, _, ent) in enumerate(places) if ent)
    return AnalyzedDoc(article=art, places=ps, entities=ents)


def test_countries_resolve_country_abbreviation_needs_capitals() -> None:
    from eventwire.analyze.countries import resolve_country

    assert resolve_country("who") is None  # the relative pronoun, not the WHO
    assert resolve_country("WHO") == "IGO"
    assert resolve_country("the U.S.") == "USA"
    assert resolve_country("us") is None


def test_events_actors_country_in_words_needs_a_written_name() -> None:
    from eventwire.analyze.events_actors import country_in_words, phrase_country

    assert country_in_words(["Two", "male", "gang", "members"]) is None  # "male" is no Malé
    assert country_in_words(["Male"]) == "MDV"
    assert phrase_country("who")[0] is None
    assert phrase_country("the US")[0] == "USA"


def test_events_home_place_outside_a_place_entity_is_no_evidence() -> None:
    from eventwire.analyze.events_home import document_country

    # "Man" in a headline: a gazetteer town (Côte d'Ivoire) the NER does not call a place
    assert document_country(_doc(("Man", "CIV", False))) is None
    assert document_country(_doc(("Man", "CIV", False), ("Cumbria", "GBR", True))) == "GBR"


def test_events_home_subdivision_name_takes_the_articles_country() -> None:
    from eventwire.analyze.events_home import document_country, place_countries

    doc = _doc(("Georgia", "GEO", True), ("Georgia", "GEO", True), ("Atlanta", "USA", True))
    assert [c for _, c, _ in place_countries(doc)] == ["USA", "USA", "USA"]
    assert document_country(doc) == "USA"  # before: GEO 2, USA 1
    # with no other place in the article, Georgia stays the country
    assert document_country(_doc(("Georgia", "GEO", True), ("Tbilisi", "GEO", True))) == "GEO"


def test_events_home_subdivision_country_replaces_the_named_country() -> None:
    evs = _events("Police in Atlanta, Georgia arrested a court officer on Friday.")
    assert evs and all(e.source_country == "USA" for e in evs), [(e.source_country, e.target_country) for e in evs]


def test_events_dyad_adjective_is_no_actor() -> None:
    evs = _events("Three men were detained after the fatal shooting of a police officer in Ohio.")
    assault = [e for e in evs if e.plover_type == "ASSAULT"]
    assert assault, evs
    for e in assault:
        assert e.attrs["source_text"] != "fatal", e
        assert (e.source_country, e.target_country) == ("USA", "USA"), e


def test_events_dyad_non_actor_rules() -> None:
    from eventwire.analyze.events_dyad import is_non_actor
    from eventwire.analyze.events_graph import TokenGraph

    doc = _parsed("A double murder shocked the town, and police said the shooting was planned.")
    g = TokenGraph(doc.tokens)
    words = {t.text: i for i, t in enumerate(doc.tokens)}
    assert is_non_actor(g, words["double"])
    assert is_non_actor(g, words["shooting"])
    assert not is_non_actor(g, words["police"])
    assert not is_non_actor(g, words["town"])


def test_events_home_implicit_participant_takes_the_article_country() -> None:
    # the realnews protocol codes the unnamed attacker by the country the text makes evident
    evs = [e for e in _events("A man was shot dead in Denver on Sunday.") if e.plover_type == "ASSAULT"]
    assert evs and all((e.source_country, e.target_country) == ("USA", "USA") for e in evs), evs


def test_events_home_model_is_shipped_as_json() -> None:
    from eventwire.analyze.events_home import home_model

    m = home_model()
    assert 0.0 < m.threshold < 1.0 and m.weights and "examples" in m.meta
    assert m.meta["script"] == "eval/train_events_home.py"


def test_events_home_side_features_describe_the_side_and_the_lead() -> None:
    from eventwire.analyze.events_graph import CodedEvent, TokenGraph
    from eventwire.analyze.events_home import ArticleEvidence, side_features

    doc = _parsed("Youths hurled petrol bombs at stores.")
    g = TokenGraph(doc.tokens)
    ev = CodedEvent(trigger=1, cameo="145", plover_type="PROTEST", plover_mode=None, source_tok=0, target_tok=5)
    evidence = ArticleEvidence(places=((100, "GRC", "GRC"), (200, "GRC", "GRC"), (300, "TUR", "TUR")),
                               ranked=(("GRC", 2), ("TUR", 1)), home="GRC")
    lead, feats = side_features(g, ev, "source", None, evidence, (0, 40))
    assert lead == "GRC"
    assert feats["src|kind=noun"] == feats["src|plural=True"] == feats["clear_lead"] == 1.0
    assert "sentence_places=none" in feats and "lead_n=2" in feats and "countries=2" in feats
    implicit = CodedEvent(trigger=1, cameo="173", plover_type="COERCE", plover_mode=None, target_tok=0)
    _, feats = side_features(g, implicit, "source", None, evidence, (0, 40))
    assert "src|kind=none" in feats and "src|implicit|authority=True" in feats
    assert side_features(g, ev, "source", None, ArticleEvidence((), (), None), (0, 40)) == (None, {})


def test_events_home_common_noun_actor_takes_the_article_country() -> None:
    # the rule before the model gave no article country to a common-noun source ("youths");
    # by CV on the train documents the learned decision gives it (the protocol codes them so)
    evs = [e for e in _events("Hooded youths hurled petrol bombs at stores in the center of Athens.")
           if e.plover_type == "PROTEST"]
    assert evs and all(e.source_country == "GRC" for e in evs), evs


def _parsed(text: str) -> AnalyzedDoc:
    from eventwire.analyze.pipeline import default_pipeline

    art = Article(id="t", text=text, source="s", fmt="text")
    return default_pipeline().upto(["nlp"])([art])[0]


def _candidates(text: str) -> list:  # type: ignore[type-arg]
    """The coder's candidate events of ``text`` (before the event-ness model), fully analysed."""
    from eventwire.analyze.events import candidate_events
    from eventwire.analyze.pipeline import default_pipeline

    art = Article(id=text[:8], text=text, source="s", fmt="text", published="2024-05-10",
                  date_method="metadata")
    return [e for e, _ in candidate_events(default_pipeline(n_process=1)([art])[0])]


def test_events_dyad_natural_hazard_as_doer_is_no_event() -> None:
    # sentences written for this test: a hazard or an accident does nothing PLOVER codes, so
    # no event (and no invented attacker country); what people do about it still is a candidate
    for text in ("The storm killed 12 people in Florida on Sunday.",
                 "Floodwaters killed 40 people across the Indian state of Assam.",
                 "A strong earthquake struck southern Peru early on Friday."):
        assert _candidates(text) == [], text
        assert _events(text) == [], text
    kept = _candidates("Israeli forces killed three gunmen in Jenin on Sunday.")
    assert any(e.plover_type == "ASSAULT" and e.source_country == "ISR" for e in kept)


def test_events_dyad_hazard_parsed_as_reduced_relative_is_no_event() -> None:
    # sentences written for this test: the parser hangs "killed" on "rains" as a reduced
    # relative ("rains [that were] killed ..."), leaving no subject; a verb with a direct object
    # of its own is active, so the noun is its doer, and a hazard is no actor
    text = "Heavy rains killed at least 20 people in southern Brazil."
    assert _candidates(text) == [], text
    kept = _candidates("Armed bandits killed 12 farmers in Zamfara state on Sunday.")
    assert any(e.plover_type == "ASSAULT" and e.target_country == "NGA" for e in kept)


def test_events_dyad_road_vehicle_as_doer_is_a_transport_accident() -> None:
    # sentences written for this test: a road or rail vehicle as the doer stands for a transport
    # accident (EM-DAT), no candidate at all; a patrol boat (ships are left out) still acts
    for text in ("A pickup truck struck a cyclist on the coast road near Whitby on Sunday.",
                 "A tram struck two pedestrians outside the main station in Gdansk."):
        assert _candidates(text) == [], text
    kept = _candidates("A Philippine patrol boat fired warning shots at a Chinese trawler on Sunday.")
    assert any(e.plover_type == "ASSAULT" for e in kept)


def test_events_dyad_road_accident_is_no_assault_but_its_consequences_are_events() -> None:
    # sentences written for this test (realnews protocol, judgement call 9: non-intentional
    # killings, drunk-driving hit-and-runs among them, are not ASSAULT; the charge is coded)
    for text in ("A drunk motorist hit and killed a teenager crossing Elm Avenue late on Saturday.",
                 "An elderly man died after being struck by a van near the harbour in Cork.",
                 # driving through a red light is no ramming; soldiers killed in a crash are no targets
                 "The motorist drove through a red light and struck a cyclist on Route 4.",
                 "Twelve soldiers were killed when their transport helicopter crashed in fog."):
        assert not any(e.plover_type == "ASSAULT" for e in _candidates(text)), text
    charged = _candidates("A motorist who ran over a pedestrian in Leeds was charged with "
                          "causing death by dangerous driving, and she struck two more cars.")
    assert [e.plover_type for e in charged if e.plover_type in ("ACCUSE", "ASSAULT")] == ["ACCUSE"]
    # intent, a weapon or a doer who is no driver keeps the attack
    for text in ("A man deliberately rammed his car into a crowd of protesters, killing one woman.",
                 "A car bomb killed 12 people in the market on Sunday.",
                 "Gunmen in a pickup truck killed three policemen at a checkpoint.",
                 # a vehicle named in the sentence is not enough: no driver, crash or pedestrian
                 "Police said the suspect's car was seen near the clinic in the weeks before the doctor was killed.",
                 # a vehicle used as a weapon: driven into people, or struck with
                 "The man drove a van into pedestrians on the bridge, killing four people.",
                 "The driver struck three soldiers with his car at a junction near the border, the army said."):
        assert any(e.plover_type == "ASSAULT" for e in _candidates(text)), text


def test_events_dyad_figure_as_target_gives_way_to_its_recipient() -> None:
    # sentences written for this test: a sum is no actor; the country its phrase gives it to is
    # the target (before, the figure was dropped and the target country with it), and a dative
    # "to" is no target itself: its object is
    evs = [e for e in _candidates("Norway will provide $200 million in grants to Ethiopia next year.") if e.plover_type == "AID"]
    assert evs and evs[0].source_country == "NOR" and evs[0].target_country == "ETH"
    assert evs[0].attrs["target_text"] == "Ethiopia"  # not the dative "to"
    evs = [e for e in _candidates("Kuwait will provide $50 million in loans to Jordan this year.") if e.plover_type == "AID"]
    assert evs and evs[0].target_country == "JOR" and evs[0].attrs["target_text"] == "Jordan"
    # a figure with no recipient in its phrase is still dropped, with no invented target
    evs = [e for e in _candidates("Customs officers seized 300 kilograms of heroin at the port of Karachi.")
           if e.plover_type == "COERCE"]
    assert evs and all(e.attrs["target_text"] is None for e in evs)
    # a "for" inside a clause on the figure names no recipient of it
    evs = [e for e in _candidates("Police arrested 12 of the activists working for Amnesty International.")
           if e.plover_type == "COERCE"]
    assert evs and all(e.attrs["target_text"] != "Amnesty International" for e in evs)
