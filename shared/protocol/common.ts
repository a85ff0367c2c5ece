// Building blocks of the request and response schemas.
import * as v from 'valibot';

export const UuidSchema = v.pipe(v.string(), v.uuid('must be a UUID'));

/** base64url without padding, as every byte field on the wire is encoded. */
export const B64Schema = (maxBytes: number) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]*$/, 'must be base64url'),
    v.maxLength(Math.ceil((maxBytes * 4) / 3), `must be at most ${maxBytes} bytes`),
  );

const CODE_PATTERN = /^[A-Z0-9]{2,12}$/;

export const SchoolCodeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(CODE_PATTERN, 'must be 2 to 12 letters or digits'),
);

/** A code as people type it ("sp 1", "SP-1", "Sp_1."): case, spaces, dashes, underscores and dots
 * do not count. The pupil app and the server's lookup normalise the same way. */
export const normaliseOrgCode = (code: string): string =>
  code.replace(/[\s\-\u2010-\u2015_.]/g, '').toUpperCase();

export const isOrgCode = (code: string): boolean => CODE_PATTERN.test(code);

/** A code to look up, normalised as above; what is left must be 2 to 12 letters or digits. */
export const OrgCodeLookupSchema = v.pipe(
  v.string(),
  v.transform(normaliseOrgCode),
  v.regex(CODE_PATTERN, 'must be 2 to 12 letters or digits'),
);
