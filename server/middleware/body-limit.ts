// Request body limits in the one error shape: JSON bodies are small (padded ciphertext of a few
// KiB); the attachment upload route sets its own, larger limit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.ts';

/** JSON bodies are small: reports and messages are padded ciphertext of a few KiB. */
export const JSON_BODY_LIMIT = 256 * 1024;

export function limitBody(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Body over ${maxSize} bytes`);
    },
  });
}
