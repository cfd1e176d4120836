"""outbox rows that coalesce: a key, and one waiting row per key

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

WAITING = sa.text("status = 'pending'")


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('coalesce_key', sa.String(length=255), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_coalesce_key'), ['coalesce_key'],
                              unique=False)
        batch_op.create_index('uq_outbox_waiting_coalesce_key', ['coalesce_key'], unique=True,
                              sqlite_where=WAITING, postgresql_where=WAITING)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('uq_outbox_waiting_coalesce_key')
        batch_op.drop_index(batch_op.f('ix_outbox_coalesce_key'))
        batch_op.drop_column('coalesce_key')
