import { useEffect, useRef, useState } from 'react';
import { useCarryStore, useRun } from '../../store/store';
import { modelName, percent } from '../format';

/** Offers text as a file download (the only way a page hands a file to its user). */
function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name.replace(/[^\w.-]+/g, '-')}.carry.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Save the act's model in this browser, export it to a file, import one, and manage the saved ones. */
export function ModelsPanel() {
  const status = useRun('status');
  const source = useRun('source');
  const act = useCarryStore((s) => s.draft.model);
  const saved = useCarryStore((s) => s.saved);
  const notice = useCarryStore((s) => s.modelNotice);
  const { saveModel, exportModel, importModel, refuseLargeFile, refreshSaved, loadSaved, renameSaved, deleteSaved } = useCarryStore.getState();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ from: string; to: string } | undefined>();
  const file = useRef<HTMLInputElement>(null);
  const ready = status === 'done';

  useEffect(() => {
    void refreshSaved();
  }, [refreshSaved]);

  return (
    <section className="panel models" aria-label="Saved models">
      <h2>Keep this model</h2>
      <form
        className="models__save"
        onSubmit={(e) => {
          e.preventDefault();
          void saveModel(name || source?.name || `${modelName(act)} ${new Date().toLocaleString()}`);
        }}
      >
        <label htmlFor="model-name">Name</label>
        <input id="model-name" type="text" value={name} placeholder={source?.name ?? 'my model'} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <button type="submit" disabled={!ready}>Save in this browser</button>
        <button
          type="button"
          disabled={!ready}
          onClick={async () => {
            const out = await exportModel(name || source?.name);
            if (out) download(out.name, out.text);
          }}
        >
          Export to a file
        </button>
        <button type="button" onClick={() => file.current?.click()}>Import a file…</button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          aria-label="Model file to import"
          tabIndex={-1}
          onChange={async (e) => {
            const chosen = e.target.files?.[0];
            e.target.value = '';
            if (!chosen) return;
            // A file too large is refused before it is read.
            if (!refuseLargeFile(chosen.size)) importModel(await chosen.text());
          }}
        />
      </form>
      {notice && (
        <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'muted' : 'field__error'}>
          {notice.text}
        </p>
      )}
      {saved.length > 0 && (
        <table className="models__list">
          <caption className="sr-only">Models saved in this browser</caption>
          <thead>
            <tr><th scope="col">Name</th><th scope="col">Model</th><th scope="col">Exact-match</th><th scope="col">Saved</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
          </thead>
          <tbody>
            {saved.map((m) => (
              <tr key={m.name}>
                <td>
                  {renaming?.from === m.name ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        void renameSaved(m.name, renaming.to).then(() => setRenaming(undefined));
                      }}
                    >
                      <input aria-label={`New name for ${m.name}`} value={renaming.to} onChange={(e) => setRenaming({ from: m.name, to: e.target.value })} autoFocus />
                      <button type="submit">OK</button>
                    </form>
                  ) : (
                    m.name
                  )}
                </td>
                <td>{modelName(m.config.model)}, largest {m.config.largest}</td>
                <td>{m.exactMatch === undefined ? '–' : percent(m.exactMatch)}</td>
                <td>{new Date(m.savedAt).toLocaleString()}</td>
                <td className="models__actions">
                  <button type="button" onClick={() => void loadSaved(m.name)} aria-label={`Load ${m.name}`}>Load</button>
                  <button type="button" onClick={() => setRenaming({ from: m.name, to: m.name })} aria-label={`Rename ${m.name}`}>Rename</button>
                  <button type="button" onClick={() => void deleteSaved(m.name)} aria-label={`Delete ${m.name}`}>Delete</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
