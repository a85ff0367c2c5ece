// Input reaches handlers only through c.req.valid(...), after a valibot schema from shared/protocol
// accepted it. Every refusal has the one error shape [Note: error shape] and status 400.
import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';

type Schema = v.GenericSchema;

export function validate<Target extends keyof ValidationTargets, S extends Schema>(
  target: Target,
  schema: S,
) {
  return validator(target, (value): v.InferOutput<S> => {
    const result = v.safeParse(schema, value);
    if (result.success) return result.output;
    const issues = result.issues.slice(0, 20).map((issue) => ({
      path: issue.path?.map((p) => String(p.key)).join('.') ?? '',
      message: issue.message,
    }));
    throw new ApiError(400, 'validation_failed', `Invalid ${target}`, issues);
  });
}
