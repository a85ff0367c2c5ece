// Polish words of the everyday workspace: times, the inbox's previews and search, addresses,
// unlocking after a reload and the idle lock.
export const plWorkspace = {
  today: 'dziś',
  yesterday: 'wczoraj',
  aboutHour: '{day}, ok. {time}',
  pupilChose: 'Uczeń wybrał',
  anyPupilChoice: 'cokolwiek',
  searchReports: 'Szukaj w treści',
  searchHint: 'Szuka w otwartych tu zgłoszeniach; nic nie trafia na serwer.',
  searchFound: 'Pasuje {n} z {of} wczytanych zgłoszeń.',
  searchMore: 'Szukaj we wszystkich zgłoszeniach',
  searchFoundAll: 'Pasuje {n} ze wszystkich {of} zgłoszeń.',
  noMessagesYet: 'Nie ma jeszcze wiadomości.',
  previewFailed: 'Nie mogę otworzyć podglądu: otwórz zgłoszenie.',
  photosCount: 'zdjęcia: {n}',
  lastWrote: 'ostatnia wiadomość: {who}, {when}',
  totpJustUsed:
    'Ten kod został już użyty. Poczekaj na następny kod w aplikacji (zmienia się co 30 sekund).',
  unlockTitle: 'Odblokuj klucze',
  unlockHint:
    '{name}: sesja trwa, ale klucze zostały zapomniane (przeładowanie strony lub blokada po bezczynności). Wpisz hasło, aby otworzyć je w tej przeglądarce.',
  unlock: 'Odblokuj',
  unlocking: 'Odblokowuję… (to trwa chwilę)',
  unlockFailed: 'To hasło nie otwiera kluczy. Zostało prób: {left}; potem wylogujemy.',
  signedOutAfterTries:
    'Wylogowano po 5 błędnych hasłach. Zaloguj się jeszcze raz: e-mail, hasło i kod z aplikacji.',
  unlockSignOut: 'Wyloguj (inna osoba)',
  idleWarning:
    'Za minutę zablokuję klucze, bo nic się nie dzieje. To, co piszesz, zostanie; po odblokowaniu hasłem wrócisz tutaj.',
  idleStay: 'Jestem, pracuję dalej',
};
