// The page's side of a crypto worker: typed calls that return promises. The worker starts on first
// use (so the crypto chunk loads lazily) and wipe() terminates it, dropping any key material it
// may still hold in memory.
import type { WorkerRequest, WorkerResponse } from './worker-host.ts';

export class CryptoFailure extends Error {
  constructor(
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoFailure';
  }
}

type Fn = (...args: never[]) => Promise<unknown>;

export interface CryptoClient<Ops extends Record<string, Fn>> {
  call<K extends keyof Ops & string>(
    op: K,
    ...args: Parameters<Ops[K]>
  ): Promise<Awaited<ReturnType<Ops[K]>>>;
  wipe(): void;
}

export function createCryptoClient<Ops extends Record<string, Fn>>(
  start: () => Worker,
): CryptoClient<Ops> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const failAll = (message: string) => {
    for (const call of pending.values()) call.reject(new CryptoFailure(undefined, message));
    pending.clear();
  };
  const boot = () => {
    const w = start();
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const data = event.data;
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      if (data.ok) call.resolve(data.result);
      else call.reject(new CryptoFailure(data.error.code, data.error.message));
    };
    w.onerror = () => failAll('worker failed');
    return w;
  };
  return {
    call(op, ...args) {
      worker ??= boot();
      const id = nextId++;
      const message: WorkerRequest = { id, op, args };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        worker?.postMessage(message);
      });
    },
    wipe() {
      worker?.terminate();
      worker = undefined;
      failAll('wiped');
    },
  };
}
