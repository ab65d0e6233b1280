// The translations against the source, without a browser: lit-localize's own extractor reads
// every msg() of components/ and demo/ (as `npm run localize:extract` does), and each locale must
// have exactly those ids, in its XLIFF file and in its generated module, with the same
// placeholders; and the generated modules must be what `npm run localize:build` makes of the
// XLIFF files now (a translation edited without a build fails here).
// In runtime mode a missing id falls back to English without a sound; this is where it is heard.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import type { RuntimeOutputConfig } from '@lit/localize-tools/lib/types/modes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = readConfigFileAndWriteSchema(join(root, 'lit-localize.json'));
const output = config.output as RuntimeOutputConfig;
const localizer = new RuntimeLitLocalizer({ ...config, output });

let sourceIds: string[];

beforeAll(() => {
  const { messages, errors } = localizer.extractSourceMessages();
  expect(errors.map((e) => String(e.messageText))).toEqual([]);
  sourceIds = [...new Set(messages.map((m) => m.name))].sort();
}, 120_000);

describe('translations', () => {
  it('are configured for English, German, French and Italian', () => {
    expect(config.sourceLocale).toBe('en');
    expect([...config.targetLocales].sort()).toEqual(['de', 'fr', 'it']);
    expect(sourceIds.length).toBeGreaterThan(300);
  });

  it.each(config.targetLocales)('%s: the XLIFF file translates every message of the source, with its placeholders', (locale) => {
    const translated = localizer.readTranslationsSync().translations.get(locale) ?? [];
    expect(translated.map((m) => m.name).sort()).toEqual(sourceIds);
    expect(localizer.validateTranslations().errors).toEqual([]);
  });

  it.each(config.targetLocales)('%s: the generated module has exactly the ids of the source', async (locale) => {
    const module = (await import(`../../components/i18n/locales/${locale}.ts`)) as { templates: Record<string, unknown> };
    expect(Object.keys(module.templates).sort()).toEqual(sourceIds);
  });

  describe('the generated modules', () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'localize-build-'));
      const rebuild = new RuntimeLitLocalizer({
        ...config,
        output: { ...output, outputDir: scratch, localeCodesModule: join(scratch, 'locale-codes.ts') },
      });
      await rebuild.build();
    }, 120_000);
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    it.each([...config.targetLocales.map((l) => `${l}.ts`), 'locale-codes.ts'])('%s is what localize:build makes of the XLIFF files', async (file) => {
      const committed = file === 'locale-codes.ts' ? join(root, output.localeCodesModule!) : join(root, output.outputDir, file);
      expect(await readFile(committed, 'utf8')).toBe(await readFile(join(scratch, file), 'utf8'));
    });
  });
});
