// What a deployment tells the pupil app about itself: where quick exit goes. Public, content-free.
import * as v from 'valibot';
import { OrgCodeLookupSchema } from './common.ts';

export { DEFAULT_QUICK_EXIT_URL, QUICK_EXIT_URL_PATTERN } from './quick-exit-url.ts';

export const PupilConfigQuerySchema = v.object({
  /** The kiosk's school code (/s/<code>), when the app runs as one. */
  kiosk: v.optional(OrgCodeLookupSchema),
});

export interface PupilConfigDto {
  quickExitUrl: string;
}
