import type { ReactNode } from 'react';

/** A labelled form control with its error text beside it (`aria-invalid` + `aria-describedby`). */
export function Field(props: { id: string; label: ReactNode; hint?: string; error?: string; children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const { id, label, hint, error, children } = props;
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy })}
      {hint && !error && <small id={`${id}-hint`} className="field__hint">{hint}</small>}
      {error && <small id={`${id}-error`} className="field__error" role="alert">{error}</small>}
    </div>
  );
}
