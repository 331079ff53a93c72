import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import type { WorkerEvent, WorkerRequest } from '../../../src/worker/protocol';
import { createTrainingClient, HANG_TIMEOUT_MS, START_GRACE_MS, STOP_FINISH_MS, STOP_TIMEOUT_MS } from '../../../src/worker/trainingClient';

/** Stands in for the browser's Worker: records what it is sent, lets a test speak for it. */
class FakeWorker {
  static made: FakeWorker[] = [];
  sent: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((e: { data: WorkerEvent }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly url: URL;
  readonly options: { type: string };
  constructor(url: URL, options: { type: string }) {
    this.url = url;
    this.options = options;
    FakeWorker.made.push(this);
  }
  postMessage(m: WorkerRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  emit(event: WorkerEvent) {
    this.onmessage?.({ data: event });
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault: () => undefined });
  }
}

const start: WorkerRequest = { type: 'start', runId: 3, config: DEFAULT_CONFIG };
const PROGRESS = (runId: number): WorkerEvent => ({ type: 'progress', runId, points: [], epochs: [] });

/** Lets `ms` pass on fake timers while the worker beats once a second for `runId`, as a live one does. */
function alive(w: FakeWorker, runId: number, ms: number) {
  for (let t = 0; t < ms; t += 1000) {
    vi.advanceTimersByTime(Math.min(1000, ms - t));
    w.emit({ type: 'heartbeat', runId });
  }
}

/** A client (on fake timers) that started run 3 and asked it to stop; returns the events it reports. */
function startThenStop(): WorkerEvent[] {
  vi.useFakeTimers();
  const events: WorkerEvent[] = [];
  const client = createTrainingClient((e) => events.push(e));
  client.send(start);
  client.send({ type: 'stop', runId: 3 });
  return events;
}

describe('training client', () => {
  beforeEach(() => {
    FakeWorker.made = [];
    vi.stubGlobal('Worker', FakeWorker);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('starts one module worker lazily and forwards requests and events', () => {
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    expect(FakeWorker.made).toHaveLength(0);
    client.send(start);
    client.send({ type: 'pause', runId: 3 });
    expect(FakeWorker.made).toHaveLength(1);
    const [w] = FakeWorker.made;
    expect(w.options.type).toBe('module');
    expect(String(w.url)).toMatch(/training\.worker\.ts$/);
    expect(w.sent.map((m) => m.type)).toEqual(['init', 'start', 'pause']);
    w.emit({ type: 'paused', runId: 3 });
    expect(events).toEqual([{ type: 'paused', runId: 3 }]);
  });

  it('first tells each new worker how many wasm threads to use: every core but one', () => {
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    const client = createTrainingClient(() => undefined);
    client.send(start);
    expect(FakeWorker.made[0].sent[0]).toEqual({ type: 'init', runId: 0, wasmThreads: 7 });
    client.terminate();
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    client.send(start);
    expect(FakeWorker.made[1].sent[0]).toEqual({ type: 'init', runId: 0, wasmThreads: 1 });
  });

  it('turns a worker crash into a workerLost event for the current run, and respawns on the next request', () => {
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    FakeWorker.made[0].crash('out of memory');
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'workerLost', runId: 3, message: expect.stringContaining('out of memory') });
    client.send({ ...start, runId: 4 });
    expect(FakeWorker.made).toHaveLength(2);
    expect(FakeWorker.made[1].sent[1]).toMatchObject({ type: 'start', runId: 4 });
  });

  it('replaces a worker that does not answer a stop in time', () => {
    const events = startThenStop();
    vi.advanceTimersByTime(STOP_TIMEOUT_MS - 1);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events[0]).toMatchObject({ type: 'workerLost', runId: 3, message: expect.stringMatching(/did not stop in time/) });
  });

  it('only the stop’s acknowledgement gives it longer, and only the run’s end ends the watch: progress in flight does neither', () => {
    const events = startThenStop();
    FakeWorker.made[0].emit({ type: 'progress', runId: 3, points: [], epochs: [] });
    vi.advanceTimersByTime(STOP_TIMEOUT_MS - 1);
    expect(FakeWorker.made[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 3, message: expect.stringContaining('did not stop in time') });
  });

  it('gives an acknowledged stop longer, and keeps the worker once the run is done', () => {
    const events = startThenStop();
    FakeWorker.made[0].emit({ type: 'stopping', runId: 3 });
    alive(FakeWorker.made[0], 3, STOP_FINISH_MS - 1);
    expect(FakeWorker.made[0].terminated).toBe(false);
    FakeWorker.made[0].emit({ type: 'done', runId: 3, summary: { reason: 'stopped', seconds: 1, examples: 1, epochs: 1, exactMatch: 0, perSymbolAccuracy: 0, rmse: 0, loss: 1 } });
    vi.advanceTimersByTime(STOP_FINISH_MS * 2);
    expect(FakeWorker.made[0].terminated).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['stopping', 'done']);
  });

