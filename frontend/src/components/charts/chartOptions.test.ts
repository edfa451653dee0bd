import {describe, expect, it} from 'vitest';

import {balanceChart, groupName, inOutChart, spendingChart, splitWords, type ChartTheme} from './chartOptions';
import {compactRand} from './format';

const theme: ChartTheme = {
  text: 'black',
  muted: 'grey',
  grid: 'silver',
  surface: 'white',
  credit: 'green',
  debit: 'red',
  palette: ['c1', 'c2', 'c3'],
};

type Series = {name?: string; data?: unknown[]; stack?: string; itemStyle?: {color?: string}};
const seriesOf = (o: {series?: unknown}) => o.series as Series[];

describe('compactRand', () => {
  it.each([
    [0, 'R 0'],
    [99, 'R 0'],
    [12_300, 'R 123'],
    [123_456, 'R 1,2k'],
    [100_000, 'R 1k'],
    [149_950_000, 'R 1,5m'],
    [-80_000, '-R 800'],
    [1_234_567_890_000, 'R 12,3bn'],
  ])('%i cents is %s', (cents, want) => {
    expect(compactRand(cents)).toBe(want);
  });
});

describe('balanceChart', () => {
  it('draws one line per account with data, labelled by account', () => {
    const c = balanceChart(
      [
        {accountId: 'a', points: [{date: '2026-01-01', balance: 100}, {date: '2026-01-03', balance: -250}]},
        {accountId: 'b', points: []},
      ],
      [{id: 'a', label: 'Everyday'}, {id: 'b', label: 'Saver'}],
      theme,
    );
    expect(c.empty).toBe(false);
    const series = seriesOf(c.option);
    expect(series).toHaveLength(1);
    expect(series[0]?.name).toBe('Everyday');
    expect(series[0]?.data).toEqual([['2026-01-01', 100], ['2026-01-03', -250]]);
    expect(c.summary).toContain('Everyday');
    expect(c.summary).toContain('-R\u00a02,50');
    expect(c.table.rows[0]).toEqual(['Everyday', '1 Jan 2026: R\u00a01,00', '3 Jan 2026: -R\u00a02,50', '2']);
  });

  it('says so when there is nothing to draw', () => {
    const c = balanceChart([{accountId: 'a', points: []}], [], theme);
    expect(c.empty).toBe(true);
    expect(c.summary).toMatch(/no posted transactions/);
  });
});

describe('inOutChart', () => {
  const months = [
    {accountId: '', month: '2026-01', in: 500_000, out: 120_000, net: 380_000, count: 4},
    {accountId: '', month: '2026-02', in: 0, out: 0, net: 0, count: 0},
    {accountId: '', month: '2026-03', in: 100, out: 300_000, net: -299_900, count: 2},
  ];

  it('pairs money in and out per month, in credit and debit colours', () => {
    const c = inOutChart(months, theme);
    const [inS, outS] = seriesOf(c.option);
    expect(inS?.data).toEqual([500_000, 0, 100]);
    expect(outS?.data).toEqual([120_000, 0, 300_000]);
    expect(inS?.itemStyle?.color).toBe('green');
    expect(outS?.itemStyle?.color).toBe('red');
    expect((c.option.xAxis as {data: string[]}).data).toEqual(['Jan 2026', 'Feb 2026', 'Mar 2026']);
  });

  it('summarises totals exactly and names the month with most out', () => {
    const c = inOutChart(months, theme);
    expect(c.summary).toBe(
      'Money in and out per month from Jan 2026 to Mar 2026: R\u00a05\u00a0001,00 in and R\u00a04\u00a0200,00 out in total; most went out in Mar 2026 (R\u00a03\u00a0000,00).',
    );
    expect(c.table.rows[2]).toEqual(['Mar 2026', 'R\u00a01,00', 'R\u00a03\u00a0000,00', '-R\u00a02\u00a0999,00']);
  });

  it('is empty without transactions', () => {
    expect(inOutChart([{accountId: '', month: '2026-01', in: 0, out: 0, net: 0, count: 0}], theme).empty).toBe(true);
  });
});

describe('spendingChart', () => {
  const g = (month: string, group: string, out: number) => ({month, group, in: 0, out, net: -out, count: 1});

  it('stacks the largest groups and puts the rest together, keeping totals exact', () => {
    const groups = [
      g('2026-01', 'Groceries', 3000),
      g('2026-01', '', 500),
      g('2026-02', 'Groceries', 1000),
      g('2026-02', 'Fuel', 2500),
      g('2026-02', 'Books', 100),
      g('2026-02', 'Salary', 0),
    ];
    const c = spendingChart(groups, ['2026-01', '2026-02', '2026-03'], 'category', theme, 2);
    const series = seriesOf(c.option);
    expect(series.map((s) => s.name)).toEqual(['Groceries', 'Fuel', 'Everything else']);
    expect(series.every((s) => s.stack === 'out')).toBe(true);
    expect(series[0]?.data).toEqual([3000, 1000, 0]);
    expect(series[2]?.data).toEqual([500, 100, 0]);
    expect(c.table.rows).toEqual([
      ['Groceries', 'R\u00a040,00'],
      ['Fuel', 'R\u00a025,00'],
      ['Uncategorised', 'R\u00a05,00'],
      ['Books', 'R\u00a01,00'],
    ]);
    expect(c.summary).toBe('Spending per month by category, 4 groups. Largest: Groceries R\u00a040,00, Fuel R\u00a025,00, Uncategorised R\u00a05,00.');
  });

  it('names transaction types in words', () => {
    expect(splitWords('CardPurchases')).toBe('Card purchases');
    expect(splitWords('ATMWithdrawals')).toBe('ATM withdrawals');
    expect(splitWords('VASTransactions')).toBe('VAS transactions');
    expect(splitWords('OnlineBankingPayments')).toBe('Online banking payments');
    expect(groupName('', 'type')).toBe('Other');
    expect(groupName('', 'category')).toBe('Uncategorised');
    const c = spendingChart([g('2026-01', 'FeesAndInterest', 10)], ['2026-01'], 'type', theme);
    expect(seriesOf(c.option)[0]?.name).toBe('Fees and interest');
  });

  it('is empty when nothing went out', () => {
    expect(spendingChart([g('2026-01', 'Salary', 0)], ['2026-01'], 'category', theme).empty).toBe(true);
  });
});
