// Ukrainian words of the everyday workspace (keys as in workspace-pl.ts).
import type { plWorkspace } from './workspace-pl.ts';

export const ukWorkspace: Record<keyof typeof plWorkspace, string> = {
  today: 'сьогодні',
  yesterday: 'учора',
  aboutHour: '{day}, близько {time}',
  pupilChose: 'Учень обрав',
  anyPupilChoice: 'будь-що',
  searchReports: 'Шукати в тексті',
  searchHint: 'Шукає у відкритих тут зверненнях; нічого не йде на сервер.',
  searchFound: 'Підходить {n} з {of} завантажених звернень.',
  searchMore: 'Шукати в усіх зверненнях',
  searchFoundAll: 'Підходить {n} з усіх {of} звернень.',
  noMessagesYet: 'Повідомлень ще немає.',
  previewFailed: 'Не можу відкрити попередній перегляд: відкрий звернення.',
  photosCount: 'фото: {n}',
  lastWrote: 'останнє повідомлення: {who}, {when}',
  totpJustUsed:
    'Цей код уже використано. Зачекай на наступний код у застосунку (змінюється кожні 30 секунд).',
  unlockTitle: 'Розблокуй ключі',
  unlockHint:
    '{name}: сеанс триває, але ключі забуто (перезавантаження сторінки або блокування через бездіяльність). Введи пароль, щоб відкрити їх у цьому браузері.',
  unlock: 'Розблокувати',
  unlocking: 'Розблоковую… (це триває хвилину)',
  unlockFailed:
    'Цей пароль не відкриває ключі. Залишилося спроб: {left}; потім ми вийдемо з системи.',
  signedOutAfterTries:
    'Тебе виведено з системи після 5 неправильних паролів. Увійди знову: e-mail, пароль і код із застосунку.',
  unlockSignOut: 'Вийти (інша особа)',
  idleWarning:
    'За хвилину я заблокую ключі, бо нічого не відбувається. Те, що ти пишеш, залишиться; після розблокування паролем ти повернешся сюди.',
  idleStay: 'Я тут, працюю далі',
};
