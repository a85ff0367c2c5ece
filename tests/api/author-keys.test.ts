// [Note: author key snapshot] A staff message or note keeps its author's keys as they were when it
// was written, so renewing a member's keys (or rotating them) leaves old signatures verifiable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../server/crypto/sodium.ts';
import type { DatabaseHandle } from '../../server/db/dialect.ts';
import { insertMessage, listThreadMessages } from '../../server/db/repositories/messages.ts';
import { insertNote, listNotes } from '../../server/db/repositories/notes.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { TEST_ARGON } from '../tools/pupil-client.ts';
import { DIALECTS, openTestDb } from './test-db.ts';

const REPORT = '0b6f1c1e-6a57-4d1b-9d43-2b1f1a6d2c11';

describe.each(DIALECTS)('author key snapshots on %s', (dialect) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await openTestDb(dialect);
    await seedDemo({
      db: h.db,
      dialect,
      sodium: await loadSodium(),
      clock: () => new Date(),
      limits: TEST_ARGON,
    });
  });
  afterAll(() => h.close());

  it('serves the keys a message and a note were written with, not the member’s renewed ones', async () => {
    const staff = await h.db
      .selectFrom('staff')
      .selectAll()
      .where('login', '=', 'pedagog.sp1@demo.invalid')
      .executeTakeFirstOrThrow();
    const at = '2026-11-23T10:00:00.000Z';
    await h.db
      .insertInto('reports')
      .values({
        id: REPORT,
        org_id: staff.org_id!,
        lookup_hash: 'f'.repeat(64),
        urgent: 0,
        status: 'new',
        category: null,
        risk: null,
        assignee_id: null,
        flag: 'none',
        replies_paused: 0,
        org_key_version: 1,
        body: new Uint8Array(8),
        thread_key_sealed: new Uint8Array(8),
        thread_key_pupil: new Uint8Array(8),
        staff_key_sealed: null,
        created_hour: at,
        first_answer_at: null,
        updated_at: at,
      })
      .execute();
    await insertMessage(h.db, {
      id: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e5f',
      report_id: REPORT,
      thread: 'pupil',
      seq: 1,
      author_role: 'counsellor',
      author_id: staff.id,
      blob: new Uint8Array(8),
      signature: new Uint8Array(64),
      created_at: at,
    });
    await insertNote(h.db, {
      id: '7d3c8a2e-1f4b-4c5d-8e9f-0a1b2c3d4e60',
      reportId: REPORT,
      authorId: staff.id,
      blob: new Uint8Array(8),
      signature: new Uint8Array(64),
      at,
    });
    await h.db
      .updateTable('staff')
      .set({
        sign_public_key: 'renewed-sign',
        box_public_key: 'renewed-box',
        org_endorsement: null,
      })
      .where('id', '=', staff.id)
      .execute();

    const [message] = await listThreadMessages(h.db, REPORT, 'pupil');
    expect(message).toMatchObject({
      author_sign_public_key: staff.sign_public_key,
      author_box_public_key: staff.box_public_key,
      author_endorsement: staff.org_endorsement,
    });
    const [note] = await listNotes(h.db, REPORT);
    expect(note).toMatchObject({
      author_sign_public_key: staff.sign_public_key,
      author_endorsement: staff.org_endorsement,
    });
  });
});
