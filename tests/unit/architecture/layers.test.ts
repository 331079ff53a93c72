import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The one-way road: a layer may import only from layers before it (types included). */
const ORDER = ['core', 'model', 'worker', 'store', 'ui'] as const;
const SRC = join(__dirname, '../../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const layerOf = (file: string) => relative(SRC, file).split('/')[0];

describe('layering', () => {
  for (const layer of ORDER) {
    it(`src/${layer} imports only from layers before it`, () => {
      const allowed = ORDER.slice(0, ORDER.indexOf(layer) + 1);
      const wrong: string[] = [];
      for (const file of files(join(SRC, layer))) {
        for (const spec of imports(file)) {
          if (!spec.startsWith('.')) continue;
          const target = layerOf(join(file, '..', spec));
          if ((ORDER as readonly string[]).includes(target) && !allowed.includes(target as (typeof ORDER)[number])) {
            wrong.push(`${relative(SRC, file)} → ${spec}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('src/core uses neither tfjs, React nor the DOM; src/ui never imports tfjs', () => {
    const bad: string[] = [];
    for (const file of files(join(SRC, 'core'))) {
      const text = readFileSync(file, 'utf8');
      if (/from ['"](@tensorflow|react)/.test(text) || /\b(document|window)\./.test(text)) bad.push(relative(SRC, file));
    }
    for (const file of files(join(SRC, 'ui'))) {
      if (imports(file).some((s) => s.startsWith('@tensorflow'))) bad.push(relative(SRC, file));
    }
    expect(bad).toEqual([]);
  });

  it('can see a violation (the check itself works)', () => {
    const probe = join(SRC, 'core', 'config.ts');
    expect(layerOf(join(probe, '..', '../ui/format'))).toBe('ui');
    expect(imports(probe).length).toBeGreaterThan(0);
  });
});
