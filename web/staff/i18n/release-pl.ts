// Polish words of the running build's release [Note: release manifest], shown in the footer and
// the key directory so a counsellor can compare it with the published one.
export const plRelease = {
  release: 'Wydanie aplikacji',
  releaseSigned: 'podpisane, pliki tej strony się zgadzają',
  releaseUnsigned: 'niepodpisane (serwer nie publikuje listy plików)',
  releaseBad: 'NIE ZGADZA SIĘ z podpisanym wydaniem: zgłoś to administratorowi gminy',
  releaseHint:
    'Porównaj ten numer z numerem wydania, który publikuje gmina. Każdy może sprawdzić serwer poleceniem npm run verify.',
};
