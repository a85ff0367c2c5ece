// The pupil app's crypto worker client.
import { createCryptoClient } from '../crypto/client.ts';
import type { PupilOps } from '../crypto/pupil-worker.ts';

const client = createCryptoClient<PupilOps>(
  () =>
    new Worker(new URL('../crypto/pupil-worker.ts', import.meta.url), {
      type: 'module',
      name: 'crypto',
    }),
);

export const crypto = client.call;
export const wipeCryptoWorker = client.wipe;
