import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The one-way road `core → model → worker → store → ui`: a layer imports only
 * from layers before it (types included), `ui` (with `App.tsx` and `main.tsx`)
 * imports neither `model` nor `worker`, and no runtime import cycle exists.
 */
const SRC = join(__dirname, '../../../src');
const ORDER = ['core', 'model', 'worker', 'store', 'ui'] as const;
type Layer = (typeof ORDER)[number];

/** What each layer may import from (its own layer included). */
const ALLOWED: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  model: ['core', 'model'],
  worker: ['core', 'model', 'worker'],
  store: ['core', 'model', 'worker', 'store'],
  ui: ['core', 'store', 'ui'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** One import of a file: where it points, and whether it survives compilation (type-only imports are erased). */
interface Import {
  spec: string;
  runtime: boolean;
}

/**
 * Every import form: `import x from`, `import { a, type B } from`, `import type … from`,
 * side-effect `import '…'`, dynamic `import('…')`, `export … from`, `export type … from`,
 * and `new URL('…', import.meta.url)` (how the worker is loaded). Comments are skipped.
 */
export function importsOf(source: string): Import[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const found: Import[] = [];
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/g)) {
    const typeOnly = Boolean(m[2]) || (m[1] === 'import' && /^\{[^}]*\}$/.test(m[3].trim()) && m[3].replace(/[{}\s]/g, '').split(',').every((n) => n === '' || n.startsWith('type')));
    found.push({ spec: m[4], runtime: !typeOnly });
  }
  for (const m of text.matchAll(/\bimport\s*['"]([^'"]+)['"]/g)) found.push({ spec: m[1], runtime: true });
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1], runtime: true });
  for (const m of text.matchAll(/new\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url/g)) found.push({ spec: m[1], runtime: true });
  return found;
}

/** The layer of a file under `src/`: its folder, or `ui` for the app's entry files at the top. */
function layerOf(file: string): Layer | undefined {
  const first = relative(SRC, file).split('/')[0];
  if ((ORDER as readonly string[]).includes(first)) return first as Layer;
  return /^(App|main)\.tsx?$/.test(first) ? 'ui' : undefined;
}

/** A relative import resolved to a file under `src/`, if it is one. */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next spelling
    }
  }
  return undefined;
}

const ALL = files(SRC);

describe('layering', () => {
  it('reads every import form (the parser itself)', () => {
    const sample = `
      import a from './a';
      import { b, type B } from './b';
      import type { C } from './c';
      import { type D } from './d';
      import './side-effect';
      const lazy = await import('./dynamic');
      export { e } from './e';
      export type { F } from './f';
      export * from './g';
      // import { ignored } from './comment';
      new Worker(new URL('./w.worker.ts', import.meta.url));
    `;
    expect(importsOf(sample)).toEqual(
      expect.arrayContaining([
        { spec: './a', runtime: true },
        { spec: './b', runtime: true },
        { spec: './c', runtime: false },
        { spec: './d', runtime: false },
        { spec: './side-effect', runtime: true },
        { spec: './dynamic', runtime: true },
        { spec: './e', runtime: true },
        { spec: './f', runtime: false },
        { spec: './g', runtime: true },
        { spec: './w.worker.ts', runtime: true },
      ]),
    );
    expect(importsOf(sample).map((i) => i.spec)).not.toContain('./comment');
  });

  it('every file under src/ belongs to a layer, App.tsx and main.tsx included (as ui)', () => {
    expect(ALL.filter((f) => !layerOf(f)).map((f) => relative(SRC, f))).toEqual([]);
    expect(ALL.map((f) => relative(SRC, f))).toEqual(expect.arrayContaining(['App.tsx', 'main.tsx']));
  });

  for (const layer of ORDER) {
    it(`src/${layer} imports only from ${ALLOWED[layer].join(', ')} (types included)`, () => {
      const wrong: string[] = [];
      for (const file of ALL.filter((f) => layerOf(f) === layer)) {
        for (const { spec } of importsOf(readFileSync(file, 'utf8'))) {
          const target = resolveImport(file, spec);
          if (spec.startsWith('.') && !target) wrong.push(`${relative(SRC, file)} → ${spec} (unresolved)`);
          const targetLayer = target && layerOf(target);
          if (targetLayer && !ALLOWED[layer].includes(targetLayer)) wrong.push(`${relative(SRC, file)} → ${spec}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  it('src/core and src/model use neither React nor the DOM; src/core no tfjs; src/ui no tfjs', () => {
    const bad: string[] = [];
    for (const file of ALL) {
      const layer = layerOf(file);
      const text = readFileSync(file, 'utf8');
      const packages = importsOf(text).map((i) => i.spec).filter((s) => !s.startsWith('.'));
      if ((layer === 'core' || layer === 'model') && (packages.some((p) => /^react/.test(p)) || /\b(document|window)\./.test(text))) bad.push(relative(SRC, file));
      if ((layer === 'core' || layer === 'ui') && packages.some((p) => p.startsWith('@tensorflow'))) bad.push(relative(SRC, file));
    }
    expect(bad).toEqual([]);
  });

  it('has no runtime import cycle', () => {
    const graph = new Map(ALL.map((f) => [f, importsOf(readFileSync(f, 'utf8')).filter((i) => i.runtime).map((i) => resolveImport(f, i.spec)).filter((t): t is string => Boolean(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      path.push(f);
      for (const next of graph.get(f) ?? []) {
        if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of ALL) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
