import { describe, expect, it } from 'vitest';
import { LazyModule } from '../../components/internal/lazy-module.js';

describe('LazyModule', () => {
  it('imports once, however often it is asked, and then gives the module', async () => {
    let imports = 0;
    const lazy = new LazyModule(async () => ({ n: ++imports }));
    expect(lazy.value).toBeUndefined();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toEqual({ n: 1 });
    expect(b).toBe(a);
    expect(await lazy.load()).toBe(a);
    expect(lazy.value).toBe(a);
    expect(imports).toBe(1);
  });

  it('keeps a failed import’s error without asking again by itself; the next load() tries again and clears it', async () => {
    let imports = 0;
    const lazy = new LazyModule(async () => {
      imports += 1;
      if (imports === 1) throw new Error('offline');
      return { ok: true };
    });
    expect(await lazy.load()).toBeUndefined();
    expect(lazy.value).toBeUndefined();
    expect(String(lazy.error)).toContain('offline');
    expect(imports).toBe(1);
    const retry = lazy.load();
    expect(lazy.error).toBeUndefined();
    expect(await retry).toEqual({ ok: true });
    expect(imports).toBe(2);
  });
});
