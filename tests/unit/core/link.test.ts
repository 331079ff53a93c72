import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_CONFIG, PRESETS, validateConfig } from '../../../src/core/config';
import { EXPERIMENTS } from '../../../src/core/experiments';
import { DEFAULT_LINK, differences, LINK_VERSION, linkDefaults, readLink, writeLink, type LinkState } from '../../../src/core/link';
import { anyValidConfig } from './arbitraries';

const RUNS = { numRuns: 200 };

describe('links', () => {
  it('round-trips any valid config, view and classroom flag, with no notices', () => {
    const state: fc.Arbitrary<LinkState> = fc.record({
      config: anyValidConfig,
      experiments: fc.boolean(),
      experiment: fc.option(fc.constantFrom(...EXPERIMENTS.map((e) => e.id)), { nil: undefined }),
      classroom: fc.boolean(),
    });
    fc.assert(
      fc.property(state, (s) => {
        // A link with a question open and no view shows Act 3: write the view whenever a question is open.
        const written = { ...s, experiments: s.experiments || s.experiment !== undefined };
        expect(readLink(`?${writeLink(written)}`)).toEqual({ state: written, notices: [] });
      }),
      RUNS,
    );
  });

  it('writes only what differs from the defaults, with operators escaped', () => {
    expect(writeLink(DEFAULT_LINK)).toBe('');
    expect(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, largest: 10, operators: '+-', reverseOutput: true } })).toBe(
      'v=4&operators=%2B-&largest=10&reverseOutput=1',
    );
    expect(writeLink({ ...DEFAULT_LINK, experiments: true, experiment: 'reverse-answer', classroom: true })).toBe('view=act3&experiment=reverse-answer&class=1');
  });

  it('carries the decoder: attention is written, RepeatVector (the default) is not, and another value is refused', () => {
    expect(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, decoder: 'attention' } })).toBe('v=4&decoder=attention');
    expect(readLink('?v=4&decoder=attention').state.config.decoder).toBe('attention');
    const bad = readLink('?v=4&decoder=transformer');
    expect(bad.state.config.decoder).toBe('repeat');
    expect(bad.notices.join(' ')).toMatch(/decoder must be one of repeat, attention/);
  });

  it('reads every preset back', () => {
    for (const config of Object.values(PRESETS)) expect(readLink(writeLink({ ...DEFAULT_LINK, config })).state.config).toEqual(config);
  });

  it('turns any text into a valid state, never throwing', () => {
    const keys = fc.constantFrom(...Object.keys(DEFAULT_CONFIG), 'view', 'experiment', 'class', 'junk', '__proto__', 'constructor');
    const values = fc.oneof(fc.string(), fc.constantFrom('-5', '0', '1', 'NaN', '1e999', '%E0%A4%A', '+-*', 'constructor', 'lstm', 'toString'));
    const query = fc.array(fc.tuple(keys, values), { maxLength: 8 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
    fc.assert(
      fc.property(fc.oneof(fc.string(), query), (text) => {
        const { state, notices } = readLink(text);
        expect(validateConfig(state.config)).toEqual({});
        expect(Array.isArray(notices)).toBe(true);
        expect(state.experiment === undefined || EXPERIMENTS.some((e) => e.id === state.experiment)).toBe(true);
      }),
      RUNS,
    );
  });

  it('falls back to the default for a bad value, saying which field and why', () => {
    expect(readLink('?v=4&largest=-5')).toEqual({
      state: DEFAULT_LINK,
      notices: ['largest=-5 in the link: largest must be from 1 to 99,999. Using the default, 100.'],
    });
    // In the order of the settings, whatever the order in the link.
    expect(readLink('cell=tree&anneal=maybe&operators=/').notices).toEqual([
      'operators=/ in the link: operators must be one or more of + - *. Using the default, +.',
      'cell=tree in the link: cell must be one of lstm, gru, simpleRnn. Using the default, lstm.',
      'anneal=maybe in the link: anneal must be 1 (on) or 0 (off). Using the default, on.',
    ]);
    expect(readLink('largest=abc').notices).toEqual(['largest=abc in the link: largest must be a number. Using the default, 100.']);
  });

  it('carries test largest, next to largest, and drops one at or below largest with a notice', () => {
    const config = { ...DEFAULT_CONFIG, largest: 10, testLargest: 1_000 };
    expect(writeLink({ ...DEFAULT_LINK, config })).toBe('v=4&largest=10&testLargest=1000');
    expect(readLink('testLargest=1000&largest=10&v=4')).toEqual({ state: { ...DEFAULT_LINK, config }, notices: [] });
    expect(readLink('v=4&largest=10&testLargest=5')).toEqual({
      state: { ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, largest: 10 } },
      notices: ['test largest=5 in the link: test largest must be more than largest (10), or 0 (off). Using the default, 0.'],
    });
  });

  it('keeps the good values beside a bad one, and drops a value the others rule out', () => {
    const { state, notices } = readLink('v=4&largest=10&seed=7&brackets=1');
    expect(state.config).toEqual({ ...DEFAULT_CONFIG, largest: 10, seed: 7 });
    expect(notices).toEqual(['brackets=1 in the link: brackets need n_numbers of 3 or more. Using the default, off.']);
    // min_numbers above n_numbers: min goes back to its default, which fits.
    expect(readLink('nNumbers=4&minNumbers=5').state.config).toMatchObject({ nNumbers: 4, minNumbers: 2 });
  });

  it('settings whose conflict names only a default (a batch larger than the epoch) drop the link\'s settings, saying why', () => {
    // Examples per epoch of 10 is fine alone, but the default batch of 64 no longer fits in an epoch; the batch is not the
    // link's, so what it depends on cannot be told apart: the link's settings all go, and the notice gives the rule.
    const { state, notices } = readLink('v=4&examplesPerEpoch=10&largest=20');
    expect(state.config).toEqual(DEFAULT_CONFIG);
    expect(notices).toEqual(["The link's settings do not fit together (batch size must be at most examples per epoch (10)). Using the defaults."]);
    // With a batch that fits, both are kept.
    expect(readLink('v=4&examplesPerEpoch=10&batchSize=5').state.config).toMatchObject({ examplesPerEpoch: 10, batchSize: 5 });
  });

  it('ignores unknown keys; reads +, %2B and a leading ? alike; the first of a repeated key wins', () => {
    expect(readLink('?utm_source=mail&largest=20&largest=30&v=4')).toEqual({ state: { ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, largest: 20 } }, notices: [] });
    expect(readLink('operators=+-').state.config.operators).toBe('+-');
    expect(readLink('operators=%2B%2D').state.config.operators).toBe('+-');
  });

  it('opens a known question on the Act 3 tab, and says so when the question is unknown', () => {
    expect(readLink('experiment=reverse-answer').state).toMatchObject({ experiments: true, experiment: 'reverse-answer' });
    expect(readLink('view=act3').state).toMatchObject({ experiments: true, experiment: undefined });
    const unknown = readLink('view=act3&experiment=nope');
    expect(unknown.state).toMatchObject({ experiments: true, experiment: undefined });
    expect(unknown.notices).toEqual(["The link's experiment 'nope' is not one of Carry's questions; none is open."]);
    expect(readLink('class=1').state.classroom).toBe(true);
    expect(readLink('class=constructor').state.classroom).toBe(false);
  });
});

