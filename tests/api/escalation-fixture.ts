// The escalation tests' common ground: a counsellor escalates a report the way their browser does
// (tests/tools/escalation-client.ts), either a given selection or, for a quick case, a fresh report
// of their school with an empty selection.
import { expect } from 'vitest';
import type { EscalationPackage } from '../../shared/protocol/escalations.ts';
import type { OrganisationDto } from '../../shared/protocol/orgs.ts';
import { composeEscalation, type ComposedEscalation } from '../tools/escalation-client.ts';
import type { Member, StaffFixture } from './staff-cases-fixture.ts';

export interface Escalated extends ComposedEscalation {
  id: string;
  reportId: string;
}

export interface EscalateArgs {
  reportId: string;
  school: OrganisationDto;
  cdr: OrganisationDto;
  pkg: EscalationPackage;
  reason: string;
  threadKey: Uint8Array | null;
  urgent?: boolean;
}

export const EMPTY_PACKAGE: EscalationPackage = {
  v: 1,
  report: null,
  messages: [],
  attachments: [],
  summary: 'summary',
};

export const orgOf = (f: StaffFixture, code: string): OrganisationDto => {
  const org = f.orgs.find((o) => o.code === code);
  if (!org) throw new Error(`no organisation ${code}`);
  return org;
};

/** The request of an escalation; nothing is sent. */
export function composeFor(f: StaffFixture, m: Member, args: EscalateArgs): ComposedEscalation {
  return composeEscalation(f.client().sodium, { ...args, signSecretKey: m.signSecretKey });
}

export const postEscalation = (
  f: StaffFixture,
  m: Member,
  reportId: string,
  body: ComposedEscalation['request'],
) => f.send(m.cookie, 'POST', `/api/staff/reports/${reportId}/escalations`, body);

/** Escalates and fails the test unless the server accepts it. */
export async function escalate(
  f: StaffFixture,
  m: Member,
  args: EscalateArgs | { code: string; urgent?: boolean; handOver?: boolean },
): Promise<Escalated> {
  let full: EscalateArgs;
  if ('code' in args) {
    const report = await f.submitted(f.client(args.code));
    full = {
      reportId: report.reportId,
      school: orgOf(f, args.code),
      cdr: orgOf(f, 'CDR'),
      pkg: EMPTY_PACKAGE,
      reason: 'reason',
      threadKey: args.handOver ? report.threadKey : null,
      urgent: args.urgent ?? false,
    };
  } else {
    full = args;
  }
  const composed = composeFor(f, m, full);
  const res = await postEscalation(f, m, full.reportId, composed.request);
  expect(res.status, await res.clone().text()).toBe(201);
  expect(await res.json()).toEqual({ id: composed.request.id });
  return { ...composed, id: composed.request.id, reportId: full.reportId };
}
