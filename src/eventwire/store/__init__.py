"""The store: one interface, SQLite (default, embedded) and PostgreSQL backends."""

from eventwire.store.sql import RECORD_KINDS, Store, default_url, open_store

__all__ = ["Store", "open_store", "default_url", "RECORD_KINDS"]
