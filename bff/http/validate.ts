import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { problems, zodErrors } from './problem.js';

/** zod at the edge: a refusal lists every reason as problem+json and the handler never runs. */
export function validate<Target extends keyof ValidationTargets, Schema extends ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw problems.badRequest(zodErrors(result.error as never));
  });
}
