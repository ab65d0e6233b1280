import { Hono } from 'hono';
import { z } from 'zod';
import type { DemoUser } from '../../domain/api.js';
import type { AppDeps, AppEnv } from '../app-env.js';
import type { Authenticator } from '../auth/tokens.js';
import { problems } from '../http/problem.js';
import { validate } from '../http/validate.js';

export const DemoTokenBody = z.object({ user: z.string().min(1) }).strict();

/** Demo mode only: the seeded users and a token for any of them (the demo's user switcher). */
export function demoRoutes({ db }: AppDeps, authenticator: Authenticator) {
  const sign = authenticator.sign;
  if (!sign) throw new Error('Demo mode needs AUTH_JWT_SECRET (HS256) to sign its tokens');
  return new Hono<AppEnv>()
    .get('/users', async (c) => {
      const users: DemoUser[] = await db.selectFrom('demo_users').select(['id', 'name', 'level', 'org', 'roles']).orderBy('sort_order').execute();
      return c.json(users);
    })
    .post('/token', validate('json', DemoTokenBody), async (c) => {
      const user = await db.selectFrom('demo_users').selectAll().where('id', '=', c.req.valid('json').user).executeTakeFirst();
      if (!user) throw problems.notFound('The demo user');
      return c.json({ token: await sign({ sub: user.id, name: user.name, level: user.level, org: user.org, roles: user.roles }) });
    });
}
