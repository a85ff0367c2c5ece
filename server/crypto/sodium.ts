// The one Node module that loads libsodium (the sumo build: the plain one lacks Argon2id at run
// time). The server proper never touches content keys; this serves the demo set-up, the
// administrator CLI and the tests, which all call the shared protocol code with it, and the check
// of staff signatures and chain hashes, public data only ([Note: server-checked signatures]).
import sodiumModule from 'libsodium-wrappers-sumo';
import type { Sodium } from '../../shared/crypto/sodium.ts';

let ready: Promise<Sodium> | undefined;

export function loadSodium(): Promise<Sodium> {
  ready ??= sodiumModule.ready.then(() => sodiumModule);
  return ready;
}
