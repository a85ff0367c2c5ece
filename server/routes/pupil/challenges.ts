// POST /api/pupil/challenges: a proof-of-work challenge for a report or a receipt at one school,
// at the difficulty the school's recent load asks for [Note: admission]. Issuing stores nothing,
// so it needs no limit of its own.
import { Hono } from 'hono';
import { ChallengeRequestSchema, type ChallengeDto } from '../../../shared/protocol/pupil.ts';
import type { AppEnv } from '../../app-env.ts';
import { findOrganisation } from '../../db/repositories/organisations.ts';
import { notFound } from '../../errors.ts';
import { validate } from '../../middleware/validate.ts';
import { currentLevel } from '../../services/admission.ts';
import { issueChallenge } from '../../services/pow.ts';

export const challengeRoutes = new Hono<AppEnv>().post(
  '/',
  validate('json', ChallengeRequestSchema),
  async (c) => {
    const { orgId, purpose } = c.req.valid('json');
    const { db, clock, pupil } = c.var.deps;
    const now = clock();
    const org = await findOrganisation(db, { id: orgId.toLowerCase() });
    // The CdR takes cases from schools, never a report straight from a pupil.
    if (!org || org.kind !== 'school') throw notFound('School');
    const level = await currentLevel(db, pupil.limits, purpose, org.id, now);
    const challenge = issueChallenge(pupil.powSecret, {
      orgId: org.id,
      purpose,
      bits: pupil.powBits + level,
      level,
      now,
    });
    return c.json<ChallengeDto>(challenge, 201);
  },
);
