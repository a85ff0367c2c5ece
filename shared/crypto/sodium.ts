// The libsodium instance every protocol operation takes as its first argument. Only its type is
// imported here: the browser (web/crypto/sodium.ts) and Node (server/crypto/sodium.ts) each load
// the library once and inject it, so shared/ stays free of any platform.
import type sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;
