/**
 * The review feature's part of the API gateway: accounts and balances,
 * the transaction list (one page at a time, with the totals of the whole
 * filtered set), a transaction's detail and annotation, categories and the
 * rules that set them, the dashboard's chart data, cached beneficiaries,
 * and syncing. Everything but SyncNow reads or writes the local cache only,
 * so it works offline.
 */
import {domain} from '../../../wailsjs/go/models';
import {
  Accounts,
  AddCategory,
  AddRule,
  Annotate,
  ApplyRules,
  CachedBeneficiaries,
  CancelSync,
  Categories,
  DeleteCategory,
  DeleteRule,
  Insight,
  MoveRule,
  PreviewRule,
  RenameCategory,
  Rules,
  SetDemoOffline,
  SyncNow,
  TransactionDetail as TransactionDetailCall,
  Transactions,
  TransactionTypes,
  UpdateRule,
} from '../../../wailsjs/go/main/App';
import {call} from './call';
import type {Data, DataWith, SyncRun} from './models';

/** Account is a bank account with its latest cached balance (domain.Account). */
export type Account = Data<domain.Account>;
/** Balance is an account balance as last fetched (domain.Balance). */
export type Balance = Data<domain.Balance>;
/** Direction is money in (CREDIT) or out (DEBIT) (domain.Direction). */
export type Direction = 'CREDIT' | 'DEBIT';
/** Transaction is one cached transaction with the person's annotation (domain.Transaction). */
export type Transaction = Data<domain.Transaction>;
/** SortField names a sortable column (domain.SortField). */
export type SortField = 'date' | 'amount' | 'description' | 'transactionType' | 'category';
/** StatusFilter selects posted, pending or all transactions (domain.StatusFilter). */
export type StatusFilter = 'all' | 'posted' | 'pending';
/** TransactionFilter selects, orders and pages transactions (domain.TransactionFilter). */
export type TransactionFilter = DataWith<domain.TransactionFilter, {direction: Direction | ''; status: StatusFilter; sort: SortField}>;
/** TransactionTotals summarise the whole filtered set (domain.TransactionTotals). */
export type TransactionTotals = Data<domain.TransactionTotals>;
/** TransactionPage is one page plus the totals of the filtered set (domain.TransactionPage). */
export type TransactionPage = Data<domain.TransactionPage>;
/** CategorySource says who set a category (domain.CategorySource). */
export type CategorySource = '' | 'hand' | 'rule';
/** Category is one of the person's categories (domain.Category). */
export type Category = Data<domain.Category>;
/** CategoryRule sets a category on matching descriptions (domain.CategoryRule). */
export type CategoryRule = DataWith<domain.CategoryRule, {direction: Direction | ''}>;
/** RuleInput is a rule as typed (domain.RuleInput). */
export type RuleInput = DataWith<domain.RuleInput, {direction: Direction | ''}>;
/** RulePreview counts what a rule would match and change (domain.RulePreview). */
export type RulePreview = Data<domain.RulePreview>;
/** RuleApplication counts what applying rules changed (domain.RuleApplication). */
export type RuleApplication = Data<domain.RuleApplication>;
/** TransactionDetail is a transaction with who set its category (domain.TransactionDetail). */
export type TransactionDetail = DataWith<domain.TransactionDetail, {categorySource: CategorySource; rule?: CategoryRule}>;
/** Annotation is the person's category and note (domain.Annotation). */
export type Annotation = Data<domain.Annotation>;
/** InsightRequest chooses the accounts and period of the charts (domain.InsightRequest). */
export type InsightRequest = Data<domain.InsightRequest>;
/** BalancePoint is an account's closing balance on one day (domain.BalancePoint). */
export type BalancePoint = Data<domain.BalancePoint>;
/** BalanceSeries is one account's daily closing balance (domain.BalanceSeries). */
export type BalanceSeries = Data<domain.BalanceSeries>;
/** MonthlyFlow is money in and out in one month (domain.MonthlyFlow). */
export type MonthlyFlow = Data<domain.MonthlyFlow>;
/** MonthlyGroupTotal is one group's money in one month (domain.MonthlyGroupTotal). */
export type MonthlyGroupTotal = Data<domain.MonthlyGroupTotal>;
/** Insight is the data behind the dashboard charts (domain.Insight). */
export type Insight = Data<domain.Insight>;
/** Beneficiary is a payee from Investec Online, as last synced (domain.Beneficiary). */
export type Beneficiary = Data<domain.Beneficiary>;

