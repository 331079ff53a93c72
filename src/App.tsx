import { useCallback, useState } from 'react';
import { TrainingCharts } from './ui/charts/TrainingCharts';
import { ActTabs } from './ui/components/ActTabs';
import { Compare } from './ui/components/Compare';
import { ConfigPanel } from './ui/components/ConfigPanel';
import { Controls } from './ui/components/Controls';
import { Inspector } from './ui/components/Inspector';
import { PredictionTable } from './ui/components/PredictionTable';
import { ShuffleTest } from './ui/components/ShuffleTest';
import { WhyFast } from './ui/components/WhyFast';
import { Experiments } from './ui/components/Experiments';
import { YourSum } from './ui/components/YourSum';
import { LinkNotices, ShareBar } from './ui/components/ShareBar';
import { Shortcuts } from './ui/components/Shortcuts';
import { ModelsPanel } from './ui/components/ModelsPanel';
import { RunsPanel } from './ui/components/RunsPanel';
import { SeeInside } from './ui/components/SeeInside';
import { ErrorMap } from './ui/components/ErrorMap';
import { useLinkInUrl } from './ui/hooks/useLinkInUrl';
import { useShortcuts } from './ui/hooks/useShortcuts';
import { useCarryStore } from './store/store';

/** Carry: watch a recurrent network learn to add. */
export function App() {
  const showExperiments = useCarryStore((s) => s.showExperiments);
  const classroom = useCarryStore((s) => s.classroom);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useLinkInUrl();
  useShortcuts(toggleHelp);
  return (
    <div className={`app${classroom ? ' app--classroom' : ''}`}>
      <header className="app__header">
        <h1>Carry</h1>
        <p>Watch a recurrent network learn to add: characters in (<code>50+11</code>), characters out (<code>61</code>).</p>
        <ShareBar />
      </header>
      <LinkNotices />
      {help && <Shortcuts onClose={() => setHelp(false)} />}
      <main className="app__main">
        <ConfigPanel />
        <div className="app__work">
          <ActTabs />
          {showExperiments ? (
            <Experiments />
          ) : (
            <>
              <Controls />
              {classroom ? (
                <>
                  <YourSum />
                  <TrainingCharts />
                  <PredictionTable />
                </>
              ) : (
                <>
                  <TrainingCharts />
                  <div className="app__pair">
                    <PredictionTable />
                    <YourSum />
                  </div>
                  <ErrorMap />
                  <SeeInside />
                  <RunsPanel />
                  <ModelsPanel />
                  <Inspector />
                  <div className="app__pair">
                    <ShuffleTest />
                    <Compare />
                  </div>
                </>
              )}
            </>
          )}
          {!classroom && <WhyFast />}
        </div>
      </main>
    </div>
  );
}
