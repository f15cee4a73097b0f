"""Cases record the customer self-repair part shipped with them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

`cases.csr_part` (nullable): the part of the CSR catalogue (`data/csr/parts.yml`) a
case ships when its delivery is `csr_part`. Existing cases have none. Downgrade drops
the column (batch mode, so SQLite can drop it too).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("csr_part", sa.String(32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("csr_part")
