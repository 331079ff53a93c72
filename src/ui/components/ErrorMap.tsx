import { useEffect, useMemo, useRef, useState } from 'react';
import { cellSentence, mapSummary, type ErrorMapData, type MapSnapshot } from '../../core/errorMap';
import { useCarryStore, useRun } from '../../store/store';

/** Drawn size of the map (CSS pixels); each cell is one canvas pixel, scaled up. */
const SIZE = 400;

/** Paints rights green and wrongs red, paler where the model was less sure. */
function paint(canvas: HTMLCanvasElement, shown: MapSnapshot) {
  const rows = shown.rows.length;
  const cols = shown.cols.length;
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const sure = shown.sure[i] / 255;
    const [r, g, b] = shown.right[i] ? [42, 122, 59] : [179, 38, 30];
    // Blend towards white by how unsure it was.
    const mix = 0.25 + 0.75 * sure;
    image.data.set([255 - (255 - r) * mix, 255 - (255 - g) * mix, 255 - (255 - b) * mix, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}

/** The error map of the act's run: a new run (or model) starts with a fresh cursor and replay. */
export function ErrorMap() {
  const runId = useRun('runId');
  return <ErrorMapView key={runId} />;
}

/**
 * Every pair (a, b) of a two-term problem, right or wrong and how sure, as
 * the model answers it now; arrow keys or the mouse read a cell, a click asks
 * it in "Your sum", the slider replays earlier epochs.
 */
function ErrorMapView() {
  const map = useRun('errorMap');
  const snapshots = useRun('mapSnapshots');
  const setSumText = useCarryStore((s) => s.setSumText);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [cell, setCell] = useState<{ row: number; col: number } | undefined>();
  // Which snapshot the slider shows; undefined follows the newest.
  const [replay, setReplay] = useState<number | undefined>();
  const index = Math.min(replay ?? snapshots.length - 1, snapshots.length - 1);
  const shown: MapSnapshot | undefined = replay === undefined ? map : snapshots[index];
  const latest = replay === undefined || index === snapshots.length - 1;

  useEffect(() => {
    if (canvas.current && shown) paint(canvas.current, shown);
  }, [shown]);

  const summary = useMemo(() => (shown ? mapSummary(shown) : ''), [shown]);
  if (!map || !shown) return null;
  // The replayed epoch's own grid: maps made while training are smaller than the one made at the end.
  const rows = shown.rows.length;
  const cols = shown.cols.length;
  const at0 = cell && cell.row < rows && cell.col < cols ? cell : undefined;
  const sentence = (r: number, c: number) =>
    latest
      ? cellSentence(map as ErrorMapData, r, c)
      : `${shown.rows[r]}${shown.op}${shown.cols[c]}: ${shown.right[r * cols + c] ? 'right' : 'wrong'} at epoch ${shown.epoch}, ${Math.round((shown.sure[r * cols + c] / 255) * 100)} % sure`;
  const at = (e: React.MouseEvent) => {
    const box = e.currentTarget.getBoundingClientRect();
    const col = Math.min(cols - 1, Math.max(0, Math.floor(((e.clientX - box.left) / box.width) * cols)));
    const row = Math.min(rows - 1, Math.max(0, Math.floor(((e.clientY - box.top) / box.height) * rows)));
    return { row, col };
  };
  const ask = (c: { row: number; col: number }) => setSumText(`${shown.rows[c.row]}${shown.op}${shown.cols[c.col]}`);
  const onKey = (e: React.KeyboardEvent) => {
    const from = cell ?? { row: 0, col: 0 };
    const step: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (e.key in step) {
      const [dr, dc] = step[e.key];
      setCell(cell ? { row: Math.min(rows - 1, Math.max(0, from.row + dr)), col: Math.min(cols - 1, Math.max(0, from.col + dc)) } : from);
      e.preventDefault();
    } else if ((e.key === 'Enter' || e.key === ' ') && cell) {
      ask(cell);
      e.preventDefault();
    }
  };

  return (
    <section className="panel error-map" aria-label="Error map panel">
      <h2>
        Error map{' '}
        <span className="muted">
          · a (rows) {shown.op} b (columns)
          {rows < shown.rows[rows - 1] ? `, ${rows} × ${cols} evenly spaced${shown.live ? ' while training (every sum when it ends)' : ''}` : ''}
        </span>
      </h2>
      <div className="error-map__body">
        <div
          className="error-map__grid"
          role="application"
          aria-label="Error map"
          aria-roledescription="map of every sum"
          aria-describedby="error-map-summary error-map-help"
          tabIndex={0}
          style={{ width: SIZE, height: SIZE }}
          onKeyDown={onKey}
          onFocus={() => setCell((c) => c ?? { row: 0, col: 0 })}
          onMouseMove={(e) => setCell(at(e))}
          onClick={(e) => ask(at(e))}
        >
          <canvas ref={canvas} aria-hidden="true" />
          {at0 && (
            <span
              className="error-map__cursor"
              style={{ left: (at0.col * SIZE) / cols, top: (at0.row * SIZE) / rows, width: Math.max(3, SIZE / cols), height: Math.max(3, SIZE / rows) }}
            />
          )}
        </div>
        <div className="error-map__side">
          <p id="error-map-summary" className="error-map__summary">{summary}</p>
          <p role="status" aria-live="polite" className="error-map__cell">{at0 ? sentence(at0.row, at0.col) : 'Point at a cell, or focus the map and use the arrow keys.'}</p>
          <p id="error-map-help" className="muted">Green: right; red: wrong; paler: less sure. Arrow keys move, Enter (or a click) asks that sum in “Your sum”.</p>
          {snapshots.length > 1 && (
            <label className="error-map__replay">
              Epoch {shown.epoch}
              <input
                type="range"
                min={0}
                max={snapshots.length - 1}
                value={index}
                aria-label="Replay the map by epoch"
                aria-valuetext={`epoch ${shown.epoch}`}
                onChange={(e) => {
                  const i = Number(e.target.value);
                  setReplay(i === snapshots.length - 1 ? undefined : i);
                }}
              />
            </label>
          )}
        </div>
      </div>
    </section>
  );
}
