import { SHORTCUTS } from '../hooks/useShortcuts';

/** The keyboard shortcuts, listed on `?`. */
export function Shortcuts({ onClose }: { onClose: () => void }) {
  return (
    <section className="panel shortcuts" aria-label="Keyboard shortcuts">
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}><dt><kbd>{key}</kbd></dt><dd>{what}</dd></div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>Close</button>
    </section>
  );
}
