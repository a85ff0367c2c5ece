// [Note: privacy-safe logging] One line per staff request: method, the matched route pattern
// (never the raw path or query string, which could carry ids), status and duration. Never the
// client address, user agent, headers, cookies, tokens or bodies: a pupil must not be traceable
// through the logs. Every other request (the pupil API and pages, the key directory, help, static
// files) is not written when it happens: a line's own time, or the time a log collector such as
// journald stamps on it, would place a pupil's action to the millisecond [Note: coarse pupil
// time]. Those requests are counted per hour, method, route and status (errors per hour, route
// and error) and written as one line per counter when the hour is over, by a timer at the top of
// the hour (never by a request, whose time the line would give away). The counters of the hour in
// progress are dropped when the process stops.
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
  /** An hourly counter's hour, e.g. '2026-11-23T10'. */
  hour?: string;
  count?: number;
}

export type Logger = (line: LogLine) => void;

export const jsonLogger: Logger = (line) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);
};

export const silentLogger: Logger = () => undefined;

/** Requests written one by one: only staff, whose times are not protected. */
export const loggedIndividually = (route: string) => route.startsWith('/api/staff/');

export interface RequestLog {
  middleware: MiddlewareHandler;
  /** Writes and forgets the counters of every hour before `now` (all of them without `now`). */
  flush(now?: Date): void;
}

const hourOf = (at: Date) => at.toISOString().slice(0, 13);

export function createRequestLog(log: Logger, clock: () => Date): RequestLog {
  const counters = new Map<string, { line: LogLine; count: number }>();
  const count = (line: LogLine) => {
    const key = JSON.stringify(line);
    const counter = counters.get(key);
    if (counter) counter.count += 1;
    else counters.set(key, { line, count: 1 });
  };
  return {
    middleware: async (c, next) => {
      const started = performance.now();
      await next();
      const route = routePath(c) || 'unmatched';
      const method = c.req.method;
      const status = c.res.status;
      // Only the error's class and message: never the request, its body, headers or address.
      const error = status >= 500 && c.error ? `${c.error.name}: ${c.error.message}` : undefined;
      if (loggedIndividually(route)) {
        const ms = Math.round((performance.now() - started) * 10) / 10;
        log({ level: 'info', msg: 'request', method, route, status, ms });
        if (error) log({ level: 'error', msg: 'unhandled error', error });
        return;
      }
      const hour = hourOf(clock());
      count({ level: 'info', msg: 'requests', hour, method, route, status });
      if (error) count({ level: 'error', msg: 'unhandled errors', hour, route, error });
    },
    flush(now) {
      const before = now ? hourOf(now) : null;
      for (const [key, { line, count: n }] of [...counters]) {
        if (before !== null && (line.hour ?? '') >= before) continue;
        counters.delete(key);
        log({ ...line, count: n });
      }
    },
  };
}

/** Flushes the counters at the top of every hour; the timer never keeps the process alive. */
export function startHourlyFlush(requestLog: RequestLog, clock: () => Date): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    const now = clock().getTime();
    const next = Math.ceil((now + 1) / 3_600_000) * 3_600_000;
    timer = setTimeout(() => {
      requestLog.flush(clock());
      schedule();
    }, next - now);
    timer.unref();
  };
  schedule();
  return () => clearTimeout(timer);
}
