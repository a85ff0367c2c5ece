// Starts a throw-away PostgreSQL server for the tests: initdb and postgres from Debian's packages,
// in a temp directory, on a free loopback port. Both refuse to run as root, so as root they run as
// an unprivileged user (postgres, else nobody) through runuser, in a directory that user owns.
// When the binaries are missing the error says what to install: a test never skips silently.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  /** postgres://... of the superuser database "postgres". */
  adminUrl: string;
  port: number;
  stop(): void;
}

function findBinDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = join(base, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin. ' +
      'Install them with: apt-get install -y postgresql',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function unprivilegedUser(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) {
      return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
    }
  }
  throw new Error(
    'Running as root, but no unprivileged user (postgres or nobody) to run PostgreSQL as.',
  );
}

export interface PostgresOptions {
  /** Keep fsync on, as a real deployment does: the tests turn it off for speed, a benchmark of
   * writes must not. */
  durable?: boolean;
}

export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresServer> {
  const bin = findBinDir();
  const user = unprivilegedUser();
  const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    const [file, argv] = user ? ['runuser', ['-u', user.name, '--', full, ...args]] : [full, args];
    try {
      return execFileSync(file, argv, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string };
      throw new Error(`${cmd} failed: ${e.stderr ?? ''}${e.stdout ?? ''}`);
    }
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
  const port = await freePort();
  const fsync = options.durable ? '' : ' -c fsync=off';
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`;
  run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
