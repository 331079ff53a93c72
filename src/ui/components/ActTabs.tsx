import { KINDS, MODELS } from '../../core/kinds';
import { useShallow } from 'zustand/react/shallow';
import { useCarryStore } from '../../store/store';
import { modelName } from '../format';

/** The lesson's acts as tabs; each keeps its own last run. */
export function ActTabs() {
  const act = useCarryStore((s) => s.draft.model);
  const setAct = useCarryStore((s) => s.setAct);
  const showExperiments = useCarryStore((s) => s.showExperiments);
  const setShowExperiments = useCarryStore((s) => s.setShowExperiments);
  const experimentStatus = useCarryStore((s) => s.experimentStatus);
  const statuses = useCarryStore(useShallow((s) => MODELS.map((m) => s.runs[m].status)));
  return (
    <nav className="panel acts" aria-label="Acts">
      <div role="tablist" aria-label="Which model" className="acts__tabs">
        {MODELS.map((m, i) => {
          const status = statuses[i];
          return (
            <button key={m} type="button" role="tab" id={`tab-${m}`} aria-selected={!showExperiments && act === m} className="acts__tab" onClick={() => { setShowExperiments(false); setAct(m); }}>
              {modelName(m)}
              {status !== 'idle' && <span className={`dot dot--${status}`} aria-label={status} title={status} />}
            </button>
          );
        })}
        <button type="button" role="tab" id="tab-experiments" aria-selected={showExperiments} className="acts__tab" onClick={() => setShowExperiments(true)}>
          Act 3 · Experiments
          {experimentStatus !== 'idle' && <span className={`dot dot--${experimentStatus === 'running' ? 'training' : experimentStatus}`} aria-label={experimentStatus} title={experimentStatus} />}
        </button>
      </div>
      <p className="acts__story">
        {showExperiments
          ? 'The lesson ends by inviting extensions: other operations, more numbers, brackets, other encodings, reversed answers, deeper or other cells. Each question below trains two or more models that differ in one thing and compares them.'
          : KINDS[act].story}
      </p>
    </nav>
  );
}
