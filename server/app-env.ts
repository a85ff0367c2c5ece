// What every handler can reach through c.var: the database and the injected clock.
import type { Db } from './db/database.ts';
import type { DialectName } from './db/dialect.ts';
import type { Logger } from './middleware/request-log.ts';

export interface AppDeps {
  db: Db;
  dialect: DialectName;
  clock: () => Date;
  log: Logger;
}

export interface AppEnv {
  Variables: { deps: AppDeps };
}
