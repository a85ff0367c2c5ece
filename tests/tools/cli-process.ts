// Spawns the project's command-line entries as an administrator would (node --import tsx ...),
// for the CLI tests: a one-shot command with its output, or the real server until it listens.
import { spawn, type ChildProcess } from 'node:child_process';

export const TSX = ['--import', 'tsx'];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script to its end without blocking the event loop (a test may be serving meanwhile). */
export function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> {
  const child = spawn(process.execPath, [...TSX, script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface RunningServer {
  child: ChildProcess;
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
}

export function startServer(env: NodeJS.ProcessEnv): RunningServer {
  const child = spawn(process.execPath, [...TSX, 'server/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /Listening on (http:\/\/[\d.]+:\d+)\//.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  // Nobody may await url (a test that failed earlier): keep its rejection from going unhandled.
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, url, exited, output: () => output };
}

/** The arguments of `admin sign-certificate` for an organisation's proposed keys. The keys go in
 * the `--flag=value` form: a base64url key may begin with "-", which would read as a flag. */
export function signCertificateArgs(a: {
  key: string;
  org: { id: string; name: string };
  kind: 'school' | 'cdr';
  keys: { box: string; sign: string };
  version: string;
}): string[] {
  return [
    'sign-certificate',
    '--key',
    a.key,
    '--org-id',
    a.org.id,
    '--kind',
    a.kind,
    '--name',
    a.org.name,
    '--version',
    a.version,
    `--box-pk=${a.keys.box}`,
    `--sign-pk=${a.keys.sign}`,
  ];
}

/** The environment of a server the tests start as a process: its data directory, any free port,
 * plain HTTP on loopback; `extra` adds or overrides the rest. */
export function serverEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    DATA_DIR: dataDir,
    PORT: '0',
    SECURE_TRANSPORT: '0',
    ...extra,
  };
}
