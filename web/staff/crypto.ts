// The staff app's crypto worker client.
import { createCryptoClient } from '../crypto/client.ts';
import type { StaffOps } from '../crypto/staff-worker.ts';

const client = createCryptoClient<StaffOps>(
  () =>
    new Worker(new URL('../crypto/staff-worker.ts', import.meta.url), {
      type: 'module',
      name: 'crypto',
    }),
);

export const crypto = client.call;
export const wipeCryptoWorker = client.wipe;
