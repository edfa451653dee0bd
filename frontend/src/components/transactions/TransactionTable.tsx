import {createColumnHelper, flexRender, getCoreRowModel, useReactTable} from '@tanstack/react-table';
import {useVirtualizer} from '@tanstack/react-virtual';
import {useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type RefObject} from 'react';

import {formatMoney} from '../../lib/format';
import {moveSelection} from '../../lib/review/keyboard';
import type {SortField, Transaction} from '../../lib/review/types';
import {cardTail, DateText, SignedAmount, StatusBadge, typeLabel} from './cells';
import './transactions.css';

/** ROW_HEIGHT is every row's height in pixels (fixed, so any row's position is known). */
export const ROW_HEIGHT = 32;

/**
 * MAX_SCROLL_PX caps the height of the scrolling area. Browsers cannot lay
 * out elements much taller than 33 million pixels (WebKit and Chromium) or
 * 17 million (Firefox), and a million rows at 32 px is 32 million: beyond
 * the cap the scrollbar maps proportionally onto the rows (scrollScale).
 */
export const MAX_SCROLL_PX = 8_000_000;

/**
 * scrollScale is how many pixels of the list one pixel of scrollbar stands
 * for: 1 until the list is taller than MAX_SCROLL_PX.
 */
export function scrollScale(count: number, viewport: number): number {
  const total = count * ROW_HEIGHT;
  if (total <= MAX_SCROLL_PX || viewport >= MAX_SCROLL_PX) {
    return 1;
  }
  return Math.max(1, (total - viewport) / (MAX_SCROLL_PX - viewport));
}

/** ScrollerState is what the stand-in scroller reads: the real element and the row count. */
interface ScrollerState {
  el: HTMLDivElement | null;
  count: number;
}

/**
 * scaledScroller returns a stand-in for the grid's scrolling element that
 * reports and takes offsets in list pixels (row index × ROW_HEIGHT): its
 * scrollTop is the real one times the scale, its scrollHeight the list's
 * full height, and scrollTo divides by the scale. The virtualizer reads
 * only these, so its clamping and bookkeeping stay consistent however many
 * rows there are. Events and sizes come from the real element.
 */
export function scaledScroller(s: ScrollerState): HTMLDivElement {
  const scale = () => (s.el ? scrollScale(s.count, s.el.clientHeight) : 1);
  const stand = {
    get scrollTop() {
      return (s.el?.scrollTop ?? 0) * scale();
    },
    get scrollLeft() {
      return 0;
    },
    get scrollHeight() {
      return Math.max(s.count * ROW_HEIGHT, s.el?.clientHeight ?? 0);
    },
    get scrollWidth() {
      return s.el?.clientWidth ?? 0;
    },
    get clientHeight() {
      return s.el?.clientHeight ?? 0;
    },
    get clientWidth() {
      return s.el?.clientWidth ?? 0;
    },
    get ownerDocument() {
      return s.el?.ownerDocument ?? document;
    },
    scrollTo(options: ScrollToOptions) {
      s.el?.scrollTo({...options, top: (options.top ?? 0) / scale()});
    },
    addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: AddEventListenerOptions) {
      s.el?.addEventListener(type, listener, options);
    },
    removeEventListener(type: string, listener: EventListenerOrEventListenerObject) {
      s.el?.removeEventListener(type, listener);
    },
  };
  return stand as unknown as HTMLDivElement;
}

/** Slot is one visible row: its index and, once loaded, its transaction. */
interface Slot {
  index: number;
  /** Where the row starts in the (unscaled) list, in pixels. */
  start: number;
  tx?: Transaction;
}

/** Column is a table column: its sort field when sortable, and its grid track. */
interface ColumnMeta {
  sort?: SortField;
  track: string;
  align?: 'end';
}

const column = createColumnHelper<Slot>();

