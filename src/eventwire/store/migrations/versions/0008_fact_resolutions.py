"""Facts of undated articles resolved against their story's date: the relative date
expression of a fact (``facts.relative_start``/``relative_end``) and the story-derived
resolutions with their provenance (``fact_resolutions``).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as b:
        b.add_column(sa.Column("relative_start", sa.Integer()))
        b.add_column(sa.Column("relative_end", sa.Integer()))
    op.create_table(
        "fact_resolutions",
        sa.Column(
            "fact_id",
            sa.String(32),
            sa.ForeignKey("facts.id", ondelete="CASCADE", name="fk_fact_resolutions_fact"),
            primary_key=True,
        ),
        sa.Column("story_id", sa.String(64), nullable=False),
        sa.Column("value", sa.JSON()),
        sa.Column("as_of", sa.String(32)),
        sa.Column("period_begin", sa.String(32)),
        sa.Column("period_end", sa.String(32)),
        sa.Column("anchor_date", sa.String(32), nullable=False),
        sa.Column("inferred", sa.Text(), nullable=False),
    )
    op.create_index("ix_fact_resolutions_story_id", "fact_resolutions", ["story_id"])


def downgrade() -> None:
    op.drop_table("fact_resolutions")
    with op.batch_alter_table("facts") as b:
        b.drop_column("relative_end")
        b.drop_column("relative_start")
