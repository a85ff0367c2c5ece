// The server figures' baselines, each a bare Hono app in its own process, loaded like the real
// server: the echo (what a request costs before any app work) and the echo plus one Kysely insert
// (what a durable write costs on this machine's database and disk).
import { join } from 'node:path';
import { measured, type LoadResult } from './load.ts';
import { startServerProcess } from './server-process.ts';

export const ECHO_BODY = JSON.stringify({ orgId: '5f0c2d4e-8a43-4d8b-9a57-3f1c9e0b7a21', n: 1 });

export async function baseline(
  script: 'tests/bench/echo-server.ts' | 'tests/bench/insert-server.ts',
  env: Record<string, string>,
  logDir: string,
  seconds: number,
): Promise<LoadResult> {
  const server = await startServerProcess(script, env, join(logDir, 'baseline.log'));
  try {
    return await measured(
      {
        baseUrl: server.baseUrl,
        pid: server.pid,
        method: 'POST',
        path: '/echo',
        expectStatus: 200,
      },
      { body: ECHO_BODY, seconds },
    );
  } finally {
    await server.stop();
  }
}
