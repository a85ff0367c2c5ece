// Ukrainian: a first-class language for the many Ukrainian pupils in Polish schools.
import type { Messages } from './pl.ts';

export const uk: Messages = {
  appName: 'Безпечний голос',
  language: 'Мова',
  quickExit: 'Швидкий вихід',
  quickExitHint: 'Усе зникне з екрана.',
  emergencyTitle: 'Потрібна допомога зараз? Телефонуй:',
  emergency112: 'Номер екстреної допомоги',
  emergency116111: 'Телефон довіри для дітей і молоді',
  emergency800121212: 'Дитячий телефон довіри Уповноваженого з прав дитини',
  emergency800120002: 'Блакитна лінія',
  welcome: 'Тут ти можеш попросити про допомогу. Не треба казати своє імʼя.',
  schoolCodeLabel: 'Код школи',
  schoolCodeHint: 'Він є на плакаті в школі, наприклад SP3.',
  schoolFind: 'Далі',
  schoolChecking: 'Перевіряю школу…',
  schoolVerified: 'Твоя школа',
  schoolNotFound: 'Я не знаю такої школи. Перевір код.',
  schoolNotTrusted:
    'Не можу безпечно зʼєднатися зі школою. Скажи про це дорослому, якому довіряєш.',
  offline: 'Немає інтернету. Спробуй трохи пізніше.',
  somethingWrong: 'Щось пішло не так. Спробуй ще раз.',
  staffTitle: 'Для працівників',
  keyDirectory: 'Каталог ключів організацій',
  keyDirectoryHint:
    'Кожен ключ підписаний ключем гміни, вбудованим у цей застосунок. Відбиток дозволяє порівняти ключ із плакатом.',
  rootFingerprint: 'Відбиток ключа гміни',
  orgKindSchool: 'Школа',
  orgKindCdr: 'Центр для сімей',
  certVersion: 'версія ключа',
  certOk: 'підпис правильний',
  certBad: 'ПІДПИС НЕПРАВИЛЬНИЙ',
  loading: 'Завантаження…',
};
