"""The back office's languages: English (the keys) and Polish, a small table for the templates.

Templates write ``{{ _("English text") }}``; :func:`translator` answers the Polish of it, or the text
itself in English. Values the services answer (kinds, states, roles) go through it too. A test checks
that every ``_("…")`` of the templates has its Polish here.
"""

from __future__ import annotations

from collections.abc import Callable

LANGUAGES = ("en", "pl")

#: Messages after a change (``?done=key``): only these keys are shown.
MESSAGES = {
    "store-added": ("Store added.", "Dodano sklep."),
    "merchant-added": ("Merchant added: join it to a merchant group.", "Dodano kupca: dołącz go do grupy."),
    "pos-added": ("POS added: make a pairing code for it.", "Dodano kasę: utwórz dla niej kod parowania."),
    "pos-revoked": (
        "POS revoked: its token stops working at once.",
        "Kasa odwołana: jej token już nie działa.",
    ),
    "group-added": ("Merchant group added.", "Dodano grupę kupców."),
    "group-joined": ("The merchant joined the group.", "Kupiec dołączył do grupy."),
    "series-added": ("Series added.", "Dodano serię."),
    "blocked": ("Card blocked.", "Karta zablokowana."),
    "unblocked": ("Card unblocked.", "Karta odblokowana."),
    "erased": (
        "Personal data erased; the ledger stays.",
        "Dane osobowe usunięte; historia operacji zostaje.",
    ),
}

