"""Facts and cross-source reconciliation.

Per article, ``extract_statements`` finds fact statements (figures with units and periods,
dates and times, places, relations and offices), each with its evidence span, attribution
and hedging; per story, ``reconcile`` groups statements of the same fact and labels each
group agree / complement / conflict / update / single-source. ``facts_command`` is the
``eventwire facts`` standalone command.
"""

from eventwire.corpus.facts.command import (
    extract_statements,
    fact_doc_of,
    fact_docs,
    facts_command,
    story_facts,
)
from eventwire.corpus.facts.numbers import Quantity, find_quantities
from eventwire.corpus.facts.reconcile import compare, group_label, reconcile
from eventwire.corpus.facts.records import LABELS, Group, Statement

__all__ = [
    "LABELS",
    "Group",
    "Quantity",
    "Statement",
    "compare",
    "extract_statements",
    "fact_doc_of",
    "fact_docs",
    "facts_command",
    "find_quantities",
    "group_label",
    "reconcile",
    "story_facts",
]
