/**
 * The extracted fields, grouped as the letter is: header, reviewer, patient,
 * then one card per disputed item with its decision up front.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../store/appStore';
import {
  ITEM_FIELD_DEFS,
  LETTER_GROUPS,
  FLAG_LABELS,
  STATUS_LABELS,
  isMultiline,
  itemPath,
  labelForPath,
} from '../fields/fieldDefs';
import { FieldInput } from '../fields/FieldInput';
import { askForText } from './PromptDialog';
import { focusInPane } from '../keyboard/focus';
import { shortcutText } from '../keyboard/keymap';
import { rovingFocus, rovingKeyDown } from '../keyboard/roving';
import { REVIEW_STATUSES, type CaseDetail } from '../../../shared/domain/case';
import { itemField } from '../../../shared/domain/fields';
import type { Span } from '../../../shared/domain/letter';

/**
 * Highlights a field's source in the letter. Sources come with the case from
 * the backend (each effective value's span, only while the value is the one
 * read there); a field without one has nothing to show and no locate button.
 */
function useLocate() {
  const setHighlight = useApp((s) => s.setHighlight);
  return (path: string, span: Span | undefined) => setHighlight(span ? { path, ...span } : null);
}

/** Confirms a field's value as read in the letter (an audit event), or takes the confirmation back. */
function useVerify(detail: CaseDetail) {
  const applyChange = useApp((s) => s.applyChange);
  const verified = useMemo(() => new Set(detail.verified), [detail.verified]);
  return {
    isVerified: (path: string) => verified.has(path),
    verify: (path: string, on: boolean) =>
      void applyChange({ type: 'verify-field', path, verified: on }, undefined, detail.id),
  };
}

/**
 * Why the workspace cannot be changed (opened read-only), or null. Every control that would change the case —
 * field, tick, item action, status — is then read-only or disabled and says why, instead of failing on save.
 */
const useReadOnly = () => useApp((s) => s.info?.readOnly ?? null);