  it('replaces a worker that acknowledged a stop but never finished the run', () => {
    const events = startThenStop();
    FakeWorker.made[0].emit({ type: 'stopping', runId: 3 });
    vi.advanceTimersByTime(STOP_FINISH_MS);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 3 });
  });

  it('an experiment is a run too: a crash names it, and its end stops the stop watch', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send({ type: 'experiment', runId: 7, arms: [], maxSeconds: 5 });
    client.send({ type: 'stop', runId: 7 });
    FakeWorker.made[0].emit({ type: 'stopping', runId: 7 });
    FakeWorker.made[0].emit({ type: 'experimentDone', runId: 7, results: [], stopped: true });
    vi.advanceTimersByTime(STOP_FINISH_MS * 2);
    expect(FakeWorker.made[0].terminated).toBe(false);
    FakeWorker.made[0].crash('trap');
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 7 });
  });

  it('only a stop arms the watch, and only the stopped run’s end (done or error) disarms it', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    client.send({ type: 'pause', runId: 3 });
    alive(FakeWorker.made[0], 3, STOP_FINISH_MS * 2);
    expect(FakeWorker.made[0].terminated).toBe(false);
    client.send({ type: 'stop', runId: 3 });
    // Another run's end, or another run's stopping, does not count.
    FakeWorker.made[0].emit({ type: 'stopping', runId: 2 });
    FakeWorker.made[0].emit({ type: 'error', runId: 2, message: 'old' });
    vi.advanceTimersByTime(STOP_TIMEOUT_MS);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 3 });
    // A failed run ends the watch too.
    client.send({ ...start, runId: 4 });
    client.send({ type: 'stop', runId: 4 });
    FakeWorker.made[1].emit({ type: 'error', runId: 4, message: 'boom' });
    vi.advanceTimersByTime(STOP_FINISH_MS * 2);
    expect(FakeWorker.made[1].terminated).toBe(false);
  });

  it('terminate ends the watch; a crash names the last started run, not the last request', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    client.send({ type: 'stop', runId: 3 });
    client.terminate();
    expect(FakeWorker.made[0].terminated).toBe(true);
    vi.advanceTimersByTime(STOP_FINISH_MS * 2);
    expect(events).toEqual([]);
    client.send({ ...start, runId: 5 });
    client.send({ type: 'predict', runId: 9, requestId: 1, model: 'seq2seq', text: '1+1' });
    FakeWorker.made[1].crash('');
    expect(events.at(-1)).toEqual({ type: 'workerLost', runId: 5, message: 'The training worker crashed (no message); it will restart on the next run.' });
  });

  it('replaces a worker silent for HANG_TIMEOUT_MS once its run shows progress (START_GRACE_MS before), and says so', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    const [w] = FakeWorker.made;
    // Choosing and measuring backends may hold the worker for a while: the longer grace applies.
    vi.advanceTimersByTime(START_GRACE_MS - 1);
    expect(w.terminated).toBe(false);
    w.emit({ type: 'backend', runId: 3, requested: 'auto', active: 'wasm', notes: [] });
    vi.advanceTimersByTime(START_GRACE_MS - 1);
    expect(w.terminated).toBe(false);
    w.emit(PROGRESS(3));
    // Heartbeats and events keep it alive, and heartbeats are not passed on.
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(HANG_TIMEOUT_MS - 1);
      w.emit({ type: 'heartbeat', runId: 3 });
    }
    expect(w.terminated).toBe(false);
    expect(events.map((e) => e.type)).toEqual(['backend', 'progress']);
    vi.advanceTimersByTime(HANG_TIMEOUT_MS - 1);
    expect(w.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(w.terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 3, message: expect.stringContaining('stopped answering for 5 s') });
    // The next request starts a fresh worker.
    client.send({ ...start, runId: 4 });
    expect(FakeWorker.made).toHaveLength(2);
  });

  it('a run that never gets going is lost after START_GRACE_MS', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    vi.advanceTimersByTime(START_GRACE_MS);
    expect(FakeWorker.made[0].terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 3, message: expect.stringContaining('for 20 s') });
  });

  it('a page that was frozen past the deadline looks again before calling the worker lost', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    const [w] = FakeWorker.made;
    w.emit(PROGRESS(3));
    // The page's clock jumps 10 s with no timer run (a frozen tab), then the timer fires: it is late, so it waits again.
    vi.setSystemTime(Date.now() + 10_000);
    vi.advanceTimersByTime(HANG_TIMEOUT_MS);
    expect(w.terminated).toBe(false);
    // The queued heartbeat arrives and keeps it alive; true silence after that ends it.
    w.emit({ type: 'heartbeat', runId: 3 });
    vi.advanceTimersByTime(HANG_TIMEOUT_MS);
    expect(w.terminated).toBe(true);
  });

  it('stops watching when the run ends; a new run is watched alone, and an older run’s messages do not keep it alive', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    const [w] = FakeWorker.made;
    w.emit(PROGRESS(3));
    w.emit({ type: 'done', runId: 3, summary: { reason: 'completed', seconds: 1, examples: 1, epochs: 1, exactMatch: 0, perSymbolAccuracy: 0, rmse: 0, loss: 1 } });
    vi.advanceTimersByTime(10 * START_GRACE_MS);
    expect(w.terminated).toBe(false);
    // Run 5 starts while run 4 is still watched (its end never came): the watch moves to run 5.
    client.send({ ...start, runId: 4 });
    w.emit(PROGRESS(4));
    client.send({ ...start, runId: 5 });
    w.emit(PROGRESS(5));
    vi.advanceTimersByTime(HANG_TIMEOUT_MS - 10);
    w.emit({ type: 'heartbeat', runId: 3 });
    w.emit({ type: 'heartbeat', runId: 4 });
    vi.advanceTimersByTime(10);
    expect(w.terminated).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: 'workerLost', runId: 5 });
  });

  it('an experiment is watched until experimentDone, its arm progress counting as progress', () => {
    vi.useFakeTimers();
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send({ type: 'experiment', runId: 8, arms: [], maxSeconds: 1 });
    const [w] = FakeWorker.made;
    w.emit({ type: 'backend', runId: 8, requested: 'auto', active: 'wasm', notes: [] });
    w.emit({ type: 'armProgress', runId: 8, arm: 0, points: [] });
    vi.advanceTimersByTime(HANG_TIMEOUT_MS - 1);
    w.emit({ type: 'heartbeat', runId: 8 });
    vi.advanceTimersByTime(HANG_TIMEOUT_MS - 1);
    expect(w.terminated).toBe(false);
    w.emit({ type: 'experimentDone', runId: 8, results: [], stopped: false });
    vi.advanceTimersByTime(10 * START_GRACE_MS);
    expect(w.terminated).toBe(false);
    // Without one: lost after the short watch.
    client.send({ type: 'experiment', runId: 9, arms: [], maxSeconds: 1 });
    w.emit({ type: 'armProgress', runId: 9, arm: 0, points: [] });
    vi.advanceTimersByTime(HANG_TIMEOUT_MS);
    expect(w.terminated).toBe(true);
  });

  it('an unreadable message from the worker is an error of the current run', () => {
    const events: WorkerEvent[] = [];
    const client = createTrainingClient((e) => events.push(e));
    client.send(start);
    FakeWorker.made[0].onmessageerror?.();
    expect(events).toEqual([{ type: 'error', runId: 3, message: 'A message from the training worker could not be read.' }]);
  });
});