/** accounts returns the cached accounts with their latest balances. */
export function accounts(): Promise<Account[]> {
  return call(() => Accounts());
}

/**
 * transactions returns one page of cached transactions and the totals of
 * everything the filter selects.
 */
export async function transactions(f: TransactionFilter): Promise<TransactionPage> {
  const page = await call(() => Transactions(domain.TransactionFilter.createFrom(f)));
  return {rows: page.rows, totals: page.totals, offset: page.offset};
}

/** transactionDetail returns a transaction and who set its category. */
export async function transactionDetail(id: number): Promise<TransactionDetail> {
  const d = await call(() => TransactionDetailCall(id));
  return {
    transaction: d.transaction,
    categorySource: asCategorySource(d.categorySource),
    rule: d.rule ? asRule(d.rule) : undefined,
  };
}

/** annotate saves the person's category and note on a transaction. */
export function annotate(id: number, a: Annotation): Promise<Transaction> {
  return call(() => Annotate(id, domain.Annotation.createFrom(a)));
}

/** transactionTypes lists the transactionType values in the cache. */
export function transactionTypes(): Promise<string[]> {
  return call(() => TransactionTypes());
}

/** insight returns the dashboard's chart data. */
export async function insight(req: InsightRequest): Promise<Insight> {
  const i = await call(() => Insight(domain.InsightRequest.createFrom(req)));
  return {from: i.from, to: i.to, balances: i.balances, inOut: i.inOut, byType: i.byType, byCategory: i.byCategory};
}

/** categories lists the person's categories (with use counts). */
export function categories(): Promise<Category[]> {
  return call(() => Categories());
}

/** addCategory adds a category. */
export function addCategory(name: string): Promise<Category> {
  return call(() => AddCategory(name));
}

/** renameCategory renames a category; its transactions and rules follow. */
export function renameCategory(id: number, name: string): Promise<Category> {
  return call(() => RenameCategory(id, name));
}

/**
 * deleteCategory deletes a category; its transactions and rules move to
 * moveTo, or with moveTo "" the transactions become uncategorised and the
 * rules go.
 */
export function deleteCategory(id: number, moveTo: string): Promise<void> {
  return call(() => DeleteCategory(id, moveTo));
}

/** rules lists the category rules in the order they are tried. */
export async function rules(): Promise<CategoryRule[]> {
  return (await call(() => Rules())).map(asRule);
}

/** addRule adds a rule (tried first). */
export async function addRule(r: RuleInput): Promise<CategoryRule> {
  return asRule(await call(() => AddRule(domain.RuleInput.createFrom(r))));
}

/** updateRule changes a rule. */
export async function updateRule(id: number, r: RuleInput): Promise<CategoryRule> {
  return asRule(await call(() => UpdateRule(id, domain.RuleInput.createFrom(r))));
}

/** deleteRule deletes a rule; what it set stays. */
export function deleteRule(id: number): Promise<void> {
  return call(() => DeleteRule(id));
}

/** moveRule moves a rule to index (0 = tried first). */
export function moveRule(id: number, index: number): Promise<void> {
  return call(() => MoveRule(id, index));
}

/** previewRule counts what a rule as typed would match and change. */
export function previewRule(r: RuleInput): Promise<RulePreview> {
  return call(() => PreviewRule(domain.RuleInput.createFrom(r)));
}

/** applyRules applies the rules (or only ruleIds) to cached transactions. */
export function applyRules(ruleIds: number[]): Promise<RuleApplication> {
  return call(() => ApplyRules(ruleIds));
}

/** cachedBeneficiaries lists the beneficiaries as last synced. */
export function cachedBeneficiaries(): Promise<Beneficiary[]> {
  return call(() => CachedBeneficiaries());
}

/** syncNow fetches everything new from the bank; progress arrives as events. */
export function syncNow(): Promise<SyncRun> {
  return call(() => SyncNow());
}

/** cancelSync stops the running sync; what it fetched stays. */
export function cancelSync(): Promise<void> {
  return call(() => CancelSync());
}

/** setDemoOffline switches the built-in demo bank off (true) or on. */
export function setDemoOffline(offline: boolean): Promise<void> {
  return call(() => SetDemoOffline(offline));
}

function asCategorySource(v: string): CategorySource {
  return v === 'hand' || v === 'rule' ? v : '';
}

function asDirection(v: string): Direction | '' {
  return v === 'CREDIT' || v === 'DEBIT' ? v : '';
}

function asRule(r: Data<domain.CategoryRule>): CategoryRule {
  return {...r, direction: asDirection(r.direction)};
}
