// Polish, the default language and the source every other dictionary is checked against.
export const pl = {
  appName: 'Bezpieczny Głos',
  language: 'Język',
  quickExit: 'Wyjdź szybko',
  quickExitHint: 'Wszystko zniknie z ekranu.',
  emergencyTitle: 'Potrzebujesz pomocy teraz? Zadzwoń:',
  emergency112: 'Numer alarmowy',
  emergency116111: 'Telefon Zaufania dla Dzieci i Młodzieży',
  emergency800121212: 'Dziecięcy Telefon Zaufania RPD',
  emergency800120002: 'Niebieska Linia',
  welcome: 'Tu możesz poprosić o pomoc. Nie musisz podawać imienia.',
  schoolCodeLabel: 'Kod szkoły',
  schoolCodeHint: 'Jest na plakacie w szkole, na przykład SP3.',
  schoolFind: 'Dalej',
  schoolChecking: 'Sprawdzam szkołę…',
  schoolVerified: 'Twoja szkoła',
  schoolNotFound: 'Nie znam takiej szkoły. Sprawdź kod.',
  schoolNotTrusted:
    'Nie mogę bezpiecznie połączyć się ze szkołą. Powiedz o tym dorosłemu, któremu ufasz.',
  offline: 'Brak internetu. Spróbuj za chwilę.',
  somethingWrong: 'Coś poszło nie tak. Spróbuj jeszcze raz.',
  staffTitle: 'Dla pracowników',
  keyDirectory: 'Katalog kluczy organizacji',
  keyDirectoryHint:
    'Każdy klucz jest podpisany kluczem gminy wbudowanym w tę aplikację. Odcisk pozwala porównać klucz z plakatem.',
  rootFingerprint: 'Odcisk klucza gminy',
  orgKindSchool: 'Szkoła',
  orgKindCdr: 'Centrum dla Rodzin',
  certVersion: 'wersja klucza',
  certOk: 'podpis poprawny',
  certBad: 'PODPIS NIEPOPRAWNY',
  loading: 'Ładuję…',
};

export type Messages = Record<keyof typeof pl, string>;
