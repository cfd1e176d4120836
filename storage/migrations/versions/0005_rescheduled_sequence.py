"""the sequence at which an event's time last changed

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('events', sa.Column('rescheduled_sequence', sa.Integer(), nullable=False,
                                      server_default='0'))
    # Which earlier changes moved the time is not known: count every one of them, so a
    # reply to an older version stays stale, as it was before this column.
    op.execute('UPDATE events SET rescheduled_sequence = sequence')


def downgrade() -> None:
    with op.batch_alter_table('events') as batch:
        batch.drop_column('rescheduled_sequence')
