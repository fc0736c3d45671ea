<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl" sourcelanguage="en">
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/models/audit.py" line="39"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="46"/>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="47"/>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="48"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="49"/>
        <source>Approved by</source>
        <translation>Zatwierdził</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="50"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../ui/models/audit.py" line="52"/>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
</context>
<context>
    <name>BalanceLookupScreen</name>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="105"/>
        <source>Looking the card up…</source>
        <translation>Sprawdzanie karty…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="125"/>
        <source>{state} ({reason})</source>
        <translation>{state} ({reason})</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="127"/>
        <source>{state} — not accepted in this store</source>
        <translation>{state} — nieakceptowana w tym sklepie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="132"/>
        <location filename="../../ui/screens/manager_lookup.py" line="136"/>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="148"/>
        <source>net {net}, held by open payments {held}</source>
        <translation>saldo {net}, zablokowane przez otwarte płatności {held}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="152"/>
        <source>{available} available</source>
        <translation>dostępne {available}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="157"/>
        <source>worth {value}; pending {pending}; expiring soon {expiring}</source>
        <translation>wartość {value}; oczekujące {pending}; wkrótce wygasa {expiring}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="162"/>
        <source>{points} points</source>
        <translation>Punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="166"/>
        <source>{value} % off</source>
        <translation>{value} % rabatu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="168"/>
        <source>{value} off</source>
        <translation>{value} rabatu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="170"/>
        <source>{value}; uses left: {n}</source>
        <translation>{value}; pozostałe użycia: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="186"/>
        <source>Card look-up</source>
        <translation>Sprawdzenie karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="187"/>
        <source>Scan or type a card number</source>
        <translation>Zeskanuj lub wpisz numer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="188"/>
        <source>Look up</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="189"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="190"/>
        <source>History</source>
        <translation>Historia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="191"/>
        <source>No operations on this card yet.</source>
        <translation>Na tej karcie nie było jeszcze operacji.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="193"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="194"/>
        <source>Kind and series</source>
        <translation>Rodzaj i seria</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="195"/>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="196"/>
        <source>Balance</source>
        <translation>Saldo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="197"/>
        <source>Details</source>
        <translation>Szczegóły</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="198"/>
        <source>Expires</source>
        <translation>Ważna do</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="199"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
</context>
<context>
    <name>DayChart</name>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="151"/>
        <source>Money by hour</source>
        <translation>Kwoty według godzin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="152"/>
        <source>Put on cards</source>
        <translation>Wpłacone na karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="153"/>
        <source>Paid with cards</source>
        <translation>Zapłacone kartami</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="154"/>
        <source>No money moved on cards this day.</source>
        <translation>Tego dnia na kartach nie było ruchu pieniędzy.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="155"/>
        <source>Operations: {count}</source>
        <translation>Operacje: {count}</translation>
    </message>
</context>
<context>
    <name>DayReportModel</name>
    <message>
        <source>Card kind</source>
        <translation type="vanished">Rodzaj karty</translation>
    </message>
    <message>
        <location filename="../../ui/models/day_report.py" line="40"/>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <location filename="../../ui/models/day_report.py" line="41"/>
        <source>Count</source>
        <translation>Liczba</translation>
    </message>
    <message>
        <location filename="../../ui/models/day_report.py" line="42"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/models/day_report.py" line="43"/>
        <source>Points</source>
        <translation>Punkty</translation>
    </message>
</context>
<context>
    <name>DaySummaryScreen</name>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="140"/>
        <source>Reading the day summary…</source>
        <translation>Odczyt podsumowania dnia…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="155"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="164"/>
        <source>Export the day summary</source>
        <translation>Eksport podsumowania dnia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="164"/>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="195"/>
        <source>Saved to {path}</source>
        <translation>Zapisano w {path}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="196"/>
        <source>Day summary exported.</source>
        <translation>Podsumowanie dnia wyeksportowane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="245"/>
        <source>Day summary</source>
        <translation>Podsumowanie dnia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="246"/>
        <source>Day</source>
        <translation>Dzień</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="247"/>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="248"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="249"/>
        <source>Export CSV…</source>
        <translation>Eksport CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="250"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="251"/>
        <source>No operations on this terminal that day.</source>
        <translation>Tego dnia nie było operacji na tym terminalu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="254"/>
        <source>Operations</source>
        <translation>Operacje</translation>
    </message>
    <message>
        <source>Put on cards (sales, top-ups, refunds)</source>
        <translation type="vanished">Wpłacone na karty (sprzedaż, doładowania, zwroty)</translation>
    </message>
    <message>
        <source>Taken from cards (payments)</source>
        <translation type="vanished">Pobrane z kart (płatności)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="257"/>
        <source>Points earned</source>
        <translation>Naliczone punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="258"/>
        <source>Points spent</source>
        <translation>Wydane punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="252"/>
        <source>Totals, net of voids and returns</source>
        <translation>Sumy po odjęciu anulowań i zwrotów</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="255"/>
        <source>Put on cards</source>
        <translation>Wpłacone na karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="256"/>
        <source>Paid with cards</source>
        <translation>Zapłacone kartami</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="259"/>
        <source>Points returned</source>
        <translation>Punkty zwrócone</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/models/history.py" line="35"/>
        <source>Store {store} / POS {pos}</source>
        <translation>Sklep {store} / kasa {pos}</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="39"/>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="41"/>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="43"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="46"/>
        <source>Balance after</source>
        <translation>Saldo po</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="50"/>
        <source>Points</source>
        <translation>Punkty</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="51"/>
        <source>Points after</source>
        <translation>Punkty po</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="52"/>
        <source>Where</source>
        <translation>Gdzie</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="53"/>
        <source>Reference</source>
        <translation>Odnośnik</translation>
    </message>
</context>
<context>
    <name>LogScreen</name>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="150"/>
        <source>Writing the bundle…</source>
        <translation>Zapisywanie paczki…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="157"/>
        <source>Save the diagnostics bundle</source>
        <translation>Zapisz paczkę diagnostyczną</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="159"/>
        <source>Zip files (*.zip)</source>
        <translation>Pliki ZIP (*.zip)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="167"/>
        <source>Saved to {path}. Card numbers, tokens and PINs are masked in it.</source>
        <translation>Zapisano w {path}. Numery kart, tokeny i PIN-y są w niej zamaskowane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="186"/>
        <source>Log</source>
        <translation>Dziennik</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="187"/>
        <source>Show only lines containing…</source>
        <translation>Pokaż tylko wiersze zawierające…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="188"/>
        <source>Export diagnostics…</source>
        <translation>Eksport diagnostyki…</translation>
    </message>
</context>
<context>
    <name>OfflineQueueScreen</name>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="114"/>
        <source>Reading the queue…</source>
        <translation>Odczyt kolejki…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="122"/>
        <source>Sent what could be sent.</source>
        <translation>Wysłano to, co się dało.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="123"/>
        <source>Sending to the server…</source>
        <translation>Wysyłanie do serwera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="138"/>
        <source>Send this operation to the server again? If it was refused, it goes out as a new request.</source>
        <translation>Wysłać tę operację do serwera ponownie? Jeśli została odrzucona, pójdzie jako nowe żądanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="140"/>
        <location filename="../../ui/screens/manager_queue.py" line="279"/>
        <source>Send again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="144"/>
        <source>The operation was put back in the queue.</source>
        <translation>Operacja wróciła do kolejki.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="145"/>
        <source>Sending again…</source>
        <translation>Ponowne wysyłanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="155"/>
        <source>Park this operation? It will not be sent, it stays on record, and later operations of the same card can go ahead.</source>
        <translation>Odłożyć tę operację? Nie zostanie wysłana, pozostanie w rejestrze, a kolejne operacje tej karty będą mogły pójść dalej.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="158"/>
        <location filename="../../ui/screens/manager_queue.py" line="280"/>
        <source>Park</source>
        <translation>Odłóż</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="162"/>
        <source>The operation was parked.</source>
        <translation>Operacja została odłożona.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="163"/>
        <source>Parking…</source>
        <translation>Odkładanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="173"/>
        <source>Have you dealt with this operation (checked with the customer, or reversed it)? It leaves the list; the record stays.</source>
        <translation>Czy ta operacja została wyjaśniona (z klientem lub cofnięta)? Zniknie z listy; zapis pozostanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="176"/>
        <location filename="../../ui/screens/manager_queue.py" line="282"/>
        <source>Dealt with</source>
        <translation>Wyjaśnione</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="180"/>
        <source>Marked as dealt with.</source>
        <translation>Oznaczono jako wyjaśnione.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="181"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="209"/>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="209"/>
        <source>Offline</source>
        <translation>Brak połączenia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="209"/>
        <source>Online: not known yet</source>
        <translation>Połączenie: jeszcze nieznane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="212"/>
        <source>{n} waiting</source>
        <translation>Czeka: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="215"/>
        <source>oldest {age}</source>
        <translation>najstarsza {age}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="217"/>
        <source>{n} held behind a refusal</source>
        <translation>Wstrzymane przez odmowę: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="219"/>
        <source>{n} need attention</source>
        <translation>Wymaga uwagi: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="220"/>
        <source>{n} parked</source>
        <translation>Odłożone: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="225"/>
        <source>offline value {value}</source>
        <translation>wartość offline {value}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="253"/>
        <source>Select an operation to see why it waits and what you can do.</source>
        <translation>Wybierz operację, aby zobaczyć, dlaczego czeka i co można zrobić.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="255"/>
        <source>Operation {id}</source>
        <translation>Operacja {id}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="259"/>
        <source>The cashier was told this did not go through, but the server applied it. Check with the customer or reverse it, then mark it as dealt with.</source>
        <translation>Kasjer usłyszał, że operacja się nie udała, ale serwer ją wykonał. Wyjaśnij to z klientem lub cofnij operację, a potem oznacz ją jako wyjaśnioną.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="265"/>
        <source>Server&apos;s reason: {reason}</source>
        <translation>Powód serwera: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="267"/>
        <source>Note: {note}</source>
        <translation>Uwaga: {note}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="276"/>
        <source>Offline queue</source>
        <translation>Kolejka offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="277"/>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="278"/>
        <source>Send now</source>
        <translation>Wyślij teraz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="281"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="283"/>
        <source>Nothing waits: every operation reached the server.</source>
        <translation>Nic nie czeka: każda operacja dotarła do serwera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="289"/>
        <source>Not read yet.</source>
        <translation>Jeszcze nie odczytano.</translation>
    </message>
