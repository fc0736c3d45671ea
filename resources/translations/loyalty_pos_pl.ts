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
    <name>DayReportModel</name>
    <message>
        <location filename="../../ui/models/day_report.py" line="39"/>
        <source>Card kind</source>
        <translation>Rodzaj karty</translation>
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
        <location filename="../../ui/screens/manager_day.py" line="126"/>
        <source>Reading the day summary…</source>
        <translation>Odczyt podsumowania dnia…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="141"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="150"/>
        <source>Export the day summary</source>
        <translation>Eksport podsumowania dnia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="150"/>
        <source>CSV files (*.csv)</source>
        <translation>Pliki CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="179"/>
        <source>Saved to {path}</source>
        <translation>Zapisano w {path}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="180"/>
        <source>Day summary exported.</source>
        <translation>Podsumowanie dnia wyeksportowane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="195"/>
        <source>Day summary</source>
        <translation>Podsumowanie dnia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="196"/>
        <source>Day</source>
        <translation>Dzień</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="197"/>
        <source>Show</source>
        <translation>Pokaż</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="198"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="199"/>
        <source>Export CSV…</source>
        <translation>Eksport CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="200"/>
        <source>Print</source>
        <translation>Drukuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="201"/>
        <source>No operations on this terminal that day.</source>
        <translation>Tego dnia nie było operacji na tym terminalu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="203"/>
        <source>Operations</source>
        <translation>Operacje</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="204"/>
        <source>Put on cards (sales, top-ups, refunds)</source>
        <translation>Wpłacone na karty (sprzedaż, doładowania, zwroty)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="205"/>
        <source>Taken from cards (payments)</source>
        <translation>Pobrane z kart (płatności)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="206"/>
        <source>Points earned</source>
        <translation>Naliczone punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="207"/>
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
    <name>DayChart</name>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="151"/>
        <source>Money by hour</source>
        <translation>Kwoty według godzin</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="142"/>
        <source>Put on cards</source>
        <translation>Wpłacone na karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="143"/>
        <source>Paid with cards</source>
        <translation>Zapłacone kartami</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="144"/>
        <source>No money moved on cards this day.</source>
        <translation>Tego dnia na kartach nie było ruchu pieniędzy.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_chart.py" line="145"/>
        <source>Operations: {count}</source>
        <translation>Operacje: {count}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../ui/models/history.py" line="34"/>
        <source>Store {store} / POS {pos}</source>
        <translation>Sklep {store} / kasa {pos}</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="38"/>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="40"/>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="42"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="45"/>
        <source>Balance after</source>
        <translation>Saldo po</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="49"/>
        <source>Points</source>
        <translation>Punkty</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="50"/>
        <source>Points after</source>
        <translation>Punkty po</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="51"/>
        <source>Where</source>
        <translation>Gdzie</translation>
    </message>
    <message>
        <location filename="../../ui/models/history.py" line="52"/>
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
        <location filename="../../ui/screens/manager_queue.py" line="113"/>
        <source>Reading the queue…</source>
        <translation>Odczyt kolejki…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="121"/>
        <source>Sent what could be sent.</source>
        <translation>Wysłano to, co się dało.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="122"/>
        <source>Sending to the server…</source>
        <translation>Wysyłanie do serwera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="137"/>
        <source>Send this operation to the server again? If it was refused, it goes out as a new request.</source>
        <translation>Wysłać tę operację do serwera ponownie? Jeśli została odrzucona, pójdzie jako nowe żądanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="139"/>
        <location filename="../../ui/screens/manager_queue.py" line="277"/>
        <source>Send again</source>
        <translation>Wyślij ponownie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="143"/>
        <source>The operation was put back in the queue.</source>
        <translation>Operacja wróciła do kolejki.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="144"/>
        <source>Sending again…</source>
        <translation>Ponowne wysyłanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="154"/>
        <source>Park this operation? It will not be sent, it stays on record, and later operations of the same card can go ahead.</source>
        <translation>Odłożyć tę operację? Nie zostanie wysłana, pozostanie w rejestrze, a kolejne operacje tej karty będą mogły pójść dalej.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="157"/>
        <location filename="../../ui/screens/manager_queue.py" line="278"/>
        <source>Park</source>
        <translation>Odłóż</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="161"/>
        <source>The operation was parked.</source>
        <translation>Operacja została odłożona.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="162"/>
        <source>Parking…</source>
        <translation>Odkładanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="172"/>
        <source>Have you dealt with this operation (checked with the customer, or reversed it)? It leaves the list; the record stays.</source>
        <translation>Czy ta operacja została wyjaśniona (z klientem lub cofnięta)? Zniknie z listy; zapis pozostanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="175"/>
        <location filename="../../ui/screens/manager_queue.py" line="280"/>
        <source>Dealt with</source>
        <translation>Wyjaśnione</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="179"/>
        <source>Marked as dealt with.</source>
        <translation>Oznaczono jako wyjaśnione.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="180"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="208"/>
        <source>Online</source>
        <translation>Połączono</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="208"/>
        <source>Offline</source>
        <translation>Brak połączenia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="208"/>
        <source>Online: not known yet</source>
        <translation>Połączenie: jeszcze nieznane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="211"/>
        <source>{n} waiting</source>
        <translation>Czeka: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="214"/>
        <source>oldest {age}</source>
        <translation>najstarsza {age}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="216"/>
        <source>{n} held behind a refusal</source>
        <translation>Wstrzymane przez odmowę: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="218"/>
        <source>{n} need attention</source>
        <translation>Wymaga uwagi: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="219"/>
        <source>{n} parked</source>
        <translation>Odłożone: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="224"/>
        <source>offline value {value}</source>
        <translation>wartość offline {value}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="252"/>
        <source>Select an operation to see why it waits and what you can do.</source>
        <translation>Wybierz operację, aby zobaczyć, dlaczego czeka i co można zrobić.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="254"/>
        <source>Operation {id}</source>
        <translation>Operacja {id}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="258"/>
        <source>The cashier was told this did not go through, but the server applied it. Check with the customer or reverse it, then mark it as dealt with.</source>
        <translation>Kasjer usłyszał, że operacja się nie udała, ale serwer ją wykonał. Wyjaśnij to z klientem lub cofnij operację, a potem oznacz ją jako wyjaśnioną.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="263"/>
        <source>Server&apos;s reason: {reason}</source>
        <translation>Powód serwera: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="265"/>
        <source>Note: {note}</source>
        <translation>Uwaga: {note}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="274"/>
        <source>Offline queue</source>
        <translation>Kolejka offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="275"/>
        <source>Refresh</source>
        <translation>Odśwież</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="276"/>
        <source>Send now</source>
        <translation>Wyślij teraz</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="279"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="281"/>
        <source>Nothing waits: every operation reached the server.</source>
        <translation>Nic nie czeka: każda operacja dotarła do serwera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_queue.py" line="287"/>
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
        <location filename="../../ui/screens/technician_printer.py" line="161"/>
        <source>Asking the printer…</source>
        <translation>Odpytywanie drukarki…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="178"/>
        <source>Printing the test page…</source>
        <translation>Drukowanie strony testowej…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="190"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="202"/>
        <source>Test page sent. Every sample line must read correctly.</source>
        <translation>Wysłano stronę testową. Każdy wiersz próbny musi być czytelny.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="206"/>
        <source>Saved. Slips go to this printer now.</source>
        <translation>Zapisano. Wydruki idą teraz na tę drukarkę.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="210"/>
        <source>Ready.</source>
        <translation>Gotowa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="211"/>
        <source>Ready; the paper roll is nearly finished.</source>
        <translation>Gotowa; rolka papieru prawie się skończyła.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="212"/>
        <source>Out of paper.</source>
        <translation>Brak papieru.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="213"/>
        <source>The cover is open.</source>
        <translation>Pokrywa jest otwarta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="214"/>
        <source>The printer reports an error.</source>
        <translation>Drukarka zgłasza błąd.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="215"/>
        <source>Offline or not reachable.</source>
        <translation>Niedostępna.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="216"/>
        <source>Connected; this connection cannot report the printer&apos;s status.</source>
        <translation>Połączono; to połączenie nie podaje stanu drukarki.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="219"/>
        <source>Printer: {state}</source>
        <translation>Drukarka: {state}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="249"/>
        <source>Printer set-up</source>
        <translation>Ustawienia drukarki</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="251"/>
        <source>Printer URL</source>
        <translation>Adres drukarki</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="251"/>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="251"/>
        <source>Paper width</source>
        <translation>Szerokość papieru</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="254"/>
        <source>tcp://192.168.1.50:9100, usb://VID:PID, serial://…, emulator</source>
        <translation>tcp://192.168.1.50:9100, usb://VID:PID, serial://…, emulator</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="255"/>
        <source>Check status</source>
        <translation>Sprawdź stan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="256"/>
        <source>Print test page</source>
        <translation>Drukuj stronę testową</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="257"/>
        <source>Save settings</source>
        <translation>Zapisz ustawienia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="259"/>
        <source>The test page shows here.</source>
        <translation>Tu pojawi się strona testowa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="261"/>
        <source>Printer: not checked yet.</source>
        <translation>Drukarka: jeszcze nie sprawdzona.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/models/queue.py" line="29"/>
        <source>⚠ Applied after all</source>
        <translation>⚠ Jednak wykonana</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="31"/>
        <source>⚠ {state}</source>
        <translation>⚠ {state}</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="36"/>
        <source>{points} pts</source>
        <translation>{points} pkt</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="42"/>
        <source>State</source>
        <translation>Stan</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="44"/>
        <source>Made</source>
        <translation>Utworzona</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="46"/>
        <source>Operation</source>
        <translation>Operacja</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="47"/>
        <source>Card</source>
        <translation>Karta</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="48"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="49"/>
        <source>Tries</source>
        <translation>Próby</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="51"/>
        <source>Server&apos;s reason</source>
        <translation>Powód serwera</translation>
    </message>
    <message>
        <location filename="../../ui/models/queue.py" line="55"/>
        <source>Id</source>
        <translation>Id</translation>
    </message>
