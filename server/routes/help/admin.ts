// The municipal administrator edits the help directory under /api/staff/help: POST (appended at
// the end) -> 201 {id}, PUT /:id -> 200 HelpEntryDto, DELETE /:id -> 204. Each change goes into the
// municipality's audit chain (org null) [Note: audit chain].
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import { UuidSchema } from '../../../shared/protocol/common.ts';
import {
  HelpEntrySchema,
  type HelpEntryDto,
  type HelpEntryInput,
} from '../../../shared/protocol/escalations.ts';
import { appendAudit } from '../../db/repositories/audit.ts';
import {
  deleteHelpEntry,
  findHelpEntry,
  insertHelpEntry,
  updateHelpEntry,
} from '../../db/repositories/help-directory.ts';
import type { Trx } from '../../db/database.ts';
import { ApiError, notFound } from '../../errors.ts';
import { requireStaff, type StaffEnv } from '../../middleware/staff-auth.ts';
import { validate } from '../../middleware/validate.ts';
import { helpEntryDto, helpFields } from './dto.ts';

const adminOnly = requireStaff({ roles: ['admin'] });
const HelpParamsSchema = v.object({ id: UuidSchema });

/** The contract's v.url() also passes javascript: and data: URLs, which a pupil's browser would
 * then render as a link; the directory links to web pages only. */
function webLinkOnly(input: HelpEntryInput): HelpEntryInput {
  if (input.url !== null && !/^https?:\/\//i.test(input.url)) {
    throw new ApiError(400, 'validation_failed', 'Invalid json', [
      { path: 'url', message: 'must be an http(s) address' },
    ]);
  }
  return input;
}

export function staffHelpRoutes(): Hono<StaffEnv> {
  const audit = (
    trx: Trx,
    deps: StaffEnv['Variables']['deps'],
    actorId: string,
    action: string,
    id: string,
  ) =>
    appendAudit(
      trx,
      {
        orgId: null,
        actorId,
        action,
        subjectType: 'help_entry',
        subjectId: id,
        at: deps.clock(),
      },
      deps.dialect,
    );

  return new Hono<StaffEnv>()
    .post('/', adminOnly, validate('json', HelpEntrySchema), async (c) => {
      const { deps, staff } = c.var;
      const id = randomUUID();
      await deps.db.transaction().execute(async (trx) => {
        await insertHelpEntry(trx, {
          id,
          ...helpFields(webLinkOnly(c.req.valid('json'))),
          updated_at: deps.clock().toISOString(),
        });
        await audit(trx, deps, staff.id, 'help.created', id);
      });
      return c.json({ id }, 201);
    })
    .put(
      '/:id',
      adminOnly,
      validate('param', HelpParamsSchema),
      validate('json', HelpEntrySchema),
      async (c) => {
        const { deps, staff } = c.var;
        const id = c.req.valid('param').id.toLowerCase();
        const entry = await deps.db.transaction().execute(async (trx) => {
          const fields = helpFields(webLinkOnly(c.req.valid('json')));
          const at = deps.clock().toISOString();
          if (!(await updateHelpEntry(trx, id, { ...fields, updated_at: at }))) {
            throw notFound('Help entry');
          }
          await audit(trx, deps, staff.id, 'help.updated', id);
          return findHelpEntry(trx, id);
        });
        if (!entry) throw notFound('Help entry');
        return c.json<HelpEntryDto>(helpEntryDto(entry));
      },
    )
    .delete('/:id', adminOnly, validate('param', HelpParamsSchema), async (c) => {
      const { deps, staff } = c.var;
      const id = c.req.valid('param').id.toLowerCase();
      await deps.db.transaction().execute(async (trx) => {
        if (!(await deleteHelpEntry(trx, id))) throw notFound('Help entry');
        await audit(trx, deps, staff.id, 'help.deleted', id);
      });
      return c.body(null, 204);
    });
}
