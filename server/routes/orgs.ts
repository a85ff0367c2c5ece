// The public organisation directory. Certificates are served as stored; clients verify them
// against the pinned root key [Note: pinned root key], so the server is trusted with nothing here.
import { Hono } from 'hono';
import type { OrganisationDto, OrganisationListDto } from '../../shared/protocol/orgs.ts';
import { OrgCodeParamsSchema, OrgParamsSchema } from '../../shared/protocol/orgs.ts';
import type { AppEnv } from '../app-env.ts';
import {
  findOrganisation,
  listCertificates,
  listOrganisations,
  type OrganisationWithCertificate,
} from '../db/repositories/organisations.ts';
import { notFound } from '../errors.ts';
import { validate } from '../middleware/validate.ts';

function toDto(o: OrganisationWithCertificate): OrganisationDto {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    code: o.code,
    receiptSalt: o.receipt_salt,
    address: o.address,
    phone: o.phone,
    hours: o.hours,
    waitTargetHours: o.wait_target_hours,
    certificate: { body: o.cert_body, signature: o.cert_signature },
  };
}

export const orgRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const orgs = await listOrganisations(c.var.deps.db);
    return c.json<OrganisationListDto>({ organisations: orgs.map(toDto) });
  })
  .get('/by-code/:code', validate('param', OrgCodeParamsSchema), async (c) => {
    const org = await findOrganisation(c.var.deps.db, { code: c.req.valid('param').code });
    if (!org) throw notFound('School');
    return c.json<OrganisationDto>(toDto(org));
  })
  .get('/:id', validate('param', OrgParamsSchema), async (c) => {
    const org = await findOrganisation(c.var.deps.db, { id: c.req.valid('param').id });
    if (!org) throw notFound('Organisation');
    return c.json<OrganisationDto>(toDto(org));
  })
  .get('/:id/certificates', validate('param', OrgParamsSchema), async (c) => {
    const certs = await listCertificates(c.var.deps.db, c.req.valid('param').id);
    if (certs.length === 0) throw notFound('Organisation');
    return c.json({
      certificates: certs.map((cert) => ({ body: cert.body, signature: cert.signature })),
    });
  });
