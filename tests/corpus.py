"""A synthetic news corpus for runner tests that must not depend on ../shared: short
articles assembled from sentence templates with seeded random fillers (countries, cities,
weekdays, numbers), so every article is distinct and far from a near-duplicate."""

from __future__ import annotations

import random
from pathlib import Path

_PLACES = [
    ("Kenya", "Nairobi", "Kenyan"), ("Uganda", "Kampala", "Ugandan"),
    ("Vietnam", "Hanoi", "Vietnamese"), ("China", "Beijing", "Chinese"),
    ("France", "Paris", "French"), ("Germany", "Berlin", "German"),
    ("Brazil", "Brasilia", "Brazilian"), ("Argentina", "Buenos Aires", "Argentine"),
    ("Japan", "Tokyo", "Japanese"), ("India", "New Delhi", "Indian"),
    ("Egypt", "Cairo", "Egyptian"), ("Turkey", "Ankara", "Turkish"),
    ("Poland", "Warsaw", "Polish"), ("Mexico", "Mexico City", "Mexican"),
    ("Nigeria", "Abuja", "Nigerian"), ("Indonesia", "Jakarta", "Indonesian"),
]
_TOPICS = [
    "rice exports", "border security", "a new railway line", "fishing rights",
    "electricity prices", "vaccine supplies", "port construction", "student visas",
    "water sharing", "steel tariffs", "a refugee agreement", "satellite launches",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]
_OFFICES = ["foreign minister", "prime minister", "trade minister", "defence minister", "president"]

_TEMPLATES = [
    "The {o1} of {c1} met the {o2} of {c2} in {city2} on {day} to discuss {t1}.",
    "The two governments signed {n} agreements on {t1} and {t2}, officials said.",
    "Officials in {city1} said talks on {t2} would resume in {month} {year}.",
    "{c2} criticized {c1} over {t2} in a statement released on {day}.",
    "Trade between {c1} and {c2} reached {n} billion dollars in {year}, up {p} percent.",
    "Hundreds of protesters gathered outside the {adj1} embassy in {city2} on {day}.",
    "The {adj2} {o2} is expected to visit {city1} in {month} to sign a deal on {t1}.",
    "Police in {city1} arrested {n} people after clashes near the parliament on {day}.",
    "{c1} will send {n} engineers to {c2} to help with {t2}, the ministry said.",
    "Analysts in {city2} said the dispute over {t1} could last until {month} {year}.",
    "The {adj1} central bank raised interest rates by {p} points on {day}.",
    "A court in {city2} fined a {adj1} company {n} million dollars over {t2}.",
]


def synthetic_articles(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (title, text) pairs, each a distinct article of 7 template sentences."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        (c1, city1, adj1), (c2, city2, adj2) = rng.sample(_PLACES, 2)
        sents = []
        for tpl in rng.sample(_TEMPLATES, 7):
            t1, t2 = rng.sample(_TOPICS, 2)
            o1, o2 = rng.sample(_OFFICES, 2)
            sents.append(tpl.format(
                c1=c1, c2=c2, city1=city1, city2=city2, adj1=adj1, adj2=adj2, t1=t1, t2=t2,
                o1=o1, o2=o2, day=rng.choice(_DAYS), month=rng.choice(_MONTHS),
                year=rng.randint(2015, 2024), n=rng.randint(2, 900), p=rng.randint(1, 40),
            ))
        title = f"{c1} and {c2} at odds over {rng.choice(_TOPICS)} (report {i + 1})"
        paras = [" ".join(sents[:2]), " ".join(sents[2:4]), " ".join(sents[4:])]
        out.append((title, "\n\n".join(paras)))
    return out


def write_corpus(folder: Path, n: int, *, suffix: str = ".txt", seed: int = 7) -> list[Path]:
    """Write ``n`` synthetic articles as text files (title line, blank line, body)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (title, text) in enumerate(synthetic_articles(n, seed)):
        p = folder / f"{i:03d}{suffix}"
        p.write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        paths.append(p)
    return paths
