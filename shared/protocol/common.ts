// Building blocks of the request and response schemas.
import * as v from 'valibot';
import { CODE_PATTERN, normaliseOrgCode } from './org-code.ts';

export { isOrgCode, normaliseOrgCode } from './org-code.ts';

export const UuidSchema = v.pipe(v.string(), v.uuid('must be a UUID'));

/** base64url without padding, as every byte field on the wire is encoded. */
export const B64Schema = (maxBytes: number) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]*$/, 'must be base64url'),
    v.maxLength(Math.ceil((maxBytes * 4) / 3), `must be at most ${maxBytes} bytes`),
  );

export const SchoolCodeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(CODE_PATTERN, 'must be 2 to 12 letters or digits'),
);

/** A code to look up, normalised as above; what is left must be 2 to 12 letters or digits. */
export const OrgCodeLookupSchema = v.pipe(
  v.string(),
  v.transform(normaliseOrgCode),
  v.regex(CODE_PATTERN, 'must be 2 to 12 letters or digits'),
);
