"""the form an event was saved from, so saving it twice stores it once

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_events_draft_key'), ['draft_key'])


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_events_draft_key'), type_='unique')
        batch_op.drop_column('draft_key')
