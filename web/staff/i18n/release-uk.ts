// Ukrainian words of the running build's release (see release-pl.ts).
export const ukRelease = {
  release: 'Випуск застосунку',
  releaseSigned: 'підписаний, файли цієї сторінки збігаються',
  releaseUnsigned: 'непідписаний (сервер не публікує список файлів)',
  releaseBad: 'НЕ ЗБІГАЄТЬСЯ з підписаним випуском: повідомте адміністратора гміни',
  releaseHint:
    'Порівняйте цей номер з номером випуску, який публікує гміна. Будь-хто може перевірити сервер командою npm run verify.',
};
