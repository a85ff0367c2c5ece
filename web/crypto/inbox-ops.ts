// The inbox's previews, opened in the staff worker [Note: inbox previews]: for each row, the
// thread key from the sealed copy and the report under it, checked against its schema. A row that
// does not open (a key the member lacks, a damaged body) is answered as failed, never thrown, so
// one bad report does not blank the whole inbox; opening the case says why.
import { decryptItem, fromB64, openSealedKey } from '../../shared/crypto/index.ts';
import { ReportContentSchema } from '../../shared/protocol/content.ts';
import type { ReportPreviewDto } from '../../shared/protocol/inbox-previews.ts';
import * as v from 'valibot';
import { loadSodium } from './sodium.ts';
import type { OrgKeyVersion } from './staff-ops.ts';

export type OpenedPreview =
  | {
      id: string;
      ok: true;
      /** What the pupil chose in the wizard (home, school, online…). */
      category: string;
      about: 'me' | 'someone_else';
      text: string;
      name: string | null;
      grade: string | null;
      photos: number;
      last: ReportPreviewDto['last'];
    }
  | { id: string; ok: false; photos: number; last: ReportPreviewDto['last'] };

export async function openPreviews(
  previews: ReportPreviewDto[],
  orgKeys: OrgKeyVersion[],
): Promise<OpenedPreview[]> {
  const sodium = await loadSodium();
  return previews.map((p): OpenedPreview => {
    try {
      const org = orgKeys.find((k) => k.version === p.orgKeyVersion)?.keys;
      if (!org) throw new Error('no key of that version');
      const threadKey = openSealedKey(
        sodium,
        fromB64(p.threadKeySealed),
        org.boxPublicKey,
        org.boxSecretKey,
      );
      const ad = { reportId: p.id, kind: 'report', itemId: p.id, authorRole: 'pupil' } as const;
      const report = v.parse(
        ReportContentSchema,
        decryptItem(sodium, threadKey, fromB64(p.body), ad),
      );
      sodium.memzero(threadKey);
      return {
        id: p.id,
        ok: true,
        category: report.category,
        about: report.about,
        text: report.text,
        name: report.name,
        grade: report.grade,
        photos: p.photos,
        last: p.last,
      };
    } catch {
      return { id: p.id, ok: false, photos: p.photos, last: p.last };
    }
  });
}
