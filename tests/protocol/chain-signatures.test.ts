import { describe, expect, it } from 'vitest';
import {
  chainHash,
  decryptItem,
  encryptItem,
  GENESIS_HASH,
  generatePersonalKeys,
  newKey,
  signItem,
  verifyChain,
  verifyItem,
  type ChainLink,
} from '../../shared/crypto/index.ts';
import { baseAd, expectCode, flipByte, OTHER_REPORT_ID, sodium } from './helpers.ts';

const key = newKey(sodium);
const itemIds = [
  '00000000-0000-4000-8000-000000000001',
  '00000000-0000-4000-8000-000000000002',
  '00000000-0000-4000-8000-000000000003',
  '00000000-0000-4000-8000-000000000004',
];

function buildThread(): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  itemIds.forEach((itemId, index) => {
    const seq = index + 1;
    const blob = encryptItem(
      sodium,
      key,
      { text: `message ${seq}` },
      baseAd({ itemId, seq, prevHash }),
    );
    links.push({ seq, prevHash, blob });
    prevHash = chainHash(sodium, blob);
  });
  return links;
}

describe('message chain', () => {
  const thread = buildThread();

  it('accepts an intact thread whose messages decrypt with their chain position', () => {
    verifyChain(sodium, thread);
    verifyChain(sodium, []);
    thread.forEach((link, i) => {
      const ad = baseAd({ itemId: itemIds[i] ?? '', seq: link.seq, prevHash: link.prevHash });
      expect(decryptItem(sodium, key, link.blob, ad)).toEqual({ text: `message ${i + 1}` });
    });
  });

  it('hashes with domain separation', () => {
    const blob = thread[0]?.blob ?? new Uint8Array();
    expect(chainHash(sodium, blob)).toHaveLength(32);
    expect(chainHash(sodium, blob)).not.toEqual(sodium.crypto_generichash(32, blob, null));
    expect(GENESIS_HASH).toEqual(new Uint8Array(32));
  });

  it('detects a dropped, reordered or replayed message', () => {
    const [a, b, c, d] = thread as [ChainLink, ChainLink, ChainLink, ChainLink];
    expectCode(() => verifyChain(sodium, [a, c, d]), 'decrypt_failed');
    expectCode(() => verifyChain(sodium, [b, c, d]), 'decrypt_failed');
    expectCode(() => verifyChain(sodium, [a, c, b, d]), 'decrypt_failed');
    expectCode(() => verifyChain(sodium, [a, b, b, c, d]), 'decrypt_failed');
    expectCode(
      () => verifyChain(sodium, [a, b, { ...c, blob: flipByte(c.blob, 40) }, d]),
      'decrypt_failed',
    );
  });

  it('detects a server relabelling seq: the AD no longer matches', () => {
    const [, b] = thread as [ChainLink, ChainLink];
    const ad = baseAd({ itemId: itemIds[1] ?? '', seq: 1, prevHash: GENESIS_HASH });
    expectCode(() => decryptItem(sodium, key, b.blob, ad), 'decrypt_failed');
  });
});

describe('staff signatures', () => {
  const author = generatePersonalKeys(sodium);
  const ad = baseAd({ kind: 'note', authorRole: 'counsellor' });
  const blob = encryptItem(sodium, key, { text: 'note' }, ad);

  it('verifies the author signature over AD and blob', () => {
    const signature = signItem(sodium, author.signSecretKey, blob, ad);
    expect(signature).toHaveLength(64);
    verifyItem(sodium, author.signPublicKey, signature, blob, ad);
  });

  it('refuses another signer, blob, AD or a damaged signature', () => {
    const signature = signItem(sodium, author.signSecretKey, blob, ad);
    const other = generatePersonalKeys(sodium);
    expectCode(() => verifyItem(sodium, other.signPublicKey, signature, blob, ad), 'bad_signature');
    expectCode(
      () => verifyItem(sodium, author.signPublicKey, signature, flipByte(blob, 30), ad),
      'bad_signature',
    );
    expectCode(
      () =>
        verifyItem(sodium, author.signPublicKey, signature, blob, {
          ...ad,
          reportId: OTHER_REPORT_ID,
        }),
      'bad_signature',
    );
    expectCode(
      () => verifyItem(sodium, author.signPublicKey, signature, blob, { ...ad, authorRole: 'cdr' }),
      'bad_signature',
    );
    expectCode(
      () => verifyItem(sodium, author.signPublicKey, flipByte(signature, 5), blob, ad),
      'bad_signature',
    );
    expectCode(
      () => verifyItem(sodium, author.signPublicKey, signature.slice(1), blob, ad),
      'bad_signature',
    );
  });
});
