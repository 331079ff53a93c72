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
import { useCarryStore } from './store/store';

/** Carry: watch a recurrent network learn to add. */
export function App() {
  const showExperiments = useCarryStore((s) => s.showExperiments);
  return (
    <div className="app">
      <header className="app__header">
        <h1>Carry</h1>
        <p>Watch a recurrent network learn to add: characters in (<code>50+11</code>), characters out (<code>61</code>).</p>
      </header>
      <main className="app__main">
        <ConfigPanel />
        <div className="app__work">
          <ActTabs />
          {showExperiments ? (
            <Experiments />
          ) : (
          <>
          <Controls />
          <TrainingCharts />
          <div className="app__pair">
            <PredictionTable />
            <YourSum />
          </div>
          <Inspector />
          <div className="app__pair">
            <ShuffleTest />
            <Compare />
          </div>
          </>
          )}
          <WhyFast />
        </div>
      </main>
    </div>
  );
}
