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
  searchMore: 'Завантажити ще звернення для пошуку',
  previewFailed: 'Не можу відкрити попередній перегляд: відкрий звернення.',
  photosCount: 'фото: {n}',
  lastWrote: 'останнім пише: {who}, {when}',
};
