import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, validateConfig, type Config } from '../../../src/core/config';
import { KINDS, MODELS, writesSymbols } from '../../../src/core/kinds';
import { TASK_FACTORIES } from '../../../src/model/tasks';

const SRC = join(__dirname, '../../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

describe('model kind registry', () => {
  it('every kind has a descriptor and a model factory, and nothing else does', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...MODELS].sort());
    expect(Object.keys(TASK_FACTORIES).sort()).toEqual([...MODELS].sort());
  });

  it.each(MODELS)('%s: its defaults and its own config validate, and its estimates are positive', (kind) => {
    const c: Config = { ...DEFAULT_CONFIG, model: kind, ...KINDS[kind].defaults };
    expect(validateConfig(c)).toEqual({});
    expect(KINDS[kind].parameters(c)).toBeGreaterThan(0);
    expect(KINDS[kind].stepBytes(c)).toBeGreaterThan(0);
    expect(KINDS[kind].secondsPerEpoch(c)).toBeGreaterThan(0);
    expect(KINDS[kind].label).toMatch(/^Act \d · /);
    expect(KINDS[kind].architecture(c).length).toBeGreaterThan(10);
  });

  it('capabilities: only the seq2seq model writes symbols and reads characters', () => {
    expect(MODELS.filter(writesSymbols)).toEqual(['seq2seq']);
    expect(MODELS.filter((m) => KINDS[m].readsCharacters)).toEqual(['seq2seq']);
  });

  it('no code outside the registries tells kinds apart by name', () => {
    const registries = ['core/kinds.ts', 'model/tasks.ts', 'core/config.ts'];
    const offenders = files(SRC)
      .filter((f) => !registries.includes(relative(SRC, f)))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${relative(SRC, f)}:${i + 1}` }))
          .filter(({ line }) => /[!=]==?\s*'(seq2seq|mappingLstm|mappingMlp)'|'(seq2seq|mappingLstm|mappingMlp)'\s*[!=]==?/.test(line))
          .map(({ at }) => at),
      );
    expect(offenders).toEqual([]);
  });
});
