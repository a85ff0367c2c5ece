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
  searchMore: 'Search all reports',
  searchFoundAll: '{n} of all {of} reports match.',
  noMessagesYet: 'No messages yet.',
  previewFailed: 'Cannot open the preview: open the report.',
  photosCount: 'photos: {n}',
  lastWrote: 'last message: {who}, {when}',
  totpJustUsed:
    'This code was just used. Wait for the next code in the app (it changes every 30 seconds).',
  unlockTitle: 'Unlock the keys',
  unlockHint:
    '{name}: the session goes on, but the keys were forgotten (the page was reloaded or locked after idle time). Type your password to open them in this browser.',
  unlock: 'Unlock',
  unlocking: 'Unlocking… (this takes a moment)',
  unlockFailed:
    'This password does not open the keys. Tries left: {left}; then you are signed out.',
  signedOutAfterTries:
    'You were signed out after 5 wrong passwords. Sign in again: e-mail, password and the code from the app.',
  unlockSignOut: 'Sign out (someone else)',
  idleWarning:
    'In a minute I will lock the keys, as nothing is happening. What you are writing stays; after unlocking with your password you come back here.',
  idleStay: 'I am here, keep working',
};
