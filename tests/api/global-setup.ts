// One PostgreSQL server for the whole API run; each test database is created inside it.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../tools/postgres-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
