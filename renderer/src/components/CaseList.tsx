/**
 * The case list: a virtualized ARIA grid over the whole (possibly 100,000-row)
 * result. Rows are fetched page by page as they scroll into view.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { PAGE_SIZE, useApp, type SortKey } from '../store/appStore';
import { ITEM_CATEGORIES } from '../../../shared/domain/letter';
import { REVIEW_STATUSES, type CaseRow } from '../../../shared/domain/case';
import { FLAG_LABELS, STATUS_LABELS } from '../fields/fieldDefs';
import { LETTER_FORMATS } from '../../../shared/domain/letter';
import { Snippet } from './Snippet';

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'caseNumber', label: 'Case number', className: 'col-case' },
  { key: 'itemCount', label: 'Items', className: 'col-items' },
  { key: 'decisions', label: 'Decisions', className: 'col-decisions' },
  { key: 'status', label: 'Status', className: 'col-status' },
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
      <input
        id="case-search"
        type="search"
        className="search"
        placeholder="Search letters (Ctrl+F)"
        aria-label="Search letters"
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
      <div className="filter-row">
        <select
          aria-label="Status filter"
          value={filter.status ?? ''}
          onChange={(e) => setFilter({ status: (e.target.value || undefined) as never })}
        >
          <option value="">Status</option>
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
          <option value="">Category</option>
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
          onChange={(e) => setFilter({ flag: e.target.value || undefined })}
        >
          <option value="">Flags</option>
          {Object.entries(FLAG_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {active ? (
          <button type="button" className="btn ghost small" onClick={clearFilters}>
            Clear
          </button>
        ) : null}
      </div>
    </div>
  );
}

export function CaseListPane() {
  const list = useApp((s) => s.list);
  const selectedIds = useApp((s) => s.selectedIds);
  const currentId = useApp((s) => s.current.id);
  const { ensurePage, openCase, select, setSort, rowAt } = useApp.getState();
  // The grid element itself scrolls (so the one focusable element is the scroll container);
  // its sticky header sits above the rows, which the virtualizer offsets by scrollMargin.
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const [headHeight, setHeadHeight] = useState(32);
  useLayoutEffect(() => {
    const height = headRef.current?.offsetHeight;
    if (height && height !== headHeight) setHeadHeight(height);
  }, [headHeight]);
  const [cursor, setCursor] = useState(0);
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
    setCursor(0);
  }
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);
  if (cursor >= total && total > 0) setCursor(total - 1);

  const moveTo = (index: number, open: boolean) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setCursor(clamped);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    const row = rowAt(clamped);
    if (row && open) {
      select(row.id);
      if (openTimer.current) clearTimeout(openTimer.current);
      openTimer.current = setTimeout(() => void openCase(row.id), 140);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (total === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const map: Record<string, number> = {
      ArrowDown: cursor + 1,
      ArrowUp: cursor - 1,
      PageDown: cursor + page,
      PageUp: cursor - page,
      Home: 0,
      End: total - 1,
    };
    if (e.key in map) {
      e.preventDefault();
      moveTo(map[e.key]!, true);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const row = rowAt(cursor);
      if (row) {
        select(row.id);
        void openCase(row.id);
      }
    } else if (e.key === ' ') {
      e.preventDefault();
      const row = rowAt(cursor);
      if (row) select(row.id, 'toggle');
    }
  };

  const activeRow = rowAt(cursor);
  const countText =
    list.total === null
      ? 'Loading…'
      : `${total.toLocaleString()} ${total === 1 ? 'case' : 'cases'}${selectedIds.length > 1 ? ` · ${selectedIds.length} selected` : ''}`;

  return (
    <section className="pane case-pane" aria-label="Cases">
      <Filters />
      <div className="list-meta">
        <span role="status" aria-live="polite">
          {countText}
        </span>
        {list.loading ? <span className="muted">updating…</span> : null}
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
        aria-activedescendant={activeRow ? `case-row-${activeRow.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div className="grid-head" role="row" aria-rowindex={1} ref={headRef}>
          {COLUMNS.map((col) => {
            const sorted = col.key !== null && list.sort === col.key;
            return (
              <div
                key={col.label}
                role="columnheader"
                className={`cell ${col.className}`}
                aria-sort={sorted ? (list.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                {col.key ? (
                  <button type="button" className="sort-btn" tabIndex={-1} onClick={() => setSort(col.key!)}>
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
                <button type="button" className="btn ghost small" onClick={() => useApp.getState().clearFilters()}>
                  Clear filters
                </button>
              </div>
            </div>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const style = { transform: `translateY(${item.start - headHeight}px)`, height: rowHeight } as const;
              if (!row) {
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
              const selected = selectedIds.includes(row.id);
              return (
                <div
                  key={item.key}
                  id={`case-row-${row.id}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-case-id={row.id}
                  className={`grid-row${row.snippet ? ' with-snippet' : ''}${selected ? ' selected' : ''}${row.id === currentId ? ' open' : ''}${item.index === cursor ? ' cursor' : ''}`}
                  style={style}
                  onClick={(e) => {
                    setCursor(item.index);
                    if (e.shiftKey) select(row.id, 'range');
                    else if (e.ctrlKey || e.metaKey) select(row.id, 'toggle');
                    else {
                      select(row.id);
                      void openCase(row.id);
                    }
                  }}
                >
                  <div role="gridcell" className="cell col-case">
                    {row.caseNumber ? (
                      <span className="case-number">{row.caseNumber}</span>
                    ) : (
                      <em className="muted" title="No IMR case number was found in this letter">
                        {row.file.split(/[\\/]/).pop()}
                      </em>
                    )}
                    {row.version > 1 ? (
                      <span className="badge subtle" title="Another file has the same case number">
                        v{row.version}
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
                    <span className={`status status-${row.status.replace(/\s+/g, '-')}`}>
                      {STATUS_LABELS[row.status]}
                    </span>
                  </div>
                  <div
                    role="gridcell"
                    className="cell col-flags"
                    title={row.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ')}
                  >
                    {row.flags.length ? (
                      <span className="flag-badge">
                        <span aria-hidden="true">⚑</span>
                        {row.flags.length}
                        <span className="sr-only"> {row.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ')}</span>
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
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
