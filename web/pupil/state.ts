// Everything the pupil app knows lives in these signals, in memory only [Note: no trace]: no
// localStorage, sessionStorage, IndexedDB or cookie holds content, and the URL never changes, so a
// shared tablet keeps nothing once wipe() has run (quick exit, idle, "finish"). The exceptions are
// on an own phone only: the pupil's explicit choice to remember the receipt code, and a report
// waiting for the connection, kept encrypted [Note: waiting report].
import { signal } from '@preact/signals';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import type { ReportCategory } from '../../shared/protocol/content-limits.ts';
import type { OpenedThread } from '../../shared/crypto/index.ts';
import type { PupilThreadDto } from '../../shared/protocol/pupil.ts';
import type { MessageKey } from '../common/i18n.ts';
import type { VerifiedOrgKeys } from '../crypto/common-ops.ts';
import type { PreparedPhoto } from './images.ts';
import type { WaitingReport } from './waiting-store.ts';

export interface School {
  dto: OrganisationDto;
  keys: VerifiedOrgKeys;
}

export interface Draft {
  category: ReportCategory | null;
  about: 'me' | 'someone_else' | null;
  urgent: boolean | null;
  text: string;
  grade: string;
  wantsMeeting: boolean;
  name: string;
  photos: PreparedPhoto[];
}

export const emptyDraft = (): Draft => ({
  category: null,
  about: null,
  urgent: null,
  text: '',
  grade: '',
  wantsMeeting: false,
  name: '',
  photos: [],
});

export interface PupilSession {
  token: string;
  pupilKey: Uint8Array;
  thread: PupilThreadDto;
  opened: OpenedThread;
  /** Shown once, on the receipt screen after sending. */
  receiptCode: string | null;
}

export type SendStep = 'keys' | 'lock' | 'send' | 'photos';

export type Screen =
  | { name: 'start' }
  | { name: 'wizard'; step: number }
  | { name: 'sending'; step: SendStep; error: MessageKey | null }
  | { name: 'waiting'; error: MessageKey | null }
  | { name: 'receipt' }
  | { name: 'come-back' }
  | { name: 'thread' }
  | { name: 'help' };

/** A report not yet acknowledged by the server; in memory, the pupil key too (never stored). */
export interface Waiting extends WaitingReport {
  pupilKey?: Uint8Array;
}

export const school = signal<School | null>(null);
/** Whether the school screen may open the school an own phone remembers: not after "change school"
 * (the child wants another one; the remembered one stays until another is found). */
export const reopenSchool = signal(true);
export const screen = signal<Screen>({ name: 'start' });
export const draft = signal<Draft>(emptyDraft());
export const session = signal<PupilSession | null>(null);
export const waiting = signal<Waiting[]>([]);
/** The report arrived but the server refused its photos: the receipt says so. */
export const photosLost = signal(false);
/**
 * The proof of work being solved [Note: admission]: `level` bits above normal (the school is busy)
 * and the chance it is found by now; null when none is.
 */
export const work = signal<{ level: number; done: number } | null>(null);
/** Object URLs of decrypted attachments, revoked on wipe. */
export const objectUrls = new Set<string>();
