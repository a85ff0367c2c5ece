// A server program in its own Node process, started as `npm start` starts the real one (node
// --import tsx), so that its memory can be read alone from /proc/<pid>/status while the load
// generator runs here. Its stdout (the request log) goes to a file, not through a pipe this
// process would have to drain while it measures.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/** Resident memory of a process in bytes (VmRSS), or NaN once it is gone. */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stop(), which returns the highest sample. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    const now = rssBytes(pid);
    if (now > peak || Number.isNaN(peak)) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rssBytes(pid));
    },
  };
}

/**
 * Runs `script` with exactly `env` (plus PATH and HOME: nothing of this shell's configuration
 * leaks in) and resolves once its log says `Listening on http://host:port/`.
 */
export async function startServerProcess(
  script: string,
  env: Record<string, string>,
  logFile: string,
  /** Extra node flags, e.g. --cpu-prof when looking into a figure. */
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const childEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/',
    ...env,
  };
  // The server never makes the demo itself: `npm start`'s preparation step does
  // [Note: demo only when empty].
  if (env['DEMO'] === '1') {
    const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/prepare.ts'], {
      env: childEnv,
      encoding: 'utf8',
    });
    if (prepared.status !== 0) throw new Error(`demo preparation failed:\n${prepared.stderr}`);
  }
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: childEnv,
    stdio: ['ignore', out, 'pipe'],
  });
  closeSync(out);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 120_000;
  let baseUrl: string | undefined;
  while (!baseUrl) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    baseUrl = /Listening on (http:\/\/[\d.]+:\d+)\//.exec(log)?.[1];
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${script}: no process id`);
  return {
    baseUrl,
    pid,
    async stop() {
      if (gone) return;
      // SIGTERM: the real server finishes what is in flight and closes its database.
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}