</context>
<context>
    <name>OverridesScreen</name>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="75"/>
        <source>Reading the audit log…</source>
        <translation>Odczyt dziennika audytu…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="87"/>
        <source>Offline overrides</source>
        <translation>Zgody offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="90"/>
        <source>Each time a manager allowed an operation past an offline limit, it is recorded here with the approving manager. The record cannot be changed.</source>
        <translation>Każda zgoda kierownika na operację ponad limit offline jest tu zapisana razem z kierownikiem, który jej udzielił. Zapisu nie można zmienić.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="94"/>
        <source>Also show decisions on queued operations (sent again, parked)</source>
        <translation>Pokaż też decyzje o operacjach w kolejce (wysłane ponownie, odłożone)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="95"/>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="96"/>
        <source>No overrides recorded on this terminal.</source>
        <translation>Na tym terminalu nie zapisano żadnych zgód.</translation>
    </message>
</context>
<context>
    <name>PrinterSetupScreen</name>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="163"/>
        <source>Asking the printer…</source>
        <translation>Odpytywanie drukarki…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="180"/>
        <source>Printing the test page…</source>
        <translation>Drukowanie strony testowej…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="192"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="204"/>
        <source>Test page sent. Every sample line must read correctly.</source>
        <translation>Wysłano stronę testową. Każdy wiersz próbny musi być czytelny.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="208"/>
        <source>Saved. Slips go to this printer now.</source>
        <translation>Zapisano. Wydruki idą teraz na tę drukarkę.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="212"/>
        <source>Ready.</source>
        <translation>Gotowa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="213"/>
        <source>Ready; the paper roll is nearly finished.</source>
        <translation>Gotowa; rolka papieru prawie się skończyła.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="214"/>
        <source>Out of paper.</source>
        <translation>Brak papieru.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="215"/>
        <source>The cover is open.</source>
        <translation>Pokrywa jest otwarta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="216"/>
        <source>The printer reports an error.</source>
        <translation>Drukarka zgłasza błąd.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="217"/>
        <source>Offline or not reachable.</source>
        <translation>Niedostępna.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="218"/>
        <source>Connected; this connection cannot report the printer&apos;s status.</source>
        <translation>Połączono; to połączenie nie podaje stanu drukarki.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="221"/>
        <source>Printer: {state}</source>
        <translation>Drukarka: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="251"/>
        <source>Printer set-up</source>
        <translation>Ustawienia drukarki</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="253"/>
        <source>Printer URL</source>
        <translation>Adres drukarki</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="253"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="253"/>
        <source>Paper width</source>
        <translation>Szerokość papieru</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="256"/>
        <source>tcp://192.168.1.50:9100, usb://VID:PID, serial://…, emulator</source>
        <translation>tcp://192.168.1.50:9100, usb://VID:PID, serial://…, emulator</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="257"/>
        <source>Check status</source>
        <translation>Sprawdź stan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="258"/>
        <source>Print test page</source>
        <translation>Drukuj stronę testową</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="259"/>
        <source>Save settings</source>
        <translation>Zapisz ustawienia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="261"/>
        <source>The test page shows here.</source>
        <translation>Tu pojawi się strona testowa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="263"/>
        <source>Printer: not checked yet.</source>
        <translation>Drukarka: jeszcze nie sprawdzona.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/models/queue.py" line="30"/>
        <source>⚠ Applied after all</source>
        <translation>⚠ Jednak wykonana</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="32"/>
        <source>⚠ {state}</source>
        <translation>⚠ {state}</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="37"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="46"/>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="48"/>
        <source>Made</source>
        <translation>Utworzona</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="50"/>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="51"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="52"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="53"/>
        <source>Tries</source>
        <translation>Próby</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="55"/>
        <source>Server&apos;s reason</source>
        <translation>Powód serwera</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="59"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
</context>
<context>
    <name>ScanModel</name>
    <message>
        <location filename="../../ui/models/scans.py" line="98"/>
        <source>Scan</source>
        <translation>Skan</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="99"/>
        <source>Discarded ({reason})</source>
        <translation>Odrzucony ({reason})</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="102"/>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="103"/>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="104"/>
        <source>Normalised</source>
        <translation>Znormalizowany</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="105"/>
        <source>Symbology</source>
        <translation>Symbologia</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="106"/>
        <source>Raw bytes (hex)</source>
        <translation>Surowe bajty (hex)</translation>
    </message>
