// Polish words of key custody: the school recovery key, key versions, the administrator's staffing.
export const plKeys = {
  schoolRecoveryTitle: 'Klucz awaryjny szkoły',
  schoolRecoveryHint:
    'Gdy wszyscy w zespole stracą hasła, ten klucz przywraca dostęp do zgłoszeń. Wydrukuj go i oddaj dyrekcji w zaklejonej kopercie. Każde użycie trafia do dziennika.',
  schoolRecoveryNone: 'Nie ma jeszcze klucza awaryjnego.',
  schoolRecoveryNeverUsed: 'nigdy',
  schoolRecoveryOld: 'Klucz awaryjny nie obejmuje najnowszej wersji klucza. Utwórz nowy.',
  schoolRecoveryCreate: 'Utwórz nowy klucz awaryjny',
  schoolRecoveryReplaceWarning: 'Nowy klucz zastąpi poprzedni: stary przestanie działać.',
  schoolRecoveryShown:
    'Klucz awaryjny: {org}. Wydrukuj tę stronę i oddaj dyrekcji. Nie zapisuj go na komputerze. Po zamknięciu nie zobaczysz go ponownie.',
  schoolRecoveryFailed: 'Nie udało się utworzyć klucza awaryjnego.',
  schoolRecoveryDone: 'Wydrukowane, zamknij',
  waitingRecoveryTitle: 'Nikt nie może Cię potwierdzić?',
  waitingRecoveryHint:
    'Gdy nikt w zespole nie ma już dostępu, dyrekcja wpisuje tutaj klucz awaryjny. Użycie trafia do dziennika.',
  schoolRecoveryKey: 'Klucz awaryjny',
  useSchoolRecovery: 'Przywróć dostęp',
  schoolRecoveryRefused:
    'To nie jest klucz awaryjny tej placówki. Każda próba trafia do dziennika.',
  schoolRecoveryTooMany: 'Zbyt wiele prób. Spróbuj ponownie za godzinę.',
  schoolRecoveryMismatch:
    'Klucze z serwera nie zgadzają się z podpisanymi kluczami placówki. Nic nie zmieniono. Powiadom administratora.',
  schoolRecoveryRestored: 'Dostęp przywrócony. Utwórz teraz nowy klucz awaryjny w zakładce Zespół.',
  withdrawKeyVersion: 'Wycofaj czekającą wersję klucza',
  keyVersionWithdrawn: 'Czekająca wersja klucza wycofana.',
  nothingToWithdraw: 'Żadna wersja klucza nie czeka.',
  orgAlertEmail: 'Wspólna skrzynka placówki na powiadomienia',
  orgAlertUrgentOnly: 'Skrzynka dostaje tylko pilne zgłoszenia',
  adminInvite: 'Zaproś pracownika',
  adminInviteHint:
    'Przekaż link osobiście. Klucz placówki przekaże członek zespołu albo klucz awaryjny.',
  recoveryKeyMissing: 'Klucz awaryjny: brak',
  recoveryKeyMade: 'Klucz awaryjny: utworzony {date}, ostatnie użycie: {used}',
  withdraw: 'Wycofaj',
  foundingTitle: 'Pierwsza osoba w placówce',
  foundingHint:
    'Ta placówka nie ma jeszcze klucza. Utwórz go tutaj: powstanie tylko w tej przeglądarce. Potem administrator go podpisze.',
  foundingCreate: 'Utwórz klucz placówki',
  foundingAwaiting:
    'Klucz czeka na podpis administratora gminy. Po podpisaniu naciśnij „Sprawdź ponownie”. Przy podpisywaniu przeczytajcie razem ten odcisk: {fp}',
  foundingCheck: 'Sprawdź ponownie',
  foundingMismatch:
    'Podpisany klucz nie jest kluczem utworzonym tutaj. Nic nie zmieniono. Powiadom administratora.',
  foundingFailed: 'Nie udało się. Spróbuj ponownie.',
  addOrg: 'Dodaj placówkę',
  orgKind: 'Rodzaj',
  orgName: 'Nazwa',
  orgCode: 'Kod (na plakatach i w adresie /s/KOD)',
  orgAdded: 'Placówka dodana. Zaproś teraz jej pierwszą osobę.',
  orgNoKey: 'Brak klucza: pierwsza zaproszona osoba go utworzy.',
  orgCodeTaken: 'Ten kod jest zajęty albo dane są błędne.',
  showMore: 'Pokaż więcej',
};