const columns = [
  column.display({
    id: 'date',
    header: 'Date',
    meta: {sort: 'date', track: '6.75rem'} satisfies ColumnMeta,
    cell: ({row}) => (row.original.tx ? <DateText t={row.original.tx} /> : null),
  }),
  column.display({
    id: 'description',
    header: 'Description',
    meta: {sort: 'description', track: 'minmax(9rem, 3fr)'} satisfies ColumnMeta,
    cell: ({row}) => <span className="truncate">{row.original.tx?.description}</span>,
  }),
  column.display({
    id: 'type',
    header: 'Type',
    meta: {sort: 'transactionType', track: 'minmax(5.5rem, 1fr)'} satisfies ColumnMeta,
    cell: ({row}) => <span className="truncate">{typeLabel(row.original.tx?.transactionType ?? '')}</span>,
  }),
  column.display({
    id: 'amount',
    header: 'Amount',
    meta: {sort: 'amount', track: '8.25rem', align: 'end'} satisfies ColumnMeta,
    cell: ({row}) => (row.original.tx ? <SignedAmount cents={row.original.tx.amount} direction={row.original.tx.type} /> : null),
  }),
  column.display({
    id: 'balance',
    header: 'Balance',
    meta: {track: '7.75rem', align: 'end'} satisfies ColumnMeta,
    cell: ({row}) => {
      const rb = row.original.tx?.runningBalance;
      return rb === undefined ? null : <span className="money">{formatMoney(rb)}</span>;
    },
  }),
  column.display({
    id: 'status',
    header: 'Status',
    meta: {track: '4.25rem'} satisfies ColumnMeta,
    cell: ({row}) => (row.original.tx ? <StatusBadge status={row.original.tx.status} /> : null),
  }),
  column.display({
    id: 'card',
    header: 'Card',
    meta: {track: '4.5rem'} satisfies ColumnMeta,
    cell: ({row}) => <span className="muted nowrap">{cardTail(row.original.tx?.cardNumber ?? '')}</span>,
  }),
  column.display({
    id: 'category',
    header: 'Category',
    meta: {sort: 'category', track: 'minmax(5.5rem, 1fr)'} satisfies ColumnMeta,
    cell: ({row}) => <span className="truncate">{row.original.tx?.category}</span>,
  }),
];

const gridTemplate = columns.map((c) => (c.meta as ColumnMeta).track).join(' ');

/** TransactionTableProps are the props of TransactionTable. */
export interface TransactionTableProps {
  /** Rows in the filtered set (0 while unknown). */
  count: number;
  /** Changes whenever loaded rows change, so the table re-renders. */
  version: number;
  rowAt: (index: number) => Transaction | undefined;
  /** Called with the rows that are visible (plus overscan). */
  onRange: (first: number, last: number) => void;
  sort: SortField;
  descending: boolean;
  onSort: (column: SortField) => void;
  selected: number | undefined;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  /** When it changes (a new filter), the table scrolls back to the top. */
  resetKey: string;
  label: string;
  busy: boolean;
  /** Receives the grid element (to give it the focus back). */
  gridRef?: RefObject<HTMLDivElement | null>;
}

/**
 * TransactionTable is the one virtualized transaction list: only the rows
 * in view are in the DOM, whatever the count. It is a keyboard-operable
 * ARIA grid: ↑/↓, Page Up/Down and Home/End move the selected row (and
 * scroll it into view), Enter opens it; clicking a row opens it too.
 */