</context>
<context>
    <name>ScannerSetupScreen</name>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="165"/>
        <source>Looking for ports…</source>
        <translation>Szukanie portów…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="173"/>
        <source>No serial ports found. Pseudo-terminals are never listed.</source>
        <translation>Nie znaleziono portów szeregowych. Pseudoterminale nie są wyświetlane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="267"/>
        <source>Not listening.</source>
        <translation>Nasłuch wyłączony.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="268"/>
        <source>Opening the scanner…</source>
        <translation>Otwieranie skanera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="269"/>
        <source>Connected: scan a barcode.</source>
        <translation>Połączono: zeskanuj kod.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="270"/>
        <source>The scanner went away.</source>
        <translation>Skaner się odłączył.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="271"/>
        <source>Waiting for the scanner to come back…</source>
        <translation>Czekanie na powrót skanera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="272"/>
        <source>Keyboard scanner: scan a barcode; the app&apos;s keyboard filter reads it.</source>
        <translation>Skaner klawiaturowy: zeskanuj kod; odczyta go filtr klawiatury aplikacji.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="286"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="296"/>
        <source>Saved. The till uses these scanner settings now.</source>
        <translation>Zapisano. Kasa używa teraz tych ustawień skanera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="311"/>
        <source>Scanner set-up</source>
        <translation>Ustawienia skanera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="314"/>
        <source>Device URL</source>
        <translation>Adres urządzenia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="314"/>
        <source>Terminator</source>
        <translation>Znak końca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="314"/>
        <source>Prefix</source>
        <translation>Prefiks</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="314"/>
        <source>Suffix</source>
        <translation>Sufiks</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="318"/>
        <source>serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID</source>
        <translation>serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="319"/>
        <source>Find ports</source>
        <translation>Znajdź porty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="320"/>
        <source>Listen</source>
        <translation>Nasłuchuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="321"/>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="322"/>
        <source>Save settings</source>
        <translation>Zapisz ustawienia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="323"/>
        <source>Clear</source>
        <translation>Wyczyść</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="324"/>
        <source>Ports found</source>
        <translation>Znalezione porty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="326"/>
        <source>Automatic: CR, LF, CR LF or Tab</source>
        <translation>Auto: CR, LF, CR LF, Tab</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="327"/>
        <source>CR (Enter)</source>
        <translation>CR (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="328"/>
        <source>LF (line feed)</source>
        <translation>LF (nowa linia)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="329"/>
        <source>CR LF</source>
        <translation>CR LF</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="330"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="331"/>
        <source>None: a pause ends the scan</source>
        <translation>Brak: przerwa kończy skan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="335"/>
        <source>Show whole numbers</source>
        <translation>Pokaż pełne numery</translation>
    </message>
</context>
<context>
    <name>ServerCheckScreen</name>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="125"/>
        <source>Type the server address and the pairing code.</source>
        <translation>Wpisz adres serwera i kod parowania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="131"/>
        <source>Pairing…</source>
        <translation>Parowanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="143"/>
        <source>Paired as store {store}, POS {pos} ({group}); the new POS token is stored. Close the app and start it again to work as this till.</source>
        <translation>Sparowano jako sklep {store}, stanowisko {pos} ({group}); nowy token stanowiska zapisano. Zamknij aplikację i uruchom ją ponownie, aby pracować jako ta kasa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="153"/>
        <source>This pairing code is wrong. Check it and type it again.</source>
        <translation>Ten kod parowania jest błędny. Sprawdź go i wpisz ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="156"/>
        <source>This pairing code has expired or was already used. Ask the back office for a new one.</source>
        <translation>Ten kod parowania wygasł lub został już użyty. Poproś biuro o nowy.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="159"/>
        <source>Too many wrong codes from this till. Wait a few minutes, then try again.</source>
        <translation>Za dużo błędnych kodów z tej kasy. Odczekaj kilka minut i spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="161"/>
        <source>The server cannot be reached at this address. Check the address and the network.</source>
        <translation>Serwer pod tym adresem nie odpowiada. Sprawdź adres i sieć.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="164"/>
        <source>Not paired: work waits under this till&apos;s current registration ({waiting}). Send it first (Offline queue: Send now), let a manager resolve refused operations, finish an open payment; then pair again. The code is still valid.</source>
        <translation>Nie sparowano: pod obecną rejestracją tej kasy czekają operacje ({waiting}). Najpierw je wyślij (Kolejka offline: Wyślij teraz), niech kierownik rozwiąże odrzucone operacje, dokończ otwartą płatność; potem sparuj ponownie. Kod jest nadal ważny.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="169"/>
        <source>Not paired: this till&apos;s settings could not be read or saved ({reason}).</source>
        <translation>Nie sparowano: nie udało się odczytać ani zapisać ustawień tej kasy ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="172"/>
        <source>The server refused the pairing: {reason}</source>
        <translation>Serwer odrzucił parowanie: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="246"/>
        <source>Pair this till</source>
        <translation>Sparuj tę kasę</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="247"/>
        <source>Server address</source>
        <translation>Adres serwera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="248"/>
        <source>Pairing code</source>
        <translation>Kod parowania</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="249"/>
        <source>from the back office, e.g. ABCD-EFGH</source>
        <translation>z biura, np. ABCD-EFGH</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="250"/>
        <source>Pair</source>
        <translation>Sparuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="180"/>
        <source>Testing the connection…</source>
        <translation>Sprawdzanie połączenia…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="193"/>
        <source>{name}, store {store}, POS {pos}</source>
        <translation>{name}, sklep {store}, stanowisko {pos}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="196"/>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="198"/>
        <source>{ms:.0f} ms (first request {first:.0f} ms, with connecting)</source>
        <translation>{ms:.0f} ms (pierwsze żądanie {first:.0f} ms, z łączeniem)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="204"/>
        <source>in step (under 1 s)</source>
        <translation>zgodny (poniżej 1 s)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="206"/>
        <source>the server is {s:.1f} s ahead of this till</source>
        <translation>serwer spieszy się o {s:.1f} s względem kasy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="208"/>
        <source>the server is {s:.1f} s behind this till</source>
        <translation>serwer spóźnia się o {s:.1f} s względem kasy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="211"/>
        <source>{n} series; {changed}</source>
        <translation>serie: {n}; {changed}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="213"/>
        <source>updated</source>
        <translation>zaktualizowane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="213"/>
        <source>already up to date</source>
        <translation>już aktualne</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="216"/>
        <source>sync failed: {reason}</source>
        <translation>synchronizacja nieudana: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="221"/>
        <source>Set this till&apos;s clock: it is far from the server&apos;s.</source>
        <translation>Ustaw zegar kasy: znacznie różni się od zegara serwera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="223"/>
        <source>The connection is slow.</source>
        <translation>Połączenie jest wolne.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="225"/>
        <source>The card series could not be updated.</source>
        <translation>Nie udało się zaktualizować serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="229"/>
        <source>The server answers and knows this terminal.</source>
        <translation>Serwer odpowiada i zna ten terminal.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="237"/>
        <location filename="../../ui/screens/technician_server.py" line="238"/>
        <source>not configured</source>
        <translation>nieskonfigurowany</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="243"/>
        <source>Server connection</source>
        <translation>Połączenie z serwerem</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="244"/>
        <source>Test connection</source>
        <translation>Sprawdź połączenie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="245"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="252"/>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="253"/>
        <source>Loyalty group</source>
        <translation>Grupa lojalnościowa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="254"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="255"/>
        <source>Merchant</source>
        <translation>Sprzedawca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="256"/>
        <source>Store</source>
        <translation>Sklep</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="257"/>
        <source>Currency</source>
        <translation>Waluta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="258"/>
        <source>Merchant groups</source>
        <translation>Grupy sprzedawców</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="259"/>
        <source>Round trip</source>
        <translation>Czas odpowiedzi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="260"/>
        <source>Clock</source>
        <translation>Zegar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="261"/>
        <source>Card series</source>
        <translation>Serie kart</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="262"/>
        <source>Checked</source>
        <translation>Sprawdzono</translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <location filename="../../ui/approval.py" line="71"/>
        <source>Manager approval</source>
        <translation>Zgoda kierownika</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="90"/>
        <source>Manager&apos;s PIN</source>
        <translation>PIN kierownika</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="102"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="104"/>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="115"/>
        <source>Choose the manager and type the PIN.</source>
        <translation>Wybierz kierownika i wpisz PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="263"/>
        <location filename="../../ui/approval.py" line="286"/>
        <source>This needs a manager&apos;s approval.</source>
        <translation>To wymaga zgody kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="284"/>
        <location filename="../../ui/approval.py" line="309"/>
        <source>Only a manager can approve this.</source>
        <translation>Tylko kierownik może to zatwierdzić.</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="187"/>
        <source>No</source>
        <translation>Nie</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="176"/>
        <source>Repeat?</source>
        <translation>Powtórzyć?</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="185"/>
        <source>Yes, again</source>
        <translation>Tak, jeszcze raz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_approval.py" line="66"/>
        <source>card {number}</source>
        <translation>karta {number}</translation>
    </message>
</context>
<context>
    <name>cashier</name>
    <message>
        <location filename="../../ui/screens/cashier.py" line="50"/>
        <location filename="../../ui/screens/cashier_approval.py" line="31"/>
        <location filename="../../ui/screens/cashier_approval.py" line="32"/>
        <source>Sell / activate</source>
        <translation>Sprzedaj / aktywuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="51"/>
        <location filename="../../ui/screens/cashier_approval.py" line="35"/>
        <source>Load</source>
        <translation>Doładuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="52"/>
        <location filename="../../ui/screens/cashier_approval.py" line="36"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="53"/>
        <location filename="../../ui/screens/cashier_approval.py" line="39"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="305"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="355"/>
        <source>Refund</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="54"/>
        <location filename="../../ui/screens/cashier_approval.py" line="44"/>
        <location filename="../../ui/screens/cashier_basket.py" line="101"/>
        <source>Earn points</source>
        <translation>Nalicz punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="55"/>
        <location filename="../../ui/screens/cashier_approval.py" line="45"/>
        <source>Spend points</source>
        <translation>Wydaj punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="56"/>
        <source>Spend all points</source>
        <translation>Wydaj wszystkie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="57"/>
        <location filename="../../ui/screens/cashier_approval.py" line="46"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="219"/>
        <source>Return points</source>
        <translation>Zwrot punktów</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="58"/>
        <location filename="../../ui/screens/cashier_approval.py" line="43"/>
        <source>Redeem coupon</source>
        <translation>Zrealizuj kupon</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="59"/>
        <source>Print balance</source>
        <translation>Drukuj saldo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="60"/>
        <location filename="../../ui/screens/cashier_approval.py" line="40"/>
        <source>Void last</source>
        <translation>Cofnij</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="61"/>
        <location filename="../../ui/screens/cashier_approval.py" line="41"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="74"/>
        <source>Block card</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="67"/>
        <source>Add to balance</source>
        <translation>Dopisz do salda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="68"/>
        <source>Return a sale</source>
        <translation>Zwrot sprzedaży</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="74"/>
        <source>Pay with points</source>
        <translation>Zapłać punktami</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="75"/>
        <source>Pay from loyalty balance</source>
        <translation>Zapłać z salda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="81"/>
        <source>Merge cards…</source>
        <translation>Połącz karty…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="82"/>
        <location filename="../../ui/screens/cashier_approval.py" line="48"/>
        <location filename="../../ui/screens/cashier_moves.py" line="56"/>
        <source>Transfer balance…</source>
        <translation>Przenieś saldo…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="85"/>
        <location filename="../../ui/screens/cashier_approval.py" line="37"/>
        <source>Commit</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="86"/>
        <location filename="../../ui/screens/cashier_approval.py" line="38"/>
        <source>Cancel payment</source>
        <translation>Anuluj płatność</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="335"/>
        <source>Scan a card or type its number</source>
        <translation>Zeskanuj lub wpisz numer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="337"/>
        <source>Look up</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="338"/>
        <source>Clear (Esc)</source>
        <translation>Wyczyść (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="339"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="340"/>
        <source>Amount or points</source>
        <translation>Kwota lub punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="342"/>
        <source>Actions</source>
        <translation>Operacje</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="592"/>
        <source>This store sells no printed gift cards. Scan a pre-issued card.</source>
        <translation>Ten sklep nie sprzedaje drukowanych kart podarunkowych. Zeskanuj kartę z puli.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="345"/>
        <location filename="../../ui/screens/cashier.py" line="598"/>
        <location filename="../../ui/screens/cashier_approval.py" line="33"/>
        <source>New gift card</source>
        <translation>Nowa karta podarunkowa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="609"/>
        <source>This store issues no store credit.</source>
        <translation>Ten sklep nie wydaje bonów sklepowych.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="347"/>
        <location filename="../../ui/screens/cashier.py" line="613"/>
        <location filename="../../ui/screens/cashier_approval.py" line="34"/>
        <source>Issue store credit</source>
        <translation>Wydaj bon sklepowy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="349"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="689"/>
        <location filename="../../ui/screens/cashier_approval.py" line="77"/>
        <location filename="../../ui/screens/cashier_controller.py" line="185"/>
        <location filename="../../ui/screens/cashier_panel.py" line="192"/>
        <source>{points} points</source>
        <translation>Punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="692"/>
        <source>On hold on card {number}: {what}. Commit when the sale is finished.</source>
        <translation>Zablokowano {what} (karta {number}). Zatwierdź po sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="696"/>
        <source>(provisional: the server is away)</source>
        <translation>(tymczasowo: brak połączenia z serwerem)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="211"/>
        <source>A payment is on hold: commit or cancel it first.</source>
        <translation>Płatność czeka na zatwierdzenie: najpierw ją zatwierdź albo anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="213"/>
        <source>An operation is still running.</source>
        <translation>Operacja jeszcze trwa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="228"/>
        <location filename="../../ui/screens/cashier_state.py" line="252"/>
        <location filename="../../ui/screens/cashier_state.py" line="352"/>
        <source>Wait for the current operation to finish, or cancel it.</source>
        <translation>Poczekaj na zakończenie bieżącej operacji albo ją przerwij.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="329"/>
        <source>Stopped waiting. It may still go through: check the balance before repeating it.</source>
        <translation>Przerwano czekanie. Operacja mogła się wykonać: sprawdź saldo, zanim ją powtórzysz.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="335"/>
        <source>Stopped waiting.</source>
        <translation>Przerwano czekanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="348"/>
        <source>Scan a card or type its number.</source>
        <translation>Zeskanuj kartę lub wpisz jej numer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="404"/>
        <source>Only {points} points to a {value} reward: tell the customer.</source>
        <translation>Tylko {points} pkt do nagrody {value}: powiedz klientowi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="411"/>
        <source>Card found.</source>
        <translation>Karta odczytana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="433"/>
        <source>Earns {points} points; balance after: {after}.</source>
        <translation>Nalicza {points} pkt; saldo po: {after}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="437"/>
        <source>A reward coupon will print.</source>
        <translation>Wydrukuje się kupon z nagrodą.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="475"/>
        <source>The server cannot be reached: it is saved and will be sent later (provisional).</source>
        <translation>Brak połączenia z serwerem: operacja zapisana i zostanie wysłana później (tymczasowo).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="67"/>
        <source>Card activated with {amount}.</source>
        <translation>Karta aktywowana na kwotę {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="57"/>
        <source>Card activated: it earns points from now on.</source>
        <translation>Karta aktywowana: od teraz zbiera punkty.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="81"/>
        <source>New gift card issued with {amount}.</source>
        <translation>Wydano nową kartę podarunkową na {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="93"/>
        <source>Store credit issued for {amount}.</source>
        <translation>Wydano bon sklepowy na {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="119"/>
        <source>{amount} loaded on the card.</source>
        <translation>Doładowano kartę kwotą {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="135"/>
        <source>A payment is already on hold: commit or cancel it first.</source>
        <translation>Jedna płatność już czeka: najpierw ją zatwierdź albo anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="157"/>
        <source>Payment of {amount} taken offline.</source>
        <translation>Płatność {amount} przyjęta bez połączenia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="167"/>
        <source>The server gave no hold for this payment. Check the balance.</source>
        <translation>Serwer nie zwrócił blokady dla tej płatności. Sprawdź saldo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="187"/>
        <source>{amount} on hold. Finish the sale with Commit, or Cancel.</source>
        <translation>Zablokowano {amount}. Zakończ sprzedaż przyciskiem Zatwierdź albo Anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="196"/>
        <location filename="../../ui/screens/cashier_controller.py" line="223"/>
        <source>No payment is on hold.</source>
        <translation>Żadna płatność nie czeka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="212"/>
        <source>{points} points paid.</source>
        <translation>Zapłacono punktami: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="214"/>
        <source>Payment of {amount} done.</source>
        <translation>Płatność {amount} wykonana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="237"/>
        <source>The payment was cancelled; nothing was taken.</source>
        <translation>Płatność anulowana; nic nie pobrano.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="288"/>
        <source>{amount} refunded to the card.</source>
        <translation>Zwrócono na kartę {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="305"/>
        <source>Nothing done on this card in this session to void.</source>
        <translation>W tej sesji nie wykonano na tej karcie nic do anulowania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="319"/>
        <source>The last operation was voided.</source>
        <translation>Ostatnia operacja została anulowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="336"/>
        <source>Balance slip printed.</source>
        <translation>Wydrukowano potwierdzenie salda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="346"/>
        <source>The card is blocked.</source>
        <translation>Karta jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="375"/>
        <source>Coupon redeemed: give the discount.</source>
        <translation>Kupon zrealizowany: udziel rabatu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="404"/>
        <source>{points} points earned.</source>
        <translation>Naliczono punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="398"/>
        <source>Points for this sale are counted by the server.</source>
        <translation>Punkty za tę sprzedaż naliczy serwer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="400"/>
        <source>{amount} credited to the loyalty balance.</source>
        <translation>{amount} dopisano do salda lojalnościowego.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="408"/>
        <source>Reward coupon printed: give it to the customer.</source>
        <translation>Wydrukowano kupon nagrody: przekaż go klientowi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="435"/>
        <source>{amount} paid from the loyalty balance: deduct it from the bill.</source>
        <translation>{amount} zapłacono z salda lojalnościowego: odlicz od rachunku.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="445"/>
        <source>{points} points spent.</source>
        <translation>Wydano punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="447"/>
        <source>{points} points spent: deduct {amount} from the bill.</source>
        <translation>Wydano {points} pkt: odlicz {amount} od rachunku.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="494"/>
        <source>There are no points to spend.</source>
        <translation>Brak punktów do wydania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="513"/>
        <source>This card earned no points that could be returned.</source>
        <translation>Ta karta nie ma naliczonych punktów, które można zwrócić.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="527"/>
        <source>{points} points taken back.</source>
        <translation>Odebrano punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="483"/>
        <source>Scan a card first.</source>
        <translation>Najpierw zeskanuj kartę.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="41"/>
        <source>Lost</source>
        <translation>Zgubiona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="42"/>
        <source>Stolen</source>
        <translation>Skradziona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="43"/>
        <source>Damaged</source>
        <translation>Uszkodzona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="44"/>
        <source>Fraud suspected</source>
        <translation>Podejrzenie oszustwa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="45"/>
        <source>The customer asked</source>
        <translation>Na prośbę klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="46"/>
        <source>Other</source>
        <translation>Inny powód</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="58"/>
        <source>Basket</source>
        <translation>Koszyk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="63"/>
        <source>Lines of the sale</source>
        <translation>Pozycje sprzedaży</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="69"/>
        <source>Product code</source>
        <translation>Kod produktu</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="71"/>
        <source>Group (optional)</source>
        <translation>Grupa (opcjonalnie)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="75"/>
        <source>Unit price</source>
        <translation>Cena jedn.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="76"/>
        <source>Add line</source>
        <translation>Dodaj pozycję</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="86"/>
        <source>Remove line</source>
        <translation>Usuń pozycję</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="99"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="52"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="440"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="114"/>
        <source>Type the product code.</source>
        <translation>Wpisz kod produktu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_basket.py" line="126"/>
        <source>{quantity} × {product} {group} at {price}</source>
        <translation>{quantity} × {product} {group} po {price}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="78"/>
        <source>Block card {number}?</source>
        <translation>Zablokować kartę {number}?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="82"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="87"/>
        <source>Block</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="133"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="143"/>
        <source>Issue</source>
        <translation>Wydaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="161"/>
        <source>Fixed amount: {amount}</source>
        <translation>Stała kwota: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="167"/>
        <source>From {low} to {high}</source>
        <translation>Od {low} do {high}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="222"/>
        <source>Which sale are the goods from?</source>
        <translation>Z której sprzedaży pochodzą towary?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="226"/>
        <source>Points are taken back for {amount} of it.</source>
        <translation>Punkty zostaną odebrane za {amount} tej sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="230"/>
        <source>Every point the sale earned is taken back.</source>
        <translation>Zostaną odebrane wszystkie punkty naliczone za tę sprzedaż.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="243"/>
        <source>{when} · {points} points</source>
        <translation>{when} · punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="264"/>
        <source>Return</source>
        <translation>Zwróć</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="32"/>
        <source>Active</source>
        <translation>Aktywna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="33"/>
        <source>Not activated yet</source>
        <translation>Jeszcze nieaktywna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="34"/>
        <source>Blocked</source>
        <translation>Zablokowana</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="35"/>
        <source>Expired</source>
        <translation>Wygasła</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="36"/>
        <source>Closed</source>
        <translation>Zamknięta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="37"/>
        <source>Used</source>
        <translation>Wykorzystany</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="99"/>
        <source>No card</source>
        <translation>Brak karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="101"/>
        <source>Scan a card or type its number above.</source>
        <translation>Zeskanuj kartę lub wpisz jej numer powyżej.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="126"/>
        <source>Not accepted in this store</source>
        <translation>Nieakceptowana w tym sklepie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="154"/>
        <source>Valid until {date}</source>
        <translation>Ważna do {date}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="158"/>
        <source>No expiry date</source>
        <translation>Bez daty ważności</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="166"/>
        <source>Customer: {name}</source>
        <translation>Klient: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="168"/>
        <source>No customer linked</source>
        <translation>Bez klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="184"/>
        <location filename="../../ui/screens/cashier_panel.py" line="188"/>
        <source>Available {amount}</source>
        <translation>Dostępne {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="205"/>
        <source>Sold for a fixed {amount}</source>
        <translation>Sprzedawana za stałą kwotę {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="209"/>
        <source>Sold for {low} to {high}</source>
        <translation>Sprzedawana za kwotę od {low} do {high}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="237"/>
        <source>Balance {net}, on hold {held}</source>
        <translation>Saldo {net}, zablokowane {held}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="246"/>
        <source>{amount} pending</source>
        <translation>{amount} oczekuje</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="252"/>
        <source>{amount} expires on {date}</source>
        <translation>{amount} wygasa {date}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="259"/>
        <source>Worth {amount}</source>
        <translation>Wartość {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="265"/>
        <source>{points} points pending</source>
        <translation>Punkty oczekujące: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="271"/>
        <source>{points} points expire on {date}</source>
        <translation>Punkty wygasające {date}: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="279"/>
        <source>{points} points to a {value} reward</source>
        <translation>Do nagrody {value} brakuje punktów: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="286"/>
        <source>Uses left: {n}</source>
        <translation>Pozostałe użycia: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="290"/>
        <source>Blocked: {reason}</source>
        <translation>Zablokowana: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="350"/>
        <source>No payment of this card has {amount} left to refund.</source>
        <translation>Żadna płatność tą kartą nie ma {amount} do zwrotu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="291"/>
        <source>Not repeated: nothing was saved again.</source>
        <translation>Nie powtórzono: nic nie zapisano drugi raz.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="175"/>
        <source>Offline: last known, as of {time}</source>
        <translation>Offline: ostatni znany stan z {time}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="360"/>
        <source>The card is unblocked.</source>
        <translation>Karta jest odblokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="281"/>
        <source>The same operation ({what}) on this card was saved offline {seconds} s ago and waits to be sent. Do it again?</source>
        <translation>Ta sama operacja ({what}) na tej karcie została zapisana offline {seconds} s temu i czeka na wysłanie. Wykonać ją jeszcze raz?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="384"/>
        <source>The server cannot be reached: this is the card as last seen, at {time}. What you do now is saved and sent later (provisional).</source>
        <translation>Brak połączenia z serwerem: to karta w stanie z {time}. To, co teraz zrobisz, zostanie zapisane i wysłane później (tymczasowo).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="265"/>
        <source>This card has no payment left to refund. Goods paid for otherwise are returned as store credit (Issue store credit).</source>
        <translation>Na tej karcie nie ma płatności do zwrotu. Towar opłacony inaczej zwraca się bonem sklepowym (Wydaj bon sklepowy).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="62"/>
        <location filename="../../ui/screens/cashier_approval.py" line="42"/>
        <source>Unblock card</source>
        <translation>Odblokuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="308"/>
        <source>Which payment is refunded?</source>
        <translation>Którą płatność zwrócić?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="249"/>
        <source>already returned</source>
        <translation>już zwrócona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="312"/>
        <source>{amount} goes back to the card, at most what is left of the payment.</source>
        <translation>{amount} wraca na kartę, najwyżej tyle, ile zostało z płatności.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="292"/>
        <source>{amount} of that payment is left to refund.</source>
        <translation>Z tej płatności do zwrotu zostało {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="251"/>
        <source>{points} points left</source>
        <translation>zostało {points} pkt</translation>
    </message>
    <message>
        <source>{points} points spent: take {amount} off the sale.</source>
        <translation type="vanished">Wydano {points} pkt: odejmij {amount} od sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="136"/>
        <source>{state}: {balance} (cannot be used)</source>
        <translation>{state}: {balance} (nie do użycia)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="326"/>
        <source>{when} · paid {paid} · {left} left to refund</source>
        <translation>{when} · zapłacono {paid} · do zwrotu {left}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="73"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="393"/>
        <source>Buy with points</source>
        <translation>Kup za punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="220"/>
        <source>Buy with points:</source>
        <translation>Za punkty:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="419"/>
        <location filename="../../ui/screens/cashier_panel.py" line="223"/>
        <source>{product} · {points} points</source>
        <translation>{product} · {points} pkt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="396"/>
        <source>Which product does the customer take?</source>
        <translation>Który produkt bierze klient?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="401"/>
        <source>The card has {points} points.</source>
        <translation>Na karcie: {points} pkt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="423"/>
        <source>not enough points</source>
        <translation>za mało punktów</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="475"/>
        <source>This card cannot buy that product with points.</source>
        <translation>Tego produktu nie można kupić za punkty tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="482"/>
        <source>{product} bought for {points} points.</source>
        <translation>{product}: kupiono za {points} pkt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_approval.py" line="47"/>
        <location filename="../../ui/screens/cashier_moves.py" line="49"/>
        <source>Merge into another card…</source>
        <translation>Połącz z inną kartą…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="50"/>
        <source>The points of card {number} move to the customer&apos;s other card, with their dates; card {number} is closed.</source>
        <translation>Punkty karty {number} przejdą na drugą kartę klienta, z zachowaniem dat; karta {number} zostanie zamknięta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="57"/>
        <source>The whole balance of card {number} moves to another card of its series; card {number} is blocked.</source>
        <translation>Całe saldo karty {number} przejdzie na inną kartę tej serii; karta {number} zostanie zablokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="69"/>
        <source>Card to move to</source>
        <translation>Karta docelowa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="73"/>
        <source>Scan the other card or type its number</source>
        <translation>Zeskanuj drugą kartę lub wpisz jej numer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="84"/>
        <source>Why the old card is blocked</source>
        <translation>Powód zablokowania starej karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="90"/>
        <source>A manager approves it next. The slip prints.</source>
        <translation>Następnie zatwierdza kierownik. Drukuje się potwierdzenie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="95"/>
        <source>Merge</source>
        <translation>Połącz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="97"/>
        <source>Transfer</source>
        <translation>Przenieś</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="136"/>
        <source>into card {number}</source>
        <translation>z kartą {number}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="151"/>
        <source>to card {number}</source>
        <translation>na kartę {number}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="165"/>
        <source>{points} moved to card {target}; card {source} is closed.</source>
        <translation>Przeniesiono na kartę {target} ({points}); karta {source} jest zamknięta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_moves.py" line="174"/>
        <source>{amount} moved to card {target}; card {source} is blocked.</source>
        <translation>Przeniesiono {amount} na kartę {target}; karta {source} jest zablokowana.</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../ui/crash_dialog.py" line="21"/>
        <source>Something went wrong</source>
        <translation>Coś poszło nie tak</translation>
    </message>
    <message>
        <location filename="../../ui/crash_dialog.py" line="23"/>
        <source>Something went wrong in the app.</source>
        <translation>W aplikacji coś poszło nie tak.</translation>
    </message>
    <message>
        <location filename="../../ui/crash_dialog.py" line="26"/>
        <source>the app&apos;s log</source>
        <translation>dzienniku aplikacji</translation>
    </message>
    <message>
        <location filename="../../ui/crash_dialog.py" line="28"/>
        <source>The details were saved for a technician in {where}. You can carry on; if it happens again, call a technician.</source>
        <translation>Szczegóły zapisano dla serwisanta w {where}. Możesz pracować dalej; jeśli to się powtórzy, wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/crash_dialog.py" line="38"/>
        <source>Quit the app</source>
        <translation>Zamknij aplikację</translation>
    </message>
    <message>
        <location filename="../../ui/crash_dialog.py" line="40"/>
        <source>Carry on</source>
        <translation>Pracuj dalej</translation>
    </message>
</context>
<context>
    <name>customer</name>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="47"/>
        <source>(no name)</source>
        <translation>(bez nazwiska)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="90"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="97"/>
        <source>Find or enrol a customer</source>
        <translation>Znajdź lub zarejestruj klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="104"/>
        <source>Phone number (+48 600 100 200) or e-mail</source>
        <translation>Telefon (+48 600 100 200) lub e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="108"/>
        <source>Find</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="114"/>
        <source>Owner of this card</source>
        <translation>Właściciel tej karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="128"/>
        <source>First name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="129"/>
        <source>Last name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="130"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="134"/>
        <source>Country</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="137"/>
        <source>Agrees to marketing by SMS</source>
        <translation>Zgoda na marketing SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="140"/>
        <source>Agrees to marketing by e-mail</source>
        <translation>Zgoda na marketing e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="151"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="153"/>
        <source>Enrol</source>
        <translation>Zarejestruj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="156"/>
        <source>Save consents</source>
        <translation>Zapisz zgody</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="159"/>
        <source>Link the card on the counter</source>
        <translation>Przypisz kartę z lady</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="162"/>
        <source>Save details</source>
        <translation>Zapisz dane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="189"/>
        <source>Working…</source>
        <translation>Trwa…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="211"/>
        <location filename="../../ui/screens/cashier_customer.py" line="308"/>
        <source>Type the customer&apos;s phone number.</source>
        <translation>Wpisz numer telefonu klienta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="237"/>
        <location filename="../../ui/screens/cashier_customer.py" line="357"/>
        <source>Nothing changed.</source>
        <translation>Nic się nie zmieniło.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="254"/>
        <source>Details saved.</source>
        <translation>Dane zapisane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="273"/>
        <source>{n} customer(s) found.</source>
        <translation>Znalezieni klienci: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="279"/>
        <source>No customer with this number: fill in the form and press Enrol.</source>
        <translation>Brak klienta z tym numerem: wypełnij formularz i naciśnij Zarejestruj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="334"/>
        <source>Enrolment saved; it will be sent when the server is back.</source>
        <translation>Rejestracja zapisana; zostanie wysłana po odzyskaniu połączenia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="340"/>
        <source>Customer enrolled.</source>
        <translation>Klient zarejestrowany.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="371"/>
        <source>Consents saved.</source>
        <translation>Zgody zapisane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="383"/>
        <source>Card linked to the customer.</source>
        <translation>Karta przypisana do klienta.</translation>
    </message>
</context>
<context>
    <name>customer_display</name>
    <message>
        <location filename="../../ui/customer_display.py" line="38"/>
        <source>Gift card</source>
        <translation>Karta podarunkowa</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="39"/>
        <source>Store credit</source>
        <translation>Bon sklepowy</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="40"/>
        <source>Coupon</source>
        <translation>Kupon</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="41"/>
        <source>Loyalty card</source>
        <translation>Karta lojalnościowa</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="60"/>
        <source>Welcome</source>
        <translation>Witamy</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="66"/>
        <source>This card cannot be used</source>
        <translation>Tej karty nie można użyć</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="69"/>
        <source>Balance {amount}</source>
        <translation>Saldo {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="74"/>
        <source>Being paid {amount}</source>
        <translation>Do zapłaty {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="81"/>
        <source>Paid {amount}</source>
        <translation>Zapłacono {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="86"/>
        <source>Remaining {amount}</source>
        <translation>Pozostało {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="92"/>
        <source>Added {amount}</source>
        <translation>Doładowano {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="98"/>
        <source>Returned {amount}</source>
        <translation>Zwrócono {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="104"/>
        <source>{points} points</source>
        <translation>Punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="110"/>
        <source>You earned {points} points</source>
        <translation>Zdobyte punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="116"/>
        <source>You spent {points} points</source>
        <translation>Wykorzystane punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="123"/>
        <source>{points} points to a {value} reward</source>
        <translation>Do nagrody {value} brakuje punktów: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="161"/>
        <source>Customer display</source>
        <translation>Ekran klienta</translation>
    </message>
    <message>
        <location filename="../../ui/customer_display.py" line="172"/>
        <source>Provisional: confirmed when the till is back online</source>
        <translation>Wstępnie: potwierdzimy, gdy kasa odzyska połączenie</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="36"/>
        <source>The server does not know this card.</source>
        <translation>Serwer nie zna tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>The server does not know this card series.</source>
        <translation>Serwer nie zna tej serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>The server does not know this customer.</source>
        <translation>Serwer nie zna tego klienta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="45"/>
        <source>The original operation was not found.</source>
        <translation>Nie znaleziono pierwotnej operacji.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="48"/>
        <source>This card is not active yet.</source>
        <translation>Ta karta nie jest jeszcze aktywna.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>This card is blocked.</source>
        <translation>Ta karta jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="50"/>
        <source>This card has expired.</source>
        <translation>Ta karta straciła ważność.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="51"/>
        <source>Not enough money on the card.</source>
        <translation>Za mało środków na karcie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="52"/>
        <source>Not enough points on the card.</source>
        <translation>Za mało punktów na karcie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53"/>
        <source>This card cannot be used in this store.</source>
        <translation>Tej karty nie można użyć w tym sklepie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="56"/>
        <source>This card cannot be sold in this store.</source>
        <translation>Tej karty nie można sprzedać w tym sklepie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>This card has already been activated.</source>
        <translation>Ta karta jest już aktywowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>The card has been used since; this cannot be undone.</source>
        <translation>Karta była później używana; tego nie można cofnąć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>The payment hold was not found.</source>
        <translation>Nie znaleziono blokady płatności.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="66"/>
        <source>This payment hold was already completed or cancelled.</source>
        <translation>Ta blokada płatności została już zatwierdzona lub anulowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69"/>
        <source>This payment hold has expired; take the payment again.</source>
        <translation>Blokada płatności wygasła; przyjmij płatność ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <source>This coupon has already been used.</source>
        <translation>Ten kupon został już wykorzystany.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>The amount is in another currency than the card.</source>
        <translation>Kwota jest w innej walucie niż karta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="76"/>
        <source>This amount is not valid for the card.</source>
        <translation>Ta kwota jest nieprawidłowa dla tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The amount is outside the limits of this card series.</source>
        <translation>Kwota jest poza limitami tej serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="82"/>
        <source>This number of points is not valid.</source>
        <translation>Ta liczba punktów jest nieprawidłowa.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>Nothing is left to return for that sale.</source>
        <translation>Z tej sprzedaży nie zostało nic do zwrotu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="86"/>
        <source>That operation was already reversed.</source>
        <translation>Ta operacja została już cofnięta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="89"/>
        <source>A customer with this phone number already exists.</source>
        <translation>Klient z tym numerem telefonu już istnieje.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>This terminal may not do that.</source>
        <translation>Ten terminal nie może tego zrobić.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="93"/>
        <source>The server does not accept this terminal. Call a technician.</source>
        <translation>Serwer nie akceptuje tego terminala. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>This operation clashes with an earlier one. Start again.</source>
        <translation>Ta operacja koliduje z wcześniejszą. Zacznij od nowa.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>That is the same card: scan the other card.</source>
        <translation>To ta sama karta: zeskanuj drugą kartę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="120"/>
        <source>Only two cards of one customer can be merged. Link both cards to the customer first.</source>
        <translation>Połączyć można tylko dwie karty jednego klienta. Najpierw przypisz obie karty do klienta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>These cards are of different series: nothing can move between them.</source>
        <translation>Te karty są z różnych serii: nie można niczego między nimi przenieść.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="126"/>
        <source>A payment on this card is still on hold. Commit or cancel it first.</source>
        <translation>Płatność tą kartą jest wciąż wstrzymana. Najpierw ją zatwierdź lub anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="129"/>
        <source>This card holds no money to transfer.</source>
        <translation>Na tej karcie nie ma pieniędzy do przeniesienia.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="155"/>
        <source>No number was given.</source>
        <translation>Nie podano numeru.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="156"/>
        <source>The number has characters a card number cannot have.</source>
        <translation>Numer zawiera znaki, których numer karty nie może mieć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="159"/>
        <source>This is not one of our cards.</source>
        <translation>To nie jest nasza karta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="160"/>
        <source>The number is too short or too long. Scan or type it again.</source>
        <translation>Numer jest za krótki lub za długi. Zeskanuj lub wpisz go ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="163"/>
        <source>The number is mistyped (check digit). Scan or type it again.</source>
        <translation>Numer jest błędny (cyfra kontrolna). Zeskanuj lub wpisz go ponownie.</translation>
    </message>
    <message>
        <source>This number cannot be used here.</source>
        <translation type="vanished">Tego numeru nie można tu użyć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="303"/>
        <source>gift card</source>
        <translation>karta podarunkowa</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="304"/>
        <source>store credit</source>
        <translation>bon sklepowy</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="305"/>
        <source>coupon</source>
        <translation>kupon</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="306"/>
        <source>loyalty card</source>
        <translation>karta lojalnościowa</translation>
    </message>
    <message>
        <source>This amount cannot be used.</source>
        <translation type="vanished">Tej kwoty nie można użyć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="168"/>
        <source>Type an amount.</source>
        <translation>Wpisz kwotę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="169"/>
        <source>The amount cannot be negative.</source>
        <translation>Kwota nie może być ujemna.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="170"/>
        <source>The amount must be more than zero.</source>
        <translation>Kwota musi być większa od zera.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="171"/>
        <source>Too many decimal places for this currency.</source>
        <translation>Za dużo miejsc po przecinku dla tej waluty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="174"/>
        <source>The amount is too large.</source>
        <translation>Kwota jest za duża.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="175"/>
        <source>Digits after a thousands separator come in groups of three.</source>
        <translation>Po separatorze tysięcy cyfry występują w grupach po trzy.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="181"/>
        <source>Points are a whole number.</source>
        <translation>Punkty to liczba całkowita.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="182"/>
        <source>Type the amount of the sale.</source>
        <translation>Wpisz kwotę sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="183"/>
        <location filename="../../ui/errors.py" line="184"/>
        <source>The amount is in another currency.</source>
        <translation>Kwota jest w innej walucie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="187"/>
        <source>This is not an amount.</source>
        <translation>To nie jest kwota.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="223"/>
        <source>The server cannot be reached and this is over the offline limit. A manager may allow it.</source>
        <translation>Brak połączenia z serwerem, a to przekracza limit pracy offline. Kierownik może na to zezwolić.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="137"/>
        <source>The server cannot be reached and this operation cannot wait. Try again later.</source>
        <translation>Brak połączenia z serwerem, a ta operacja nie może czekać. Spróbuj później.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="228"/>
        <source>The server is busy. Try again in a moment.</source>
        <translation>Serwer jest zajęty. Spróbuj za chwilę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="230"/>
        <source>The server did not answer in time. The operation may have gone through; check the balance.</source>
        <translation>Serwer nie odpowiedział na czas. Operacja mogła się wykonać; sprawdź saldo.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="134"/>
        <source>The server cannot be reached. Check the network or try again.</source>
        <translation>Brak połączenia z serwerem. Sprawdź sieć lub spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="132"/>
        <source>The server refused the operation.</source>
        <translation>Serwer odrzucił operację.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="145"/>
        <source>The server gave an answer the terminal does not understand. Call a technician.</source>
        <translation>Serwer dał odpowiedź, której terminal nie rozumie. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="150"/>
        <source>Too many wrong PINs. This operator is locked out for a while.</source>
        <translation>Zbyt wiele błędnych PIN-ów. Operator jest na pewien czas zablokowany.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="149"/>
        <source>Wrong operator or PIN.</source>
        <translation>Błędny operator lub PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="215"/>
        <source>This needs a manager&apos;s approval.</source>
        <translation>To wymaga zgody kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="213"/>
        <source>Your role may not do this.</source>
        <translation>Twoja rola na to nie pozwala.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="153"/>
        <source>Not allowed.</source>
        <translation>Niedozwolone.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="166"/>
        <source>This is a {actual}, not a {expected}.</source>
        <translation>To jest {actual}, a nie {expected}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="189"/>
        <source>The printer is out of paper.</source>
        <translation>W drukarce skończył się papier.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="190"/>
        <source>The printer cover is open.</source>
        <translation>Pokrywa drukarki jest otwarta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="191"/>
        <source>The printer cannot be reached. Check that it is on and connected.</source>
        <translation>Brak połączenia z drukarką. Sprawdź, czy jest włączona i podłączona.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="194"/>
        <source>The printer settings are wrong. Call a technician.</source>
        <translation>Ustawienia drukarki są błędne. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="197"/>
        <source>Printing failed.</source>
        <translation>Drukowanie nie powiodło się.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="198"/>
        <source>The terminal&apos;s settings are wrong. Call a technician.</source>
        <translation>Ustawienia terminala są błędne. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="259"/>
        <source>Not enough points on the card: {points} available, worth {worth}.</source>
        <translation>Za mało punktów na karcie: dostępne {points}, o wartości {worth}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="339"/>
        <source>Something went wrong. The details were saved for a technician.</source>
        <translation>Coś poszło nie tak. Szczegóły zapisano dla serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>A refund must name the payment it gives back. Goods paid for otherwise are returned as store credit.</source>
        <translation>Zwrot musi wskazać płatność, której dotyczy. Towar opłacony inaczej zwraca się bonem sklepowym.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="281"/>
        <source>Offline, this card series allows at most {cap} per operation. A manager may allow more.</source>
        <translation>Bez połączenia ta seria kart pozwala na najwyżej {cap} na operację. Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="286"/>
        <source>Offline, this card series allows at most {points} points per operation. A manager may allow more.</source>
        <translation>Bez połączenia ta seria kart pozwala na najwyżej {points} pkt na operację. Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="292"/>
        <source>Offline, this till may keep at most {cap} waiting for the server ({room} left). A manager may allow more.</source>
        <translation>Bez połączenia ta kasa może przechować najwyżej {cap} czekające na serwer (zostało {room}). Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="247"/>
        <source>One load on this card may add at most {amount}.</source>
        <translation>Jedno doładowanie tej karty może dodać najwyżej {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="178"/>
        <source>The amount can be read two ways: type the decimals with a comma.</source>
        <translation>Kwotę można odczytać na dwa sposoby: grosze wpisz po przecinku.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="108"/>
        <source>The card would hold more than its series allows.</source>
        <translation>Na karcie byłoby więcej, niż pozwala jej seria.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111"/>
        <source>This amount needs a manager&apos;s approval.</source>
        <translation>Ta kwota wymaga zgody kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="255"/>
        <source>This card may hold at most {most}; at most {room} more can be added.</source>
        <translation>Na tej karcie może być najwyżej {most}; można dodać jeszcze najwyżej {room}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105"/>
        <source>This is more than one load may add to a card of this series.</source>
        <translation>To więcej, niż jedno doładowanie może dodać do karty tej serii.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="208"/>
        <source>This payment hold was placed by another store; only that store can finish or cancel it.</source>
        <translation>Tę blokadę założył inny sklep; tylko on może ją zatwierdzić lub anulować.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="114"/>
        <source>This till has reached its daily limit for activations, loads and refunds.</source>
        <translation>Ta kasa osiągnęła dzienny limit aktywacji, doładowań i zwrotów.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="263"/>
        <source>This till has reached its daily limit for activations, loads and refunds; {left} is left today.</source>
        <translation>Ta kasa osiągnęła dzienny limit aktywacji, doładowań i zwrotów; na dziś zostało {left}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="322"/>
        <source>The payment was not confirmed by the server: it is NOT paid. Take another payment method. If the card was charged, the terminal gives the amount back by itself.</source>
        <translation>Serwer nie potwierdził płatności: NIE jest zapłacona. Przyjmij inną formę płatności. Jeśli karta została obciążona, terminal sam zwróci tę kwotę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="140"/>
        <source>The server did not answer; the operation may have gone through. Do not repeat it: it is checked when the server is back, and a manager sees the outcome.</source>
        <translation>Serwer nie odpowiedział; operacja mogła zostać wykonana. Nie powtarzaj jej: zostanie sprawdzona, gdy serwer wróci, a kierownik zobaczy wynik.</translation>
    </message>
</context>
<context>
    <name>keypad</name>
    <message>
        <location filename="../../ui/keypad.py" line="86"/>
        <source>Clear</source>
        <translation>Wyczyść</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="87"/>
        <source>Enter</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../ui/keypad.py" line="88"/>
        <source>Delete the last character</source>
        <translation>Usuń ostatni znak</translation>
    </message>
</context>
<context>
    <name>main_window</name>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Loyalty POS</source>
        <translation>Loyalty POS</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>Polski</source>
        <translation>Polski</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Switch the language (Ctrl+Shift+L)</source>
        <translation>Zmień język (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>Dark</source>
        <translation>Ciemny</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Light</source>
        <translation>Jasny</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Switch light / dark (Ctrl+Shift+T)</source>
        <translation>Motyw jasny / ciemny (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Sign off</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="334"/>
        <source>Choose your name and type your PIN to sign on.</source>
        <translation>Wybierz swoje nazwisko i wpisz PIN, aby się zalogować.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="355"/>
        <source>Signed on as {name}.</source>
        <translation>Zalogowano: {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>{n} operation(s) still wait to be sent to the server. Sign off when they are sent.</source>
        <translation>Operacje czekające na wysłanie do serwera: {n}. Wyloguj się, gdy zostaną wysłane.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>Cannot sign off: {reason}</source>
        <translation>Nie można się wylogować: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="402"/>
        <source>Signed off.</source>
        <translation>Wylogowano.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="480"/>
        <source>Cannot close: {reason}</source>
        <translation>Nie można zamknąć: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="422"/>
        <source>Manager takes over</source>
        <translation>Kierownik przejmuje kasę</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="437"/>
        <source>No take-over: {reason}</source>
        <translation>Nie przejęto: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="423"/>
        <source>Sign on</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>{reason} A manager can sign on over this session, to take over the till or the offline queue.</source>
        <translation>{reason} Kierownik może zalogować się w miejsce tej sesji, aby przejąć kasę lub kolejkę offline.</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <location filename="../../ui/models/labels.py" line="35"/>
        <source>Delivered</source>
        <translation>Dostarczona</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="21"/>
        <source>Expired</source>
        <translation>Wygasło</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="38"/>
        <source>Not sent</source>
        <translation>Niewysłana</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="54"/>
        <source>Offline override</source>
        <translation>Zgoda na operację offline</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="37"/>
        <source>Parked</source>
        <translation>Odłożona</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="57"/>
        <source>Queue: dealt with</source>
        <translation>Kolejka: wyjaśniona</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="56"/>
        <source>Queue: parked</source>
        <translation>Kolejka: odłożona</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="55"/>
        <source>Queue: sent again</source>
        <translation>Kolejka: wysłana ponownie</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="36"/>
        <source>Refused</source>
        <translation>Odrzucona</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="34"/>
        <source>Sending</source>
        <translation>Wysyłanie</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="58"/>
        <source>Sign-on</source>
        <translation>Logowanie</translation>
    </message>
    <message>
        <location filename="../../ui/models/labels.py" line="33"/>
        <source>Waiting</source>
        <translation>Czeka</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="240"/>
        <source>Printed. The paper roll is nearly finished.</source>
        <translation>Wydrukowano. Rolka papieru prawie się skończyła.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="246"/>
        <source>There is no slip to reprint.</source>
        <translation>Nie ma wydruku do powtórzenia.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="271"/>
        <source>{problem} The slip is saved: press Reprint when the printer is ready.</source>
        <translation>{problem} Wydruk jest zapisany: naciśnij Drukuj ponownie, gdy drukarka będzie gotowa.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="256"/>
        <source>This slip carries the whole card number: only a manager may reprint it.</source>
        <translation>Ten wydruk zawiera pełny numer karty: wydrukować go ponownie może tylko kierownik.</translation>
    </message>
</context>
<context>
    <name>receipt_preview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="76"/>
        <source>Last slip</source>
        <translation>Ostatni wydruk</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="77"/>
        <source>Reprint (F9)</source>
        <translation>Drukuj (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="92"/>
        <source>No slip printed yet.</source>
        <translation>Jeszcze nic nie wydrukowano.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="85"/>
        <source>Click the slip to see it at full size, again to fit it.</source>
        <translation>Kliknij wydruk, aby zobaczyć go w pełnym rozmiarze; kliknij znowu, aby go dopasować.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="79"/>
        <source>Enlarge the slip (Ctrl+=)</source>
        <translation>Powiększ wydruk (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="82"/>
        <source>Make the slip smaller (Ctrl+-)</source>
        <translation>Zmniejsz wydruk (Ctrl+-)</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <location filename="../../ui/screens/cashier.py" line="145"/>
        <source>Till</source>
        <translation>Kasa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="53"/>
        <source>Day summary</source>
        <translation>Raport dnia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_lookup.py" line="35"/>
        <source>Card look-up</source>
        <translation>Sprawdzenie karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_overrides.py" line="32"/>
        <source>Offline overrides</source>
        <translation>Zgody offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="35"/>
        <source>Offline queue</source>
        <translation>Kolejka offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="53"/>
        <source>Log and diagnostics</source>
        <translation>Dziennik i diagnostyka</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="58"/>
        <source>Printer</source>
        <translation>Drukarka</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="59"/>
        <source>Scanner</source>
        <translation>Skaner</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="57"/>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
</context>
<context>
    <name>signon</name>
    <message>
        <location filename="../../ui/signon.py" line="46"/>
        <source>Cashier</source>
        <translation>Kasjer</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="47"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="48"/>
        <source>Technician</source>
        <translation>Serwisant</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="96"/>
        <source>Choose your name and type your PIN.</source>
        <translation>Wybierz swoje nazwisko i wpisz PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="144"/>
        <source>Too many wrong PINs. Try again in {minutes} min or ask a manager.</source>
        <translation>Zbyt wiele błędnych PIN-ów. Spróbuj za {minutes} min lub poproś kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="219"/>
        <location filename="../../ui/signon.py" line="221"/>
        <source>Sign on</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="220"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
</context>
<context>
    <name>status_bar</name>
    <message>
        <location filename="../../ui/status_bar.py" line="26"/>
        <source>{n} s</source>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="28"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="30"/>
        <source>{n} h</source>
        <translation>{n} godz.</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="31"/>
        <source>{n} d</source>
        <translation>{n} dni</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="79"/>
        <source>● Checking connection…</source>
        <translation>● Sprawdzanie połączenia…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="82"/>
        <source>● Online</source>
        <translation>● Połączono</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="84"/>
        <source>● Offline</source>
        <translation>● Brak połączenia</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="89"/>
        <source>Nothing waiting</source>
        <translation>Nic nie czeka</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="95"/>
        <source>{n} waiting, oldest {age}</source>
        <translation>Czeka: {n}, najstarsza {age}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="101"/>
        <source>{n} need attention</source>
        <translation>Wymaga uwagi: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="111"/>
        <source>Scanner ready</source>
        <translation>Skaner gotowy</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="112"/>
        <source>Scanner: keyboard</source>
        <translation>Skaner: klawiatura</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="113"/>
        <source>Scanner connecting…</source>
        <translation>Łączenie ze skanerem…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="114"/>
        <source>Scanner reconnecting…</source>
        <translation>Ponowne łączenie ze skanerem…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="115"/>
        <source>Scanner disconnected</source>
        <translation>Skaner odłączony</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="116"/>
        <source>Scanner settings wrong</source>
        <translation>Błędne ustawienia skanera</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="118"/>
        <source>Scanner off</source>
        <translation>Skaner wyłączony</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="125"/>
        <location filename="../../ui/status_bar.py" line="126"/>
        <source>Printer ready</source>
        <translation>Drukarka gotowa</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="127"/>
        <source>Printing…</source>
        <translation>Drukowanie…</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="128"/>
        <source>Paper nearly out</source>
        <translation>Kończy się papier</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="129"/>
        <source>Printer: no paper</source>
        <translation>Drukarka: brak papieru</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="130"/>
        <source>Printer: cover open</source>
        <translation>Drukarka: otwarta pokrywa</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="131"/>
        <source>Printer offline</source>
        <translation>Drukarka niedostępna</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="132"/>
        <location filename="../../ui/status_bar.py" line="135"/>
        <source>Printer error</source>
        <translation>Błąd drukarki</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="133"/>
        <source>No printer (preview only)</source>
        <translation>Brak drukarki (tylko podgląd)</translation>
    </message>
    <message>
        <location filename="../../ui/status_bar.py" line="142"/>
        <source>Signed off</source>
        <translation>Wylogowano</translation>
    </message>
</context>
<context>
    <name>waiting</name>
    <message>
        <location filename="../../ui/waiting.py" line="158"/>
        <source>Checking with the server whether the payment went through… ({seconds} s left)</source>
        <translation>Sprawdzanie na serwerze, czy płatność przeszła… (zostało {seconds} s)</translation>
    </message>
    <message>
        <location filename="../../ui/waiting.py" line="161"/>
        <source>No answer from the server yet, trying again… ({seconds} s left)</source>
        <translation>Serwer jeszcze nie odpowiedział, ponawianie… (zostało {seconds} s)</translation>
    </message>
</context>
</TS>
