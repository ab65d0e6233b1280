/**
 * The element catalog as `npm start` serves it at /docs/: every element listed, the live
 * examples signed in as a demo user under the page's CSP, and no axe violation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELEMENTS } from '../../components/elements.js';
import { type Demo, startDemo } from './demo-server.js';

let demo: Demo;

beforeAll(async () => {
  demo = await startDemo();
});

afterAll(async () => {
  await demo?.stop();
});

describe('the catalog at /docs/', () => {
  it('is served with the page CSP and lists every element', async () => {
    const response = await fetch(`${demo.base}/docs/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toMatch(/^default-src 'self'/);
    const html = await response.text();
    for (const { tag } of ELEMENTS) expect(html).toContain(`<section class="element" id="${tag}"`);
  });

  it('runs a live example of each element, and axe finds nothing', async () => {
    const { page } = demo;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && message.text().includes('Content Security Policy') && problems.push(message.text()));
    await page.goto(`${demo.base}/docs/`);
    await expect.poll(() => page.locator('.example tenant-table [part~="row"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.example booked-services [part="domain"]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Every example box holds its element (the provider's holds a note), none says it failed.
    for (const { tag } of ELEMENTS.filter((e) => e.tag !== 'services-provider')) expect(await page.locator(`.example[data-tag="${tag}"] ${tag}`).count(), tag).toBe(1);
    expect(await page.locator('.example .example-note').allTextContents()).toEqual([]);

    // A dialog's example opens it.
    await page.locator('.example[data-tag="tenant-editor"] button.open').click();
    await expect.poll(() => page.locator('.example tenant-editor dialog[open]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.example tenant-editor dialog[open]').count()).toBe(0);

    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      const { axe } = window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
      return (await axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
