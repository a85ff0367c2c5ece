// A small JSON client for the app's own API. Errors arrive in the one error shape
// [Note: error shape]; a network failure becomes the code 'offline'.
import { isErrorBody, type ErrorCode } from '../../shared/errors.ts';

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode | 'offline',
    readonly status: number,
  ) {
    super(code);
    this.name = 'ApiFailure';
  }
}

export async function getJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiFailure('offline', 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiFailure(isErrorBody(body) ? body.error.code : 'internal', res.status);
  return body as T;
}
