"""Canonical events: one record per real event, reconciled from its mentions."""
