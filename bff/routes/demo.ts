import { z } from 'zod';
import type { DemoUser } from '../../domain/api.js';
import type { AppDeps } from '../app-env.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import type { Authenticator } from '../auth/tokens.js';
import { problems } from '../http/problem.js';

export const DemoTokenBody = z.object({ user: z.string().min(1) }).strict();

/** Demo mode only: the seeded users and a token for any of them (the demo's user switcher). */
export function demoRoutes({ db }: AppDeps, authenticator: Authenticator) {
  const sign = authenticator.sign;
  if (!sign) throw new Error('Demo mode needs AUTH_JWT_SECRET (HS256) to sign its tokens');
  const users = operation({
    method: 'get', path: '/users', operationId: 'listDemoUsers', tag: 'Demo', public: true, summary: 'Demo mode: the demo users',
    responses: { 200: ok('The demo users', json(z.array(S.DemoUser))) },
  });
  const token = operation({
    method: 'post', path: '/token', operationId: 'demoToken', tag: 'Demo', public: true, summary: 'Demo mode: a token for a demo user',
    request: { body: { required: true, content: json(DemoTokenBody) } },
    responses: { 200: ok('A signed token', json(S.Token)), ...problemResponses([400, 404, 413]) },
  });
  return openApiRoutes()
    .openapi(users, async (c) => {
      const list: DemoUser[] = await db.selectFrom('demo_users').select(['id', 'name', 'level', 'org', 'roles']).orderBy('sort_order').execute();
      return c.json(list, 200);
    })
    .openapi(token, async (c) => {
      const user = await db.selectFrom('demo_users').selectAll().where('id', '=', c.req.valid('json').user).executeTakeFirst();
      if (!user) throw problems.notFound('The demo user');
      return c.json({ token: await sign({ sub: user.id, name: user.name, level: user.level, org: user.org, roles: user.roles }) }, 200);
    });
}
