// [Note: padding buckets]
// Item plaintexts are padded so that ciphertext lengths leak only a coarse size class. The rule is
// Padme (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication with
// PURBs", 2019): for L > 256, E = floor(log2 L), S = floor(log2 E) + 1, and L is rounded up to a
// multiple of 2^(E - S). That wastes at most about 12 % and leaves O(log log L) distinct sizes per
// power of two. Everything up to 256 bytes becomes 256, so short messages all look alike.
// encryptItem pads (JSON bytes + 1) to padmeLength with sodium.pad, the ISO/IEC 7816-4 rule
// (0x80 then zeros), hence the one byte the marker always needs.

export const PAD_MIN = 256;

export function padmeLength(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError('length must be a safe integer >= 0');
  if (n <= PAD_MIN) return PAD_MIN;
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = 2 ** (e - s);
  return Math.ceil(n / step) * step;
}
