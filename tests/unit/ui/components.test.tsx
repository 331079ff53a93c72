// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHOICE_FIELDS, DEFAULT_CONFIG, FIELD_LABELS } from '../../../src/core/config';
import type { WorkerRequest } from '../../../src/worker/protocol';

const sent: WorkerRequest[] = [];
vi.mock('../../../src/store/client', () => ({ client: () => ({ send: (r: WorkerRequest) => sent.push(r), terminate: () => undefined }), setEventSink: () => undefined }));
// No shipped model in these tests (and no request to happy-dom's pretend origin).
vi.mock('../../../src/store/storage', () => ({
  storage: { shipped: () => Promise.reject(new Error('offline')), list: async () => [], read: async () => undefined, write: async () => undefined, remove: async () => undefined },
  speedStorage: { read: () => ({}), write: () => undefined },
}));

const { useCarryStore } = await import('../../../src/store/store');
const { emptyRun } = await import('../../../src/store/trainingSlice');
const { ConfigPanel } = await import('../../../src/ui/components/ConfigPanel');
const { Controls } = await import('../../../src/ui/components/Controls');
const { YourSum } = await import('../../../src/ui/components/YourSum');
const { PredictionTable } = await import('../../../src/ui/components/PredictionTable');
const { LongerNumbers } = await import('../../../src/ui/components/LongerNumbers');
const { ErrorMap } = await import('../../../src/ui/components/ErrorMap');
const initial = useCarryStore.getState();

type RunState = ReturnType<typeof emptyRun>;
const setRun = (change: Partial<RunState>) =>
  act(() => useCarryStore.setState((s) => ({ runs: { ...s.runs, seq2seq: { ...s.runs.seq2seq, ...change } } })));

beforeEach(() => {
  sent.length = 0;
  useCarryStore.setState(initial, true);
});
afterEach(cleanup);

