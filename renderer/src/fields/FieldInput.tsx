/**
 * One labelled, validated, inline-editable field. Focusing it highlights its
 * source in the letter; saving writes one correction.
 *
 * Keyboard: Enter saves (Ctrl+Enter in a multi-line box), Escape takes the
 * edit back, leaving the field saves. A select changes only its draft on the
 * arrow keys and letters (the closed select of Chromium on Linux and Windows
 * picks the next option at once): Enter or leaving it saves, so arrowing
 * through the choices never records a correction or asks for a reason. The
 * field's "show in the letter" and "confirm" buttons are not Tab stops
 * (Alt+L and Alt+V from the field, keymap.ts): Tab goes from field to field.
 */
import { useId, useRef, useState } from 'react';
import { isMultiline, type FieldDef } from './fieldDefs';
import { effectiveValueAt, saveField } from './save';
import type { Citation } from '../../../shared/domain/letter';
import { DATE_EXAMPLES } from '../../../shared/domain/dates';
import { fieldText, formatFieldValue, parseFieldValue } from '../../../shared/domain/fields';
import { rememberField } from '../keyboard/focus';
import { shortcutText } from '../keyboard/keymap';

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
  /** Whether a reviewer confirmed this value as read (undefined: the field cannot be confirmed). */
  verified?: boolean;
  /** Confirms the value as read, or takes the confirmation back. */
  onVerify?(verified: boolean): void;
  className?: string;
  /** Why the workspace cannot be changed (opened read-only), or null: the field is shown, not editable. */
  readOnly?: string | null;
}

/**
 * Longer values are shown in part, never put whole into a box: a letter with a
 * 10,000,000-character line gave an item a rationale that long, and laying it
 * out in a textarea froze the page for seconds. FIELD_PREVIEW characters are
 * shown, with the length and a way to copy or replace the whole.
 */
export const FIELD_INLINE_MAX = 20_000;
export const FIELD_PREVIEW = 2_000;
/** Characters of the parsed value a "corrected" title and its spoken note quote. */
const PARSED_QUOTED = 300;

const count = (n: number) => n.toLocaleString('en-US');

