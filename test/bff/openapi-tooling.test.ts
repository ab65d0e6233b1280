/**
 * The served OpenAPI document as other tools read it: Redocly's linter finds no error in it,
 * and openapi-typescript 7 generates types from it, which are the committed
 * bff/openapi/generated-types.ts (test/bff/openapi-types.ts checks those against domain/api.ts).
 *
 * Offline: the document has no external $ref, the config extends Redocly's built-in
 * `recommended` ruleset only (nothing fetched), and telemetry and the update notice are off.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;
const OFFLINE = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', CI: 'true', NO_COLOR: '1' };

/**
 * Redocly's recommended rules, less one: `info-license` wants a licence for an API that is
 * not published under one (the package is private). Every other rule stays as recommended.
 */
const REDOCLY_CONFIG = `extends:
  - recommended
rules:
  info-license: off
`;

let ctx: TestContext;
let dir: string;
let documentFile: string;
beforeAll(async () => {
  ctx = await createTestContext();
  dir = await mkdtemp(join(tmpdir(), 'openapi-'));
  documentFile = join(dir, 'openapi.json');
  await writeFile(documentFile, await (await ctx.app.request('/api/openapi.json')).text());
  await writeFile(join(dir, 'redocly.yaml'), REDOCLY_CONFIG);
});
afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the served OpenAPI document', () => {
  it('passes redocly lint with 0 errors', async () => {
    const cli = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');
    const result = await run(process.execPath, [cli, 'lint', documentFile, '--config', join(dir, 'redocly.yaml'), '--format', 'json'], { env: OFFLINE, cwd: dir, maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; severity: string }[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // Warnings too: none today, so a new one is a decision, not an accident.
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
  }, 60_000);

  it('generates the committed types with openapi-typescript', async () => {
    const types = join(dir, 'types.ts');
    await run(process.execPath, [join(ROOT, 'scripts/openapi-typescript/cli.js'), documentFile, types], { cwd: ROOT });
    const generated = await readFile(types, 'utf8');
    expect(generated).toContain('export interface paths');
    expect(generated).toContain('export interface components');
    // `npm run openapi:types` writes them anew after a change of the routes.
    if (process.env.UPDATE_OPENAPI_TYPES === '1') await writeFile(join(ROOT, 'bff/openapi/generated-types.ts'), generated);
    expect(generated, 'bff/openapi/generated-types.ts is outdated: run npm run openapi:types').toBe(await readFile(join(ROOT, 'bff/openapi/generated-types.ts'), 'utf8'));
  }, 60_000);
});
