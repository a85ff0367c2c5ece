// A logic-free proxy: a worker built on this runs the named operation and posts back its result
// or error. The operations themselves live in *-ops.ts.
export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown[];
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { name: string; code: string | undefined; message: string } };

type AnyOps = Record<string, (...args: never[]) => Promise<unknown>>;

export function serve(ops: AnyOps): void {
  self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
    const { id, op, args } = event.data;
    try {
      if (!Object.hasOwn(ops, op)) throw new Error(`unknown operation ${op}`);
      const fn = ops[op] as (...a: unknown[]) => Promise<unknown>;
      self.postMessage({ id, ok: true, result: await fn(...args) } satisfies WorkerResponse);
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
}
