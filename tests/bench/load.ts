// One load phase: autocannon with 50 connections against a server process, while its RSS is
// sampled. Every response must have the expected status: a phase that measured refusals (a rate
// limit, a spent proof of work) would print a figure of the wrong thing, so it stops the bench.
// A request autocannon gave up waiting for (TIMEOUT_S, on a busy machine) does not: it is counted
// and printed beside the figure. Any other error (a refused connection) still stops the bench.
import autocannon from 'autocannon';
import { sampleRss } from './server-process.ts';

export const CONNECTIONS = 50;

export interface LoadPhase {
  baseUrl: string;
  /** The server process whose memory is sampled during the phase. */
  pid: number;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  expectStatus: number;
  /** CONNECTIONS unless given (1 shows the service time without queueing). */
  connections?: number;
  /**
   * Either one body for every request and a duration, or bodies used once each (the phase ends
   * after `amount` requests; autocannon may build a request per connection it never sends, so
   * pass at least amount + CONNECTIONS bodies).
   */
  load: { body?: string; seconds: number } | { bodies: string[]; amount: number };
}

export interface LoadResult {
  requests: number;
  /** Completed requests per second, from the start to the last answer. */
  rps: number;
  /** Latency percentiles in ms (autocannon's own histogram keeps whole milliseconds only). */
  p50: number;
  p99: number;
  peakRss: number;
  /** Requests autocannon stopped waiting for after TIMEOUT_S (not in the latencies). */
  timeouts: number;
}

/** Seconds autocannon waits for an answer before it counts a timeout and reconnects. */
export const TIMEOUT_S = 30;

const percentile = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

export async function runLoad(phase: LoadPhase, warmUp = false): Promise<LoadResult> {
  let unexpected = 0;
  let firstUnexpected = '';
  const onResponse = (status: number, body: string) => {
    if (status === phase.expectStatus) return;
    unexpected++;
    firstUnexpected ||= `${status} ${body.slice(0, 200)}`;
  };
  const headers = { 'content-type': 'application/json', ...phase.headers };
  const { load } = phase;
  let next = 0;
  const request =
    'bodies' in load
      ? {
          setupRequest: (req: autocannon.Request) => {
            const body = load.bodies[next++];
            if (body === undefined) throw new Error('ran out of pre-built requests');
            return { ...req, body };
          },
        }
      : load.body === undefined
        ? {}
        : { body: load.body };
  const latencies: number[] = [];
  let lastAnswer = 0;
  const sampler = sampleRss(phase.pid);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: phase.baseUrl,
        connections: phase.connections ?? CONNECTIONS,
        timeout: TIMEOUT_S,
        ...('bodies' in load ? { amount: load.amount } : { duration: load.seconds }),
        requests: [{ method: phase.method, path: phase.path, headers, onResponse, ...request }],
      },
      (err: unknown, res: autocannon.Result) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      latencies.push(ms);
      lastAnswer = performance.now();
    });
  });
  const peakRss = sampler.stop();
  // autocannon counts a timeout as an error too.
  const otherErrors = result.errors - result.timeouts;
  // A warm-up may end before the first answer (new processes on a busy machine).
  if (unexpected > 0 || otherErrors > 0 || (latencies.length === 0 && !warmUp)) {
    throw new Error(
      `${phase.method} ${phase.path}: ${latencies.length} answers, ${unexpected} unexpected, ` +
        `${otherErrors} errors, ${result.timeouts} timeouts` +
        `${firstUnexpected ? `; first: ${firstUnexpected}` : ''}`,
    );
  }
  const sorted = Float64Array.from(latencies).sort();
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: latencies.length,
    rps: latencies.length / ((lastAnswer - started) / 1000),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    peakRss,
    timeouts: result.timeouts,
  };
}

/**
 * Waits until the server has worked off what a stopped phase left in flight: any answer (a 404
 * will do) comes after the requests queued before it.
 */
export async function settle(baseUrl: string): Promise<void> {
  await (await fetch(`${baseUrl}/`)).arrayBuffer();
  await new Promise((r) => setTimeout(r, 200));
}

const WARM_UP = 500;
/** Bodies a measured phase of `n` requests needs: its warm-up, and a spare per connection. */
export const bodiesFor = (n: number) => n + WARM_UP + 2 * CONNECTIONS;

/** A phase run twice: a short untimed warm-up (JIT, caches, pools), then the measured one. */
export async function measured(
  phase: Omit<LoadPhase, 'load'>,
  load: { body?: string; seconds: number } | { bodies: string[] },
): Promise<LoadResult> {
  if ('bodies' in load) {
    const warm = load.bodies.slice(0, WARM_UP + CONNECTIONS);
    const rest = load.bodies.slice(WARM_UP + CONNECTIONS);
    await runLoad({ ...phase, load: { bodies: warm, amount: WARM_UP } }, true);
    return runLoad({ ...phase, load: { bodies: rest, amount: rest.length - CONNECTIONS } });
  }
  await runLoad({ ...phase, load: { ...load, seconds: 1 } }, true);
  await settle(phase.baseUrl);
  return runLoad({ ...phase, load });
}