export function TransactionTable(props: TransactionTableProps) {
  const {count, rowAt, onRange, sort, descending, onSort, selected, onSelect, onOpen, resetKey, label, busy, gridRef} = props;
  // The virtualizer scrolls a stand-in for the real element that speaks in
  // list pixels (see scaledScroller), so its arithmetic holds even when the
  // scrollbar is scaled down.
  const scroller = useRef<ScrollerState>({el: null, count: 0});
  const stand = useRef<HTMLDivElement | null>(null);
  const setScroller = useCallback((el: HTMLDivElement | null) => {
    scroller.current.el = el;
  }, []);
  useLayoutEffect(() => {
    scroller.current.count = count;
  }, [count]);
  const getScrollElement = useCallback(() => {
    if (!scroller.current.el) {
      return null;
    }
    stand.current ??= scaledScroller(scroller.current);
    return stand.current;
  }, []);
  const observeRect = useCallback((_: unknown, cb: (rect: {width: number; height: number}) => void) => {
    const el = scroller.current.el;
    if (!el) {
      return undefined;
    }
    const report = () => {
      cb({width: el.clientWidth, height: el.clientHeight});
    };
    report();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(report);
    observer?.observe(el);
    return () => {
      observer?.disconnect();
    };
  }, []);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    observeElementRect: observeRect,
  });

  const viewport = virtualizer.scrollRect?.height ?? 600;
  const nextScale = scrollScale(count, viewport);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) {
      onRange(first, last);
    }
  }, [first, last, onRange]);

  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const slots = useMemo<Slot[]>(
    () => items.map((it) => ({index: it.index, start: it.start, tx: rowAt(it.index)})),
    // version tells when rowAt's answers changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, rowAt, props.version],
  );

  const table = useReactTable({data: slots, columns, getCoreRowModel: getCoreRowModel(), manualSorting: true});

  const listOffset = virtualizer.scrollOffset ?? 0;
  const realOffset = listOffset / nextScale;
  const height = Math.min(virtualizer.getTotalSize(), MAX_SCROLL_PX);
  const pageRows = Math.max(1, Math.floor(viewport / ROW_HEIGHT));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Enter' && selected !== undefined) {
      e.preventDefault();
      onOpen(selected);
      return;
    }
    const next = moveSelection(selected, e.key, count, pageRows);
    if (next === undefined) {
      return;
    }
    e.preventDefault();
    onSelect(next);
    virtualizer.scrollToIndex(next, {align: 'auto'});
  };

  const rowId = (i: number) => `tx-row-${i}`;

  return (
    <div
      ref={gridRef}
      className="tx-table"
      style={{['--tx-grid' as string]: gridTemplate}}
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      aria-busy={busy}
      aria-activedescendant={selected !== undefined && items.some((i) => i.index === selected) ? rowId(selected) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="tx-grid"
      data-count={count}
    >
      <div className="tx-table__head" role="rowgroup">
        {table.getHeaderGroups().map((hg) => (
          <div key={hg.id} className="tx-row tx-row--head" role="row" aria-rowindex={1}>
            {hg.headers.map((h) => {
              const meta = h.column.columnDef.meta as ColumnMeta;
              const active = meta.sort !== undefined && meta.sort === sort;
              const name = String(h.column.columnDef.header);
              return (
                <div
                  key={h.id}
                  className={`tx-cell tx-cell--head${meta.align === 'end' ? ' tx-cell--end' : ''}`}
                  role="columnheader"
                  aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  {meta.sort ? (
                    <button
                      type="button"
                      className={`tx-sort${active ? ' is-active' : ''}`}
                      onClick={() => {
                        if (meta.sort) {
                          onSort(meta.sort);
                        }
                      }}
                      title={`Sort by ${name.toLowerCase()}`}
                      data-testid={`sort-${h.column.id}`}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <span aria-hidden="true" className="tx-sort__mark">
                        {active ? (descending ? '▼' : '▲') : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(h.column.columnDef.header, h.getContext())
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <div ref={setScroller} className="tx-table__body" role="rowgroup" data-testid="tx-scroller">
        <div className="tx-table__spacer" style={{height}}>
          <div className="tx-table__window" style={{transform: `translateY(${realOffset}px)`}}>
            {table.getRowModel().rows.map((row) => {
              const {index, start, tx} = row.original;
              const isSelected = index === selected;
              return (
                // The grid handles the keys for its rows (aria-activedescendant).
                // eslint-disable-next-line jsx-a11y/click-events-have-key-events
                <div
                  key={index}
                  id={rowId(index)}
                  role="row"
                  tabIndex={-1}
                  aria-rowindex={index + 2}
                  aria-selected={isSelected}
                  className={`tx-row${isSelected ? ' is-selected' : ''}${tx ? '' : ' is-loading'}${tx?.status === 'PENDING' ? ' is-pending' : ''}`}
                  style={{transform: `translateY(${start - listOffset}px)`}}
                  onClick={() => {
                    onSelect(index);
                    onOpen(index);
                  }}
                  data-testid="tx-row"
                  data-index={index}
                  data-id={tx?.id}
                >
                  {row.getVisibleCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as ColumnMeta;
                    return (
                      <div key={cell.id} role="gridcell" className={`tx-cell tx-cell--${cell.column.id}${meta.align === 'end' ? ' tx-cell--end' : ''}`}>
                        {tx ? (
                          flexRender(cell.column.columnDef.cell, cell.getContext())
                        ) : cell.column.id === 'description' ? (
                          <span className="tx-skeleton" aria-label="Loading" />
                        ) : null}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
