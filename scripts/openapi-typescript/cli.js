#!/usr/bin/env node
/**
 * `node scripts/openapi-typescript/cli.js <document.json> <types.ts>`: the types openapi-typescript 7
 * generates from an OpenAPI document (test/bff/openapi-tooling.test.ts runs it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { register } from 'node:module';

register('./hooks.js', import.meta.url);
const { default: openapiTS, astToString } = await import('openapi-typescript');
const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: cli.js <document.json> <types.ts>');
  process.exit(2);
}
const document = JSON.parse(await readFile(input, 'utf8'));
await writeFile(output, astToString(await openapiTS(document)));
