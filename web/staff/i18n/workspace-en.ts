// English words of the everyday workspace (keys as in workspace-pl.ts).
import type { plWorkspace } from './workspace-pl.ts';

export const enWorkspace: Record<keyof typeof plWorkspace, string> = {
  today: 'today',
  yesterday: 'yesterday',
  aboutHour: '{day}, about {time}',
  pupilChose: 'Pupil chose',
  anyPupilChoice: 'anything',
  searchReports: 'Search the words',
  searchHint: 'Searches the reports opened here; nothing goes to the server.',
  searchFound: '{n} of {of} loaded reports match.',
  searchMore: 'Load more reports to search',
  previewFailed: 'Cannot open the preview: open the report.',
  photosCount: 'photos: {n}',
  lastWrote: 'last wrote: {who}, {when}',
};
