// Proof of work for a report or a receipt [Note: admission]: ask the school for a challenge, solve
// it in the worker in slices so the page can show progress, send, and when the school asked for
// more work meanwhile (pow_raised), solve a new one. The pupil sees progress, never a refusal.
import { ApiFailure } from '../../common/api.ts';
import { crypto } from '../crypto.ts';
import { pupilApi } from '../pupil-api.ts';
import { work } from '../state.ts';

export interface PowAnswer {
  challenge: string;
  nonce: string;
}

/** Nonces per call to the worker: a fraction of a second on a slow tablet. */
const SLICE = 1 << 16;
/** Solving at the highest difficulty is always accepted, so a few rounds are plenty. */
const ROUNDS = 6;

async function solveChallenge(orgId: string, purpose: 'report' | 'receipt'): Promise<PowAnswer> {
  const { challenge, bits, level } = await pupilApi.challenge(orgId, purpose);
  const expected = 2 ** bits;
  work.value = { level, done: 0 };
  for (let from = 0; ; from += SLICE) {
    const nonce = await crypto('answerChallengeSlice', challenge, bits, from, SLICE);
    if (nonce) return { challenge, nonce };
    // The chance of having found it by now: it never claims to be done before it is.
    work.value = { level, done: 1 - Math.exp(-(from + SLICE) / expected) };
  }
}

/** Solves and sends with `send`; solves again while the school asks for more work. */
export async function withProofOfWork<T>(
  orgId: string,
  purpose: 'report' | 'receipt',
  send: (pow: PowAnswer) => Promise<T>,
): Promise<T> {
  try {
    for (let round = 1; ; round++) {
      const pow = await solveChallenge(orgId, purpose);
      try {
        return await send(pow);
      } catch (error) {
        const raised = error instanceof ApiFailure && error.code === 'pow_raised';
        if (!raised || round === ROUNDS) throw error;
      }
    }
  } finally {
    work.value = null;
  }
}
