import { describe, expect, it } from 'vitest';
import { parseCommand } from './args.ts';

describe('admin CLI flags', () => {
  it('takes a base64url key that starts with a dash as the value of its flag', () => {
    const { command, flags } = parseCommand([
      '--',
      'sign-certificate',
      '--box-pk',
      '-AbC_d',
      '--sign-pk',
      '--x',
      '--apply',
    ]);
    expect(command).toBe('sign-certificate');
    expect(flags).toMatchObject({ 'box-pk': '-AbC_d', 'sign-pk': '--x', apply: true });
  });

  it('names an unknown flag', () => {
    expect(() => parseCommand(['fingerprint', '--nope'])).toThrow(/nope.*npm run admin -- help/);
  });
});
