// Polish words of the workspace seen at once (issue 13): the case's facts, confirmations before
// anything that cannot be undone, statistics and the audit log in sentences.
export const plAtOnce = {
  langPl: 'polski',
  langUk: 'ukraiński',
  langEn: 'angielski',
  deactivateTitle: 'Wyłączyć konto: {name}?',
  deactivateText:
    '{name} od razu przestanie mieć dostęp: sesje się kończą, logowanie nie działa. Nic nie jest usuwane. Ta przeglądarka mogła jednak znać klucz szkoły, więc zaraz potem trzeba utworzyć nowy klucz dla pozostałych.',
  deactivateConfirm: 'Wyłącz konto: {name}',
  deactivatedNext: 'Konto wyłączone: {name}. Teraz nowy klucz szkoły',
  deactivatedNextText:
    'Utwórz nowy klucz szkoły dla pozostałych osób w zespole. Bez tego {name} mógłby nadal odczytać nowe zgłoszenia, gdyby zdobył ich kopię. Stare zgłoszenia pozostaną czytelne dla zespołu.',
  rotationWaiting:
    'Nowy klucz szkoły (wersja {version}) czeka na podpis administratora gminy. Do tego czasu zgłoszenia są szyfrowane dotychczasowym kluczem.',
  withdrawTitle: 'Wycofać czekający klucz (wersja {version})?',
  withdrawText:
    'Nowy klucz przepadnie, zanim administrator go podpisze. Potem możesz utworzyć kolejny. Zgłoszenia pozostają czytelne.',
  helpDeleteTitle: 'Usunąć wpis: {name}?',
  helpDeleteText:
    'Wpis „{name}” zniknie z katalogu pomocy, który widzą uczniowie i pracownicy. Tego nie da się cofnąć: trzeba by go wpisać od nowa.',
  helpDeleteConfirm: 'Usuń wpis',
  helpDeleted: 'Wpis usunięty.',
  chooseResult: '— wybierz wynik —',
  closeTitle: 'Zakończyć sprawę?',
  closeText:
    'Sprawa zostanie zamknięta z wynikiem „{result}”. Szkoła zobaczy ten wynik, a sprawy nie da się otworzyć ponownie.',
  closeConfirm: 'Zakończ sprawę',
  urgentColumn: 'Pilne',
  statsResults: 'Wynik sprawy w CdR',
  statsServices: 'Wsparcie CdR',
  schoolName: 'Nazwa szkoły',
  resOpen: 'jeszcze otwarte',
  statsTable: 'Zgłoszenia według miesięcy i szkół',
  statsFile: 'statystyki',
  chartByCategory: 'Zgłoszenia według kategorii w kolejnych miesiącach',
  chartByCategoryText:
    'Wykres słupkowy: dla każdego miesiąca liczba zgłoszeń w każdej kategorii. Te same liczby są w tabeli poniżej.',
  chartBySchool: 'Zgłoszenia według szkół',
  chartBySchoolText:
    'Wykres słupkowy: dla każdej szkoły liczba zgłoszeń w kolejnych miesiącach. Te same liczby są w tabeli poniżej.',
  chartsHidden:
    'Wykresy nie rysują liczb ukrytych w tabeli („<5” i „*”): tam słupka po prostu nie ma.',
  recoveryMade: 'Klucz awaryjny utworzono {date}.',
  recoveryMadeBy: 'Klucz awaryjny utworzono {date}. Utworzył(a): {name}.',
  recoveryLastUsed: 'Ostatnio użyty {date}.',
  recoveryNeverUsed: 'Jeszcze nieużyty.',
  deactivateTextAdmin:
    '{name} od razu przestanie mieć dostęp: sesje się kończą, logowanie nie działa. Nic nie jest usuwane. Potem osoba z zespołu tej szkoły musi utworzyć nowy klucz szkoły (Zespół → Utwórz nowy klucz szkoły), a Ty go podpisać.',
  deactivatedAdminNext:
    'Konto wyłączone: {name}. Teraz poproś osobę z zespołu szkoły o nowy klucz szkoły (Zespół → Utwórz nowy klucz szkoły) i podpisz go, gdy pojawi się wśród kluczy czekających na podpis.',
  // The same steps for a family centre's team: its key is the CdR's, its work cases.
  deactivateTextCdr:
    '{name} od razu przestanie mieć dostęp: sesje się kończą, logowanie nie działa. Nic nie jest usuwane. Ta przeglądarka mogła jednak znać klucz CdR, więc zaraz potem trzeba utworzyć nowy klucz dla pozostałych.',
  deactivatedNextCdr: 'Konto wyłączone: {name}. Teraz nowy klucz CdR',
  deactivatedNextTextCdr:
    'Utwórz nowy klucz CdR dla pozostałych osób w zespole. Bez tego {name} mógłby nadal odczytać nowe sprawy, gdyby zdobył ich kopię. Stare sprawy pozostaną czytelne dla zespołu.',
  rotateKeyCdr: 'Utwórz nowy klucz CdR',
  rotateTitleCdr: 'Wymiana klucza CdR',
  rotationWaitingCdr:
    'Nowy klucz CdR (wersja {version}) czeka na podpis administratora gminy. Do tego czasu sprawy są szyfrowane dotychczasowym kluczem.',
  deactivateTextAdminCdr:
    '{name} od razu przestanie mieć dostęp: sesje się kończą, logowanie nie działa. Nic nie jest usuwane. Potem osoba z zespołu CdR musi utworzyć nowy klucz CdR (Zespół → Utwórz nowy klucz CdR), a Ty go podpisać.',
  deactivatedAdminNextCdr:
    'Konto wyłączone: {name}. Teraz poproś osobę z zespołu CdR o nowy klucz CdR (Zespół → Utwórz nowy klucz CdR) i podpisz go, gdy pojawi się wśród kluczy czekających na podpis.',
};
