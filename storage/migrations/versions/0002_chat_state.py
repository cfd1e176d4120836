"""chat state kept across restarts

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'chat_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('namespace', sa.String(length=64), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('value', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_state')),
        sa.UniqueConstraint('namespace', 'key', name='uq_chat_state_namespace_key'),
    )


def downgrade() -> None:
    op.drop_table('chat_state')