const PLACEHOLDERS: Partial<Record<FieldDef['kind'], string>> = {
  date: 'YYYY-MM-DD',
  medication: 'Name strength #count',
  // A pattern, not an example number: a letter without one must not seem to have one.
  caseNumber: 'CM##-#######',
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
  verified,
  onVerify,
  className,
  readOnly = null,
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

  // A value too long to lay out in a box (FIELD_INLINE_MAX): shown in part until the reviewer chooses to replace it.
  const huge = shown.length > FIELD_INLINE_MAX && def.kind !== 'citations' && def.kind !== 'choice';
  const [replacing, setReplacing] = useState(false);
  const [copied, setCopied] = useState(false);
  if (replacing && !huge) setReplacing(false);

  /** Set by a key press on a closed select, until the next task: the change it causes is a draft, not a save. */
  const keyedChange = useRef(false);

  // One save at a time, checked synchronously: leaving the field (a blur) while Enter's save is still on its way
  // would otherwise save the same value again, be refused as "already", and put the old value back in the box.
  const inFlight = useRef(false);
  const commit = async (raw: string) => {
    if (inFlight.current) return;
    const parsed = parseFieldValue(def, raw);
    if (!parsed.ok) {
      setError(parsed.message);
      return;
    }
    setError(null);
    inFlight.current = true;
    setSaving(true);
    try {
      const outcome = await saveField(path, def, parsed.value);
      // Not saved (refused, or no reason given): show the value as it is now, not as it was when typing began.
      if (outcome === 'not-saved') setDraft(formatFieldValue(def, effectiveValueAt(path)));
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };
  const revert = (e: React.KeyboardEvent) => {
    if (draft === shown && !error && !replacing) return;
    // Escape here only takes the edit back; it must not also close what holds the form.
    e.stopPropagation();
    setDraft(shown);
    setError(null);
    setReplacing(false);
  };
  const dirty = draft !== shown;
  /** Leaving a box saves an edit; replacing a long value, leaving it empty takes the replacement back instead of clearing the field. */
  const leave = () => {
    if (replacing && draft.trim() === '') {
      setReplacing(false);
      setDraft(shown);
    } else if (dirty) void commit(draft);
  };

  const parsedText = fieldText(def, parsedValue) ?? 'empty';
  const parsedShown =
    parsedText.length > PARSED_QUOTED
      ? `${parsedText.slice(0, PARSED_QUOTED)}… (${count(parsedText.length)} characters)`
      : parsedText;
  const correctedTitle = `Corrected. Parsed value: ${parsedShown}`;
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId : null, dirty && !error ? hintId : null].filter(Boolean).join(' ') || undefined;
  // Never disabled while saving: a disabled control loses focus, and the reviewer's place with it.
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-busy': saving || undefined,
    title: readOnly ?? (corrected ? correctedTitle : undefined),
    onFocus: () => {
      rememberField(path);
      onLocate();
    },
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
  } else if (huge && !replacing) {
    const noteId = `${id}-long`;
    control = (
      <div className="field-long">
        <textarea
          {...common}
          readOnly
          rows={6}
          value={`${shown.slice(0, FIELD_PREVIEW)}…`}
          aria-describedby={[noteId, common['aria-describedby']].filter(Boolean).join(' ')}
        />
        <p id={noteId} className="field-long-note small" data-long-value={shown.length}>
          {count(shown.length)} characters, shown in part (the first {count(FIELD_PREVIEW)}).{' '}
          <button
            type="button"
            className="btn ghost small"
            onClick={() => void navigator.clipboard.writeText(shown).then(() => setCopied(true))}
          >
            {copied ? 'Copied' : `Copy all ${count(shown.length)}`}
          </button>
          {def.correctable && readOnly === null ? (
            <button
              type="button"
              className="btn ghost small"
              onClick={() => {
                setDraft('');
                setReplacing(true);
              }}
            >
              Replace…
            </button>
          ) : null}
        </p>
      </div>
    );
  } else if (!def.correctable) {
    control = <input {...common} type="text" readOnly value={fieldText(def, value) ?? ''} />;
  } else if (readOnly !== null && def.kind !== 'choice') {
    // Read-only workspace: the value as text, selectable and copyable, never a draft to save.
    control = isMultiline(def) ? (
      <textarea {...common} readOnly rows={Math.min(8, Math.max(1, Math.ceil(shown.length / 60)))} value={shown} />
    ) : (
      <input {...common} type="text" readOnly value={shown} />
    );
  } else if (def.kind === 'choice') {
    const options = def.choices;
    const known = draft === '' || options.some((o) => o.value === draft);
    control = (
      <select
        {...common}
        // A select cannot be read-only, only disabled (it then leaves the Tab order; its value stays readable).
        disabled={readOnly !== null}
        value={draft}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (dirty) void commit(draft);
          } else if (e.key === 'Escape') {
            revert(e);
          } else if (!e.altKey && !e.ctrlKey && !e.metaKey && e.key !== 'Tab') {
            keyedChange.current = true;
            setTimeout(() => (keyedChange.current = false), 0);
          }
        }}
        onChange={(e) => {
          setDraft(e.target.value);
          // Picked from the open list (mouse, or Enter in it): saved. Arrowed to on the closed select: a draft.
          if (!keyedChange.current) void commit(e.target.value);
        }}
        onBlur={() => dirty && void commit(draft)}
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
        autoFocus={replacing}
        placeholder={replacing ? `Type the value that replaces the ${count(shown.length)} characters` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={leave}
        onKeyDown={(e) => {
          // Ctrl+Enter saves an edit here; with nothing to save it is Reviewed → next (keymap.ts).
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && dirty) {
            e.preventDefault();
            e.stopPropagation();
            void commit(draft);
          } else if (e.key === 'Escape') {
            revert(e);
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
        autoFocus={replacing}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={leave}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
            e.preventDefault();
            void commit(draft);
          } else if (e.key === 'Escape') {
            revert(e);
          }
        }}
      />
    );
  }

  return (
    <div
      className={`field${corrected ? ' corrected' : ''}${verified ? ' verified' : ''}${className ? ` ${className}` : ''}`}
      data-field={path}
      data-dirty={dirty || undefined}
    >
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
        {onVerify ? (
          <button
            type="button"
            className="verify-btn"
            tabIndex={-1}
            aria-pressed={verified ?? false}
            aria-label={`Confirm ${def.label}`}
            title={
              (readOnly ?? '') ||
              (verified
                ? `Confirmed as read in the letter. Take the tick back (${shortcutText('verify-field')})`
                : `Confirm this value as read in the letter (${shortcutText('verify-field')})`)
            }
            disabled={dirty || saving || readOnly !== null}
            onClick={() => onVerify(!verified)}
          >
            <svg width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </button>
        ) : null}
        {hasSource ? (
          <button
            type="button"
            className="locate-btn"
            tabIndex={-1}
            aria-label={`Show ${def.label} in the letter`}
            title={`Show in the letter (${shortcutText('show-source')})`}
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
      ) : dirty && def.kind !== 'citations' && def.correctable ? (
        <p id={hintId} className="edit-hint small">
          {isMultiline(def) ? 'Ctrl+Enter' : 'Enter'} saves · Esc takes it back
        </p>
      ) : null}
    </div>
  );
}
