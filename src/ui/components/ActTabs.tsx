import { KINDS, MODELS } from '../../core/kinds';
import { useShallow } from 'zustand/react/shallow';
import { useCarryStore } from '../../store/store';
import { modelName } from '../format';

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
              {modelName(m)}
              {status !== 'idle' && <span className={`dot dot--${status}`} aria-label={status} title={status} />}
            </button>
          );
        })}
      </div>
      <p className="acts__story">{KINDS[act].story}</p>
    </nav>
  );
}
