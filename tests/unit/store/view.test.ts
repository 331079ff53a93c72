import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { readLink } from '../../../src/core/link';
import type { WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));

const { useCarryStore } = await import('../../../src/store/store');
const { linkOf } = await import('../../../src/store/viewSlice');
const { configOf } = await import('../../../src/store/configSlice');
const initial = useCarryStore.getState();
const state = () => useCarryStore.getState();

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});

describe('view slice: links and classroom mode', () => {
  it('the link follows the settings, the tab and the question, and opening it restores them', () => {
    expect(linkOf(state())).toBe('');
    state().setField('largest', '10');
    state().setField('seed', '7');
    expect(linkOf(state())).toBe('v=4&largest=10&seed=7');
    state().setShowExperiments(true);
    state().chooseExperiment('reverse-answer');
    const link = linkOf(state());
    expect(link).toBe('v=4&largest=10&seed=7&view=act3&experiment=reverse-answer');
    expect(linkOf(state(), { classroom: true })).toBe(`${link}&class=1`);

    useCarryStore.setState(initial, true);
    state().openLink(`?${link}&class=1`);
    expect(configOf(state().draft).config).toEqual({ ...DEFAULT_CONFIG, largest: 10, seed: 7 });
    expect(state()).toMatchObject({ showExperiments: true, experimentId: 'reverse-answer', classroom: true, linkNotices: [] });
    expect(state().arms.map((a) => a.config.largest)).toEqual([10, 10]);
  });

  it('leaves a half-typed setting out of the link', () => {
    state().setField('largest', '1');
    state().setField('largest', '');
    state().setField('epochs', '5');
    expect(linkOf(state())).toBe('v=4&epochs=5');
  });

  it('opening a bad link keeps the defaults for what it could not use and lists why', () => {
    state().openLink('?v=4&largest=-5&cell=gru');
    expect(configOf(state().draft)).toEqual({ config: { ...DEFAULT_CONFIG, cell: 'gru' }, errors: {} });
    expect(state().linkNotices).toEqual(readLink('v=4&largest=-5').notices);
    expect(state().showExperiments).toBe(false);
    state().dismissLinkNotices();
    expect(state().linkNotices).toEqual([]);
  });

  it('opens an Act 1 model on its act, and classroom mode toggles', () => {
    state().openLink('v=4&model=mappingMlp');
    expect(state().draft.model).toBe('mappingMlp');
    expect(linkOf(state())).toBe('v=4&model=mappingMlp');
    state().setClassroom(true);
    expect(linkOf(state())).toBe('v=4&model=mappingMlp&class=1');
    state().setClassroom(false);
    expect(state().classroom).toBe(false);
  });
});
