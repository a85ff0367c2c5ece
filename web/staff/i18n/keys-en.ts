// English words of key custody (keys-pl.ts is the source).
import type { plKeys } from './keys-pl.ts';

export const enKeys: Record<keyof typeof plKeys, string> = {
  schoolRecoveryTitle: 'Emergency key',
  schoolRecoveryHint:
    'When everyone in the team has lost their password, this key restores access to the reports. Print it and give it to the head in a sealed envelope. Every use goes into the audit log.',
  schoolRecoveryNone: 'There is no emergency key yet.',
  schoolRecoveryNeverUsed: 'never',
  schoolRecoveryOld: 'The emergency key does not cover the newest key version. Make a new one.',
  schoolRecoveryCreate: 'Make a new emergency key',
  schoolRecoveryReplaceWarning: 'A new key replaces the old one: the old one stops working.',
  schoolRecoveryShown:
    'Emergency key: {org}. Print this page and give it to the head. Do not save it on the computer. Once closed, you will not see it again.',
  schoolRecoveryFailed: 'Could not make the emergency key.',
  schoolRecoveryDone: 'Printed, close',
  waitingRecoveryTitle: 'Nobody can confirm you?',
  waitingRecoveryHint:
    'When nobody in the team has access any more, the head types the emergency key here. The use goes into the audit log.',
  schoolRecoveryKey: 'Emergency key',
  useSchoolRecovery: 'Restore access',
  schoolRecoveryRefused:
    'This is not the emergency key of this organisation. Every try goes into the audit log.',
  schoolRecoveryTooMany: 'Too many tries. Try again in an hour.',
  schoolRecoveryMismatch:
    'The keys from the server do not match the organisation’s signed keys. Nothing was changed. Tell the administrator.',
  schoolRecoveryRestored: 'Access restored. Now make a new emergency key under Team.',
  withdrawKeyVersion: 'Withdraw the waiting key version',
  keyVersionWithdrawn: 'The waiting key version was withdrawn.',
  nothingToWithdraw: 'No key version is waiting.',
  orgAlertEmail: 'Shared mailbox of the organisation for alerts',
  orgAlertUrgentOnly: 'The mailbox gets urgent reports only',
  adminInvite: 'Invite a staff member',
  adminInviteHint:
    'Hand the link over in person. A team member or the emergency key hands over the organisation key.',
  recoveryKeyMissing: 'Emergency key: none',
  recoveryKeyMade: 'Emergency key: made {date}, last used: {used}',
  withdraw: 'Withdraw',
  foundingTitle: 'The first person in the organisation',
  foundingHint:
    'This organisation has no key yet. Make it here: it is made in this browser only. Then the administrator signs it.',
  foundingCreate: 'Make the organisation key',
  foundingAwaiting:
    'The key waits for the municipal administrator’s signature. Once it is signed, press “Check again”. When they sign it, read this fingerprint together: {fp}',
  foundingCheck: 'Check again',
  foundingMismatch:
    'The signed key is not the key made here. Nothing was changed. Tell the administrator.',
  foundingFailed: 'That did not work. Try again.',
  addOrg: 'Add an organisation',
  orgKind: 'Kind',
  orgName: 'Name',
  orgCode: 'Code (on the posters and in the address /s/CODE)',
  orgAdded: 'Organisation added. Now invite its first person.',
  orgNoKey: 'No key yet: the first person invited makes it.',
  orgCodeTaken: 'This code is taken or the data is wrong.',
  showMore: 'Show more',
};
