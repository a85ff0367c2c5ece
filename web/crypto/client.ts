// The page's side of the crypto worker: typed calls that return promises. The worker starts on
// first use (so the crypto chunk loads lazily) and is terminated by wipe(), which also drops any
// key material it may still hold in memory.
import type { OpName, Ops, WorkerRequest, WorkerResponse } from './worker.ts';

export class CryptoFailure extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoFailure';
  }
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

function start(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'crypto' });
  w.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const data = event.data;
    const call = pending.get(data.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.result);
    else call.reject(new CryptoFailure(data.error.code, data.error.message));
  };
  w.onerror = () => {
    for (const call of pending.values()) call.reject(new CryptoFailure(undefined, 'worker failed'));
    pending.clear();
  };
  return w;
}

export function crypto<K extends OpName>(
  op: K,
  ...args: Parameters<Ops[K]>
): Promise<Awaited<ReturnType<Ops[K]>>> {
  worker ??= start();
  const id = nextId++;
  const message: WorkerRequest = { id, op, args };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    worker?.postMessage(message);
  });
}

export function wipeCryptoWorker(): void {
  worker?.terminate();
  worker = undefined;
  for (const call of pending.values()) call.reject(new CryptoFailure(undefined, 'wiped'));
  pending.clear();
}
