// School and CdR codes as people type them, apart from the schemas of common.ts: the pupil's
// first screen needs only these, and importing them from here keeps the schema library out of
// its first download (the bench's 30 kB target).
export const CODE_PATTERN = /^[A-Z0-9]{2,12}$/;

/** A code as people type it ("sp 1", "SP-1", "Sp_1."): case, spaces, dashes, underscores and dots
 * do not count. The pupil app and the server's lookup normalise the same way. */
export const normaliseOrgCode = (code: string): string =>
  code.replace(/[\s\-\u2010-\u2015_.]/g, '').toUpperCase();

export const isOrgCode = (code: string): boolean => CODE_PATTERN.test(code);
