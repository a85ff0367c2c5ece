// The one browser module that loads libsodium (the sumo build, for Argon2id). It is imported
// dynamically, so the ~190 kB WebAssembly chunk is fetched only when a screen needs cryptography
// and never delays the first paint of the pupil app.
import type { Sodium } from '../../shared/crypto/sodium.ts';

let ready: Promise<Sodium> | undefined;

export function loadSodium(): Promise<Sodium> {
  ready ??= import('libsodium-wrappers-sumo').then(async (module) => {
    const sodium = module.default;
    await sodium.ready;
    return sodium;
  });
  return ready;
}
