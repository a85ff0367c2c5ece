// GET /api/staff/reports/previews?ids=<id>,<id>,…: for each report of a page of the inbox, what the
// counsellor's browser decrypts to tell reports apart (the pupil's own category, the first line)
// and the metadata the server holds anyway (photo count, who wrote last and when, to the hour for
// the pupil). [Note: inbox previews] Only reports of the member's school answer; others are left
// out as if they did not exist; nothing is marked read.
import * as v from 'valibot';
import { UuidSchema } from './common.ts';
import { INBOX_PAGE } from './staff.ts';

export const PreviewQuerySchema = v.object({
  ids: v.pipe(
    v.string(),
    v.maxLength(INBOX_PAGE * 37, `at most ${INBOX_PAGE} ids`),
    v.transform((s) => s.split(',')),
    v.array(UuidSchema),
    v.minLength(1, 'at least one id'),
    v.maxLength(INBOX_PAGE, `at most ${INBOX_PAGE} ids`),
  ),
});

export interface ReportPreviewDto {
  id: string;
  orgKeyVersion: number;
  /** The report under K_thread, as in the case view. */
  body: string;
  threadKeySealed: string;
  /** Photos the pupil sent (with the report and later). */
  photos: number;
  /** The last message of the pupil thread; null when nobody wrote after the report. */
  last: { authorRole: 'pupil' | 'counsellor' | 'cdr'; at: string } | null;
}

export interface PreviewsDto {
  previews: ReportPreviewDto[];
}
