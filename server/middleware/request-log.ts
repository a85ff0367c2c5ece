// [Note: privacy-safe logging] One line per request: method, the matched route pattern (never the
// raw path or query string, which could carry ids), status and duration. Never the client address,
// user agent, headers, cookies, tokens or bodies: a pupil must not be traceable through the logs.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

export interface LogLine {
  level: 'info' | 'error';
  msg: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
  error?: string;
}

export type Logger = (line: LogLine) => void;

export const jsonLogger: Logger = (line) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

export const silentLogger: Logger = () => undefined;

export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    log({
      level: 'info',
      msg: 'request',
      method: c.req.method,
      route: routePath(c) || 'unmatched',
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
