import { MODELS, type ModelKind } from '../../core/config';
import { useShallow } from 'zustand/react/shallow';
import { useCarryStore } from '../../store/store';
import { MODEL_NAMES } from '../format';

const STORY: Record<ModelKind, string> = {
  mappingLstm:
    'The beginner’s framing: divide the numbers by largest × n_numbers, feed them to an LSTM one per time step, and regress their (scaled) sum. It looks like it learns to add…',
  mappingMlp:
    '…but a plain three-layer perceptron does the same mapping better, and faster. The order of the numbers never mattered: this is not a sequence problem. Try the shuffle test.',
  seq2seq:
    'Characters in, characters out: read "50+11" symbol by symbol, write "61" symbol by symbol. Now order matters: shuffle the characters and the answers fall apart.',
};

/** The lesson's acts as tabs; each keeps its own last run. */
export function ActTabs() {
  const act = useCarryStore((s) => s.draft.model);
  const setAct = useCarryStore((s) => s.setAct);
  const statuses = useCarryStore(useShallow((s) => MODELS.map((m) => s.runs[m].status)));
  return (
    <nav className="panel acts" aria-label="Acts">
      <div role="tablist" aria-label="Which model" className="acts__tabs">
        {MODELS.map((m, i) => {
          const status = statuses[i];
          return (
            <button key={m} type="button" role="tab" id={`tab-${m}`} aria-selected={act === m} className="acts__tab" onClick={() => setAct(m)}>
              {MODEL_NAMES[m]}
              {status !== 'idle' && <span className={`dot dot--${status}`} aria-label={status} title={status} />}
            </button>
          );
        })}
      </div>
      <p className="acts__story">{STORY[act]}</p>
    </nav>
  );
}
