// Where quick exit may go, without valibot: the pupil's first screen loads this.

/** [Note: quick exit destination] Where quick exit leaves for unless the deployment says otherwise:
 * the app's own blank page, which no school network blocks and which leaves nothing on screen. A
 * deployment sets a neutral site of its choice (QUICK_EXIT_URL), and each school's kiosk may
 * return to the school's own page (QUICK_EXIT_KIOSK_URLS), so a shared tablet is not stranded on
 * a blank tab. The destination is an https:// address or a path on this server, nothing else. */
export const DEFAULT_QUICK_EXIT_URL = '/neutral.html';

/** An https:// URL or a path of this server ("/..." but not "//host"). */
export const QUICK_EXIT_URL_PATTERN = /^(https:\/\/[^\s"'<>\\]+|\/(?![/\\])[^\s"'<>\\]*)$/;
