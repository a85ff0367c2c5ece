// One demo instance for the browser tests of a run.
import type { TestProject } from 'vitest/node';
import type { DemoResult } from '../../server/demo/seed-demo.ts';
import { startDemoServer } from '../tools/demo-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    e2eDemo: DemoResult;
    e2eDataDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startDemoServer();
  project.provide('e2eBaseUrl', server.baseUrl);
  project.provide('e2eDemo', server.demo);
  project.provide('e2eDataDir', server.dataDir);
  return () => server.stop();
}
