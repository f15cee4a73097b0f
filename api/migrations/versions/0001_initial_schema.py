"""Initial schema: entitlement data (customers, devices, peripherals, Care Packs, subscriptions) and cases.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("contact_email", sa.String(255)),
        sa.Column("contact_phone", sa.String(32)),
        sa.Column("installed_base", sa.Integer(), nullable=False),
    )
    op.create_table(
        "priority_services",
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), primary_key=True),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("pin", sa.String(6), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("serial_number", sa.String(10), primary_key=True),
        sa.Column("product_number", sa.String(32), nullable=False),
        sa.Column("product_name", sa.String(255), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("customer_id", sa.String(32), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("country_of_purchase", sa.String(2), nullable=False),
        sa.Column("purchase_date", sa.Date(), nullable=False),
        sa.Column("base_warranty_months", sa.Integer(), nullable=False),
        sa.Column("battery", sa.String(32)),
    )
    op.create_index("ix_devices_customer_id", "devices", ["customer_id"])
    op.create_table(
        "peripherals",
        sa.Column("serial_number", sa.String(10), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("product_name", sa.String(255), nullable=False),
        sa.Column(
            "base_serial_number",
            sa.String(10),
            sa.ForeignKey("devices.serial_number"),
            nullable=False,
        ),
        sa.Column("purchase_date", sa.Date(), nullable=False),
    )
    op.create_index("ix_peripherals_base_serial_number", "peripherals", ["base_serial_number"])
    op.create_table(
        "care_packs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "serial_number", sa.String(10), sa.ForeignKey("devices.serial_number"), nullable=False
        ),
        sa.Column("service", sa.String(64), nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("purchased_on", sa.Date(), nullable=False),
        sa.Column("registered_on", sa.Date()),
        sa.Column("add_ons", sa.JSON(), nullable=False),
    )
    op.create_index("ix_care_packs_serial_number", "care_packs", ["serial_number"])
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "serial_number", sa.String(10), sa.ForeignKey("devices.serial_number"), nullable=False
        ),
        sa.Column("service", sa.String(64), nullable=False),
        sa.Column("billing", sa.String(32), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("activated_on", sa.Date()),
        sa.Column("minimum_commitment_months", sa.Integer(), nullable=False),
    )
    op.create_index("ix_subscriptions_serial_number", "subscriptions", ["serial_number"])

    # Cases do not reference devices: a case may concern a serial we hold no record of
    # (e.g. a paid repair quote for an unknown device).
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(10), unique=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("serial_number", sa.String(10), nullable=False),
        sa.Column("product_number", sa.String(32)),
        sa.Column("product_name", sa.String(255)),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("company", sa.String(255)),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("problem", sa.String(4000), nullable=False),
        sa.Column("component", sa.String(32)),
        sa.Column("issue", sa.String(32)),
        sa.Column("failure_id", sa.String(24)),
        sa.Column("delivery", sa.String(32)),
        sa.Column("entitled", sa.Boolean()),
        sa.Column("entitlement", sa.JSON()),
        sa.Column("self_tests", sa.JSON(), nullable=False),
        sa.Column("conversation_id", sa.String(255)),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.Column("updated_at", UTC_TS, nullable=False),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_serial_number", "cases", ["serial_number"])
    op.create_index("ix_cases_conversation_id", "cases", ["conversation_id"])
    op.create_index("ix_cases_created_at", "cases", ["created_at"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "case_pk", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("at", UTC_TS, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("from_status", sa.String(32)),
        sa.Column("to_status", sa.String(32)),
        sa.Column("note", sa.String(4000)),
    )
    op.create_index("ix_case_events_case_pk", "case_events", ["case_pk"])
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column(
            "case_pk", sa.Integer(), sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("created_at", UTC_TS, nullable=False),
        sa.UniqueConstraint("scope", "key", name="uq_idempotency_scope_key"),
    )


def downgrade() -> None:
    for table in (
        "idempotency_keys",
        "case_events",
        "cases",
        "subscriptions",
        "care_packs",
        "peripherals",
        "devices",
        "priority_services",
        "customers",
    ):
        op.drop_table(table)
