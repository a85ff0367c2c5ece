// Flag parsing and checks for the admin commands: every bad value is one line naming the flag.
import { parseArgs } from 'node:util';
import { fromB64 } from '../../../shared/crypto/index.ts';

export type Flags = Record<string, string | boolean | undefined>;

const OPTIONS = {
  out: { type: 'string' },
  key: { type: 'string' },
  public: { type: 'string' },
  'org-id': { type: 'string' },
  org: { type: 'string' },
  kind: { type: 'string' },
  name: { type: 'string' },
  'box-pk': { type: 'string' },
  'sign-pk': { type: 'string' },
  version: { type: 'string' },
  apply: { type: 'boolean' },
  login: { type: 'string' },
  'release-key': { type: 'string' },
  dir: { type: 'string' },
  endorsement: { type: 'string' },
  root: { type: 'string' },
  file: { type: 'string' },
  from: { type: 'string' },
  'root-public': { type: 'string' },
} as const;

/** `--box-pk -Ab…` → `--box-pk=-Ab…`: a base64url key may start with a dash, which parseArgs
 * would otherwise take for an option. */
function joinValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const option = (OPTIONS as Record<string, { type: string }>)[name];
    const next = argv[i + 1];
    if (option?.type === 'string' && next !== undefined) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function parseCommand(argv: string[]): { command: string; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({
      args: joinValues(argv.filter((a) => a !== '--')),
      options: OPTIONS,
      allowPositionals: true,
    });
    if (positionals.length > 1) throw new Error(`unexpected argument ${positionals[1]}`);
    return { command: positionals[0] ?? 'help', flags: values };
  } catch (error) {
    throw new Error(`${(error as Error).message} (see npm run admin -- help)`);
  }
}

export function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`--${name} is required (see npm run admin -- help)`);
  }
  return value;
}

export function publicKeyFlag(flags: Flags, name: string): Uint8Array {
  const text = required(flags, name);
  let bytes: Uint8Array | undefined;
  try {
    bytes = fromB64(text);
  } catch {
    bytes = undefined;
  }
  if (bytes?.length !== 32) throw new Error(`--${name} must be a 32-byte base64url public key`);
  return bytes;
}

export function uuidFlag(flags: Flags, name: string): string {
  const text = required(flags, name).toLowerCase();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) {
    throw new Error(`--${name} must be a UUID`);
  }
  return text;
}

export function kindFlag(flags: Flags): 'school' | 'cdr' {
  const text = required(flags, 'kind');
  if (text !== 'school' && text !== 'cdr') throw new Error('--kind must be school or cdr');
  return text;
}

export function versionFlag(flags: Flags): number {
  const text = required(flags, 'version');
  const n = Number(text);
  if (!/^\d{1,10}$/.test(text) || n < 1 || n > 0xffffffff) {
    throw new Error('--version must be a whole number from 1');
  }
  return n;
}

export function nameFlag(flags: Flags): string {
  const name = required(flags, 'name').trim();
  if (name.length === 0 || new TextEncoder().encode(name).length > 200) {
    throw new Error('--name must have 1 to 200 bytes of UTF-8');
  }
  return name;
}
