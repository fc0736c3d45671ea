"""Moving what the card on the counter holds onto another card: "Merge into another card…" for a loyalty
card (its points go to the customer's other card, it is closed) and "Transfer balance…" for a lost or
damaged gift card or store credit (its whole balance goes to a new card of its series, it is blocked
with the reason). Both are a manager's decision: the till asks for the approval (the approval dialog)
and the server must be there (never queued). The slip shows both cards masked and what moved.

:class:`CardMoveDialog` asks for the other card (scanned while it is open, or typed) and, for a
transfer, the reason; :class:`CardMoveOperations` runs the operation (the controller's part).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_client.domain import Kind, OperationResult
from pos_client.masking import mask_number
from pos_client.service import BLOCK_REASONS
from ui.screens.cashier_approval import points_words
from ui.screens.cashier_dialogs import _buttons, block_reason_words
from ui.screens.cashier_state import Card, TillState

MERGE_DESCRIPTION = "merge cards"  # the approval dialog names the operation by these (cashier_approval)
TRANSFER_DESCRIPTION = "transfer balance"


class CardMoveDialog(QDialog):
    """The other card of a merge or a transfer (scanned or typed) and a transfer's reason.

    Args:
        masked_number: the card on the counter, masked.
        merge: a merge of loyalty cards (else a balance transfer).

    Signals:
        chosen(str, str): the other card's number as scanned or typed, and the reason code (a
            transfer; "" for a merge).
    """

    chosen = Signal(str, str)

    def __init__(self, masked_number: str, merge: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardMoveDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._merge = merge
        self._typed = ""  # the whole number (the field shows it masked once scanned)
        layout = QVBoxLayout(self)
        if merge:
            title = QCoreApplication.translate("cashier", "Merge into another card…")
            heading = QCoreApplication.translate(
                "cashier",
                "The points of card {number} move to the customer's other card, with their dates; "
                "card {number} is closed.",
            )
        else:
            title = QCoreApplication.translate("cashier", "Transfer balance…")
            heading = QCoreApplication.translate(
                "cashier",
                "The whole balance of card {number} moves to another card of its series; card {number}"
                " is blocked.",
            )
        self.setWindowTitle(title)
        head = QLabel(title, self)
        head.setObjectName("dialogTitle")
        layout.addWidget(head)
        explain = QLabel(heading.format(number=masked_number), self)
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(QLabel(QCoreApplication.translate("cashier", "Card to move to"), self))
        self.target = QLineEdit(self)
        self.target.setObjectName("moveTarget")
        self.target.setPlaceholderText(
            QCoreApplication.translate("cashier", "Scan the other card or type its number")
        )
        self.target.textEdited.connect(self._edited)
        self.target.returnPressed.connect(self._ok)
        layout.addWidget(self.target)
        self.reason = QComboBox(self)
        self.reason.setObjectName("moveReason")
        for code in BLOCK_REASONS:
            self.reason.addItem(block_reason_words(code), code)
        if not merge:
            layout.addWidget(
                QLabel(QCoreApplication.translate("cashier", "Why the old card is blocked"), self)
            )
            layout.addWidget(self.reason)
        else:
            self.reason.hide()
        self.note = QLabel(
            QCoreApplication.translate("cashier", "A manager approves it next. The slip prints."), self
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        ok_text = (
            QCoreApplication.translate("cashier", "Merge")
            if merge
            else QCoreApplication.translate("cashier", "Transfer")
        )
        row, self.ok = _buttons(self, ok_text)
        self.ok.clicked.connect(self._ok)
        layout.addLayout(row)
        self.setMinimumWidth(520)
        self.target.setFocus()

    def set_target(self, number: str) -> None:
        """A card scanned while the dialog is open: the card to move to (shown masked)."""
        self._typed = number.strip()
        self.target.setText(mask_number(self._typed))
        self.target.setFocus()

    def _edited(self, text: str) -> None:
        self._typed = text.strip()

    def _ok(self) -> None:
        number = self._typed
        if not number:
            self.target.setFocus()
            return
        reason = "" if self._merge else str(self.reason.currentData())
        self.accept()
        self.chosen.emit(number, reason)


class CardMoveOperations(TillState):
    """The till's merges and balance transfers (see the module doc)."""

    def merge_into(self, target: str) -> None:
        """Merge the loyalty card on the counter into ``target`` (a manager approves)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.points_merge(number, target, approval=approval),
            self._merged,
            description=MERGE_DESCRIPTION,
            what=QCoreApplication.translate("cashier", "into card {number}").format(
                number=mask_number(target)
            ),
        )

    def transfer_to(self, target: str, reason: str) -> None:
        """Move the whole balance of the money card on the counter to ``target``; the card on the
        counter is blocked with ``reason`` (a manager approves)."""
        number, service = self.number, self.ctx.service
        if number is None:
            return self._no_card()
        self._start_approved(
            lambda approval: service.transfer(number, target, reason, approval=approval),
            self._transferred,
            description=TRANSFER_DESCRIPTION,
            what=QCoreApplication.translate("cashier", "to card {number}").format(number=mask_number(target))
            + f" · {block_reason_words(reason)}",
        )

    def _show_target(self, result: OperationResult) -> None:
        """The card the points or money went to is on the counter now (the old one is done)."""
        if result.instrument is not None:
            series = self.ctx.service.catalogue.get(result.instrument.series_number)
            self._set_card(Card(result.instrument, series))

    def _merged(self, result: OperationResult) -> None:
        self._show_target(result)
        source = mask_number(result.source.number) if result.source else ""
        target = mask_number(result.instrument.number) if result.instrument else ""
        words = QCoreApplication.translate(
            "cashier", "{points} moved to card {target}; card {source} is closed."
        ).format(points=points_words(result.points or 0), target=target, source=source)
        self._applied(result, words)

    def _transferred(self, result: OperationResult) -> None:
        self._show_target(result)
        source = mask_number(result.source.number) if result.source else ""
        target = result.instrument
        words = QCoreApplication.translate(
            "cashier", "{amount} moved to card {target}; card {source} is blocked."
        ).format(
            amount=self.money(result.amount, target.currency if target else None),
            target=mask_number(target.number) if target else "",
            source=source,
        )
        self._applied(result, words)


def is_merge(kind: Kind) -> bool:
    """A loyalty card's move is a merge; a money card's a balance transfer."""
    return kind is Kind.LOYALTYCARD
