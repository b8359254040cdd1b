/**
 * One labelled, validated, inline-editable field. Focusing it highlights its
 * source in the letter; saving writes one correction.
 */
import { useId, useState } from 'react';
import { isMultiline, type FieldDef } from './fieldDefs';
import { saveField } from './save';
import type { Citation } from '../../../shared/domain/letter';
import { DATE_EXAMPLES } from '../../../shared/domain/dates';
import { fieldText, formatFieldValue, parseFieldValue } from '../../../shared/domain/fields';

interface Props {
  path: string;
  def: FieldDef;
  value: unknown;
  parsedValue: unknown;
  corrected: boolean;
  /** Confidence < 1 means the parser inferred the value. */
  confidence: number | undefined;
  /** The value was read by OCR from a scanned page (ParsedLetter.ocr). */
  ocr?: boolean;
  hasSource: boolean;
  onLocate(): void;
  className?: string;
}

const PLACEHOLDERS: Partial<Record<FieldDef['kind'], string>> = {
  date: 'YYYY-MM-DD',
  medication: 'Name strength #count',
  caseNumber: 'CM16-0230651',
};

export function FieldInput({
  path,
  def,
  value,
  parsedValue,
  corrected,
  confidence,
  ocr = false,
  hasSource,
  onLocate,
  className,
}: Props) {
  const id = useId();
  const errorId = `${id}-error`;
  const shown = formatFieldValue(def, value);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // A new saved value (ours, an undo, another window) replaces the draft.
  const [lastShown, setLastShown] = useState(shown);
  if (lastShown !== shown) {
    setLastShown(shown);
    setDraft(shown);
    setError(null);
  }

  const commit = async (raw: string) => {
    const parsed = parseFieldValue(def, raw);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    setSaving(true);
    const saved = await saveField(path, def, parsed.value);
    setSaving(false);
    if (!saved) setDraft(shown);
  };

  const parsedShown = fieldText(def, parsedValue) ?? 'empty';
  const correctedTitle = `Corrected. Parsed value: ${parsedShown}`;
  const describedBy = error ? errorId : undefined;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    title: corrected ? correctedTitle : undefined,
    onFocus: onLocate,
    disabled: saving,
    'data-path': path,
  } as const;

  let control: React.ReactNode;
  if (def.kind === 'citations') {
    const citations = (value as Citation[] | null) ?? [];
    control = citations.length ? (
      <ul className="citations" id={id} aria-label={def.label}>
        {citations.map((c, i) => (
          <li key={i}>
            <span className="badge subtle">{c.source}</span>{' '}
            {[c.title, c.section, c.pages ? `pp. ${c.pages}` : null].filter(Boolean).join(' · ')}
          </li>
        ))}
      </ul>
    ) : (
      <p className="muted small" id={id}>
        None
      </p>
    );
  } else if (!def.correctable) {
    control = <input {...common} type="text" readOnly value={fieldText(def, value) ?? ''} />;
  } else if (def.kind === 'choice') {
    const options = def.choices;
    const known = draft === '' || options.some((o) => o.value === draft);
    control = (
      <select
        {...common}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          void commit(e.target.value);
        }}
      >
        {/* A field that cannot be cleared offers no empty choice once it has a value. */}
        {def.nullable || draft === '' ? <option value="">—</option> : null}
        {!known ? <option value={draft}>{draft}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (isMultiline(def)) {
    const rows = Math.min(
      8,
      Math.max(def.kind === 'list' ? 1 : 2, Math.ceil(draft.length / 60) + draft.split('\n').length - 1),
    );
    control = (
      <textarea
        {...common}
        rows={rows}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== shown && void commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void commit(draft);
          } else if (e.key === 'Escape') {
            setDraft(shown);
            setError(null);
          }
        }}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type="text"
        inputMode={def.kind === 'integer' ? 'numeric' : def.kind === 'number' ? 'decimal' : undefined}
        placeholder={PLACEHOLDERS[def.kind]}
        title={def.kind === 'date' ? `A date like ${DATE_EXAMPLES}` : undefined}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => draft !== shown && void commit(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void commit(draft);
          } else if (e.key === 'Escape') {
            setDraft(shown);
            setError(null);
          }
        }}
      />
    );
  }

  return (
    <div className={`field${corrected ? ' corrected' : ''}${className ? ` ${className}` : ''}`} data-field={path}>
      <div className="field-label-row">
        <label htmlFor={id} className="field-label" onClick={onLocate}>
          {def.label}
        </label>
        {corrected ? (
          <span className="corrected-mark" title={correctedTitle} data-corrected="true">
            corrected
          </span>
        ) : null}
        {!corrected && ocr ? (
          <span
            className="ocr-mark"
            data-ocr="true"
            title={`Read by OCR from a scanned page${confidence !== undefined ? ` (confidence ${Math.round(confidence * 100)} %)` : ''}: check it against the letter`}
          >
            OCR
          </span>
        ) : null}
        {!corrected && !ocr && confidence !== undefined && confidence < 1 ? (
          <span
            className="inferred-mark"
            title={`Inferred by the parser (confidence ${Math.round(confidence * 100)} %)`}
          >
            inferred
          </span>
        ) : null}
        {hasSource ? (
          <button
            type="button"
            className="locate-btn"
            aria-label={`Show ${def.label} in the letter`}
            title="Show in the letter"
            onClick={onLocate}
          >
            <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r="5" fill="none" stroke="currentColor" strokeWidth="1.6" />
              <circle cx="8" cy="8" r="1.6" fill="currentColor" />
              <path d="M8 0v3M8 13v3M0 8h3M13 8h3" stroke="currentColor" strokeWidth="1.6" />
            </svg>
          </button>
        ) : null}
      </div>
      {control}
      {corrected ? <span className="sr-only">Corrected; parsed value was {parsedShown}</span> : null}
      {error ? (
        <p id={errorId} className="error-text small" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
