// A logic-free proxy: runs the named operation of ops.ts and posts back its result or error.
import * as ops from './ops.ts';

export type Ops = typeof ops;
export type OpName = keyof Ops;

export interface WorkerRequest {
  id: number;
  op: OpName;
  args: unknown[];
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; code: string | undefined; message: string } };

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, op, args } = event.data;
  try {
    const fn = ops[op] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn(...args);
    self.postMessage({ id, ok: true, result } satisfies WorkerResponse);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const code = (e as { code?: unknown }).code;
    self.postMessage({
      id,
      ok: false,
      error: {
        name: e.name,
        code: typeof code === 'string' ? code : undefined,
        message: e.message,
      },
    } satisfies WorkerResponse);
  }
};
