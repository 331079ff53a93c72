import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../scripts/cli';

/** Runs parseArgs and returns what it wrote and the exit code it asked for, instead of exiting. */
function refused(argv: string[]): { code: number; message: string } {
  let message = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((message += String(chunk)), true));
  vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
    throw Object.assign(new Error('exit'), { code });
  }) as never);
  try {
    parseArgs(argv);
  } catch (err) {
    return { code: (err as { code: number }).code, message: message.trim() };
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

afterEach(() => vi.restoreAllMocks());

describe('npm run train flags', () => {
  it('reads the Act 3 problem flags as the issue spells them', () => {
    const { config } = parseArgs(['--operators', '+,-', '--min-numbers', '2', '--n_numbers', '3', '--brackets', '--padding', 'term', '--reverse-output', '--largest', '9']);
    expect(config).toMatchObject({ operators: '+-', minNumbers: 2, nNumbers: 3, brackets: true, padding: 'term', reverseOutput: true, largest: 9 });
    const model = parseArgs(['--encoding', 'embedding', '--embedding-size', '16', '--encoder-layers', '2', '--decoder-layers', '3', '--decoder', 'attention']).config;
    expect(model).toMatchObject({ encoding: 'embedding', embeddingSize: 16, encoderLayers: 2, decoderLayers: 3, decoder: 'attention' });
    expect(parseArgs(['--largest', '99', '--test-largest', '9999']).config).toMatchObject({ largest: 99, testLargest: 9_999 });
  });

  it('--n_numbers alone fixes the term count, as the lesson does', () => {
    expect(parseArgs(['--n_numbers', '3']).config).toMatchObject({ minNumbers: 3, nNumbers: 3 });
    expect(parseArgs([]).config).toMatchObject({ operators: '+', minNumbers: 2, nNumbers: 2, brackets: false, padding: 'whole', reverseOutput: false });
  });

  it.each([
    [['--brackets'], /^--brackets: brackets need n_numbers of 3 or more$/],
    [['--min-numbers', '3'], /^--min-numbers: min_numbers must be at most n_numbers \(2\)$/],
    [['--operators', '+,/'], /^--operators must be one or more of \+ - \*/],
    [['--padding', 'left'], /^--padding must be one of whole, term$/],
    [['--encoding', 'ascii'], /^--encoding must be one of onehot, integer, embedding$/],
    [['--decoder', 'transformer'], /^--decoder must be one of repeat, attention$/],
    [['--encoder-layers', '4'], /^--encoder-layers: encoder layers must be from 1 to 3$/],
    [['--largest', '10', '--test-largest', '9'], /^--test-largest: test largest must be more than largest \(10\), or 0 \(off\)$/],
    [['--model', 'mapping-mlp', '--operators', '+,-'], /^--operators: Act 1’s mapping models only add/],
  ])('refuses %j with one line naming the flag', (argv, line) => {
    const { code, message } = refused(argv);
    expect(code).toBe(2);
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(line);
  });
});
