// What a deployment tells the pupil app about itself: where quick exit goes. Public, content-free.
import * as v from 'valibot';
import { OrgCodeLookupSchema } from './common.ts';

/** [Note: quick exit destination] Where quick exit leaves for unless the deployment says otherwise:
 * the app's own blank page, which no school network blocks and which leaves nothing on screen. A
 * deployment sets a neutral site of its choice (QUICK_EXIT_URL), and each school's kiosk may
 * return to the school's own page (QUICK_EXIT_KIOSK_URLS), so a shared tablet is not stranded on
 * a blank tab. The destination is an https:// address or a path on this server, nothing else. */
export const DEFAULT_QUICK_EXIT_URL = '/neutral.html';

/** An https:// URL or a path of this server ("/..." but not "//host"). */
export const QUICK_EXIT_URL_PATTERN = /^(https:\/\/[^\s"'<>\\]+|\/(?![/\\])[^\s"'<>\\]*)$/;

export const PupilConfigQuerySchema = v.object({
  /** The kiosk's school code (/s/<code>), when the app runs as one. */
  kiosk: v.optional(OrgCodeLookupSchema),
});

export interface PupilConfigDto {
  quickExitUrl: string;
}
