"""ORM models of the entitlement data and of the case records.

Entitlement data: customers, devices, peripherals, Care Packs, subscriptions. Case
records: cases, their history, idempotency keys.

All models share one `DeclarativeBase`; reusable `Annotated` column types keep the
column definitions short and consistent. Timestamps are stored in UTC and always come
back timezone-aware (SQLite would otherwise return naive datetimes).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, ClassVar

from sqlalchemy import JSON, DateTime, ForeignKey, Index, String, TypeDecorator, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Store UTC; refuse naive datetimes, which would be ambiguous."""
        if value is None:
            return None
        if value.tzinfo is None:
            msg = "naive datetime given for a UTC column"
            raise ValueError(msg)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC to what SQLite returns naive."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


str10 = Annotated[str, mapped_column(String(10))]
str32 = Annotated[str, mapped_column(String(32))]
str64 = Annotated[str, mapped_column(String(64))]
str255 = Annotated[str, mapped_column(String(255))]
created_ts = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]


class Base(DeclarativeBase):
    """Declarative base of every Careline table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        list[str]: JSON,
    }


class Customer(Base):
    """A business or consumer customer owning devices."""

    __tablename__ = "customers"

    id: Mapped[str32] = mapped_column(primary_key=True)
    kind: Mapped[str32]
    name: Mapped[str255]
    country: Mapped[str] = mapped_column(String(2))
    contact_email: Mapped[str255 | None]
    contact_phone: Mapped[str32 | None]
    installed_base: Mapped[int] = mapped_column(default=1)

    priority_service: Mapped[PriorityService | None] = relationship(
        back_populates="customer", cascade="all, delete-orphan", uselist=False
    )
    devices: Mapped[list[Device]] = relationship(back_populates="customer")


class PriorityService(Base):
    """A customer's HP Priority Services contract (seeds 002, 003)."""

    __tablename__ = "priority_services"

    customer_id: Mapped[str32] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    tier: Mapped[str32]
    pin: Mapped[str] = mapped_column(String(6))
    start: Mapped[date]
    end: Mapped[date]
    languages: Mapped[list[str]] = mapped_column(default=list)

    customer: Mapped[Customer] = relationship(back_populates="priority_service")


class Device(Base):
    """A base unit: PC, workstation or large-format printer."""

    __tablename__ = "devices"

    serial_number: Mapped[str10] = mapped_column(primary_key=True)
    product_number: Mapped[str32]
    product_name: Mapped[str255]
    category: Mapped[str32]
    customer_id: Mapped[str32] = mapped_column(ForeignKey("customers.id"), index=True)
    country_of_purchase: Mapped[str] = mapped_column(String(2))
    purchase_date: Mapped[date]
    base_warranty_months: Mapped[int]
    battery: Mapped[str32 | None]

    customer: Mapped[Customer] = relationship(back_populates="devices")
    peripherals: Mapped[list[Peripheral]] = relationship(
        back_populates="base", cascade="all, delete-orphan"
    )
    care_packs: Mapped[list[CarePack]] = relationship(cascade="all, delete-orphan")
    subscriptions: Mapped[list[Subscription]] = relationship(cascade="all, delete-orphan")


class Peripheral(Base):
    """An accessory with its own serial, attached to a base unit."""

    __tablename__ = "peripherals"

    serial_number: Mapped[str10] = mapped_column(primary_key=True)
    kind: Mapped[str32]
    product_name: Mapped[str255]
    base_serial_number: Mapped[str10] = mapped_column(
        ForeignKey("devices.serial_number"), index=True
    )
    purchase_date: Mapped[date]

    base: Mapped[Device] = relationship(back_populates="peripherals")


class CarePack(Base):
    """An HP Care Pack bought for a device, with its add-ons."""

    __tablename__ = "care_packs"

    id: Mapped[str32] = mapped_column(primary_key=True)
    serial_number: Mapped[str10] = mapped_column(ForeignKey("devices.serial_number"), index=True)
    service: Mapped[str64]
    sku: Mapped[str32]
    term_months: Mapped[int]
    purchased_on: Mapped[date]
    registered_on: Mapped[date | None]
    add_ons: Mapped[list[str]] = mapped_column(default=list)


class Subscription(Base):
    """A large-format printer subscription service (seed 004)."""

    __tablename__ = "subscriptions"

    id: Mapped[str32] = mapped_column(primary_key=True)
    serial_number: Mapped[str10] = mapped_column(ForeignKey("devices.serial_number"), index=True)
    service: Mapped[str64]
    billing: Mapped[str32]
    ordered_on: Mapped[date]
    status: Mapped[str32]
    activated_on: Mapped[date | None]
    minimum_commitment_months: Mapped[int]


class Case(Base):
    """A support case opened by the assistant, an agent, the web chat or the IVR.

    `case_id` is the customer-facing ID (10 digits, leading 5, Luhn check digit),
    derived from the primary key inside the creating transaction.
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_id: Mapped[str10 | None] = mapped_column(unique=True)
    status: Mapped[str32] = mapped_column(default="open", index=True)
    serial_number: Mapped[str10] = mapped_column(index=True)
    product_number: Mapped[str32 | None]
    product_name: Mapped[str255 | None]
    name: Mapped[str255]
    email: Mapped[str255]
    phone: Mapped[str32 | None]
    company: Mapped[str255 | None]
    country: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(2))
    channel: Mapped[str] = mapped_column(String(8))
    problem: Mapped[str] = mapped_column(String(4000))
    component: Mapped[str32 | None]
    issue: Mapped[str32 | None]
    failure_id: Mapped[str | None] = mapped_column(String(24))
    delivery: Mapped[str32 | None]
    csr_part: Mapped[str32 | None]
    entitled: Mapped[bool | None]
    entitlement: Mapped[dict[str, Any] | None]
    self_tests: Mapped[list[Any]] = mapped_column(default=list)
    conversation_id: Mapped[str255 | None] = mapped_column(index=True)
    created_at: Mapped[created_ts]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseEvent.id"
    )


class CaseEvent(Base):
    """One entry of a case's history: creation, status change or note."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[created_ts]
    kind: Mapped[str32]
    actor: Mapped[str64]
    from_status: Mapped[str32 | None]
    to_status: Mapped[str32 | None]
    note: Mapped[str | None] = mapped_column(String(4000))

    case: Mapped[Case] = relationship(back_populates="events")


class IdempotencyKey(Base):
    """Remembers which case a `POST /cases` with an `Idempotency-Key` created.

    `request_hash` is a hash of the canonical request body, so that a replay with the
    same key and body returns the same case and a different body is refused (409).
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("scope", "key", name="uq_idempotency_scope_key"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    scope: Mapped[str64]
    key: Mapped[str255]
    request_hash: Mapped[str64]
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    created_at: Mapped[created_ts]


Index("ix_cases_created_at", Case.created_at)
