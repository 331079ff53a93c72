import { useEffect, useRef, useState } from 'react';
import { configOf } from '../../store/configSlice';
import type { RunSummary } from '../../store/types';
import { useCarryStore, useRun } from '../../store/store';
import { busyModel } from '../../store/trainingSlice';
import { backendLabel, grouped, modelName, statusLine } from '../format';

const DONE_WORDS: Record<RunSummary['reason'], string> = {
  completed: 'finished',
  stopped: 'stopped',
  target: 'reached the target',
  time: 'hit the time limit',
  diverged: 'diverged',
};

/** Train, Pause/Resume, Stop, Reset, and the live status line. */
export function Controls() {
  const status = useRun('status');
  const draft = useCarryStore((s) => s.draft);
  const epochs = useRun('epochs');
  const backend = useRun('backend');
  const message = useRun('message');
  const summary = useRun('summary');
  const parameters = useRun('parameters');
  const checkpoint = useRun('checkpoint');
  const busy = useCarryStore((s) => busyModel(s));
  const elsewhere = busy !== undefined && busy !== draft.model;
  const { startTraining, pauseTraining, resumeTraining, stepTraining, stopTraining, resetTraining, continueFromCheckpoint, forgetBackendSpeeds } = useCarryStore.getState();
  const speedsKept = useCarryStore((s) => Object.keys(s.backendSpeeds).length > 0);
  // After "Measure again", focus moves to the line that says what happened (the button is gone).
  const [forgot, setForgot] = useState(false);
  const forgotLine = useRef<HTMLSpanElement>(null);
  // Once, when it appears: later renders (typing a setting) must not pull focus back.
  useEffect(() => {
    if (forgot) forgotLine.current?.focus();
  }, [forgot]);
  const invalid = useCarryStore((s) => Object.keys(configOf(s.draft).errors).length > 0);
  const running = status === 'training' || status === 'paused' || status === 'starting' || status === 'stopping';
  const last = epochs[epochs.length - 1];
  const seen = useRun('points').at(-1)?.examples;
  const source = useRun('source');

  return (
    <section className="panel controls" aria-label="Training controls">
      <div className="buttons">
        <button type="button" className="primary" disabled={running || invalid || elsewhere} onClick={startTraining} title={invalid ? 'Fix the settings marked in red first' : undefined}>
          Train
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={resumeTraining}>Resume</button>
        ) : (
          <button type="button" disabled={status !== 'training'} onClick={pauseTraining}>Pause</button>
        )}
        <button type="button" disabled={status !== 'paused'} onClick={(e) => stepTraining(e.shiftKey)} title="Train one batch while paused (Shift: to the end of the epoch)" aria-keyshortcuts="S">
          Step
        </button>
        <button type="button" disabled={!running || status === 'stopping'} onClick={stopTraining}>Stop</button>
        <button type="button" disabled={running || status === 'idle'} onClick={resetTraining}>Reset</button>
      </div>
      <p role="status" aria-label="Training status" className={`status status--${status}`} aria-live="polite" data-examples={seen}>
        {source && status === 'done' ? `${source.pretrained ? 'Pre-trained model' : `Loaded “${source.name}”`} · ${statusLine('training', last, undefined)}` : statusLine(status, last, backend && backendLabel(backend), message)}
        {status === 'paused' && seen !== undefined && ` · ${grouped(seen)} examples seen`}
        {status === 'done' && summary && !source && ` · ${DONE_WORDS[summary.reason]} after ${summary.seconds.toFixed(1)} s`}
      </p>
      {status === 'done' && message && <p className="note" role="alert">{message}</p>}
      {status === 'error' && checkpoint && (
        <p className="note">
          Your curves are kept, and the model was saved at the end of epoch {checkpoint.epoch}.{' '}
          <button type="button" onClick={continueFromCheckpoint} disabled={busy !== undefined}>Continue from epoch {checkpoint.epoch}</button>
        </p>
      )}
      {elsewhere && <p className="note">{modelName(busy)} is training: stop it or let it finish, then train this one.</p>}
      {parameters !== undefined && <p className="params-line">{grouped(parameters)} trainable parameters.</p>}
      {backend && backend.notes.length > 0 && (
        <p className="backend-notes">
          Backend: <strong>{backendLabel(backend)}</strong>. {backend.notes.join('; ')}.
          {backend.speeds && !running && (
            <>
              {' '}
              {speedsKept ? (
                <button type="button" className="link" onClick={() => { forgetBackendSpeeds(); setForgot(true); }} title="auto measures each backend again at the next Train">Measure again</button>
              ) : (
                forgot && <span ref={forgotLine} tabIndex={-1} role="status">Figures forgotten: the next Train measures every backend again.</span>
              )}
            </>
          )}
        </p>
      )}
    </section>
  );
}
