// Ukrainian words of the everyday workspace (keys as in workspace-pl.ts).
import type { plWorkspace } from './workspace-pl.ts';

export const ukWorkspace: Record<keyof typeof plWorkspace, string> = {
  today: 'сьогодні',
  yesterday: 'учора',
  aboutHour: '{day}, близько {time}',
};
