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

export const SchoolCodeSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toUpperCase(),
  v.regex(/^[A-Z0-9]{2,12}$/, 'must be 2 to 12 letters or digits'),
);
