// English words of the everyday workspace (keys as in workspace-pl.ts).
import type { plWorkspace } from './workspace-pl.ts';

export const enWorkspace: Record<keyof typeof plWorkspace, string> = {
  today: 'today',
  yesterday: 'yesterday',
  aboutHour: '{day}, about {time}',
};
