"""An index on ``story_articles.article_id``: the stories and facts corpus stages look up
the stories of a batch's articles by article id, and the primary key (story_id, article_id)
only serves lookups by story; without it each batch scanned the whole table.

Revision ID: 0013
Revises: 0012
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_story_articles_article_id", "story_articles", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_story_articles_article_id", table_name="story_articles")
