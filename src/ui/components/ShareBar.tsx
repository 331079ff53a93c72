import { useState } from 'react';
import { useCarryStore } from '../../store/store';
import { pageLink } from '../hooks/useLinkInUrl';

/** Copies a link that reproduces the page (settings, seed, act), with or without classroom mode. */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copy link, Copy class link and the classroom toggle, in the header. */
export function ShareBar() {
  const classroom = useCarryStore((s) => s.classroom);
  const setClassroom = useCarryStore((s) => s.setClassroom);
  // What was copied, or (when the clipboard is refused) the link to copy by hand.
  const [copied, setCopied] = useState<{ text: string; ok: boolean } | undefined>();
  const share = async (forClass: boolean) => {
    const text = pageLink(forClass || undefined);
    setCopied({ text, ok: await copy(text) });
  };
  return (
    <div className="share" aria-label="Share">
      <button type="button" onClick={() => share(false)}>Copy link</button>
      <button type="button" onClick={() => share(true)}>Copy class link</button>
      <button type="button" aria-pressed={classroom} onClick={() => setClassroom(!classroom)}>Classroom mode</button>
      <span role="status" className="share__status">
        {copied?.ok && 'Link copied: it reproduces these settings and this seed.'}
      </span>
      {copied && !copied.ok && (
        <label className="share__manual">
          Copy this link: <input readOnly value={copied.text} onFocus={(e) => e.target.select()} autoFocus />
        </label>
      )}
    </div>
  );
}

/** What the link the page opened with could not use, each naming the field. */
export function LinkNotices() {
  const notices = useCarryStore((s) => s.linkNotices);
  const dismiss = useCarryStore((s) => s.dismissLinkNotices);
  if (notices.length === 0) return null;
  return (
    <section className="note link-notices" aria-label="Link notices" role="status">
      <ul>
        {notices.map((n) => <li key={n}>{n}</li>)}
      </ul>
      <button type="button" onClick={dismiss}>Dismiss</button>
    </section>
  );
}
