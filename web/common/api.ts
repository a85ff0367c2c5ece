// A small JSON client for the app's own API. Errors arrive in the one error shape
// [Note: error shape]; a network failure becomes the code 'offline'. Nothing is cached.
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

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  json?: unknown;
  form?: FormData;
  token?: string;
  keepalive?: boolean;
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
  // The staff API refuses state-changing requests without it [Note: staff sessions].
  if (options.method !== 'GET' && (options.method || options.json !== undefined || options.form)) {
    headers['X-CSRF'] = '1';
  }
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      cache: 'no-store',
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body }),
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch {
    throw new ApiFailure('offline', 0);
  }
  if (!res.ok) {
    const error: unknown = await res.json().catch(() => undefined);
    throw new ApiFailure(isErrorBody(error) ? error.error.code : 'internal', res.status);
  }
  return res;
}

export async function requestJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await request(path, options);
  return (await res.json()) as T;
}

export const getJson = <T>(path: string): Promise<T> => requestJson<T>(path);
