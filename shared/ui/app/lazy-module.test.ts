import { describe, expect, it } from 'vitest';
import { lazyModule } from './lazy-module.ts';

describe('lazyModule', () => {
  it('fetches once however often it is asked for, and remembers what arrived', async () => {
    let imports = 0;
    const module = lazyModule(() => Promise.resolve(`screen ${++imports}`));
    expect(module.loaded).toBeNull();
    expect(await Promise.all([module.load(), module.load()])).toEqual(['screen 1', 'screen 1']);
    expect(module.loaded).toBe('screen 1');
    expect(await module.load()).toBe('screen 1');
    expect(imports).toBe(1);
  });

  it('fetches again when asked after a failure', async () => {
    let imports = 0;
    const module = lazyModule(() =>
      ++imports === 1 ? Promise.reject(new Error('offline')) : Promise.resolve('screen'),
    );
    await expect(module.load()).rejects.toThrow('offline');
    expect(module.loaded).toBeNull();
    expect(await module.load()).toBe('screen');
    expect(imports).toBe(2);
  });
});