describe('link versions', () => {
  it('a link with settings and no version is from before versions: what it left out means what it meant then', () => {
    // Written when training sums were drawn as asked, before carry-balanced sampling became the default.
    // (Nor was there a units weight or weight averaging: see the version 2 test.)
    const later = { unitsWeight: 1, unitsUntil: 100, averageDecay: 0, answersFrom: 0 };
    expect(readLink('largest=10')).toEqual({ state: { ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, largest: 10, sampling: 'uniform', ...later } }, notices: [] });
    expect(linkDefaults(1)).toEqual({ ...DEFAULT_CONFIG, sampling: 'uniform', ...later });
    // A setting it gives wins over the old default.
    expect(readLink('largest=10&sampling=carry-balanced').state.config.sampling).toBe('carry-balanced');
    expect(readLink('v=1&largest=10').state.config.sampling).toBe('uniform');
  });

  it('a link of version 2 was written before the units weight and weight averaging: what it left out trains without them', () => {
    // (Nor was there answer-balanced sampling: see the version 3 test.)
    const before = { unitsWeight: 1, unitsUntil: 100, averageDecay: 0, answersFrom: 0 };
    expect(linkDefaults(2)).toEqual({ ...DEFAULT_CONFIG, ...before });
    expect(readLink('v=2&largest=10').state.config).toEqual({ ...DEFAULT_CONFIG, largest: 10, ...before });
    // Version 1 (no version) is from before both changes: uniform sums, and neither.
    expect(linkDefaults(1)).toEqual({ ...DEFAULT_CONFIG, sampling: 'uniform', ...before });
    // Settings it gives win; a link written today of the same config says v=4 and leaves them out.
    expect(readLink('v=2&averageDecay=0.95&unitsWeight=5&unitsUntil=20&answersFrom=20').state.config).toEqual(DEFAULT_CONFIG);
    const written = writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, ...before } });
    expect(written.startsWith('v=4&')).toBe(true);
    expect(written.split('&').sort()).toEqual(['answersFrom=0', 'averageDecay=0', 'unitsUntil=100', 'unitsWeight=1', 'v=4']);
    expect(readLink(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, ...before } })).state.config).toEqual({ ...DEFAULT_CONFIG, ...before });
  });

  it('a link of version 3 was written before answer-balanced sampling: what it left out stays carry-balanced to the end', () => {
    expect(linkDefaults(3)).toEqual({ ...DEFAULT_CONFIG, answersFrom: 0 });
    expect(readLink('v=3&largest=10').state.config).toEqual({ ...DEFAULT_CONFIG, largest: 10, answersFrom: 0 });
    // It had the units weight and the averaging (version 2 did not).
    expect(linkDefaults(3)).toMatchObject({ unitsWeight: 5, unitsUntil: 20, averageDecay: 0.95, sampling: 'carry-balanced' });
    // A setting it gives wins; a link written today of the same config says v=4 and answersFrom=0.
    expect(readLink('v=3&answersFrom=20').state.config).toEqual(DEFAULT_CONFIG);
    expect(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, answersFrom: 0 } })).toBe('v=4&answersFrom=0');
    expect(readLink('v=4&answersFrom=0').state.config).toEqual({ ...DEFAULT_CONFIG, answersFrom: 0 });
  });

  it('a link of this version, and the bare address, mean today\'s defaults', () => {
    expect(linkDefaults(LINK_VERSION)).toEqual(DEFAULT_CONFIG);
    expect(readLink(`v=${LINK_VERSION}&largest=10`).state.config).toEqual({ ...DEFAULT_CONFIG, largest: 10 });
    expect(readLink('').state.config).toEqual(DEFAULT_CONFIG);
    expect(readLink('view=act3&class=1').state.config).toEqual(DEFAULT_CONFIG);
  });

  it('a version this Carry cannot read gets a notice, and today\'s defaults', () => {
    for (const v of ['99', '0', 'x', '1.5']) {
      const { state, notices } = readLink(`v=${v}&largest=10`);
      expect(state.config).toEqual({ ...DEFAULT_CONFIG, largest: 10 });
      expect(notices).toEqual([`v=${v} in the link: this Carry reads link versions 1 to ${LINK_VERSION}. Settings left out of the link take today's defaults.`]);
    }
  });

  it('reads values with spaces around them, and flags in any case', () => {
    expect(readLink('v=4&largest=%2010%20').state.config.largest).toBe(10);
    expect(readLink('v=4&anneal=OFF').state.config.anneal).toBe(false);
    expect(readLink('class=ON').state.classroom).toBe(true);
  });

  it('every link written carries the version, first, unless it has no settings', () => {
    expect(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, seed: 3 } })).toBe(`v=${LINK_VERSION}&seed=3`);
    expect(writeLink({ ...DEFAULT_LINK, classroom: true })).toBe('class=1');
    // Today's choice of the old default is written, so it survives.
    expect(readLink(writeLink({ ...DEFAULT_LINK, config: { ...DEFAULT_CONFIG, sampling: 'uniform' } })).state.config.sampling).toBe('uniform');
  });
});

describe('differences', () => {
  it('lists what a config changes from the defaults, in the lesson’s words', () => {
    expect(differences(DEFAULT_CONFIG)).toBe('defaults');
    expect(differences({ ...DEFAULT_CONFIG, largest: 10, reverseOutput: true, anneal: false })).toBe('largest 10 · reverse the answer on · anneal off');
    expect(differences({ ...DEFAULT_CONFIG, epochs: 5 }, { ...DEFAULT_CONFIG, epochs: 5 })).toBe('defaults');
  });
});
