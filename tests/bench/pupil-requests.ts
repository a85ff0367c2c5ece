// Pre-built pupil requests for the timed phases, made the way the pupil app makes them: a
// challenge fetched from the server, its proof of work solved, the report composed and encrypted
// by the shared protocol code (composeReport, what the pupil worker runs). Building happens before
// the timed phase, so the figures measure the server, not this client.
import {
  composeReport,
  decodeCertificateBody,
  fromB64,
  type ArgonLimits,
  type SchoolKeys,
  type Sodium,
} from '../../shared/crypto/index.ts';
import { REPORT_CATEGORIES, type ReportContent } from '../../shared/protocol/content.ts';
import type { OrganisationListDto } from '../../shared/protocol/orgs.ts';
import type { ChallengeDto } from '../../shared/protocol/pupil.ts';
import { solvePowNode } from '../tools/pupil-client.ts';

/**
 * The receipt's Argon2id at libsodium's minimum: the server only ever sees its output (authKey,
 * 32 bytes whose hash it stores), so the bench need not pay a pupil's 64 MiB per report.
 */
export const BENCH_RECEIPT_ARGON: ArgonLimits = { opslimit: 1, memlimit: 8192 };

export interface BenchSchool extends SchoolKeys {
  code: string;
}

export async function fetchSchools(baseUrl: string): Promise<BenchSchool[]> {
  const res = await fetch(`${baseUrl}/api/orgs`);
  const { organisations } = (await res.json()) as OrganisationListDto;
  return organisations
    .filter((o) => o.kind === 'school')
    .map((o) => {
      const cert = decodeCertificateBody(fromB64(o.certificate.body));
      return {
        orgId: o.id,
        code: o.code,
        orgKeyVersion: cert.version,
        boxPublicKey: cert.boxPublicKey,
        receiptSalt: fromB64(o.receiptSalt),
      };
    });
}

const SENTENCES = [
  'Na przerwie starsi chłopcy z 6b zabierają mi drugie śniadanie i się śmieją.',
  'Nie chcę chodzić na WF, bo w szatni ktoś nagrywa nas telefonem.',
  'W domu tata dużo krzyczy i wtedy boję się wrócić po lekcjach.',
  'Koleżanka pisze, że nie chce już żyć, i nie wiem, co mam zrobić.',
  'Na grupie klasowej ktoś wrzucił moje zdjęcie i wszyscy piszą brzydkie rzeczy.',
  'Od kilku tygodni nie mogę spać i boli mnie brzuch przed szkołą.',
];

/** A report as a pupil writes one: a few sentences (about 80 to 1500 characters). */
export function reportContent(i: number): ReportContent {
  const sentences = 1 + ((i * 7) % 20);
  const text = Array.from({ length: sentences }, (_, k) => SENTENCES[(i + k) % SENTENCES.length])
    .join(' ')
    .slice(0, 1500);
  return {
    v: 1,
    category: REPORT_CATEGORIES[i % REPORT_CATEGORIES.length] ?? 'other',
    about: i % 3 === 0 ? 'someone_else' : 'me',
    urgent: i % 20 === 0,
    text,
    grade: i % 2 === 0 ? `${4 + (i % 5)}` : null,
    wantsMeeting: i % 4 === 0,
    name: null,
    lang: 'pl',
  };
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A solved proof of work for one request (challenges are single use). */
async function solvedPow(baseUrl: string, orgId: string, purpose: 'report' | 'receipt') {
  const res = await fetch(`${baseUrl}/api/pupil/challenges`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ orgId, purpose }),
  });
  if (res.status !== 201) throw new Error(`challenge: ${res.status} ${await res.text()}`);
  const c = (await res.json()) as ChallengeDto;
  return { challenge: c.challenge, nonce: solvePowNode(c.challenge, c.bits) };
}

export interface BuiltSubmissions {
  /** JSON bodies of POST /api/pupil/reports. */
  bodies: string[];
  /** What each pupil keeps to come back: the school and the receipt's authKey. */
  receipts: { orgId: string; authKey: string }[];
}

/** `n` report submissions spread over the schools, each with its own solved challenge. */
export async function buildSubmissions(
  baseUrl: string,
  sodium: Sodium,
  schools: BenchSchool[],
  n: number,
): Promise<BuiltSubmissions> {
  const receipts: BuiltSubmissions['receipts'] = [];
  const bodies = await mapLimit(Array.from({ length: n }), 8, async (_, i) => {
    const school = schools[i % schools.length];
    if (!school) throw new Error('no schools');
    const report = composeReport(sodium, school, reportContent(i), BENCH_RECEIPT_ARGON);
    receipts[i] = { orgId: school.orgId, authKey: report.request.authKey };
    const pow = await solvedPow(baseUrl, school.orgId, 'report');
    return JSON.stringify({ ...report.request, pow });
  });
  return { bodies, receipts };
}

/** `n` receipt openings (POST /api/pupil/receipts) of the given receipts, round robin. */
export async function buildReceiptOpenings(
  baseUrl: string,
  receipts: BuiltSubmissions['receipts'],
  n: number,
): Promise<string[]> {
  return mapLimit(Array.from({ length: n }), 8, async (_, i) => {
    const receipt = receipts[i % receipts.length];
    if (!receipt) throw new Error('no receipts');
    const pow = await solvedPow(baseUrl, receipt.orgId, 'receipt');
    return JSON.stringify({ ...receipt, pow });
  });
}
