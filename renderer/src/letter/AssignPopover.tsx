/**
 * "Assign the selected text to…": the fastest way to correct a field, and so
 * the one that must never change a field the reviewer did not pick.
 *
 * - Nothing is chosen until the reviewer chooses: no target is preselected and
 *   Enter does nothing before a field is picked or searched for.
 * - Only fields the selection can fill are listed (assignTargets.ts): a date
 *   offers the date fields, a number the number fields, free text the text fields.
 * - Typing filters the list; ↑/↓ move, Enter picks, Escape closes (ARIA 1.2
 *   combobox with a listbox popup).
 * - Replacing a value that is not empty shows old → new and waits for
 *   "Replace"; filling an empty field saves at once.
 */
import { useId, useMemo, useState } from 'react';
import { useApp } from '../store/appStore';
import { saveField } from '../fields/save';
import { fieldText } from '../../../shared/domain/fields';
import { assignTargets, filterTargets, type AssignTarget } from './assignTargets';

interface Props {
  text: string;
  /** Where the selection ended, in CSS pixels from the left of the letter's visible part and from its content's top. */
  x: number;
  y: number;
  /**
   * The letter's visible part: its horizontal scroll and inner width (CSS pixels). The popover is placed wholly
   * inside it, narrower than WIDTH where the letter is (1280 px with the history open): the letter scrolls and clips
   * what it holds, so a popover reaching past its edge had its values and its Close button cut off.
   */
  view: { scrollLeft: number; width: number };
  onClose(): void;
}

/** The popover's width where the letter has room for it, in CSS pixels. */
const WIDTH = 340;
/** Its least distance from the letter's edges. */
const MARGIN = 8;

const preview = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

export function AssignPopover({ text, x, y, view, onClose }: Props) {
  const detail = useApp((s) => s.current.detail);
  const notify = useApp((s) => s.notify);
  const id = useId();
  const targets = useMemo(
    () =>
      detail ? assignTargets(text, detail.effective as unknown as Record<string, unknown>, detail.effective.items) : [],
    [text, detail],
  );
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [confirming, setConfirming] = useState<AssignTarget | null>(null);
  const [saving, setSaving] = useState(false);
  const visible = useMemo(() => filterTargets(targets, query), [targets, query]);
  if (!detail) return null;

  const save = async (target: AssignTarget) => {
    setSaving(true);
    const outcome = await saveField(target.path, target.def, target.value);
    setSaving(false);
    if (outcome === 'not-saved') return;
    notify(
      outcome === 'saved' ? 'success' : 'info',
      outcome === 'saved' ? `${target.label} set from the letter.` : `${target.label} already says that.`,
    );
    window.getSelection()?.removeAllRanges();
    onClose();
  };
  const pick = (target: AssignTarget | undefined) => {
    if (!target) return;
    if (target.current === null) void save(target);
    else setConfirming(target);
  };
  const optionId = (index: number) => `${id}-option-${index}`;

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const last = visible.length - 1;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (last < 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a < 0 ? (step > 0 ? 0 : last) : (a + step + visible.length) % visible.length));
    } else if (e.key === 'Home' || e.key === 'End') {
      if (last < 0) return;
      e.preventDefault();
      setActive(e.key === 'Home' ? 0 : last);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(visible[active]);
    }
  };

  const width = Math.max(0, Math.min(WIDTH, view.width - 2 * MARGIN));
  const left = view.scrollLeft + Math.max(MARGIN, Math.min(x - width / 2, view.width - width - MARGIN));

  let body: React.ReactNode;
  if (confirming) {
    const newText = fieldText(confirming.def, confirming.value) ?? '';
    body = (
      <div className="assign-confirm" role="group" aria-labelledby={`${id}-confirm-title`}>
        <p id={`${id}-confirm-title`} className="assign-confirm-title">
          Replace {confirming.label}?
        </p>
        <dl className="assign-change">
          <dt>Now</dt>
          <dd>{preview(confirming.current ?? '')}</dd>
          <dt>New</dt>
          <dd>{preview(newText)}</dd>
        </dl>
        <div className="assign-row">
          <button type="button" className="btn ghost small" onClick={() => setConfirming(null)} disabled={saving}>
            Back
          </button>
          <button
            type="button"
            className="btn primary small"
            // The confirmation itself is the next keystroke's target: Enter replaces, Escape closes.
            autoFocus
            disabled={saving}
            onClick={() => void save(confirming)}
          >
            Replace
          </button>
        </div>
      </div>
    );
  } else if (targets.length === 0) {
    body = (
      <p className="muted small" role="status">
        No field can hold this text.
      </p>
    );
  } else {
    body = (
      <>
        <label htmlFor={`${id}-search`} className="assign-label">
          Field to assign
        </label>
        <input
          id={`${id}-search`}
          className="assign-search"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-activedescendant={active >= 0 && active < visible.length ? optionId(active) : undefined}
          placeholder="Type to search the fields"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            // What the reviewer typed picks the best match; an empty box picks nothing.
            setActive(e.target.value.trim() ? 0 : -1);
          }}
          onKeyDown={onKeyDown}
          disabled={saving}
        />
        <ul id={`${id}-list`} className="assign-options" role="listbox" aria-label="Fields this text can fill">
          {visible.map((target, index) => (
            <li
              key={target.path}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(target)}
            >
              <span className="assign-option-label">{target.label}</span>
              {target.current !== null ? (
                <span className="assign-option-current" title={target.current}>
                  now {preview(target.current)}
                </span>
              ) : (
                <span className="assign-option-current">empty</span>
              )}
            </li>
          ))}
          {visible.length === 0 ? <li className="muted small">No field matches “{query}”.</li> : null}
        </ul>
      </>
    );
  }

  return (
    <div
      className="assign-popover"
      style={{ left, top: y + 14, width }}
      role="dialog"
      aria-label="Assign selected text to a field"
      onMouseUp={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        // Keys typed here are for the popover, not the app's single-key shortcuts ("n" = next case).
        if (!e.ctrlKey && !e.metaKey) e.stopPropagation();
        if (e.key === 'Escape') onClose();
      }}
      onKeyUp={(e) => e.stopPropagation()}
    >
      <div className="assign-head">
        <div className="assign-text" title={text}>
          “{preview(text)}”
        </div>
        <button type="button" className="btn ghost small" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </div>
      {body}
    </div>
  );
}
