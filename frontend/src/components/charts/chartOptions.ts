/**
 * The dashboard's charts as data: each builder turns cache figures (integer
 * cents) into an ECharts option, a one-sentence summary for screen readers
 * and the same figures as a table. Pure functions, unit-tested; amounts stay
 * integer cents and are only formatted for display.
 */
import {formatMoney, formatMonth, formatDate} from '../../lib/format';
import type {BalanceSeries, MonthlyFlow, MonthlyGroupTotal} from '../../lib/review/types';
import type {ChartOption} from './EChart';
import {compactRand} from './format';

/** ChartTheme holds the colours a chart is drawn with (from the CSS tokens). */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  credit: string;
  debit: string;
  palette: string[];
}

/** ChartTable is a chart's figures as rows of text, the chart's accessible fallback. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/** BuiltChart is what ChartFigure draws. */
export interface BuiltChart {
  option: ChartOption;
  summary: string;
  table: ChartTable;
  /** True when there is nothing to draw. */
  empty: boolean;
}

const fallbackTheme: ChartTheme = {
  text: '#142131',
  muted: '#51606f',
  grid: '#d8dee6',
  surface: '#ffffff',
  credit: '#0f7a43',
  debit: '#b42318',
  palette: ['#0b4f8c', '#c2410c', '#0f7a43', '#7c3aed', '#be185d', '#0e7490', '#4d7c0f', '#a16207', '#475569'],
};

const fallbackDark: ChartTheme = {
  text: '#e7edf4',
  muted: '#9db0c4',
  grid: '#26364a',
  surface: '#121c28',
  credit: '#4fd08f',
  debit: '#ff8f84',
  palette: ['#7db4f0', '#fb923c', '#4fd08f', '#c4b5fd', '#f9a8d4', '#67e8f9', '#bef264', '#fcd34d', '#cbd5e1'],
};

/**
 * readChartTheme reads the chart colours from the CSS custom properties of
 * the document (tokens.css and charts.css), which follow light and dark;
 * scheme says which is in effect (and picks the fallback colours where the
 * properties cannot be read).
 */
export function readChartTheme(scheme: 'light' | 'dark' = 'light'): ChartTheme {
  const fallback = scheme === 'dark' ? fallbackDark : fallbackTheme;
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') {
    return fallback;
  }
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const palette = fallback.palette.map((c, i) => get(`--chart-${String(i + 1)}`, c));
  return {
    text: get('--color-text', fallback.text),
    muted: get('--color-text-muted', fallback.muted),
    grid: get('--color-border', fallback.grid),
    surface: get('--color-surface', fallback.surface),
    credit: get('--color-credit', fallback.credit),
    debit: get('--color-debit', fallback.debit),
    palette,
  };
}

const chartFont = "'Inter Variable', system-ui, sans-serif";

function axisStyle(theme: ChartTheme) {
  return {
    axisLabel: {color: theme.muted},
    axisLine: {lineStyle: {color: theme.grid}},
    splitLine: {lineStyle: {color: theme.grid}},
  };
}

function moneyAxis(theme: ChartTheme) {
  return {
    type: 'value' as const,
    ...axisStyle(theme),
    axisLabel: {color: theme.muted, formatter: (v: number) => compactRand(v)},
  };
}

function base(theme: ChartTheme, decals: boolean): ChartOption {
  return {
    animation: false,
    // A concrete font, the one the page uses, so ECharts measures labels as drawn.
    textStyle: {color: theme.text, fontFamily: chartFont, fontSize: 12},
    color: theme.palette,
    grid: {left: 76, right: 16, top: 44, bottom: 28},
    legend: {top: 0, textStyle: {color: theme.text, fontFamily: chartFont}, type: 'scroll', pageTextStyle: {color: theme.muted}},
    tooltip: {trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? formatMoney(Math.round(v)) : String(v))},
    // Patterns on the bars, so series differ by more than colour. ECharts'
    // own generated description is off: the figure has a better one.
    aria: {enabled: decals, label: {enabled: false}, decal: {show: decals}},
  };
}

/** AccountLabel names an account in a legend. */
export interface AccountLabel {
  id: string;
  label: string;
}

/**
 * balanceChart draws each account's daily closing balance over time.
 */
export function balanceChart(series: BalanceSeries[], accounts: AccountLabel[], theme: ChartTheme): BuiltChart {
  const label = (id: string) => accounts.find((a) => a.id === id)?.label ?? id;
  const withData = series.filter((s) => s.points.length > 0);
  const option: ChartOption = {
    ...base(theme, false),
    xAxis: {type: 'time', ...axisStyle(theme), splitLine: {show: false}},
    yAxis: moneyAxis(theme),
    series: withData.map((s) => ({
      type: 'line',
      name: label(s.accountId),
      showSymbol: false,
      step: 'end',
      data: s.points.map((p) => [p.date, p.balance]),
    })),
  };
  const lastRows = withData.map((s) => {
    const first = s.points[0];
    const last = s.points[s.points.length - 1];
    return [
      label(s.accountId),
      first ? `${formatDate(first.date)}: ${formatMoney(first.balance)}` : '',
      last ? `${formatDate(last.date)}: ${formatMoney(last.balance)}` : '',
      String(s.points.length),
    ];
  });
  const parts = withData.map((s) => {
    const last = s.points[s.points.length - 1];
    return last ? `${label(s.accountId)} ${formatMoney(last.balance)} on ${formatDate(last.date)}` : '';
  });
  return {
    option,
    empty: withData.length === 0,
    summary:
      withData.length === 0
        ? 'Balance over time: no posted transactions in this period.'
        : `Balance over time for ${withData.length} account${withData.length === 1 ? '' : 's'}. Latest closing balances: ${parts.join('; ')}.`,
    table: {columns: ['Account', 'First day', 'Last day', 'Days with transactions'], rows: lastRows},
  };
}

