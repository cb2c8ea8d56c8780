"""Claims: leases that let several writers share one store (articles to analyze, the
corpus stages).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("lease_until", sa.Float(), nullable=False),
        sa.Column("claimed_at", sa.Float(), nullable=False),
    )
    op.create_index("ix_claims_owner", "claims", ["owner"])


def downgrade() -> None:
    op.drop_table("claims")
