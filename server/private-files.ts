// [Note: owner-only files] Everything the server and its CLIs write into DATA_DIR (the SQLite
// database and its -wal/-shm/-journal side files, backups, the demo credentials, the root key
// files) is readable by the owner only: 0600 files in a 0700 directory, so another account on the
// machine cannot copy a database of ciphertext, a backup or a password list. `mode` of open() only
// applies to a new file and only through the umask, so an existing file is chmod-ed as well; that
// also tightens files an older version left 0644. SQLite creates its side files with the mode of
// the database file, so a 0600 database gets 0600 side files.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** The directory, created owner-only when missing. */
export function privateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Writes `data` to `path` (replacing it unless `flag` is 'wx'), owner-only either way. */
export function writePrivateFile(path: string, data: string, flag: 'w' | 'wx' = 'w'): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE, flag });
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Creates `path` empty and owner-only when missing (before a library writes into it). */
export function touchPrivateFile(path: string, flag: 'a' | 'wx' = 'a'): void {
  closeSync(openSync(path, flag, PRIVATE_FILE_MODE));
  chmodSync(path, PRIVATE_FILE_MODE);
}

/** Makes each of `paths` that exists owner-only. */
export function restrictToOwner(...paths: readonly string[]): void {
  for (const path of paths) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

/** SQLite's side files of a database file. */
export const sqliteSideFiles = (path: string): string[] => [
  `${path}-wal`,
  `${path}-shm`,
  `${path}-journal`,
];
