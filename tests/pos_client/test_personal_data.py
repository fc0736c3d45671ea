"""The "isolate personal data" setting: customers' names as initials on screens and slips."""

from __future__ import annotations

from pos_client.config import from_mapping
from pos_client.domain import CustomerRef
from pos_client.masking import person_name
from pos_client.receipts.setup import slip_settings


def test_names_whole_or_as_initials() -> None:
    assert person_name("Zofia", "Wójcik") == "Zofia Wójcik"
    assert person_name("Zofia", "Wójcik", isolate=True) == "Z. W."
    assert person_name(" łucja ", None, isolate=True) == "Ł."
    assert person_name(None, "", isolate=True) == ""


def test_the_setting_reaches_the_slips() -> None:
    assert slip_settings(from_mapping({})).isolate_personal_data is False  # off by default
    on = from_mapping({"ui": {"isolate_personal_data": True}})
    assert slip_settings(on).isolate_personal_data is True


def test_a_balance_slip_prints_initials_when_isolated() -> None:
    from dataclasses import replace

    from pos_client.receipts.settings import SlipContext, SlipSettings
    from pos_client.receipts.slips import balance_slip
    from tests.pos_client.receipts.samples import loyalty_card

    card = replace(loyalty_card(), customer=CustomerRef("C-0001", "Zofia", "Wójcik"))
    whole = balance_slip(card, SlipContext(settings=SlipSettings()))
    isolated = balance_slip(card, SlipContext(settings=SlipSettings(isolate_personal_data=True)))
    assert "Zofia Wójcik" in repr(whole) and "Zofia" not in repr(isolated) and "Z. W." in repr(isolated)