function StatusBar({ detail }: { detail: CaseDetail }) {
  const setStatus = useApp((s) => s.setStatus);
  const reviewedAndNext = useApp((s) => s.reviewedAndNext);
  const readOnly = useReadOnly();
  return (
    <div className="status-bar">
      <div
        className="segmented status-buttons"
        role="toolbar"
        aria-label="Review status"
        onKeyDown={rovingKeyDown}
        onFocus={rovingFocus}
      >
        {REVIEW_STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            data-roving
            tabIndex={detail.status === s ? 0 : -1}
            aria-pressed={detail.status === s}
            className={`status-btn status-${s.replace(/\s+/g, '-')}`}
            title={readOnly ?? `${STATUS_LABELS[s]} (${shortcutText(`status:${s}`)})`}
            disabled={readOnly !== null}
            onClick={() => void setStatus(s)}
          >
            {STATUS_LABELS[s]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn primary small"
        title={
          readOnly ??
          `Mark reviewed and open the next case in the list with status New (${shortcutText('reviewed-next')})`
        }
        disabled={readOnly !== null}
        onClick={() => void reviewedAndNext()}
      >
        Reviewed → next
      </button>
    </div>
  );
}

function Attention({ detail }: { detail: CaseDetail }) {
  const [open, setOpen] = useState(false);
  const warnings = detail.parsed.warnings;
  if (!warnings.length && !detail.flags.length && !detail.orphanedCorrections.length && !detail.otherVersions.length)
    return null;
  return (
    <div className="attention">
      {detail.flags.length ? (
        <div className="flag-list">
          {detail.flags.map((f) => (
            <span key={f} className="badge warn">
              ⚑ {FLAG_LABELS[f] ?? f}
            </span>
          ))}
        </div>
      ) : null}
      {detail.otherVersions.length ? (
        <p className="small">
          Same case number in {detail.otherVersions.length} other file(s):{' '}
          {detail.otherVersions.map((v, i) => (
            <span key={v.id}>
              {i > 0 ? ', ' : ''}
              <button type="button" className="link-btn" onClick={() => void useApp.getState().openCase(v.id)}>
                {v.file.split(/[\\/]/).pop()}
              </button>
            </span>
          ))}
        </p>
      ) : null}
      {detail.orphanedCorrections.length ? (
        <ul className="small warn-list">
          {detail.orphanedCorrections.map((o) => (
            <li key={o.eventId}>
              Correction to {labelForPath(o.path)} no longer applies: {o.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {warnings.length ? (
        <div className="warnings">
          <button type="button" className="link-btn" aria-expanded={open} onClick={() => setOpen(!open)}>
            {warnings.length} parser warning{warnings.length === 1 ? '' : 's'}
          </button>
          {open ? (
            <ul className="small warn-list">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

function ItemCard({
  detail,
  index,
  checked,
  onCheck,
}: {
  detail: CaseDetail;
  index: number;
  checked: boolean;
  onCheck(v: boolean): void;
}) {
  const item = detail.effective.items[index]!;
  const locate = useLocate();
  const { isVerified, verify } = useVerify(detail);
  const applyChange = useApp((s) => s.applyChange);
  const readOnly = useReadOnly();
  const n = index + 1;
  const correctedPaths = useMemo(() => new Map(detail.corrections.map((c) => [c.path, c])), [detail.corrections]);
  const decisionClass =
    item.decision === 'Upheld' ? 'upheld' : item.decision === 'Overturned' ? 'overturned' : 'undecided';
  const [expanded, setExpanded] = useState(false);
  const primary = ITEM_FIELD_DEFS.filter((d) => ['treatment', 'decision', 'category'].includes(d.key));
  const secondary = ITEM_FIELD_DEFS.filter((d) => !['treatment', 'decision', 'category'].includes(d.key));
  const filledSecondary = secondary.filter((d) => {
    const v = (item as unknown as Record<string, unknown>)[d.key];
    return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
  });
  const visibleSecondary = expanded
    ? secondary
    : filledSecondary.filter((d) => d.key !== 'rationale' && d.key !== 'citations');

  const split = async () => {
    const caseId = detail.id;
    const guess = (item.treatment ?? '').split(/\s*(?:;|,| and )\s*/).filter(Boolean);
    const answer = await askForText({
      title: `Split item ${n}`,
      detail: item.treatment ?? '',
      label: 'Treatments, one per line',
      initial: guess.length >= 2 ? guess.join('\n') : `${item.treatment ?? ''}\n`,
      multiline: true,
      required: true,
      confirmLabel: 'Split',
    });
    if (answer === null) return;
    const treatments = answer
      .split('\n')
      .map((t) => t.trim())
      .filter(Boolean);
    if (treatments.length < 2) {
      useApp.getState().notify('error', 'A split needs at least two treatments, one per line.');
      return;
    }
    await applyChange({ type: 'split-item', index, treatments }, undefined, caseId);
  };
  const remove = async () => {
    const caseId = detail.id;
    const reason = await askForText({
      title: `Delete item ${n}?`,
      detail: item.treatment ?? '',
      label: 'Reason for deleting',
      multiline: true,
      required: true,
      requiredMessage: 'Deleting an item needs a reason for the audit trail.',
      confirmLabel: 'Delete item',
    });
    if (reason !== null && (await applyChange({ type: 'delete-item', index }, reason, caseId))) {
      // The deleted card took the focused Delete button with it: focus goes to the first field of the item now in
      // its place (or of the one before it, the last deleted), or with no item left to Add item — not to the page.
      requestAnimationFrame(() => {
        const cards = document.querySelectorAll<HTMLElement>('#fields-body .item-card');
        const card = cards[Math.min(index, cards.length - 1)];
        const target =
          card?.querySelector<HTMLElement>('[data-path]') ??
          document.querySelector<HTMLElement>('#fields-body .items-head button');
        if (target) focusInPane(target);
      });
    }
  };

  return (
    <article className={`item-card decision-${decisionClass}`} aria-labelledby={`item-${n}-title`}>
      <header className="item-head">
        <input
          type="checkbox"
          checked={checked}
          disabled={readOnly !== null}
          title={readOnly ?? undefined}
          aria-label={`Select item ${n} for merging`}
          onChange={(e) => onCheck(e.target.checked)}
        />
        <h4 id={`item-${n}-title`}>Item {n}</h4>
        <span className={`decision-badge ${decisionClass}`}>{item.decision ?? 'No decision'}</span>
        <div className="item-actions">
          <button
            type="button"
            className="btn ghost small"
            aria-label={`Split item ${n}`}
            disabled={readOnly !== null}
            title={readOnly ?? undefined}
            onClick={() => void split()}
          >
            Split
          </button>
          <button
            type="button"
            className="btn ghost small danger"
            aria-label={`Delete item ${n}`}
            disabled={readOnly !== null}
            title={readOnly ?? undefined}
            onClick={() => void remove()}
          >
            Delete
          </button>
        </div>
      </header>
      <div className="item-fields">
        {[...primary, ...visibleSecondary].map((def) => {
          const path = itemPath(index, def.key);
          const value = (item as unknown as Record<string, unknown>)[def.key];
          const correction = correctedPaths.get(path);
          const span = item.spans[def.key];
          return (
            <FieldInput
              key={path}
              path={path}
              def={def}
              value={value}
              parsedValue={correction ? correction.parsedValue : value}
              corrected={!!correction}
              confidence={item.confidence[def.key]}
              ocr={
                !!span &&
                item.parsedIndex !== null &&
                !!detail.parsed.ocr?.fields.includes(itemPath(item.parsedIndex, def.key))
              }
              hasSource={!!span}
              className={`item-field-${def.key}`}
              readOnly={readOnly}
              onLocate={() => locate(path, span)}
              {...(def.confirm ? { verified: isVerified(path), onVerify: (on: boolean) => verify(path, on) } : {})}
            />
          );
        })}
      </div>
      <button
        type="button"
        className="link-btn small"
        aria-expanded={expanded}
        aria-label={`${expanded ? 'Show fewer fields' : 'Show all fields'} of item ${n}`}
        onClick={() => setExpanded(!expanded)}
      >
        {expanded ? 'Show fewer fields' : `Show all fields${filledSecondary.length ? '' : ' (more are empty)'}`}
      </button>
    </article>
  );
}

export function FieldsPane() {
  const current = useApp((s) => s.current);
  const [mergeSet, setMergeSet] = useState<number[]>([]);
  // Another case: nothing of this one stays selected for a merge.
  const [mergeCase, setMergeCase] = useState(current.id);
  if (mergeCase !== current.id) {
    setMergeCase(current.id);
    setMergeSet([]);
  }
  const detail = current.detail;

  if (current.id === null) {
    return (
      <section className="pane fields-pane" aria-label="Extracted fields">
        <div className="pane-placeholder">
          <p>Open a case from the list: Enter, or click a row.</p>
          <p>
            <kbd>N</kbd> opens the next case with status New, <kbd>?</kbd> lists every shortcut.
          </p>
        </div>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="pane fields-pane" aria-label="Extracted fields">
        {current.error ? (
          <div className="error-panel" role="alert">
            <p>{current.error}</p>
            <button type="button" className="btn" onClick={() => void useApp.getState().openCase(current.id)}>
              Try again
            </button>
          </div>
        ) : (
          <p className="pane-placeholder">Loading case…</p>
        )}
      </section>
    );
  }

  return <CaseFields detail={detail} mergeSet={mergeSet} setMergeSet={setMergeSet} />;
}

function CaseFields({
  detail,
  mergeSet,
  setMergeSet,
}: {
  detail: CaseDetail;
  mergeSet: number[];
  setMergeSet: React.Dispatch<React.SetStateAction<number[]>>;
}) {
  const applyChange = useApp((s) => s.applyChange);
  const readOnly = useReadOnly();
  const locate = useLocate();
  const { isVerified, verify } = useVerify(detail);
  const correctedPaths = useMemo(() => new Map(detail.corrections.map((c) => [c.path, c])), [detail.corrections]);
  const values = detail.effective as unknown as Record<string, unknown>;
  const caseId = detail.id;
  const caseTitle = detail.effective.caseNumber ?? 'Case without number';

  // Another case shown while focus was in the form (its field is gone) or nowhere (Ctrl+Enter, Alt+→, N): focus
  // goes to the case's heading, which names it to a screen reader, instead of being left on the page's body. Focus
  // elsewhere (the list opening a case, the search box) stays where the reviewer put it.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shownCase = useRef<number | null>(null);
  useEffect(() => {
    if (shownCase.current === caseId) return;
    shownCase.current = caseId;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.fields-pane')) {
      headingRef.current?.focus({ preventScroll: true });
    }
  }, [caseId]);
  const merge = async () => {
    const indices = [...mergeSet].sort((a, b) => a - b);
    const treatments = indices.map((i) => detail.effective.items[i]?.treatment ?? '').filter(Boolean);
    const answer = await askForText({
      title: `Merge ${indices.length} items`,
      label: 'Treatment of the merged item',
      initial: treatments.join('; '),
      required: true,
      confirmLabel: 'Merge',
    });
    if (answer === null) return;
    if (await applyChange({ type: 'merge-items', indices, treatment: answer }, undefined, caseId)) setMergeSet([]);
  };
  const addItem = async () => {
    const treatment = await askForText({
      title: 'Add an item',
      label: itemField('treatment').label,
      required: true,
      confirmLabel: 'Add item',
    });
    if (treatment !== null && (await applyChange({ type: 'add-item', treatment }, undefined, caseId))) {
      // Go to the new card (it is appended at the end).
      requestAnimationFrame(() => {
        const control = document.querySelector<HTMLElement>('#fields-body .item-card:last-of-type [data-path]');
        if (control) focusInPane(control);
      });
    }
  };

  return (
    // data-case-id: the case these fields are of (the list's rows carry the same), so a check can tell it is in.
    <section className="pane fields-pane" aria-label="Extracted fields" data-case-id={detail.id}>
      <div className="pane-head">
        {/* The view's one h1: the case in it. */}
        <h1 className="pane-title" ref={headingRef} tabIndex={-1} data-case-heading={caseId}>
          {caseTitle}
        </h1>
        <span
          className={`badge ${detail.confirmation.confirmed === detail.confirmation.total ? 'done' : 'subtle'}`}
          title="Fields confirmed as read in the letter (ticked, or corrected) out of the fields a reviewer checks"
          data-testid="confirmed-count"
        >
          {detail.confirmation.confirmed} of {detail.confirmation.total} fields confirmed
        </span>
        {detail.corrections.length ? <span className="badge subtle">{detail.corrections.length} corrected</span> : null}
        {readOnly !== null ? (
          <span className="badge warn" title={readOnly} data-testid="fields-read-only">
            Read-only
          </span>
        ) : null}
      </div>
      <div className="pane-body fields-body" id="fields-body">
        <StatusBar detail={detail} />
        <Attention detail={detail} />
        {LETTER_GROUPS.map((group) => (
          <section key={group.id} className="field-group" aria-labelledby={`group-${group.id}`}>
            <h3 id={`group-${group.id}`}>{group.title}</h3>
            <div className={`field-grid group-${group.id}`}>
              {group.fields.map((def) => {
                const correction = correctedPaths.get(def.key);
                const value = values[def.key];
                const span = detail.effective.spans[def.key];
                return (
                  <FieldInput
                    key={def.key}
                    path={def.key}
                    def={def}
                    value={value}
                    parsedValue={correction ? correction.parsedValue : value}
                    corrected={!!correction}
                    confidence={detail.effective.confidence[def.key]}
                    ocr={!!span && !!detail.parsed.ocr?.fields.includes(def.key)}
                    hasSource={!!span}
                    className={isMultiline(def) ? 'wide' : undefined}
                    readOnly={readOnly}
                    onLocate={() => locate(def.key, span)}
                    {...(def.confirm
                      ? { verified: isVerified(def.key), onVerify: (on: boolean) => verify(def.key, on) }
                      : {})}
                  />
                );
              })}
            </div>
          </section>
        ))}
        <section className="field-group" aria-labelledby="group-items">
          <div className="items-head">
            <h3 id="group-items">
              Items <span className="muted">({detail.effective.items.length})</span>
            </h3>
            {mergeSet.length >= 2 && readOnly === null ? (
              <button type="button" className="btn small" onClick={() => void merge()}>
                Merge {mergeSet.length} items
              </button>
            ) : null}
            <button
              type="button"
              className="btn small"
              disabled={readOnly !== null}
              title={readOnly ?? undefined}
              onClick={() => void addItem()}
            >
              Add item
            </button>
          </div>
          {detail.effective.items.length === 0 ? (
            <p className="muted">No disputed items were found in this letter.</p>
          ) : null}
          {detail.effective.items.map((_item, i) => (
            <ItemCard
              key={`${i}-${detail.effective.items.length}`}
              detail={detail}
              index={i}
              checked={mergeSet.includes(i)}
              onCheck={(v) => setMergeSet((s) => (v ? [...s, i] : s.filter((x) => x !== i)))}
            />
          ))}
        </section>
        {detail.notes.length ? (
          <section className="field-group" aria-labelledby="group-notes">
            <h3 id="group-notes">Notes</h3>
            <ul className="notes">
              {detail.notes.map((n) => (
                <li key={n.eventId}>
                  <span className="muted small">
                    {n.reviewer} · {new Date(n.at).toLocaleString()}
                  </span>
                  <p>{n.text}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </section>
  );
}
