// The plain constants of a report's content (shared/protocol/content.ts), apart from its schemas:
// the pupil's first screen and the staff inbox need only these, and importing them from here keeps
// the schema library out of the pupil's first download (the bench's 30 kB target).
export const REPORT_CATEGORIES = ['home', 'school', 'online', 'self', 'friend', 'other'] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const CONTENT_LANGS = ['pl', 'uk', 'en'] as const;

export const TEXT_MAX = 8000;
export const NAME_MAX = 100;
