// The one error class of the server. Handlers throw it; app.ts's onError turns it into the JSON
// shape of shared/errors.ts [Note: error shape].
import type { ErrorCode, ErrorIssue } from '../shared/errors.ts';

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(status: ErrorStatus, code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** 429 with the seconds after which the client may try again (the Retry-After header). */
export class RateLimitError extends ApiError {
  readonly retryAfter: number;

  constructor(retryAfter: number) {
    super(429, 'rate_limited', 'Too many requests, try again later');
    this.name = 'RateLimitError';
    this.retryAfter = retryAfter;
  }
}

export const notFound = (what: string): ApiError =>
  new ApiError(404, 'not_found', `${what} not found`);

/** The code that goes with a status raised by Hono itself (body limit, malformed JSON, ...). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

/** An answer the server chose (any ApiError), not a failure: a unit may keep its writes for it. */
export const isRefusal = (err: unknown): boolean => err instanceof ApiError;
