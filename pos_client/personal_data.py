"""Customers' personal data on the terminal: what of it is kept, and how much of it is shown.

Two rules (docs/ARCHITECTURE.md#security, README "Data protection on the terminal"):

- **Kept only while needed.** An enrolment or an edit must wait in the outbox with the customer's
  names, phone and e-mail until the server has it; once delivered (or refused and resolved), the
  outbox keeps only what the operation was: :func:`without_personal_data` gives that blanked
  operation, which the replayer stores in place of the whole one when it records the delivery.
- **Shown as little as the terminal is told.** With ``[ui] isolate_personal_data`` the screens, slips
  and the CLI show names as initials ("Z. W.") and phone numbers and e-mail addresses masked:
  :func:`isolated_customer` and friends, over the helpers of :mod:`pos_client.masking`.
"""

from __future__ import annotations

from dataclasses import replace

from pos_client.domain import Customer, CustomerRef, Instrument, OperationResult, OpType
from pos_client.masking import mask_email, mask_phone, person_name
from pos_client.operations import WriteOperation

__all__ = [
    "PERSONAL_OPERATIONS",
    "PHONE_KEY",
    "has_personal_data",
    "isolated_customer",
    "isolated_instrument",
    "isolated_result",
    "without_personal_data",
]

# Customer writes: their bodies hold names, phones, e-mails (and the cards and consents that go
# with them). The same set as the online gateway's customer writes.
PERSONAL_OPERATIONS = frozenset({OpType.ENROL, OpType.EDIT, OpType.CONSENT, OpType.LINK_CARD})
PHONE_KEY = "customer-phone:"  # ordering key of an enrolment (LoyaltyService): it holds the phone number


def has_personal_data(op: WriteOperation) -> bool:
    """Whether ``op`` as stored holds a customer's details (its body, or a phone in its key)."""
    phone_key = op.instrument_key.startswith(PHONE_KEY) and op.instrument_key != PHONE_KEY
    return op.type in PERSONAL_OPERATIONS and (bool(op.body) or phone_key)


def without_personal_data(op: WriteOperation) -> WriteOperation | None:
    """``op`` as a record of what it was (type, path, id, time) without the customer's details, or
    None when it holds none (nothing to blank)."""
    if not has_personal_data(op):
        return None
    key = PHONE_KEY if op.instrument_key.startswith(PHONE_KEY) else op.instrument_key
    return replace(op, body={}, instrument_key=key)


def _initial(name: str | None) -> str | None:
    """One name as its initial ("Zofia" → "Z."), the same helper as the screens and slips."""
    if not name:
        return name
    return person_name(name, None, isolate=True) or None


def isolated_customer(customer: Customer) -> Customer:
    """``customer`` as an isolating terminal shows it: initials, phone and e-mail masked."""
    return replace(
        customer,
        first_name=_initial(customer.first_name),
        last_name=_initial(customer.last_name),
        phone=mask_phone(customer.phone) if customer.phone else customer.phone,
        email=mask_email(customer.email) if customer.email else customer.email,
    )


def _isolated_ref(ref: CustomerRef) -> CustomerRef:
    return replace(ref, first_name=_initial(ref.first_name), last_name=_initial(ref.last_name))


def isolated_instrument(item: Instrument) -> Instrument:
    """``item`` with its owner's name as initials."""
    return item if item.customer is None else replace(item, customer=_isolated_ref(item.customer))


def isolated_result(result: OperationResult) -> OperationResult:
    """An operation's result with every customer detail in it isolated (the customer written, the
    owner of the instrument and of the rewards)."""
    return replace(
        result,
        customer=isolated_customer(result.customer) if result.customer else None,
        instrument=isolated_instrument(result.instrument) if result.instrument else None,
        rewards=tuple(isolated_instrument(r) for r in result.rewards),
    )
