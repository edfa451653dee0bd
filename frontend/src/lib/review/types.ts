/**
 * The review feature's types, for components (which may not import the API
 * gateway) as well as hooks and views.
 */
export type {
  Account,
  Annotation,
  Balance,
  BalanceSeries,
  Beneficiary,
  Category,
  CategoryRule,
  CategorySource,
  Direction,
  Insight,
  InsightRequest,
  MonthlyFlow,
  MonthlyGroupTotal,
  RuleApplication,
  RuleInput,
  RulePreview,
  SortField,
  StatusFilter,
  Transaction,
  TransactionDetail,
  TransactionFilter,
  TransactionPage,
  TransactionTotals,
} from '../api/review';
