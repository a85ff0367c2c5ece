// Tells a unique or primary-key violation apart from other database errors, on both dialects, so
// a race two checks could not see (two pupils' equal ids, a concurrent seq) becomes a 409.

export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  // PostgreSQL: unique_violation; better-sqlite3: the extended result code.
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
