/**
 * The case list: a virtualized ARIA grid over the whole (possibly 100,000-row)
 * result. Rows are fetched page by page as they scroll into view.
 *
 * Keyboard (keymap.ts, scope "list"): the grid is one Tab stop; the arrow
 * keys move a cursor (aria-activedescendant) and open the case reached;
 * ArrowUp from the first row reaches the column headers, where ←/→ move and
 * Enter sorts. Space, Shift+arrows and Ctrl+A select, for a status change of
 * several cases at once.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PAGE_SIZE, useApp, type SortKey } from '../store/appStore';
import { ITEM_CATEGORIES } from '../../../shared/domain/letter';
import { CASE_FLAGS, REVIEW_STATUSES, type CaseRow, type ReviewStatus } from '../../../shared/domain/case';
import { itemField, letterField, REVIEW_STATUS_FIELD } from '../../../shared/domain/fields';
import { FLAG_LABELS, STATUS_LABELS } from '../fields/fieldDefs';
import { LETTER_FORMATS } from '../../../shared/domain/letter';
import { matchShortcut } from '../keyboard/keymap';
import { Snippet } from './Snippet';
import { FilterChips } from './FilterChips';
import { SEARCH_HELP_ID, SearchHelp } from './SearchHelp';

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'caseNumber', label: letterField('caseNumber').label, className: 'col-case' },
  { key: 'itemCount', label: 'Items', className: 'col-items' },
  { key: 'decisions', label: 'Decisions', className: 'col-decisions' },
  { key: 'status', label: REVIEW_STATUS_FIELD.label, className: 'col-status' },
  { key: null, label: 'Flags', className: 'col-flags' },
  { key: 'importedAt', label: 'Imported', className: 'col-imported' },
];

export function decisionSummary(row: Pick<CaseRow, 'itemCount' | 'upheld' | 'overturned'>): string {
  const parts: string[] = [];
  if (row.upheld) parts.push(`${row.upheld} upheld`);
  if (row.overturned) parts.push(`${row.overturned} overturned`);
  const undecided = row.itemCount - row.upheld - row.overturned;
  if (undecided > 0) parts.push(`${undecided} undecided`);
  return parts.join(' · ') || '—';
}

function formatImported(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameYear = d.getFullYear() === new Date().getFullYear();
  return d.toLocaleDateString(
    undefined,
    sameYear ? { month: 'short', day: 'numeric' } : { year: 'numeric', month: 'short' },
  );
}

function Filters() {
  const filter = useApp((s) => s.list.filter);
  const setFilter = useApp((s) => s.setFilter);
  const clearFilters = useApp((s) => s.clearFilters);
  const [search, setSearch] = useState(filter.search ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // When the filter is cleared elsewhere, the box follows.
  const [lastFilterSearch, setLastFilterSearch] = useState(filter.search);
  if (lastFilterSearch !== filter.search) {
    setLastFilterSearch(filter.search);
    setSearch(filter.search ?? '');
  }
  const onSearch = (value: string) => {
    setSearch(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setFilter({ search: value }), 160);
  };
  const active = Object.keys(filter).length > 0;
  return (
    <div className="filters">
      <div className="search-row">
        <input
          id="case-search"
          type="search"
          className="search"
          placeholder="Search (Ctrl+F)"
          aria-label="Search letters"
          aria-describedby={SEARCH_HELP_ID}
          value={search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              if (timer.current) clearTimeout(timer.current);
              setFilter({ search });
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              document.getElementById('case-grid')?.focus();
            }
          }}
        />
        <SearchHelp />
      </div>
      <div className="filter-row">
        <select
          aria-label="Status filter"
          value={filter.status ?? ''}
          onChange={(e) => setFilter({ status: (e.target.value || undefined) as never })}
        >
          <option value="">{REVIEW_STATUS_FIELD.label}</option>
          {REVIEW_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Decision filter"
          value={filter.decision ?? ''}
          onChange={(e) => setFilter({ decision: (e.target.value || undefined) as never })}
        >
          <option value="">Decision</option>
          <option value="Upheld">Has upheld item</option>
          <option value="Overturned">Has overturned item</option>
        </select>
        <select
          aria-label="Category filter"
          value={filter.category ?? ''}
          onChange={(e) => setFilter({ category: (e.target.value || undefined) as never })}
        >
          <option value="">{itemField('category').label}</option>
          {ITEM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          aria-label="Layout filter"
          value={filter.format ?? ''}
          onChange={(e) => setFilter({ format: LETTER_FORMATS.find((f) => f.value === e.target.value)?.value })}
        >
          <option value="">Layout</option>
          {LETTER_FORMATS.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <select
          aria-label="Flag filter"
          value={filter.flag ?? ''}
          onChange={(e) => setFilter({ flag: CASE_FLAGS.find((f) => f === e.target.value) })}
        >
          <option value="">Flags</option>
          {Object.entries(FLAG_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {active ? (
          <button
            type="button"
            className="btn ghost small"
            onClick={() => {
              clearFilters();
              // The button goes with the filter: focus goes to the search box, the filters' first control.
              document.getElementById('case-search')?.focus();
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      <FilterChips />
    </div>
  );
}

/** A status for every selected case: pick one, then Apply (a select commits nothing on its own). */
function BulkStatus({ count }: { count: number }) {
  const setStatusOfSelected = useApp((s) => s.setStatusOfSelected);
  const readOnly = useApp((s) => s.info?.readOnly ?? null);
  const [status, setStatus] = useState<ReviewStatus | ''>('');
  return (
    <div className="bulk-status" role="group" aria-label="Status of the selected cases">
      <select
        disabled={readOnly !== null}
        title={readOnly ?? undefined}
        aria-label={`New status for the ${count} selected cases`}
        value={status}
        onChange={(e) => setStatus(e.target.value as ReviewStatus | '')}
      >
        <option value="">Set status…</option>
        {REVIEW_STATUSES.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn small"
        disabled={!status || readOnly !== null}
        title={readOnly ?? undefined}
        onClick={() => {
          if (status) void setStatusOfSelected(status).then(() => setStatus(''));
        }}
      >
        Apply to {count}
      </button>
    </div>
  );
}

/** The grid's cursor: a row (0-based), or the header row at a column. */
type Cursor = { row: number } | { header: number };

export function CaseListPane() {
  const list = useApp((s) => s.list);
  const selectedIds = useApp((s) => s.selectedIds);
  const currentId = useApp((s) => s.current.id);
  const revealRow = useApp((s) => s.revealRow);
  const { ensurePage, openCase, select, selectAll, setSort, rowAt } = useApp.getState();
  // The grid element itself scrolls (so the one focusable element is the scroll container);
  // its sticky header sits above the rows, which the virtualizer offsets by scrollMargin.
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(32);
  useLayoutEffect(() => {
    const height = headRef.current?.offsetHeight;
    if (height && height !== headHeight) setHeadHeight(height);
  }, [headHeight]);
  const [cursor, setCursor] = useState<Cursor>({ row: 0 });
  const row = 'row' in cursor ? cursor.row : -1;
  const openTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const searching = !!list.filter.search;
  const rowHeight = searching ? 56 : 36;
  const total = list.total ?? 0;

  // TanStack Virtual returns a mutable instance; React Compiler skips this component, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    scrollMargin: headHeight,
    overscan: 12,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows fall in.
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE_SIZE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE_SIZE) : 0;
  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) ensurePage(p);
  }, [firstPage, lastPage, list.generation, ensurePage]);

  // A new query (filter, search, sort) starts at the top of its results.
  const queryKey = `${JSON.stringify(list.filter)}|${list.sort}|${list.direction}`;
  const [shownQuery, setShownQuery] = useState(queryKey);
  if (shownQuery !== queryKey) {
    setShownQuery(queryKey);
    setCursor({ row: 0 });
  }
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);
  if (row >= total && total > 0) setCursor({ row: total - 1 });

  // A "next" action opened a case elsewhere in the list: the cursor goes there.
  const [shownReveal, setShownReveal] = useState(revealRow?.seq);
  if (revealRow && shownReveal !== revealRow.seq) {
    setShownReveal(revealRow.seq);
    setCursor({ row: revealRow.index });
  }
  useEffect(() => {
    if (revealRow && revealRow.index < total) virtualizer.scrollToIndex(revealRow.index, { align: 'auto' });
  }, [revealRow, total, virtualizer]);
  // The open case, once its row is loaded (a reload restored it): the cursor starts on it.
  const [placedFor, setPlacedFor] = useState<number | null>(null);
  if (currentId !== null && placedFor !== currentId) {
    const index = loadedIndexOf(list.pages, currentId);
    if (index !== null) {
      setPlacedFor(currentId);
      if (row !== index) setCursor({ row: index });
    }
  }

  const visibleColumns = () =>
    COLUMNS.map((col, index) => ({ col, index })).filter(
      ({ col }) =>
        col.key !== null &&
        (headRef.current?.querySelector<HTMLElement>(`.${col.className}`)?.getClientRects().length ?? 1) > 0,
    );

  const moveTo = (index: number, open: boolean) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setCursor({ row: clamped });
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    const target = rowAt(clamped);
    if (target && open) {
      select(target.id);
      if (openTimer.current) clearTimeout(openTimer.current);
      openTimer.current = setTimeout(() => void openCase(target.id), 140);
    }
  };

  const onHeaderKey = (e: React.KeyboardEvent, column: number) => {
    const sortable = visibleColumns();
    const at = Math.max(
      0,
      sortable.findIndex((c) => c.index === column),
    );
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      const next = sortable[Math.max(0, Math.min(sortable.length - 1, at + (e.key === 'ArrowRight' ? 1 : -1)))];
      if (next) setCursor({ header: next.index });
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (total > 0) moveTo(0, false);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const key = COLUMNS[column]?.key;
      if (key) setSort(key);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      const edge = e.key === 'Home' ? sortable[0] : sortable.at(-1);
      if (edge) setCursor({ header: edge.index });
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!('row' in cursor)) {
      onHeaderKey(e, cursor.header);
      return;
    }
    const id = matchShortcut(e, 'list');
    if (id === null || total === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const current = rowAt(row);
    e.preventDefault();
    switch (id) {
      case 'list-move': {
        if (e.key === 'ArrowUp' && row === 0) {
          const first = visibleColumns()[0];
          if (first) setCursor({ header: first.index });
          return;
        }
        const targets: Record<string, number> = {
          ArrowDown: row + 1,
          ArrowUp: row - 1,
          PageDown: row + page,
          PageUp: row - page,
          Home: 0,
          End: total - 1,
        };
        moveTo(targets[e.key] ?? row, true);
        return;
      }
      case 'list-extend': {
        const next = Math.max(0, Math.min(total - 1, row + (e.key === 'ArrowDown' ? 1 : -1)));
        const target = rowAt(next);
        if (current && !selectedIds.includes(current.id)) select(current.id, 'toggle');
        if (target) select(target.id, selectedIds.includes(target.id) ? 'toggle' : 'range');
        moveTo(next, false);
        return;
      }
      case 'list-open':
        if (!current) return;
        if (openTimer.current) clearTimeout(openTimer.current);
        if (current.id === currentId) {
          // Already open: Enter goes on to its fields.
          document.querySelector<HTMLElement>('#fields-body [data-path]')?.focus();
          return;
        }
        select(current.id);
        void openCase(current.id);
        return;
      case 'list-select':
        if (current) select(current.id, 'toggle');
        return;
      case 'list-select-all':
        selectAll();
        return;
      case 'list-headers':
        return;
    }
  };

  const activeRow = rowAt(row);
  const activeId =
    'header' in cursor
      ? `case-col-${COLUMNS[cursor.header]?.key ?? ''}`
      : activeRow
        ? `case-row-${activeRow.id}`
        : undefined;
  const countText =
    list.total === null
      ? 'Loading…'
      : `${total.toLocaleString()} ${total === 1 ? 'case' : 'cases'}${selectedIds.length > 1 ? ` · ${selectedIds.length} selected` : ''}`;

  return (
    <section className="pane case-pane" aria-label="Cases">
      <Filters />
      <div className="list-meta">
        {/* The list view's h1 ("8 cases"); beside an open case, the case's heading is the view's h1. */}
        {currentId === null ? (
          <h1 className="list-count">
            <span role="status" aria-live="polite">
              {countText}
            </span>
          </h1>
        ) : (
          <span role="status" aria-live="polite">
            {countText}
          </span>
        )}
        {list.loading ? <span className="muted">updating…</span> : null}
        {selectedIds.length > 1 ? <BulkStatus count={selectedIds.length} /> : null}
      </div>
      {list.error ? (
        <p className="error-text" role="alert">
          {list.error}
        </p>
      ) : null}
      <div
        id="case-grid"
        className="grid"
        ref={scrollRef}
        role="grid"
        aria-label="Cases"
        aria-rowcount={total + 1}
        aria-colcount={COLUMNS.length}
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeId}
        onKeyDown={onKeyDown}
      >
        <div className="grid-head" role="row" aria-rowindex={1} ref={headRef}>
          {COLUMNS.map((col, index) => {
            const sorted = col.key !== null && list.sort === col.key;
            const focused = 'header' in cursor && cursor.header === index;
            return (
              <div
                key={col.label}
                id={col.key ? `case-col-${col.key}` : undefined}
                role="columnheader"
                className={`cell ${col.className}${focused ? ' cursor' : ''}`}
                aria-sort={sorted ? (list.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {col.key ? (
                  <button
                    type="button"
                    className="sort-btn"
                    tabIndex={-1}
                    onClick={() => {
                      setCursor({ header: index });
                      setSort(col.key!);
                    }}
                  >
                    {col.label}
                    <span aria-hidden="true" className="sort-arrow">
                      {sorted ? (list.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                ) : (
                  col.label
                )}
              </div>
            );
          })}
        </div>
        <div className="grid-body" role="rowgroup">
          {total === 0 && list.total !== null ? (
            <div className="grid-empty" role="row">
              <div role="gridcell">
                No cases match these filters.{' '}
                <button
                  type="button"
                  className="btn ghost small"
                  onClick={() => {
                    useApp.getState().clearFilters();
                    // The message and its button go: focus goes to the list, which now shows every case.
                    document.getElementById('case-grid')?.focus();
                  }}
                >
                  Clear filters
                </button>
              </div>
            </div>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const caseRow = rowAt(item.index);
              const style = { transform: `translateY(${item.start - headHeight}px)`, height: rowHeight } as const;
              if (!caseRow) {
                return (
                  <div
                    key={item.key}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="grid-row placeholder"
                    style={style}
                  >
                    <div role="gridcell" className="cell">
                      <span className="skeleton" />
                    </div>
                  </div>
                );
              }
              return (
                <CaseListRow
                  key={item.key}
                  row={caseRow}
                  index={item.index}
                  style={style}
                  selected={selectedIds.includes(caseRow.id)}
                  open={caseRow.id === currentId}
                  cursor={item.index === row}
                  onClick={(e) => {
                    setCursor({ row: item.index });
                    if (e.shiftKey) select(caseRow.id, 'range');
                    else if (e.ctrlKey || e.metaKey) select(caseRow.id, 'toggle');
                    else {
                      select(caseRow.id);
                      void openCase(caseRow.id);
                    }
                  }}
                />
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}

/** Where a case is among the loaded rows, or null. */
function loadedIndexOf(pages: Record<number, CaseRow[]>, id: number): number | null {
  for (const [page, rows] of Object.entries(pages)) {
    const at = rows.findIndex((r) => r.id === id);
    if (at >= 0) return Number(page) * PAGE_SIZE + at;
  }
  return null;
}

function CaseListRow({
  row,
  index,
  style,
  selected,
  open,
  cursor,
  onClick,
}: {
  row: CaseRow;
  index: number;
  style: React.CSSProperties;
  selected: boolean;
  open: boolean;
  cursor: boolean;
  onClick(e: React.MouseEvent): void;
}) {
  const file = row.file.split(/[\\/]/).pop() ?? row.file;
  const flags = row.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ');
  const sameNumber = row.caseNumber !== null && (row.version > 1 || row.flags.includes('duplicate-case-number'));
  return (
    <div
      id={`case-row-${row.id}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-case-id={row.id}
      className={`grid-row${row.snippet ? ' with-snippet' : ''}${selected ? ' selected' : ''}${open ? ' open' : ''}${cursor ? ' cursor' : ''}`}
      style={style}
      onClick={onClick}
    >
      <div
        role="gridcell"
        className={`cell col-case${sameNumber ? ' two-line' : ''}`}
        title={row.caseNumber ? `${row.caseNumber} · ${file}` : file}
      >
        {row.caseNumber ? (
          <span className="case-number">{row.caseNumber}</span>
        ) : (
          <em className="muted file-name">{file}</em>
        )}
        {sameNumber ? (
          // Letters with the same case number differ by version and file: both on a line of their own, so
          // neither pushes the number out of a narrow list.
          <span className="case-file">
            <span className="badge subtle" title="Another file has the same case number">
              v{row.version}
            </span>{' '}
            <span className="file-name">{file}</span>
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="cell col-items">
        {row.itemCount}
      </div>
      <div role="gridcell" className="cell col-decisions">
        {decisionSummary(row)}
      </div>
      <div role="gridcell" className="cell col-status">
        <span className={`status status-${row.status.replace(/\s+/g, '-')}`}>{STATUS_LABELS[row.status]}</span>
      </div>
      <div role="gridcell" className="cell col-flags" title={flags || undefined}>
        {row.flags.length ? (
          <span className="flag-badge">
            <span aria-hidden="true">⚑</span>
            {row.flags.length}
            <span className="sr-only"> {flags}</span>
          </span>
        ) : null}
      </div>
      <div role="gridcell" className="cell col-imported">
        {formatImported(row.importedAt)}
      </div>
      {row.snippet ? (
        <div role="gridcell" className="cell col-snippet">
          <Snippet text={row.snippet} />
        </div>
      ) : null}
    </div>
  );
}