PL: dict[str, str] = {
    # layout and sign-in
    "Loyalty back office": "Zaplecze lojalnościowe",
    "Loyalty group": "Grupa lojalnościowa",
    "Switch": "Zmień",
    "Sign in": "Zaloguj",
    "Sign out": "Wyloguj",
    "User": "Użytkownik",
    "Password": "Hasło",
    "admin": "administrator",
    "support": "wsparcie",
    "This form is out of date: go back, reload the page and try again.": (
        "Formularz jest nieaktualny: wróć, odśwież stronę i spróbuj ponownie."
    ),
    "Reload the page and sign in again.": "Odśwież stronę i zaloguj się ponownie.",
    # menu
    "Stores and POS": "Sklepy i kasy",
    "Merchants": "Kupcy",
    "Series": "Serie",
    "Cards": "Karty",
    "Customers": "Klienci",
    "Reports": "Raporty",
    "Audit": "Dziennik zmian",
    # stores and POS
    "Store": "Sklep",
    "Merchant": "Kupiec",
    "Merchant name": "Nazwa kupca",
    "Currency": "Waluta",
    "Add merchant": "Dodaj kupca",
    "Terminal": "Terminal",
    "State": "Stan",
    "unpaired": "niesparowana",
    "paired": "sparowana",
    "revoked": "odwołana",
    "Pairing code": "Kod parowania",
    "Revoke": "Odwołaj",
    "No POS yet.": "Brak kas.",
    "POS number": "Numer kasy",
    "Add POS": "Dodaj kasę",
    "No stores yet.": "Brak sklepów.",
    "Add a store": "Dodaj sklep",
    "Store number": "Numer sklepu",
    "Name": "Nazwa",
    "Address": "Adres",
    "Add store": "Dodaj sklep",
    "Valid until": "Ważny do",
    "minutes": "minut",
    "It works once; a newer code replaces it.": "Działa raz; nowszy kod go zastępuje.",
    "On the till:": "Na kasie:",
    "or the Server screen of the technician.": "albo ekran Serwer technika.",
    "Back to stores": "Wróć do sklepów",
    # merchants
    "Merchant groups": "Grupy kupców",
    "none: unusable until it joins one": "brak: nieużywalny, dopóki nie dołączy do grupy",
    "No merchants yet.": "Brak kupców.",
    "Code": "Kod",
    "Members": "Członkowie",
    "joins group": "dołącza do grupy",
    "Join": "Dołącz",
    "Add a merchant group": "Dodaj grupę kupców",
    "Add group": "Dodaj grupę",
    # series
    "Kind": "Rodzaj",
    "giftcard": "karta podarunkowa",
    "storecredit": "bon zwrotu",
    "coupon": "kupon",
    "loyaltycard": "karta lojalnościowa",
    "Description": "Opis",
    "Prefix": "Prefiks",
    "Length": "Długość",
    "Amounts": "Kwoty",
    "Issuer": "Wydawca",
    "Acceptor": "Akceptant",
    "Pre-issue a batch": "Wydaj partię",
    "Amount": "Kwota",
    "Issue and download CSV": "Wydaj i pobierz CSV",
    "printed at the till": "drukowana na kasie",
    "No series yet.": "Brak serii.",
    "Add a series": "Dodaj serię",
    "Series number": "Numer serii",
    "Check digit": "Cyfra kontrolna",
    "none": "brak",
    "Letters and digits": "Litery i cyfry",
    "Issue mode": "Tryb wydania",
    "pre-issued": "wydawana z góry",
    "Amount mode": "Tryb kwoty",
    "entered at the till": "wpisywana na kasie",
    "fixed": "stała",
    "Fixed amount": "Kwota stała",
    "Minimum": "Minimum",
    "Maximum": "Maksimum",
    "Valid for (days)": "Ważność (dni)",
    "Issuer group": "Grupa wydająca",
    "Acceptor group": "Grupa akceptująca",
    "Add series": "Dodaj serię",
    "Loyalty account": "Konto lojalnościowe",
    "points": "punkty",
    "money": "kwota",
    "Point value": "Wartość punktu",
    # cards
    "Find a card": "Znajdź kartę",
    "Card or coupon number": "Numer karty lub kuponu",
    "Find": "Szukaj",
    "Card": "Karta",
    "Status": "Stan",
    "preissued": "wydana, nieaktywna",
    "active": "aktywna",
    "blocked": "zablokowana",
    "expired": "wygasła",
    "closed": "zamknięta",
    "used": "wykorzystany",
    "Balance": "Saldo",
    "Available": "Dostępne",
    "held": "wstrzymane",
    "Points": "Punkty",
    "Valid": "Ważność",
    "Unblock": "Odblokuj",
    "Reason": "Powód",
    "Block": "Zablokuj",
    "History": "Historia",
    "Time": "Czas",
    "Operation": "Operacja",
    "Balance after": "Saldo po",
    "Reference": "Odnośnik",
    "No operations yet.": "Brak operacji.",
    # customers
    "Find by": "Szukaj po",
    "customer id": "identyfikator klienta",
    "phone": "telefon",
    "e-mail": "e-mail",
    "card number": "numer karty",
    "Value": "Wartość",
    "erased": "usunięty",
    "Phone": "Telefon",
    "E-mail": "E-mail",
    "Groups": "Grupy",
    "Export data (JSON)": "Eksportuj dane (JSON)",
    "Erase personal data (the ledger stays)": "Usuń dane osobowe (historia operacji zostaje)",
    "Erase": "Usuń",
    "No customer found.": "Nie znaleziono klienta.",
    # reports and audit
    "Outstanding liability": "Zobowiązania do wypłaty",
    "Balances of gift cards and store credit, as of": "Salda kart podarunkowych i bonów, stan na",
    "Outstanding": "Do wypłaty",
    "On expired cards": "Na wygasłych kartach",
    "Nothing outstanding.": "Brak zobowiązań.",
    "Total": "Razem",
    "Day and period totals": "Sumy dnia i okresu",
    "From": "Od",
    "To": "Do",
    "Show": "Pokaż",
    "Count": "Liczba",
    "Terminals": "Terminale",
    "No operations in this period.": "Brak operacji w tym okresie.",
    "Action": "Czynność",
    "Filter": "Filtruj",
    "Who": "Kto",
    "What": "Co",
    "Before": "Przed",
    "After": "Po",
    "Nothing audited yet.": "Dziennik jest pusty.",
}
PL.update({key: pl for key, (_, pl) in MESSAGES.items()})
#: English words for the values the services answer in code form.
EN = {
    "giftcard": "gift card",
    "storecredit": "store credit",
    "loyaltycard": "loyalty card",
    "preissued": "pre-issued",
    **{key: en for key, (en, _) in MESSAGES.items()},
}


def translator(lang: str) -> Callable[[str], str]:
    """``_(text)`` for the templates of ``lang``."""
    if lang == "pl":
        return lambda text: PL.get(text, EN.get(text, text))
    return lambda text: EN.get(text, text)


def pick_language(accept_language: str) -> str:
    """The first of :data:`LANGUAGES` the browser asks for (``Accept-Language``), else English."""
    for part in accept_language.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"
