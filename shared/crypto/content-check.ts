// [Note: written as it will be read] What a composer encrypts must pass the schema its readers
// check: an item that does not (a staff reply over 8,000 characters, a hand-over summary too long)
// would be stored and signed, yet refused by every reader, and a thread or hand-over with one
// refused item cannot be opened by anyone after it. So every compose function checks its content
// first and throws, and nothing is sealed or sent; the apps tell the writer before that.
import * as v from 'valibot';
import { CryptoError } from '../envelope/crypto-error.ts';

export function readable<T>(schema: v.GenericSchema, content: T): T {
  const result = v.safeParse(schema, content);
  if (!result.success) {
    const where = result.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new CryptoError(
      'malformed',
      `content its readers would refuse${where ? `: ${where}` : ''}`,
    );
  }
  return content;
}
