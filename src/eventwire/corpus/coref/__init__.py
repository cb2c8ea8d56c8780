"""Cross-document event coreference over event mentions."""
