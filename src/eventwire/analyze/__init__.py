"""Per-article analysis: a pipeline of pure, picklable stages."""

from eventwire.analyze.pipeline import Pipeline, Stage, default_pipeline

__all__ = ["Pipeline", "Stage", "default_pipeline"]
