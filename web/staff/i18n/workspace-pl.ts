// Polish words of the everyday workspace: times, the inbox's previews and search, addresses,
// unlocking after a reload and the idle lock.
export const plWorkspace = {
  today: 'dziś',
  yesterday: 'wczoraj',
  aboutHour: '{day}, ok. {time}',
};