describe('ConfigPanel', () => {
  it('shows an error beside the field it is about, tied to it for screen readers', () => {
    render(<ConfigPanel />);
    const batch = screen.getByLabelText('batch size');
    fireEvent.change(batch, { target: { value: '0' } });
    expect(batch.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(batch.getAttribute('aria-describedby')!.split(' ')[0])!;
    expect(error.textContent).toBe('batch size must be from 1 to 1,000');
    expect(error.getAttribute('role')).toBe('alert');
    // Other fields stay valid.
    expect(screen.getByLabelText('largest').getAttribute('aria-invalid')).toBe('false');
    fireEvent.change(batch, { target: { value: '50' } });
    expect(batch.getAttribute('aria-invalid')).toBe('false');
  });

  it('refuses brackets with two numbers on the brackets checkbox, and n_numbers carries a fixed min_numbers along', () => {
    render(<ConfigPanel />);
    fireEvent.click(screen.getByLabelText('brackets (3 or more numbers)'));
    expect(screen.getByText('brackets need n_numbers of 3 or more')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('n_numbers'), { target: { value: '3' } });
    expect((screen.getByLabelText('min_numbers') as HTMLInputElement).value).toBe('3');
    expect(screen.queryByText('brackets need n_numbers of 3 or more')).toBeNull();
    expect(screen.getByLabelText('Estimate').textContent).toMatch(/parameters · ≈ .* per epoch · ≈ \d+ MB per step/);
  });

  it('shows the seq2seq model fields for Act 2 and only the architecture for Act 1', () => {
    render(<ConfigPanel />);
    expect(screen.getByLabelText('encoder units')).toBeTruthy();
    expect(screen.queryByLabelText('embedding size')).toBeNull(); // only with a learned embedding
    fireEvent.change(screen.getByLabelText('encoding'), { target: { value: 'embedding' } });
    expect(screen.getByLabelText('embedding size')).toBeTruthy();
    act(() => useCarryStore.getState().setAct('mappingMlp'));
    expect(screen.queryByLabelText('encoder units')).toBeNull();
    expect(screen.getByText(/Dense\(4\) → Dense\(2\) → Dense\(1\)/)).toBeTruthy();
  });

  it('test largest: an Act 2 field next to largest, refused at or below largest beside it, and shown in the widths', () => {
    render(<ConfigPanel />);
    const field = screen.getByLabelText('test largest') as HTMLInputElement;
    expect(field.value).toBe('0');
    fireEvent.change(field, { target: { value: '50' } });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(field.getAttribute('aria-describedby')!.split(' ')[0])!;
    expect(error.textContent).toBe('test largest must be more than largest (100), or 0 (off)');
    fireEvent.change(field, { target: { value: '9999' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByText(/input 9 symbols, answer 5 \(room for terms up to 9999\)/)).toBeTruthy();
    act(() => useCarryStore.getState().setAct('mappingMlp'));
    expect(screen.queryByLabelText('test largest')).toBeNull();
  });

  it('every list setting offers its field table\'s choices, each in words, and a choice reaches the draft', () => {
    render(<ConfigPanel />);
    for (const name of ['cell', 'encoding', 'decoder', 'padding', 'sampling', 'backend', 'decay', 'recurrentInit'] as const) {
      const select = screen.getByLabelText(FIELD_LABELS[name]) as HTMLSelectElement;
      expect([...select.options].map((o) => o.value), name).toEqual([...CHOICE_FIELDS[name]]);
      expect([...select.options].every((o) => (o.textContent ?? '').length > 0), name).toBe(true);
      const other = CHOICE_FIELDS[name].find((v) => v !== select.value)!;
      fireEvent.change(select, { target: { value: other } });
      expect(useCarryStore.getState().draft[name], name).toBe(other);
    }
  });

  it('offers the recurrent init, Glorot by default, and a choice reaches the draft', () => {
    render(<ConfigPanel />);
    const init = screen.getByLabelText('recurrent init') as HTMLSelectElement;
    expect(init.value).toBe(DEFAULT_CONFIG.recurrentInit);
    expect([...init.options].map((o) => o.value)).toEqual(['glorot', 'orthogonal', 'orthogonal-gates']);
    fireEvent.change(init, { target: { value: 'orthogonal' } });
    expect(useCarryStore.getState().draft.recurrentInit).toBe('orthogonal');
  });

  it('offers the hard-example share, 0 by default, and checks its range', () => {
    render(<ConfigPanel />);
    const share = screen.getByLabelText('hard-example share') as HTMLInputElement;
    expect(share.value).toBe('0');
    fireEvent.change(share, { target: { value: '0.95' } });
    expect(share.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(share, { target: { value: '0.25' } });
    expect(useCarryStore.getState().draft.hardShare).toBe('0.25');
    expect(share.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('offers the units weight and weight averaging at the seq2seq defaults (5 until 20 %, decay 0.95), and checks their ranges', () => {
    render(<ConfigPanel />);
    const weight = screen.getByLabelText('units position loss weight') as HTMLInputElement;
    const until = screen.getByLabelText('units weight until exact-match %') as HTMLInputElement;
    const decay = screen.getByLabelText('weight average decay') as HTMLInputElement;
    expect([weight.value, until.value, decay.value]).toEqual(['5', '20', '0.95']);
    fireEvent.change(decay, { target: { value: '1' } });
    expect(decay.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(decay, { target: { value: '0' } });
    expect(useCarryStore.getState().draft.averageDecay).toBe('0');
    expect(decay.getAttribute('aria-invalid')).not.toBe('true');
    // The settings off by default are there too, off.
    for (const [label, value] of [['Adam beta1', '0.9'], ['Adam epsilon', '0'], ['cut again at exact-match %', '0'], ['label smoothing', '0'], ['hard examples from exact-match %', '0'], ['rare lengths from exact-match %', '0'], ['early rate factor', '1']]) {
      expect((screen.getByLabelText(label) as HTMLInputElement).value).toBe(value);
    }
  });

  it('locks every field while a run is going', () => {
    render(<ConfigPanel />);
    setRun({ status: 'training', runId: 1 });
    expect((screen.getByLabelText('largest') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('operators') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/Settings apply to the next run/)).toBeTruthy();
  });
});

describe('Controls', () => {
  const enabled = () =>
    Object.fromEntries(
      within(screen.getByRole('region', { name: 'Training controls' }))
        .getAllByRole('button')
        .map((b) => [b.textContent, !(b as HTMLButtonElement).disabled]),
    );

  it.each([
    ['idle', { Train: true, Pause: false, Step: false, Stop: false, Reset: false }],
    ['starting', { Train: false, Pause: false, Step: false, Stop: true, Reset: false }],
    ['training', { Train: false, Pause: true, Step: false, Stop: true, Reset: false }],
    ['paused', { Train: false, Resume: true, Step: true, Stop: true, Reset: false }],
    ['stopping', { Train: false, Pause: false, Step: false, Stop: false, Reset: false }],
    ['done', { Train: true, Pause: false, Step: false, Stop: false, Reset: true }],
    ['error', { Train: true, Pause: false, Step: false, Stop: false, Reset: true }],
  ] as const)('%s: %j', (status, buttons) => {
    render(<Controls />);
    setRun({ status, runId: 1 });
    expect(enabled()).toEqual(buttons);
  });

  it('Step sends one batch, Shift+Step the rest of the epoch, for the paused run', () => {
    render(<Controls />);
    setRun({ status: 'paused', runId: 4 });
    fireEvent.click(screen.getByRole('button', { name: 'Step' }));
    fireEvent.click(screen.getByRole('button', { name: 'Step' }), { shiftKey: true });
    expect(sent.slice(-2)).toEqual([
      { type: 'step', runId: 4, epoch: false },
      { type: 'step', runId: 4, epoch: true },
    ]);
  });

  it('keeps Train off while the settings have an error, and says why', () => {
    render(<Controls />);
    act(() => useCarryStore.getState().setField('largest', 'abc'));
    const train = screen.getByRole('button', { name: 'Train' }) as HTMLButtonElement;
    expect(train.disabled).toBe(true);
    expect(train.title).toBe('Fix the settings marked in red first');
  });

  it('Train sends a start with the typed config; after a crash it offers to continue from the checkpoint', () => {
    render(<Controls />);
    fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(sent.at(-1)).toMatchObject({ type: 'start', config: { ...DEFAULT_CONFIG } });
    setRun({ status: 'error', message: 'The training worker crashed', checkpoint: { epoch: 4, examples: 4000, step: 40, seconds: 3, weights: [] }, trainedConfig: DEFAULT_CONFIG });
    expect(screen.getByRole('status', { name: 'Training status' }).textContent).toMatch(/^Error: The training worker crashed/);
    fireEvent.click(screen.getByRole('button', { name: 'Continue from epoch 4' }));
    expect(sent.at(-1)).toMatchObject({ type: 'start', resume: { epoch: 4 } });
  });
});

describe('Controls: the backend', () => {
  it('names the backend, its threads and its measured speed; Measure again forgets the figures once the run is over', () => {
    render(<Controls />);
    const speeds = [{ backend: 'wasm' as const, examplesPerSecond: 2448 }, { backend: 'webgl' as const, examplesPerSecond: 454 }, { backend: 'webgpu' as const, examplesPerSecond: null, note: 'not available' }];
    act(() => useCarryStore.setState({ backendSpeeds: { k: speeds } }));
    setRun({ status: 'training', runId: 2, backend: { active: 'wasm', threads: 1, speeds, notes: ['auto measured in 3.9 s: wasm 2\u2009448 ex/s · webgl 454 ex/s · webgpu not available'] } });
    const status = () => screen.getByRole('status', { name: 'Training status' }).textContent;
    expect(status()).toBe('Training · wasm, 1 thread, measured 2\u2009448 ex/s');
    expect(screen.queryByRole('button', { name: 'Measure again' })).toBeNull();
    setRun({ status: 'done', runId: 2, backend: { active: 'webgl', threads: undefined, speeds, notes: ['x'] } });
    expect(status()).toMatch(/· webgl, measured 454 ex\/s$/);
    fireEvent.click(screen.getByRole('button', { name: 'Measure again' }));
    expect(useCarryStore.getState().backendSpeeds).toEqual({});
    expect(screen.queryByRole('button', { name: 'Measure again' })).toBeNull();
    // Focus goes to the line that says what happened, not to the page.
    expect(document.activeElement?.textContent).toBe('Figures forgotten: the next Train measures every backend again.');
    // Typing a setting afterwards keeps its focus (the line takes focus once, when it appears).
    const outside = document.createElement('input');
    document.body.append(outside);
    outside.focus();
    act(() => useCarryStore.getState().setField('largest', '12'));
    expect(document.activeElement).toBe(outside);
    outside.remove();
    setRun({ status: 'done', runId: 2, backend: { active: 'wasm', threads: 4, notes: [] } });
    expect(status()).toMatch(/· wasm, 4 threads$/);
  });
});

describe('YourSum', () => {
  it('before training: a hint with an example of the problem, no answer', () => {
    render(<YourSum />);
    expect(screen.getByText('Train a model, then type a sum such as 50+11.')).toBeTruthy();
    expect(screen.getByLabelText('Model answer').textContent).toBe('–');
  });

  it('checks a typed sum against the trained model and shows the message beside the box', () => {
    setRun({ status: 'done', runId: 1, trainedConfig: DEFAULT_CONFIG });
    render(<YourSum />);
    fireEvent.change(screen.getByLabelText('Your sum'), { target: { value: '5+x' } });
    const box = screen.getByLabelText('Your sum');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe("'x' is not allowed: use the digits 0–9 and +.");
    expect(sent.filter((r) => r.type === 'predict')).toHaveLength(0);
    fireEvent.change(box, { target: { value: '50+11' } });
    expect(sent.at(-1)).toMatchObject({ type: 'predict', text: '50+11', model: 'seq2seq' });
  });

  it('shows the answer, whether it is right, and one probability bar per answer position', () => {
    setRun({ status: 'done', runId: 1, trainedConfig: DEFAULT_CONFIG });
    render(<YourSum />);
    const p = (code: number, sure: number) => Array.from({ length: 12 }, (_, k) => (k === code ? sure : (1 - sure) / 11));
    act(() =>
      useCarryStore.setState({
        answer: { ok: true, model: 'seq2seq', input: '  50+11', expected: ' 61', answer: ' 62', value: 62, probabilities: [p(11, 0.99), p(6, 0.9), p(2, 0.55)], outsideRange: false },
      }),
    );
    expect(screen.getByLabelText('Model answer').textContent).toBe('62');
    expect(screen.getByText('✗ the answer is 61')).toBeTruthy();
    const bars = within(screen.getByLabelText('Probability of each answer position'));
    expect(bars.getAllByText(/ %$/).map((e) => e.textContent)).toEqual(['99.0 %', '90.0 %', '55.0 %']);
    expect(document.querySelectorAll('.bar__symbol code').length).toBe(3);
    expect(Array.from(document.querySelectorAll('.bar__symbol code'), (e) => e.textContent)).toEqual(['·', '6', '2']);
    // A RepeatVector model has no attention to show.
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("an attention model's weights: a table, answer symbols × input symbols, with a caption and a summary of where each looks most", () => {
    setRun({ status: 'done', runId: 1, trainedConfig: { ...DEFAULT_CONFIG, decoder: 'attention' } });
    render(<YourSum />);
    const p = (code: number) => Array.from({ length: 12 }, (_, k) => (k === code ? 0.9 : 0.1 / 11));
    const row = (at: number, w: number) => Array.from({ length: 7 }, (_, i) => (i === at ? w : (1 - w) / 6));
    act(() =>
      useCarryStore.setState({
        answer: {
          ok: true, model: 'seq2seq', input: '  50+11', expected: ' 61', answer: ' 61', value: 61,
          probabilities: [p(11), p(6), p(1)], attention: [row(0, 0.5), row(2, 0.7), row(6, 1)], outsideRange: false,
        },
      }),
    );
    const table = screen.getByRole('table', { name: /Attention: where each answer symbol looks in the input/ });
    const header = within(table).getAllByRole('columnheader').map((c) => c.textContent);
    expect(header).toEqual(['answer ↓ input →', '␣', '␣', '5', '0', '+', '1', '1']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['1 · ␣', '2 · 6', '3 · 1']);
    expect(within(rows[1]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['.05', '.05', '.70', '.05', '.05', '.05', '.05']);
    expect(within(rows[2]).getAllByRole('cell').at(-1)!.textContent).toBe('1');
    const summary = document.getElementById(table.getAttribute('aria-describedby')!)!;
    expect(summary.textContent).toBe('Where each answer symbol looks most: ␣ ← ␣ (input 1, 50.0 %); 6 ← 5 (input 3, 70.0 %); 1 ← 1 (input 7, 100.0 %).');
  });
});

describe('PredictionTable', () => {
  it('lists the held-out sums with padding shown and a right/wrong mark as text', () => {
    render(<PredictionTable />);
    expect(screen.getByText(/Press Train/)).toBeTruthy();
    setRun({
      epochs: [{ epoch: 3, examples: 3000, seconds: 1, loss: 1, perSymbolAccuracy: 0.5, exactMatch: 0.5, rmse: 1, examplesPerSecond: 1, heldOut: 200, table: [] }],
      table: [
        { input: '  50+11', expected: ' 61', predicted: ' 61', correct: true },
        { input: '    5+3', expected: '  8', predicted: '  9', correct: false },
      ],
    });
    const rows = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['··50+11', '·61', '·61', '✓ right'],
      ['····5+3', '··8', '··9', '✗ wrong'],
    ]);
    expect(screen.getByRole('heading').textContent).toMatch(/epoch 3 · 1\/2 right/);
  });

  it('shows a mapping model’s raw value and its error', () => {
    render(<PredictionTable />);
    setRun({ table: [{ input: '50+11', expected: '61', predicted: '62', correct: false, value: 61.6 }] });
    const cells = within(screen.getAllByRole('row')[1]).getAllByRole('cell').map((c) => c.textContent);
    expect(cells).toEqual(['50+11', '61', '61.60 → 62', '✗ wrong', '0.60']);
  });
});

describe('ErrorMap', () => {
  /** A map of a + b over the given axis, every cell right except those listed. */
  const mapOf = (epoch: number, axis: number[], wrong: number[], live?: boolean) => {
    const right = new Uint8Array(axis.length ** 2).fill(1);
    for (const i of wrong) right[i] = 0;
    const answers = axis.flatMap((a) => axis.map((b) => String(a + b)));
    return { op: '+' as const, rows: axis, cols: axis, epoch, ...(live ? { live } : {}), right, sure: new Uint8Array(right.length).fill(255), answers };
  };

  it('says a map made while training is a smaller evenly spaced grid, and replays an epoch on its own grid', () => {
    const live = mapOf(2, [1, 3, 4], [0], true);
    const full = mapOf(5, [1, 2, 3, 4], [3]);
    setRun({ errorMap: live, mapSnapshots: [live] });
    render(<ErrorMap />);
    expect(screen.getByRole('heading', { name: /Error map/ }).textContent).toContain('3 × 3 evenly spaced while training (every sum when it ends)');
    expect(screen.getByText('1 of 9 wrong.')).toBeTruthy();
    setRun({ errorMap: full, mapSnapshots: [live, full] });
    expect(screen.getByRole('heading', { name: /Error map/ }).textContent).not.toContain('evenly spaced');
    expect(screen.getByText('1 of 16 wrong.')).toBeTruthy();
    // Back to epoch 2: its 3 × 3 grid, its own count, and its own sums under the cursor.
    fireEvent.change(screen.getByLabelText('Replay the map by epoch'), { target: { value: '0' } });
    expect(screen.getByText('1 of 9 wrong.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Error map/ }).textContent).toContain('3 × 3 evenly spaced while training');
    const grid = screen.getByRole('application', { name: 'Error map' });
    fireEvent.focus(grid);
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(screen.getByRole('status').textContent).toBe('1+4: right at epoch 2, 100 % sure');
  });
});

describe('LongerNumbers', () => {
  const wide = { ...DEFAULT_CONFIG, largest: 9, testLargest: 99 };
  const cell = (aDigits: number, bDigits: number, right: number, inRange: number) => ({ aDigits, bDigits, count: 100, right, inRange: { count: inRange, right: inRange ? right : 0 } });
  const report = {
    largest: 9,
    testLargest: 99,
    digits: [1, 2],
    cells: [cell(1, 1, 97, 100), cell(1, 2, 3, 0), cell(2, 1, 2, 0), cell(2, 2, 0, 0)],
    inRange: { count: 100, right: 97 },
    beyond: { count: 300, right: 5 },
    examples: [{ sum: '4+5', expected: '9', predicted: '9', correct: true }, { sum: '45+67', expected: '112', predicted: '19', correct: false }],
  };

  it('says why a model trained without room cannot be scored, with no button', () => {
    setRun({ status: 'done', runId: 1, trainedConfig: DEFAULT_CONFIG });
    render(<LongerNumbers disabled={false} />);
    expect(screen.getByText(/trained without room for longer numbers: set test largest above largest \(100\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Score on longer numbers' })).toBeNull();
  });

  it('scores on demand, then shows the grid of digits of a × digits of b with counts, the in-range cell marked, and a summary', () => {
    setRun({ status: 'done', runId: 3, trainedConfig: wide });
    render(<LongerNumbers disabled={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Score on longer numbers' }));
    expect(sent.at(-1)).toMatchObject({ type: 'longer', runId: 3, model: 'seq2seq' });
    act(() => useCarryStore.setState((s) => ({ longerReports: { ...s.longerReports, seq2seq: report } })));
    expect(screen.getByRole('status').textContent).toBe('Terms up to largest (9): 97.0 % of 100 sums right. Past largest, up to test largest (99): 1.7 % of 300 sums right.');
    const grid = screen.getByRole('table', { name: /Exact-match by digits of a \(rows\) and of b \(columns\)/ });
    const rows = within(grid).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'digits of ab: 1 digitb: 2 digits',
      'a: 1 digit97.0 %of 100, in range3.0 %of 100, beyond largest',
      'a: 2 digits2.0 %of 100, beyond largest0.0 %of 100, beyond largest',
    ]);
    expect(within(grid).getByText('97.0 %', { exact: false }).closest('td')!.className).toContain('longer__cell--in');
    expect(screen.getByRole('table', { name: 'One longer sum per length' }).textContent).toContain('45+6711219 ✗');
  });

  it('shows the worker’s refusal beside the button', () => {
    setRun({ status: 'done', runId: 3, trainedConfig: wide });
    act(() => useCarryStore.setState({ longerError: 'Train this model first.' }));
    render(<LongerNumbers disabled={false} />);
    expect(screen.getByRole('alert').textContent).toBe('Train this model first.');
  });
});
