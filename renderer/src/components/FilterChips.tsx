/**
 * The list's filter as removable chips ("Item category: physical therapy ×"),
 * in the case list and the Analytics view alike: a filter set by clicking a
 * chart is always visible, and each condition can be taken off on its own.
 * The wording is shared/api/filter-text.ts's, as in the export's About sheet.
 */
import { useEffect, useRef } from 'react';
import { filterConditions } from '../../../shared/api/filter-text';
import { useApp } from '../store/appStore';

/**
 * `clearAll`: also a button that removes every condition (the case list has its own Clear).
 * `emptyFocusId`: the element that takes focus when the last chip (or Clear all) is removed with the keyboard, since
 * the whole list goes away then; the case list's search box by default.
 */
export function FilterChips({
  clearAll = false,
  emptyFocusId = 'case-search',
}: {
  clearAll?: boolean;
  emptyFocusId?: string;
}) {
  const filter = useApp((s) => s.list.filter);
  const setFilter = useApp((s) => s.setFilter);
  const clearFilters = useApp((s) => s.clearFilters);
  const conditions = filterConditions(filter);
  const chips = useRef<HTMLUListElement>(null);
  /** The place of a chip whose button had focus when it was removed, until the chips are drawn again. */
  const removedAt = useRef<number | null>(null);
  // Removing a chip removes the focused button: focus goes to the chip now in its place (or the one before it), and
  // with none left to `emptyFocusId`, rather than to the page.
  useEffect(() => {
    if (removedAt.current === null) return;
    const buttons = chips.current?.querySelectorAll<HTMLElement>('.chip-remove') ?? [];
    const target = buttons[Math.min(removedAt.current, buttons.length - 1)] ?? document.getElementById(emptyFocusId);
    removedAt.current = null;
    target?.focus();
  });
  if (conditions.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label="Filter in force" ref={chips}>
      {conditions.map((c, index) => (
        <li key={c.key} className="filter-chip">
          <span>
            <span className="muted">{c.label}:</span> {c.value}
          </span>
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove filter ${c.label}: ${c.value}`}
            title="Remove this condition"
            onClick={(e) => {
              if (e.currentTarget === document.activeElement) removedAt.current = index;
              setFilter({ [c.key]: undefined });
            }}
          >
            ×
          </button>
        </li>
      ))}
      {clearAll && conditions.length > 1 ? (
        <li>
          <button
            type="button"
            className="btn ghost small"
            onClick={(e) => {
              // Every chip goes, this button with them: focus goes where it goes when the last chip is removed.
              if (e.currentTarget === document.activeElement) removedAt.current = 0;
              clearFilters();
            }}
          >
            Clear all
          </button>
        </li>
      ) : null}
    </ul>
  );
}