/** inOutChart draws money in and out per month as paired bars. */
export function inOutChart(months: MonthlyFlow[], theme: ChartTheme): BuiltChart {
  const option: ChartOption = {
    ...base(theme, true),
    xAxis: {type: 'category', data: months.map((m) => formatMonth(m.month)), ...axisStyle(theme)},
    yAxis: moneyAxis(theme),
    series: [
      {type: 'bar', name: 'Money in', itemStyle: {color: theme.credit}, data: months.map((m) => m.in)},
      {type: 'bar', name: 'Money out', itemStyle: {color: theme.debit}, data: months.map((m) => m.out)},
    ],
  };
  let totalIn = 0n;
  let totalOut = 0n;
  let most: MonthlyFlow | undefined;
  for (const m of months) {
    totalIn += BigInt(m.in);
    totalOut += BigInt(m.out);
    if (!most || m.out > most.out) {
      most = m;
    }
  }
  const first = months[0];
  const last = months[months.length - 1];
  const empty = months.every((m) => m.count === 0);
  const summary =
    empty || !first || !last
      ? 'Money in and out per month: no posted transactions in this period.'
      : `Money in and out per month from ${formatMonth(first.month)} to ${formatMonth(last.month)}: ` +
        `${formatMoney(totalIn)} in and ${formatMoney(totalOut)} out in total` +
        (most && most.out > 0 ? `; most went out in ${formatMonth(most.month)} (${formatMoney(most.out)}).` : '.');
  return {
    option,
    empty,
    summary,
    table: {
      columns: ['Month', 'Money in', 'Money out', 'Net'],
      rows: months.map((m) => [formatMonth(m.month), formatMoney(m.in), formatMoney(m.out), formatMoney(m.net)]),
    },
  };
}

/** GroupKind says what spending is split by. */
export type GroupKind = 'category' | 'type';

/** groupName is how a group shows: "" is Uncategorised (categories) or Other (types). */
export function groupName(group: string, kind: GroupKind): string {
  if (group !== '') {
    return kind === 'type' ? splitWords(group) : group;
  }
  return kind === 'category' ? 'Uncategorised' : 'Other';
}

/** splitWords turns Investec's transactionType (CardPurchases) into words (Card purchases). */
export function splitWords(s: string): string {
  const words = s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ');
  // Acronyms (ATM, VAS) stay in capitals; other words after the first are lower case.
  return words.map((w, i) => (i === 0 || /^[A-Z0-9]{2,}$/.test(w) ? w : w.toLowerCase())).join(' ');
}

/**
 * spendingChart draws money out per month, stacked by group (category or
 * transaction type): the topN groups by total, the rest together as
 * "Everything else". Months with no spending still show.
 */
export function spendingChart(groups: MonthlyGroupTotal[], months: string[], kind: GroupKind, theme: ChartTheme, topN = 8): BuiltChart {
  const totals = new Map<string, bigint>();
  for (const g of groups) {
    if (g.out > 0) {
      totals.set(g.group, (totals.get(g.group) ?? 0n) + BigInt(g.out));
    }
  }
  const ranked = [...totals.entries()].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])));
  const top = ranked.slice(0, topN).map(([g]) => g);
  const rest = ranked.length > topN;
  const other = '\u0000rest';
  const keyOf = (g: string) => (top.includes(g) ? g : other);
  const keys = rest ? [...top, other] : top;
  const cell = new Map<string, number>();
  for (const g of groups) {
    if (g.out > 0) {
      const k = `${keyOf(g.group)}|${g.month}`;
      cell.set(k, (cell.get(k) ?? 0) + g.out);
    }
  }
  const name = (k: string) => (k === other ? 'Everything else' : groupName(k, kind));
  const option: ChartOption = {
    ...base(theme, true),
    xAxis: {type: 'category', data: months.map(formatMonth), ...axisStyle(theme)},
    yAxis: moneyAxis(theme),
    series: keys.map((k) => ({
      type: 'bar',
      stack: 'out',
      name: name(k),
      data: months.map((m) => cell.get(`${k}|${m}`) ?? 0),
    })),
  };
  const by = kind === 'category' ? 'category' : 'transaction type';
  const topText = ranked
    .slice(0, 3)
    .map(([g, total]) => `${groupName(g, kind)} ${formatMoney(total)}`)
    .join(', ');
  return {
    option,
    empty: ranked.length === 0,
    summary:
      ranked.length === 0
        ? `Spending by ${by}: nothing went out in this period.`
        : `Spending per month by ${by}, ${ranked.length} group${ranked.length === 1 ? '' : 's'}. Largest: ${topText}.`,
    table: {
      columns: [kind === 'category' ? 'Category' : 'Transaction type', 'Money out'],
      rows: ranked.map(([g, total]) => [groupName(g, kind), formatMoney(total)]),
    },
  };
}
