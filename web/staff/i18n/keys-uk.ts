// Ukrainian words of key custody (keys-pl.ts is the source).
import type { plKeys } from './keys-pl.ts';

export const ukKeys: Record<keyof typeof plKeys, string> = {
  schoolRecoveryTitle: 'Аварійний ключ',
  schoolRecoveryHint:
    'Коли всі в команді втратять паролі, цей ключ повертає доступ до звернень. Роздрукуй його і передай дирекції в заклеєному конверті. Кожне використання записується в журнал.',
  schoolRecoveryNone: 'Аварійного ключа ще немає.',
  schoolRecoverySet: 'Аварійний ключ створено {date} ({name}). Останнє використання: {used}.',
  schoolRecoveryNeverUsed: 'ніколи',
  schoolRecoveryOld: 'Аварійний ключ не охоплює найновішу версію ключа. Створи новий.',
  schoolRecoveryCreate: 'Створити новий аварійний ключ',
  schoolRecoveryReplaceWarning: 'Новий ключ замінить попередній: старий перестане діяти.',
  schoolRecoveryShown:
    'Аварійний ключ: {org}. Роздрукуй цю сторінку і передай дирекції. Не зберігай його на комп’ютері. Після закриття ти його більше не побачиш.',
  schoolRecoveryFailed: 'Не вдалося створити аварійний ключ.',
  schoolRecoveryDone: 'Роздруковано, закрити',
  waitingRecoveryTitle: 'Ніхто не може тебе підтвердити?',
  waitingRecoveryHint:
    'Коли ніхто в команді вже не має доступу, дирекція вводить тут аварійний ключ. Використання записується в журнал.',
  schoolRecoveryKey: 'Аварійний ключ',
  useSchoolRecovery: 'Відновити доступ',
  schoolRecoveryRefused: 'Це не аварійний ключ цієї установи. Кожна спроба записується в журнал.',
  schoolRecoveryTooMany: 'Забагато спроб. Спробуй ще раз за годину.',
  schoolRecoveryMismatch:
    'Ключі з сервера не збігаються з підписаними ключами установи. Нічого не змінено. Повідом адміністратора.',
  schoolRecoveryRestored: 'Доступ відновлено. Тепер створи новий аварійний ключ у вкладці Команда.',
  withdrawKeyVersion: 'Відкликати версію ключа, що чекає',
  keyVersionWithdrawn: 'Версію ключа, що чекала, відкликано.',
  nothingToWithdraw: 'Жодна версія ключа не чекає.',
  orgAlertEmail: 'Спільна скринька установи для сповіщень',
  orgAlertUrgentOnly: 'Скринька отримує лише термінові звернення',
  adminInvite: 'Запросити працівника',
  adminInviteHint:
    'Передай посилання особисто. Ключ установи передасть член команди або аварійний ключ.',
  recoveryKeyMissing: 'Аварійний ключ: немає',
  recoveryKeyMade: 'Аварійний ключ: створено {date}, останнє використання: {used}',
  withdraw: 'Відкликати',
  foundingTitle: 'Перша особа в установі',
  foundingHint:
    'Ця установа ще не має ключа. Створи його тут: він з’явиться лише в цьому браузері. Потім адміністратор його підпише.',
  foundingCreate: 'Створити ключ установи',
  foundingAwaiting:
    'Ключ чекає на підпис адміністратора. Коли він підписуватиме, прочитайте разом цей відбиток: {fp}',
  foundingCheck: 'Перевірити ще раз',
  foundingMismatch:
    'Підписаний ключ не є ключем, створеним тут. Нічого не змінено. Повідом адміністратора.',
  foundingFailed: 'Не вдалося. Спробуй ще раз.',
  addOrg: 'Додати установу',
  orgKind: 'Тип',
  orgName: 'Назва',
  orgCode: 'Код (на плакатах і в адресі /s/КОД)',
  orgAdded: 'Установу додано. Тепер запроси її першу особу.',
  orgNoKey: 'Ключа ще немає: перша запрошена особа його створить.',
  orgCodeTaken: 'Цей код зайнятий або дані помилкові.',
  actRecoveryKeySet: 'створено новий аварійний ключ',
  actRecoveryUsed: 'використано аварійний ключ',
  actRecoveryRefused: 'відхилено хибний аварійний ключ',
  actGrantedByRecovery: 'доступ відновлено аварійним ключем',
  actKeyFounded: 'перша особа створила ключ установи',
  actKeyWithdrawn: 'відкликано версію ключа, що чекала',
  showMore: 'Показати більше',
};
