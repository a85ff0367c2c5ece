import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/dialect.ts';
import { appendAudit, listAudit, verifyAuditChain } from '../../server/db/repositories/audit.ts';
import { DIALECTS, openTestDb } from './test-db.ts';

const ORG = 'org-a';

describe.each(DIALECTS)('audit hash chain on %s', (dialect) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDb(dialect);
    const at = new Date('2026-11-23T08:00:00Z');
    for (const action of ['report.opened', 'report.status', 'report.escalated']) {
      await h.db
        .transaction()
        .execute((trx) =>
          appendAudit(
            trx,
            { orgId: ORG, actorId: 'staff-1', action, subjectType: 'report', subjectId: 'r1', at },
            dialect,
          ),
        );
    }
    await appendAudit(h.db, { orgId: null, actorId: 'admin', action: 'org.created', at }, dialect);
  });
  afterAll(() => h.close());

  it('chains each organisation separately and verifies whole', async () => {
    expect(await listAudit(h.db, ORG)).toHaveLength(3);
    expect(await listAudit(h.db, null)).toHaveLength(1);
    expect(await verifyAuditChain(h.db, ORG)).toBeNull();
    expect(await verifyAuditChain(h.db, null)).toBeNull();
  });

  it('detects an edited entry and a removed one', async () => {
    const [first, second] = await listAudit(h.db, ORG);
    await sql`update audit_log set action = 'report.deleted' where id = ${second!.id}`.execute(
      h.db,
    );
    expect(await verifyAuditChain(h.db, ORG)).toBe(second!.id);
    await sql`update audit_log set action = 'report.status' where id = ${second!.id}`.execute(h.db);
    expect(await verifyAuditChain(h.db, ORG)).toBeNull();
    await sql`delete from audit_log where id = ${first!.id}`.execute(h.db);
    expect(await verifyAuditChain(h.db, ORG)).toBe(second!.id);
  });
});