</context>
<context>
    <name>ScanModel</name>
    <message>
        <location filename="../../ui/models/scans.py" line="44"/>
        <source>Scan</source>
        <translation>Skan</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="45"/>
        <source>Discarded ({reason})</source>
        <translation>Odrzucony ({reason})</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="48"/>
        <source>When</source>
        <translation>Kiedy</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="49"/>
        <source>What</source>
        <translation>Co</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="50"/>
        <source>Normalised</source>
        <translation>Znormalizowany</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="51"/>
        <source>Symbology</source>
        <translation>Symbologia</translation>
    </message>
    <message>
        <location filename="../../ui/models/scans.py" line="52"/>
        <source>Raw bytes (hex)</source>
        <translation>Surowe bajty (hex)</translation>
    </message>
</context>
<context>
    <name>ScannerSetupScreen</name>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="161"/>
        <source>Looking for ports…</source>
        <translation>Szukanie portów…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="169"/>
        <source>No serial ports found. Pseudo-terminals are never listed.</source>
        <translation>Nie znaleziono portów szeregowych. Pseudoterminale nie są wyświetlane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="263"/>
        <source>Not listening.</source>
        <translation>Nasłuch wyłączony.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="264"/>
        <source>Opening the scanner…</source>
        <translation>Otwieranie skanera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="265"/>
        <source>Connected: scan a barcode.</source>
        <translation>Połączono: zeskanuj kod.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="266"/>
        <source>The scanner went away.</source>
        <translation>Skaner się odłączył.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="267"/>
        <source>Waiting for the scanner to come back…</source>
        <translation>Czekanie na powrót skanera…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="268"/>
        <source>Keyboard scanner: scan a barcode; the app&apos;s keyboard filter reads it.</source>
        <translation>Skaner klawiaturowy: zeskanuj kod; odczyta go filtr klawiatury aplikacji.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="282"/>
        <source>Saving…</source>
        <translation>Zapisywanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="292"/>
        <source>Saved. The till uses these scanner settings now.</source>
        <translation>Zapisano. Kasa używa teraz tych ustawień skanera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="307"/>
        <source>Scanner set-up</source>
        <translation>Ustawienia skanera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="310"/>
        <source>Device URL</source>
        <translation>Adres urządzenia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="310"/>
        <source>Terminator</source>
        <translation>Znak końca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="310"/>
        <source>Prefix</source>
        <translation>Prefiks</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="310"/>
        <source>Suffix</source>
        <translation>Sufiks</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="314"/>
        <source>serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID</source>
        <translation>serial:///dev/ttyUSB0?baudrate=9600, wedge, hid://VID:PID</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="315"/>
        <source>Find ports</source>
        <translation>Znajdź porty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="316"/>
        <source>Listen</source>
        <translation>Nasłuchuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="317"/>
        <source>Stop</source>
        <translation>Zatrzymaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="318"/>
        <source>Save settings</source>
        <translation>Zapisz ustawienia</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="319"/>
        <source>Clear</source>
        <translation>Wyczyść</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="320"/>
        <source>Ports found</source>
        <translation>Znalezione porty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="322"/>
        <source>Automatic: CR, LF, CR LF or Tab</source>
        <translation>Auto: CR, LF, CR LF, Tab</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="322"/>
        <source>CR (Enter)</source>
        <translation>CR (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="323"/>
        <source>LF (line feed)</source>
        <translation>LF (nowa linia)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="324"/>
        <source>CR LF</source>
        <translation>CR LF</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="325"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="326"/>
        <source>None: a pause ends the scan</source>
        <translation>Brak: przerwa kończy skan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="330"/>
        <source>Show whole numbers</source>
        <translation>Pokaż pełne numery</translation>
    </message>
</context>
<context>
    <name>ServerCheckScreen</name>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Type the server address and the pairing code.</source>
        <translation>Wpisz adres serwera i kod parowania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Pairing…</source>
        <translation>Parowanie…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Paired as store {store}, POS {pos} ({group}); the new POS token is stored. Close the app and start it again to work as this till.</source>
        <translation>Sparowano jako sklep {store}, stanowisko {pos} ({group}); nowy token stanowiska zapisano. Zamknij aplikację i uruchom ją ponownie, aby pracować jako ta kasa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>This pairing code is wrong. Check it and type it again.</source>
        <translation>Ten kod parowania jest błędny. Sprawdź go i wpisz ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>This pairing code has expired or was already used. Ask the back office for a new one.</source>
        <translation>Ten kod parowania wygasł lub został już użyty. Poproś biuro o nowy.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Too many wrong codes from this till. Wait a few minutes, then try again.</source>
        <translation>Za dużo błędnych kodów z tej kasy. Odczekaj kilka minut i spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>The server cannot be reached at this address. Check the address and the network.</source>
        <translation>Serwer pod tym adresem nie odpowiada. Sprawdź adres i sieć.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Not paired: work waits under this till&apos;s current registration ({waiting}). Send it first (Offline queue: Send now), let a manager resolve refused operations, finish an open payment; then pair again. The code is still valid.</source>
        <translation>Nie sparowano: pod obecną rejestracją tej kasy czekają operacje ({waiting}). Najpierw je wyślij (Kolejka offline: Wyślij teraz), niech kierownik rozwiąże odrzucone operacje, dokończ otwartą płatność; potem sparuj ponownie. Kod jest nadal ważny.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Not paired: this till&apos;s settings could not be read or saved ({reason}).</source>
        <translation>Nie sparowano: nie udało się odczytać ani zapisać ustawień tej kasy ({reason}).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>The server refused the pairing: {reason}</source>
        <translation>Serwer odrzucił parowanie: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Pair this till</source>
        <translation>Sparuj tę kasę</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Server address</source>
        <translation>Adres serwera</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Pairing code</source>
        <translation>Kod parowania</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>from the back office, e.g. ABCD-EFGH</source>
        <translation>z biura, np. ABCD-EFGH</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="120"/>
        <source>Pair</source>
        <translation>Sparuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="90"/>
        <source>Testing the connection…</source>
        <translation>Sprawdzanie połączenia…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="103"/>
        <source>{name}, store {store}, POS {pos}</source>
        <translation>{name}, sklep {store}, stanowisko {pos}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="106"/>
        <source>none</source>
        <translation>brak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="108"/>
        <source>{ms:.0f} ms (first request {first:.0f} ms, with connecting)</source>
        <translation>{ms:.0f} ms (pierwsze żądanie {first:.0f} ms, z łączeniem)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="114"/>
        <source>in step (under 1 s)</source>
        <translation>zgodny (poniżej 1 s)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="116"/>
        <source>the server is {s:.1f} s ahead of this till</source>
        <translation>serwer spieszy się o {s:.1f} s względem kasy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="118"/>
        <source>the server is {s:.1f} s behind this till</source>
        <translation>serwer spóźnia się o {s:.1f} s względem kasy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="121"/>
        <source>{n} series; {changed}</source>
        <translation>serie: {n}; {changed}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="123"/>
        <source>updated</source>
        <translation>zaktualizowane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="123"/>
        <source>already up to date</source>
        <translation>już aktualne</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="126"/>
        <source>sync failed: {reason}</source>
        <translation>synchronizacja nieudana: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="131"/>
        <source>Set this till&apos;s clock: it is far from the server&apos;s.</source>
        <translation>Ustaw zegar kasy: znacznie różni się od zegara serwera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="133"/>
        <source>The connection is slow.</source>
        <translation>Połączenie jest wolne.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="135"/>
        <source>The card series could not be updated.</source>
        <translation>Nie udało się zaktualizować serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="139"/>
        <source>The server answers and knows this terminal.</source>
        <translation>Serwer odpowiada i zna ten terminal.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="147"/>
        <location filename="../../ui/screens/technician_server.py" line="148"/>
        <source>not configured</source>
        <translation>nieskonfigurowany</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="151"/>
        <source>Server connection</source>
        <translation>Połączenie z serwerem</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="152"/>
        <source>Test connection</source>
        <translation>Sprawdź połączenie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="153"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="155"/>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="156"/>
        <source>Loyalty group</source>
        <translation>Grupa lojalnościowa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="157"/>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="158"/>
        <source>Merchant</source>
        <translation>Sprzedawca</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="159"/>
        <source>Store</source>
        <translation>Sklep</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="160"/>
        <source>Currency</source>
        <translation>Waluta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="161"/>
        <source>Merchant groups</source>
        <translation>Grupy sprzedawców</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="162"/>
        <source>Round trip</source>
        <translation>Czas odpowiedzi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="163"/>
        <source>Clock</source>
        <translation>Zegar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="164"/>
        <source>Card series</source>
        <translation>Serie kart</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="165"/>
        <source>Checked</source>
        <translation>Sprawdzono</translation>
    </message>
</context>
<context>
    <name>approval</name>
    <message>
        <location filename="../../ui/approval.py" line="64"/>
        <source>Manager approval</source>
        <translation>Zgoda kierownika</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="77"/>
        <source>Manager&apos;s PIN</source>
        <translation>PIN kierownika</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="89"/>
        <source>Cancel</source>
        <translation>Anuluj</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="91"/>
        <source>Approve</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="102"/>
        <source>Choose the manager and type the PIN.</source>
        <translation>Wybierz kierownika i wpisz PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="206"/>
        <location filename="../../ui/approval.py" line="229"/>
        <source>This needs a manager&apos;s approval.</source>
        <translation>To wymaga zgody kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/approval.py" line="227"/>
        <location filename="../../ui/approval.py" line="252"/>
        <source>Only a manager can approve this.</source>
        <translation>Tylko kierownik może to zatwierdzić.</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Repeat?</source>
        <translation>Powtórzyć?</translation>
    </message>
    <message>
        <source>Yes, again</source>
        <translation>Tak, jeszcze raz</translation>
    </message>
    <message>
        <source>card {number}</source>
        <translation>karta {number}</translation>
    </message>
</context>
<context>
    <name>cashier</name>
    <message>
        <location filename="../../ui/screens/cashier.py" line="47"/>
        <source>Sell / activate</source>
        <translation>Sprzedaj / aktywuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="48"/>
        <source>Load</source>
        <translation>Doładuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="49"/>
        <source>Pay</source>
        <translation>Zapłać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="50"/>
        <source>Refund</source>
        <translation>Zwrot</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="51"/>
        <location filename="../../ui/screens/cashier_basket.py" line="101"/>
        <source>Earn points</source>
        <translation>Nalicz punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="52"/>
        <source>Spend points</source>
        <translation>Wydaj punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="53"/>
        <source>Spend all points</source>
        <translation>Wydaj wszystkie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="54"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="209"/>
        <source>Return points</source>
        <translation>Zwrot punktów</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="55"/>
        <source>Redeem coupon</source>
        <translation>Zrealizuj kupon</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="56"/>
        <source>Print balance</source>
        <translation>Drukuj saldo</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="57"/>
        <source>Void last</source>
        <translation>Cofnij</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="58"/>
        <location filename="../../ui/screens/cashier_dialogs.py" line="69"/>
        <source>Block card</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="61"/>
        <source>Commit</source>
        <translation>Zatwierdź</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="62"/>
        <source>Cancel payment</source>
        <translation>Anuluj płatność</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="222"/>
        <source>Scan a card or type its number</source>
        <translation>Zeskanuj lub wpisz numer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="224"/>
        <source>Look up</source>
        <translation>Sprawdź</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="225"/>
        <source>Clear (Esc)</source>
        <translation>Wyczyść (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="226"/>
        <source>Stop waiting</source>
        <translation>Przestań czekać</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="227"/>
        <source>Amount or points</source>
        <translation>Kwota lub punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="229"/>
        <source>Actions</source>
        <translation>Operacje</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="396"/>
        <source>This store sells no printed gift cards. Scan a pre-issued card.</source>
        <translation>Ten sklep nie sprzedaje drukowanych kart podarunkowych. Zeskanuj kartę z puli.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="232"/>
        <location filename="../../ui/screens/cashier.py" line="402"/>
        <source>New gift card</source>
        <translation>Nowa karta podarunkowa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="413"/>
        <source>This store issues no store credit.</source>
        <translation>Ten sklep nie wydaje bonów sklepowych.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="234"/>
        <location filename="../../ui/screens/cashier.py" line="417"/>
        <source>Issue store credit</source>
        <translation>Wydaj bon sklepowy</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="236"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="463"/>
        <location filename="../../ui/screens/cashier_controller.py" line="144"/>
        <location filename="../../ui/screens/cashier_panel.py" line="144"/>
        <source>{points} points</source>
        <translation>Punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="466"/>
        <source>On hold on card {number}: {what}. Commit when the sale is finished.</source>
        <translation>Zablokowano {what} (karta {number}). Zatwierdź po sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py" line="470"/>
        <source>(provisional: the server is away)</source>
        <translation>(tymczasowo: brak połączenia z serwerem)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="202"/>
        <source>A payment is on hold: commit or cancel it first.</source>
        <translation>Płatność czeka na zatwierdzenie: najpierw ją zatwierdź albo anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="204"/>
        <source>An operation is still running.</source>
        <translation>Operacja jeszcze trwa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="219"/>
        <location filename="../../ui/screens/cashier_state.py" line="232"/>
        <source>Wait for the current operation to finish, or cancel it.</source>
        <translation>Poczekaj na zakończenie bieżącej operacji albo ją przerwij.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="265"/>
        <source>Stopped waiting. It may still go through: check the balance before repeating it.</source>
        <translation>Przerwano czekanie. Operacja mogła się wykonać: sprawdź saldo, zanim ją powtórzysz.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="271"/>
        <source>Stopped waiting.</source>
        <translation>Przerwano czekanie.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="278"/>
        <source>Scan a card or type its number.</source>
        <translation>Zeskanuj kartę lub wpisz jej numer.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="309"/>
        <source>Only {points} points to a {value} reward: tell the customer.</source>
        <translation>Tylko {points} pkt do nagrody {value}: powiedz klientowi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="316"/>
        <source>Card found.</source>
        <translation>Karta odczytana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="338"/>
        <source>Earns {points} points; balance after: {after}.</source>
        <translation>Nalicza {points} pkt; saldo po: {after}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="342"/>
        <source>A reward coupon will print.</source>
        <translation>Wydrukuje się kupon z nagrodą.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="378"/>
        <source>The server cannot be reached: it is saved and will be sent later (provisional).</source>
        <translation>Brak połączenia z serwerem: operacja zapisana i zostanie wysłana później (tymczasowo).</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="45"/>
        <source>Card activated with {amount}.</source>
        <translation>Karta aktywowana na kwotę {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="41"/>
        <source>Card activated: it earns points from now on.</source>
        <translation>Karta aktywowana: od teraz zbiera punkty.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="58"/>
        <source>New gift card issued with {amount}.</source>
        <translation>Wydano nową kartę podarunkową na {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="69"/>
        <source>Store credit issued for {amount}.</source>
        <translation>Wydano bon sklepowy na {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="90"/>
        <source>{amount} loaded on the card.</source>
        <translation>Doładowano kartę kwotą {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="104"/>
        <source>A payment is already on hold: commit or cancel it first.</source>
        <translation>Jedna płatność już czeka: najpierw ją zatwierdź albo anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="116"/>
        <source>Payment of {amount} taken offline.</source>
        <translation>Płatność {amount} przyjęta bez połączenia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="126"/>
        <source>The server gave no hold for this payment. Check the balance.</source>
        <translation>Serwer nie zwrócił blokady dla tej płatności. Sprawdź saldo.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="146"/>
        <source>{amount} on hold. Finish the sale with Commit, or Cancel.</source>
        <translation>Zablokowano {amount}. Zakończ sprzedaż przyciskiem Zatwierdź albo Anuluj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="155"/>
        <location filename="../../ui/screens/cashier_controller.py" line="180"/>
        <source>No payment is on hold.</source>
        <translation>Żadna płatność nie czeka.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="169"/>
        <source>{points} points paid.</source>
        <translation>Zapłacono punktami: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="171"/>
        <source>Payment of {amount} done.</source>
        <translation>Płatność {amount} wykonana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="192"/>
        <source>The payment was cancelled; nothing was taken.</source>
        <translation>Płatność anulowana; nic nie pobrano.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="207"/>
        <source>{amount} refunded to the card.</source>
        <translation>Zwrócono na kartę {amount}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="222"/>
        <source>Nothing done on this card in this session to void.</source>
        <translation>W tej sesji nie wykonano na tej karcie nic do anulowania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="235"/>
        <source>The last operation was voided.</source>
        <translation>Ostatnia operacja została anulowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="252"/>
        <source>Balance slip printed.</source>
        <translation>Wydrukowano potwierdzenie salda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="262"/>
        <source>The card is blocked.</source>
        <translation>Karta jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="277"/>
        <source>Coupon redeemed: give the discount.</source>
        <translation>Kupon zrealizowany: udziel rabatu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="298"/>
        <source>{points} points earned.</source>
        <translation>Naliczono punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="302"/>
        <source>Reward coupon printed: give it to the customer.</source>
        <translation>Wydrukowano kupon nagrody: przekaż go klientowi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="316"/>
        <source>{points} points spent.</source>
        <translation>Wydano punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="327"/>
        <source>There are no points to spend.</source>
        <translation>Brak punktów do wydania.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="345"/>
        <source>This card earned no points that could be returned.</source>
        <translation>Ta karta nie ma naliczonych punktów, które można zwrócić.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py" line="359"/>
        <source>{points} points taken back.</source>
        <translation>Odebrano punkty: {points}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_state.py" line="386"/>
        <source>Scan a card first.</source>
        <translation>Najpierw zeskanuj kartę.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="36"/>
        <source>Lost</source>
        <translation>Zgubiona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="37"/>
        <source>Stolen</source>
        <translation>Skradziona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="38"/>
        <source>Damaged</source>
        <translation>Uszkodzona</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="39"/>
        <source>Fraud suspected</source>
        <translation>Podejrzenie oszustwa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="40"/>
        <source>The customer asked</source>
        <translation>Na prośbę klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="41"/>
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
        <location filename="../../ui/screens/cashier_dialogs.py" line="47"/>
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
        <location filename="../../ui/screens/cashier_dialogs.py" line="73"/>
        <source>Block card {number}?</source>
        <translation>Zablokować kartę {number}?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="77"/>
        <source>Reason</source>
        <translation>Powód</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="82"/>
        <source>Block</source>
        <translation>Zablokuj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="128"/>
        <source>Amount</source>
        <translation>Kwota</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="138"/>
        <source>Issue</source>
        <translation>Wydaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="154"/>
        <source>Fixed amount: {amount}</source>
        <translation>Stała kwota: {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="160"/>
        <source>From {low} to {high}</source>
        <translation>Od {low} do {high}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="212"/>
        <source>Which sale are the goods from?</source>
        <translation>Z której sprzedaży pochodzą towary?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="216"/>
        <source>Points are taken back for {amount} of it.</source>
        <translation>Punkty zostaną odebrane za {amount} tej sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="220"/>
        <source>Every point the sale earned is taken back.</source>
        <translation>Zostaną odebrane wszystkie punkty naliczone za tę sprzedaż.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="232"/>
        <source>{when} · {points} points</source>
        <translation>{when} · punkty: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py" line="243"/>
        <source>Return</source>
        <translation>Zwróć</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="26"/>
        <source>Active</source>
        <translation>Aktywna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="27"/>
        <source>Not activated yet</source>
        <translation>Jeszcze nieaktywna</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="28"/>
        <source>Blocked</source>
        <translation>Zablokowana</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="29"/>
        <source>Expired</source>
        <translation>Wygasła</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="30"/>
        <source>Closed</source>
        <translation>Zamknięta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="31"/>
        <source>Used</source>
        <translation>Wykorzystany</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="87"/>
        <source>No card</source>
        <translation>Brak karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="89"/>
        <source>Scan a card or type its number above.</source>
        <translation>Zeskanuj kartę lub wpisz jej numer powyżej.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="106"/>
        <source>Not accepted in this store</source>
        <translation>Nieakceptowana w tym sklepie</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="119"/>
        <source>Valid until {date}</source>
        <translation>Ważna do {date}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="123"/>
        <source>No expiry date</source>
        <translation>Bez daty ważności</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="131"/>
        <source>Customer: {name}</source>
        <translation>Klient: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="133"/>
        <source>No customer linked</source>
        <translation>Bez klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="140"/>
        <source>Available {amount}</source>
        <translation>Dostępne {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="157"/>
        <source>Sold for a fixed {amount}</source>
        <translation>Sprzedawana za stałą kwotę {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="161"/>
        <source>Sold for {low} to {high}</source>
        <translation>Sprzedawana za kwotę od {low} do {high}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="172"/>
        <source>Balance {net}, on hold {held}</source>
        <translation>Saldo {net}, zablokowane {held}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="180"/>
        <source>Worth {amount}</source>
        <translation>Wartość {amount}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="186"/>
        <source>{points} points pending</source>
        <translation>Punkty oczekujące: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="192"/>
        <source>{points} points expire on {date}</source>
        <translation>Punkty wygasające {date}: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="200"/>
        <source>{points} points to a {value} reward</source>
        <translation>Do nagrody {value} brakuje punktów: {points}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="207"/>
        <source>Uses left: {n}</source>
        <translation>Pozostałe użycia: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py" line="211"/>
        <source>Blocked: {reason}</source>
        <translation>Zablokowana: {reason}</translation>
    </message>
    <message>
        <source>No payment of this card has {amount} left to refund.</source>
        <translation>Żadna płatność tą kartą nie ma {amount} do zwrotu.</translation>
    </message>
    <message>
        <source>Not repeated: nothing was saved again.</source>
        <translation>Nie powtórzono: nic nie zapisano drugi raz.</translation>
    </message>
    <message>
        <source>Offline: last known, as of {time}</source>
        <translation>Offline: ostatni znany stan z {time}</translation>
    </message>
    <message>
        <source>The card is unblocked.</source>
        <translation>Karta jest odblokowana.</translation>
    </message>
    <message>
        <source>The same operation ({what}) on this card was saved offline {seconds} s ago and waits to be sent. Do it again?</source>
        <translation>Ta sama operacja ({what}) na tej karcie została zapisana offline {seconds} s temu i czeka na wysłanie. Wykonać ją jeszcze raz?</translation>
    </message>
    <message>
        <source>The server cannot be reached: this is the card as last seen, at {time}. What you do now is saved and sent later (provisional).</source>
        <translation>Brak połączenia z serwerem: to karta w stanie z {time}. To, co teraz zrobisz, zostanie zapisane i wysłane później (tymczasowo).</translation>
    </message>
    <message>
        <source>This card has no payment left to refund. Goods paid for otherwise are returned as store credit (Issue store credit).</source>
        <translation>Na tej karcie nie ma płatności do zwrotu. Towar opłacony inaczej zwraca się bonem sklepowym (Wydaj bon sklepowy).</translation>
    </message>
    <message>
        <source>Unblock card</source>
        <translation>Odblokuj</translation>
    </message>
    <message>
        <source>Which payment is refunded?</source>
        <translation>Którą płatność zwrócić?</translation>
    </message>
    <message>
        <source>already returned</source>
        <translation>już zwrócona</translation>
    </message>
    <message>
        <source>{amount} goes back to the card, at most what is left of the payment.</source>
        <translation>{amount} wraca na kartę, najwyżej tyle, ile zostało z płatności.</translation>
    </message>
    <message>
        <source>{amount} of that payment is left to refund.</source>
        <translation>Z tej płatności do zwrotu zostało {amount}.</translation>
    </message>
    <message>
        <source>{points} points left</source>
        <translation>zostało {points} pkt</translation>
    </message>
    <message>
        <source>{points} points spent: take {amount} off the sale.</source>
        <translation>Wydano {points} pkt: odejmij {amount} od sprzedaży.</translation>
    </message>
    <message>
        <source>{state}: {balance} (cannot be used)</source>
        <translation>{state}: {balance} (nie do użycia)</translation>
    </message>
    <message>
        <source>{when} · paid {paid} · {left} left to refund</source>
        <translation>{when} · zapłacono {paid} · do zwrotu {left}</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier.py"/>
        <source>Buy with points</source>
        <translation>Kup za punkty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py"/>
        <source>Buy with points:</source>
        <translation>Za punkty:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_panel.py"/>
        <source>{product} · {points} points</source>
        <translation>{product} · {points} pkt</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py"/>
        <source>Which product does the customer take?</source>
        <translation>Który produkt bierze klient?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py"/>
        <source>The card has {points} points.</source>
        <translation>Na karcie: {points} pkt.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_dialogs.py"/>
        <source>not enough points</source>
        <translation>za mało punktów</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py"/>
        <source>This card cannot buy that product with points.</source>
        <translation>Tego produktu nie można kupić za punkty tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_controller.py"/>
        <source>{product} bought for {points} points.</source>
        <translation>{product}: kupiono za {points} pkt.</translation>
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
        <location filename="../../ui/screens/cashier_customer.py" line="43"/>
        <source>(no name)</source>
        <translation>(bez nazwiska)</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="65"/>
        <source>Customer</source>
        <translation>Klient</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="73"/>
        <source>Find or enrol a customer</source>
        <translation>Znajdź lub zarejestruj klienta</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="80"/>
        <source>Phone number (+48 600 100 200) or e-mail</source>
        <translation>Telefon (+48 600 100 200) lub e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="84"/>
        <source>Find</source>
        <translation>Szukaj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="90"/>
        <source>Owner of this card</source>
        <translation>Właściciel tej karty</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="104"/>
        <source>First name</source>
        <translation>Imię</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="105"/>
        <source>Last name</source>
        <translation>Nazwisko</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="106"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="110"/>
        <source>Country</source>
        <translation>Kraj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="113"/>
        <source>Agrees to marketing by SMS</source>
        <translation>Zgoda na marketing SMS</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="116"/>
        <source>Agrees to marketing by e-mail</source>
        <translation>Zgoda na marketing e-mail</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="127"/>
        <source>Close</source>
        <translation>Zamknij</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="129"/>
        <source>Enrol</source>
        <translation>Zarejestruj</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="132"/>
        <source>Save consents</source>
        <translation>Zapisz zgody</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="135"/>
        <source>Link the card on the counter</source>
        <translation>Przypisz kartę z lady</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="138"/>
        <source>Save details</source>
        <translation>Zapisz dane</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="158"/>
        <source>Working…</source>
        <translation>Trwa…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="180"/>
        <location filename="../../ui/screens/cashier_customer.py" line="271"/>
        <source>Type the customer&apos;s phone number.</source>
        <translation>Wpisz numer telefonu klienta.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="206"/>
        <source>Nothing changed.</source>
        <translation>Nic się nie zmieniło.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="217"/>
        <source>Details saved.</source>
        <translation>Dane zapisane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="236"/>
        <source>{n} customer(s) found.</source>
        <translation>Znalezieni klienci: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="242"/>
        <source>No customer with this number: fill in the form and press Enrol.</source>
        <translation>Brak klienta z tym numerem: wypełnij formularz i naciśnij Zarejestruj.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="298"/>
        <source>Enrolment saved; it will be sent when the server is back.</source>
        <translation>Rejestracja zapisana; zostanie wysłana po odzyskaniu połączenia.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="304"/>
        <source>Customer enrolled.</source>
        <translation>Klient zarejestrowany.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="326"/>
        <source>Consents saved.</source>
        <translation>Zgody zapisane.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/cashier_customer.py" line="340"/>
        <source>Card linked to the customer.</source>
        <translation>Karta przypisana do klienta.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../ui/errors.py" line="62"/>
        <source>The server does not know this card.</source>
        <translation>Serwer nie zna tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>The server does not know this card series.</source>
        <translation>Serwer nie zna tej serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="64"/>
        <source>The server does not know this customer.</source>
        <translation>Serwer nie zna tego klienta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>The original operation was not found.</source>
        <translation>Nie znaleziono pierwotnej operacji.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="66"/>
        <source>This card is not active yet.</source>
        <translation>Ta karta nie jest jeszcze aktywna.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>This card is blocked.</source>
        <translation>Ta karta jest zablokowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="68"/>
        <source>This card has expired.</source>
        <translation>Ta karta straciła ważność.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69"/>
        <source>Not enough money on the card.</source>
        <translation>Za mało środków na karcie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="70"/>
        <source>Not enough points on the card.</source>
        <translation>Za mało punktów na karcie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="71"/>
        <location filename="../../ui/errors.py" line="121"/>
        <source>This card cannot be used in this store.</source>
        <translation>Tej karty nie można użyć w tym sklepie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="72"/>
        <location filename="../../ui/errors.py" line="124"/>
        <source>This card cannot be sold in this store.</source>
        <translation>Tej karty nie można sprzedać w tym sklepie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>This card has already been activated.</source>
        <translation>Ta karta jest już aktywowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="74"/>
        <source>The card has been used since; this cannot be undone.</source>
        <translation>Karta była później używana; tego nie można cofnąć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="77"/>
        <source>The payment hold was not found.</source>
        <translation>Nie znaleziono blokady płatności.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78"/>
        <source>This payment hold was already completed or cancelled.</source>
        <translation>Ta blokada płatności została już zatwierdzona lub anulowana.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81"/>
        <source>This payment hold has expired; take the payment again.</source>
        <translation>Blokada płatności wygasła; przyjmij płatność ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="84"/>
        <source>This coupon has already been used.</source>
        <translation>Ten kupon został już wykorzystany.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="85"/>
        <source>The amount is in another currency than the card.</source>
        <translation>Kwota jest w innej walucie niż karta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>This amount is not valid for the card.</source>
        <translation>Ta kwota jest nieprawidłowa dla tej karty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="89"/>
        <source>The amount is outside the limits of this card series.</source>
        <translation>Kwota jest poza limitami tej serii kart.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="92"/>
        <source>This number of points is not valid.</source>
        <translation>Ta liczba punktów jest nieprawidłowa.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="93"/>
        <source>Nothing is left to return for that sale.</source>
        <translation>Z tej sprzedaży nie zostało nic do zwrotu.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <source>That operation was already reversed.</source>
        <translation>Ta operacja została już cofnięta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95"/>
        <source>A customer with this phone number already exists.</source>
        <translation>Klient z tym numerem telefonu już istnieje.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>This terminal may not do that.</source>
        <translation>Ten terminal nie może tego zrobić.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="99"/>
        <location filename="../../ui/errors.py" line="203"/>
        <source>The server does not accept this terminal. Call a technician.</source>
        <translation>Serwer nie akceptuje tego terminala. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>This operation clashes with an earlier one. Start again.</source>
        <translation>Ta operacja koliduje z wcześniejszą. Zacznij od nowa.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="110"/>
        <source>No number was given.</source>
        <translation>Nie podano numeru.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="111"/>
        <source>The number has characters a card number cannot have.</source>
        <translation>Numer zawiera znaki, których numer karty nie może mieć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="114"/>
        <source>This is not one of our cards.</source>
        <translation>To nie jest nasza karta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="115"/>
        <source>The number is too short or too long. Scan or type it again.</source>
        <translation>Numer jest za krótki lub za długi. Zeskanuj lub wpisz go ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="118"/>
        <source>The number is mistyped (check digit). Scan or type it again.</source>
        <translation>Numer jest błędny (cyfra kontrolna). Zeskanuj lub wpisz go ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="127"/>
        <source>This number cannot be used here.</source>
        <translation>Tego numeru nie można tu użyć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="133"/>
        <source>gift card</source>
        <translation>karta podarunkowa</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="134"/>
        <source>store credit</source>
        <translation>bon sklepowy</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="135"/>
        <source>coupon</source>
        <translation>kupon</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="136"/>
        <source>loyalty card</source>
        <translation>karta lojalnościowa</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="159"/>
        <source>This amount cannot be used.</source>
        <translation>Tej kwoty nie można użyć.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="164"/>
        <source>Type an amount.</source>
        <translation>Wpisz kwotę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="165"/>
        <source>The amount cannot be negative.</source>
        <translation>Kwota nie może być ujemna.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="166"/>
        <source>The amount must be more than zero.</source>
        <translation>Kwota musi być większa od zera.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="167"/>
        <source>Too many decimal places for this currency.</source>
        <translation>Za dużo miejsc po przecinku dla tej waluty.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="168"/>
        <source>The amount is too large.</source>
        <translation>Kwota jest za duża.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="169"/>
        <source>Digits after a thousands separator come in groups of three.</source>
        <translation>Po separatorze tysięcy cyfry występują w grupach po trzy.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="170"/>
        <source>Points are a whole number.</source>
        <translation>Punkty to liczba całkowita.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="171"/>
        <source>Type the amount of the sale.</source>
        <translation>Wpisz kwotę sprzedaży.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="172"/>
        <source>The amount is in another currency.</source>
        <translation>Kwota jest w innej walucie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="173"/>
        <source>This is not an amount.</source>
        <translation>To nie jest kwota.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="180"/>
        <source>The server cannot be reached and this is over the offline limit. A manager may allow it.</source>
        <translation>Brak połączenia z serwerem, a to przekracza limit pracy offline. Kierownik może na to zezwolić.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="184"/>
        <source>The server cannot be reached and this operation cannot wait. Try again later.</source>
        <translation>Brak połączenia z serwerem, a ta operacja nie może czekać. Spróbuj później.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="189"/>
        <source>The server is busy. Try again in a moment.</source>
        <translation>Serwer jest zajęty. Spróbuj za chwilę.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="191"/>
        <source>The server did not answer in time. The operation may have gone through; check the balance.</source>
        <translation>Serwer nie odpowiedział na czas. Operacja mogła się wykonać; sprawdź saldo.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="195"/>
        <source>The server cannot be reached. Check the network or try again.</source>
        <translation>Brak połączenia z serwerem. Sprawdź sieć lub spróbuj ponownie.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="200"/>
        <source>The server refused the operation.</source>
        <translation>Serwer odrzucił operację.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="207"/>
        <source>The server gave an answer the terminal does not understand. Call a technician.</source>
        <translation>Serwer dał odpowiedź, której terminal nie rozumie. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="213"/>
        <source>Too many wrong PINs. This operator is locked out for a while.</source>
        <translation>Zbyt wiele błędnych PIN-ów. Operator jest na pewien czas zablokowany.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="217"/>
        <source>Wrong operator or PIN.</source>
        <translation>Błędny operator lub PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="219"/>
        <source>This needs a manager&apos;s approval.</source>
        <translation>To wymaga zgody kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="221"/>
        <source>Your role may not do this.</source>
        <translation>Twoja rola na to nie pozwala.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="223"/>
        <source>Not allowed.</source>
        <translation>Niedozwolone.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="227"/>
        <source>This is a {actual}, not a {expected}.</source>
        <translation>To jest {actual}, a nie {expected}.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="231"/>
        <source>The printer is out of paper.</source>
        <translation>W drukarce skończył się papier.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="233"/>
        <source>The printer cover is open.</source>
        <translation>Pokrywa drukarki jest otwarta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="235"/>
        <source>The printer cannot be reached. Check that it is on and connected.</source>
        <translation>Brak połączenia z drukarką. Sprawdź, czy jest włączona i podłączona.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="239"/>
        <source>The printer settings are wrong. Call a technician.</source>
        <translation>Ustawienia drukarki są błędne. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="241"/>
        <source>Printing failed.</source>
        <translation>Drukowanie nie powiodło się.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="243"/>
        <source>The terminal&apos;s settings are wrong. Call a technician.</source>
        <translation>Ustawienia terminala są błędne. Wezwij serwisanta.</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="244"/>
        <source>Something went wrong. The details were saved for a technician.</source>
        <translation>Coś poszło nie tak. Szczegóły zapisano dla serwisanta.</translation>
    </message>
    <message>
        <source>A refund must name the payment it gives back. Goods paid for otherwise are returned as store credit.</source>
        <translation>Zwrot musi wskazać płatność, której dotyczy. Towar opłacony inaczej zwraca się bonem sklepowym.</translation>
    </message>
    <message>
        <source>Offline, this card series allows at most {cap} per operation. A manager may allow more.</source>
        <translation>Bez połączenia ta seria kart pozwala na najwyżej {cap} na operację. Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <source>Offline, this card series allows at most {points} points per operation. A manager may allow more.</source>
        <translation>Bez połączenia ta seria kart pozwala na najwyżej {points} pkt na operację. Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <source>Offline, this till may keep at most {cap} waiting for the server ({room} left). A manager may allow more.</source>
        <translation>Bez połączenia ta kasa może przechować najwyżej {cap} czekające na serwer (zostało {room}). Kierownik może zgodzić się na więcej.</translation>
    </message>
    <message>
        <source>One load on this card may add at most {amount}.</source>
        <translation>Jedno doładowanie tej karty może dodać najwyżej {amount}.</translation>
    </message>
    <message>
        <source>The amount can be read two ways: type the decimals with a comma.</source>
        <translation>Kwotę można odczytać na dwa sposoby: grosze wpisz po przecinku.</translation>
    </message>
    <message>
        <source>The card would hold more than its series allows.</source>
        <translation>Na karcie byłoby więcej, niż pozwala jej seria.</translation>
    </message>
    <message>
        <source>This amount needs a manager&apos;s approval.</source>
        <translation>Ta kwota wymaga zgody kierownika.</translation>
    </message>
    <message>
        <source>This card may hold at most {most}; at most {room} more can be added.</source>
        <translation>Na tej karcie może być najwyżej {most}; można dodać jeszcze najwyżej {room}.</translation>
    </message>
    <message>
        <source>This is more than one load may add to a card of this series.</source>
        <translation>To więcej, niż jedno doładowanie może dodać do karty tej serii.</translation>
    </message>
    <message>
        <source>This payment hold was placed by another store; only that store can finish or cancel it.</source>
        <translation>Tę blokadę założył inny sklep; tylko on może ją zatwierdzić lub anulować.</translation>
    </message>
    <message>
        <source>This till has reached its daily limit for activations, loads and refunds.</source>
        <translation>Ta kasa osiągnęła dzienny limit aktywacji, doładowań i zwrotów.</translation>
    </message>
    <message>
        <source>This till has reached its daily limit for activations, loads and refunds; {left} is left today.</source>
        <translation>Ta kasa osiągnęła dzienny limit aktywacji, doładowań i zwrotów; na dziś zostało {left}.</translation>
    </message>
    <message>
        <source>The payment was not confirmed by the server: it is NOT paid. Take another payment method. If the card was charged, the terminal gives the amount back by itself.</source>
        <translation>Serwer nie potwierdził płatności: NIE jest zapłacona. Przyjmij inną formę płatności. Jeśli karta została obciążona, terminal sam zwróci tę kwotę.</translation>
    </message>
    <message>
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
        <location filename="../../ui/main_window.py" line="226"/>
        <location filename="../../ui/main_window.py" line="227"/>
        <source>Loyalty POS</source>
        <translation>Loyalty POS</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="229"/>
        <source>Polski</source>
        <translation>Polski</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="232"/>
        <source>Switch the language (Ctrl+Shift+L)</source>
        <translation>Zmień język (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="235"/>
        <source>Dark</source>
        <translation>Ciemny</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="237"/>
        <source>Light</source>
        <translation>Jasny</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Switch light / dark (Ctrl+Shift+T)</source>
        <translation>Motyw jasny / ciemny (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="242"/>
        <source>Sign off</source>
        <translation>Wyloguj</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Choose your name and type your PIN to sign on.</source>
        <translation>Wybierz swoje nazwisko i wpisz PIN, aby się zalogować.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Signed on as {name}.</source>
        <translation>Zalogowano: {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60"/>
        <source>{n} operation(s) still wait to be sent to the server. Sign off when they are sent.</source>
        <translation>Operacje czekające na wysłanie do serwera: {n}. Wyloguj się, gdy zostaną wysłane.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="335"/>
        <source>Cannot sign off: {reason}</source>
        <translation>Nie można się wylogować: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="344"/>
        <source>Signed off.</source>
        <translation>Wylogowano.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="395"/>
        <source>Cannot close: {reason}</source>
        <translation>Nie można zamknąć: {reason}</translation>
    </message>
    <message>
        <source>Manager takes over</source>
        <translation>Kierownik przejmuje kasę</translation>
    </message>
    <message>
        <source>No take-over: {reason}</source>
        <translation>Nie przejęto: {reason}</translation>
    </message>
    <message>
        <source>Sign on</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <source>{reason} A manager can sign on over this session, to take over the till or the offline queue.</source>
        <translation>{reason} Kierownik może zalogować się w miejsce tej sesji, aby przejąć kasę lub kolejkę offline.</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <location filename="../../ui/printing.py" line="234"/>
        <source>Printed. The paper roll is nearly finished.</source>
        <translation>Wydrukowano. Rolka papieru prawie się skończyła.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="240"/>
        <source>There is no slip to reprint.</source>
        <translation>Nie ma wydruku do powtórzenia.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="253"/>
        <source>{problem} The slip is saved: press Reprint when the printer is ready.</source>
        <translation>{problem} Wydruk jest zapisany: naciśnij Drukuj ponownie, gdy drukarka będzie gotowa.</translation>
    </message>
    <message>
        <source>This slip carries the whole card number: only a manager may reprint it.</source>
        <translation>Ten wydruk zawiera pełny numer karty: wydrukować go ponownie może tylko kierownik.</translation>
    </message>
</context>
<context>
    <name>receipt_preview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="47"/>
        <source>Last slip</source>
        <translation>Ostatni wydruk</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="48"/>
        <source>Reprint (F9)</source>
        <translation>Drukuj (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="50"/>
        <source>No slip printed yet.</source>
        <translation>Jeszcze nic nie wydrukowano.</translation>
    </message>
    <message>
        <source>Click the slip to see it at full size, again to fit it.</source>
        <translation>Kliknij wydruk, aby zobaczyć go w pełnym rozmiarze; kliknij znowu, aby go dopasować.</translation>
    </message>
    <message>
        <source>Enlarge the slip (Ctrl+=)</source>
        <translation>Powiększ wydruk (Ctrl+=)</translation>
    </message>
    <message>
        <source>Make the slip smaller (Ctrl+-)</source>
        <translation>Zmniejsz wydruk (Ctrl+-)</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <location filename="../../ui/screens/cashier.py" line="82"/>
        <source>Till</source>
        <translation>Kasa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/manager_day.py" line="45"/>
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
        <location filename="../../ui/screens/manager_queue.py" line="34"/>
        <source>Offline queue</source>
        <translation>Kolejka offline</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_log.py" line="53"/>
        <source>Log and diagnostics</source>
        <translation>Dziennik i diagnostyka</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_printer.py" line="57"/>
        <source>Printer</source>
        <translation>Drukarka</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_scanner.py" line="59"/>
        <source>Scanner</source>
        <translation>Skaner</translation>
    </message>
    <message>
        <location filename="../../ui/screens/technician_server.py" line="49"/>
        <source>Server</source>
        <translation>Serwer</translation>
    </message>
</context>
<context>
    <name>signon</name>
    <message>
        <location filename="../../ui/signon.py" line="45"/>
        <source>Cashier</source>
        <translation>Kasjer</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="46"/>
        <source>Manager</source>
        <translation>Kierownik</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="47"/>
        <source>Technician</source>
        <translation>Serwisant</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="94"/>
        <source>Choose your name and type your PIN.</source>
        <translation>Wybierz swoje nazwisko i wpisz PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="121"/>
        <source>Too many wrong PINs. Try again in {minutes} min or ask a manager.</source>
        <translation>Zbyt wiele błędnych PIN-ów. Spróbuj za {minutes} min lub poproś kierownika.</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="188"/>
        <location filename="../../ui/signon.py" line="190"/>
        <source>Sign on</source>
        <translation>Zaloguj</translation>
    </message>
    <message>
        <location filename="../../ui/signon.py" line="189"/>
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
    <name>models</name>
    <message>
        <source>Delivered</source>
        <translation>Dostarczona</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Wygasło</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>Niewysłana</translation>
    </message>
    <message>
        <source>Offline override</source>
        <translation>Zgoda na operację offline</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>Odłożona</translation>
    </message>
    <message>
        <source>Queue: dealt with</source>
        <translation>Kolejka: wyjaśniona</translation>
    </message>
    <message>
        <source>Queue: parked</source>
        <translation>Kolejka: odłożona</translation>
    </message>
    <message>
        <source>Queue: sent again</source>
        <translation>Kolejka: wysłana ponownie</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Odrzucona</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wysyłanie</translation>
    </message>
    <message>
        <source>Sign-on</source>
        <translation>Logowanie</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Czeka</translation>
    </message>
</context>
<context>
    <name>waiting</name>
    <message>
        <source>Checking with the server whether the payment went through… ({seconds} s left)</source>
        <translation>Sprawdzanie na serwerze, czy płatność przeszła… (zostało {seconds} s)</translation>
    </message>
    <message>
        <source>No answer from the server yet, trying again… ({seconds} s left)</source>
        <translation>Serwer jeszcze nie odpowiedział, ponawianie… (zostało {seconds} s)</translation>
    </message>
</context>
</TS>
