// Request body limits in the one error shape: JSON bodies are small (padded ciphertext of a few
// KiB); the attachment upload route sets its own, larger limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.ts';

/** JSON bodies are small: reports and messages are padded ciphertext of a few KiB. */
export const JSON_BODY_LIMIT = 256 * 1024;

const DIGITS = /^\d+$/;

export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = () => {
    throw new ApiError(413, 'payload_too_large', `Body over ${maxSize} bytes`);
  };
  // Hono's bodyLimit reads `c.req.raw.body`, which turns @hono/node-server's light request into
  // a full web Request (its stream, headers and abort signal) before anything else runs, on every
  // request. The common cases are told from the headers alone: GET and HEAD bodies are never read,
  // and a declared length is checked as it is (Node's parser refuses a body longer than it says).
  // A streamed (chunked) body still goes through bodyLimit, which counts it as it comes.
  const counted = bodyLimit({ maxSize, onError: tooLarge });
  return (c, next) => {
    const { method } = c.req;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!DIGITS.test(length) || Number(length) > maxSize) return tooLarge();
      return next();
    }
    return counted(c, next);
  };
}
