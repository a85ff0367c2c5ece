// The one error every protocol operation throws. Callers branch on `code`, never on the message,
// and no failure path returns partial or unauthenticated data.
export type CryptoErrorCode =
  | 'unsupported_version'
  | 'decrypt_failed'
  | 'bad_signature'
  | 'certificate_invalid'
  | 'certificate_rollback'
  | 'truncated'
  | 'malformed';

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string = code) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}
