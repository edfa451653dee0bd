import {useCallback} from 'react';

import {
  accounts,
  cachedBeneficiaries,
  categories,
  insight,
  rules,
  transactionTypes,
  type Account,
  type Beneficiary,
  type Category,
  type CategoryRule,
  type Insight,
  type InsightRequest,
} from '../lib/api/review';
import {useLoad, type Loaded} from './useLoad';

/**
 * useAccounts loads the cached accounts with their balances (reloaded after
 * each sync), once enabled.
 */
export function useAccounts(enabled = true): Loaded<Account[]> {
  return useLoad('accounts', accounts, {enabled});
}

/** useInsight loads the dashboard's chart data for a request. */
export function useInsight(req: InsightRequest): Loaded<Insight> {
  const key = JSON.stringify(req);
  // The request is rebuilt from its key, so load changes exactly when the key does.
  const load = useCallback(() => insight(JSON.parse(key) as InsightRequest), [key]);
  return useLoad(key, load);
}

/** useCategories loads the person's categories with their use counts, once enabled. */
export function useCategories(enabled = true): Loaded<Category[]> {
  return useLoad('categories', categories, {enabled});
}

/** useRules loads the category rules in the order they are tried. */
export function useRules(): Loaded<CategoryRule[]> {
  return useLoad('rules', rules);
}

/** useBeneficiaries loads the beneficiaries as last synced. */
export function useBeneficiaries(): Loaded<Beneficiary[]> {
  return useLoad('beneficiaries', cachedBeneficiaries);
}

/**
 * useTransactionTypes loads the transaction types in the cache, once
 * enabled (it scans the cache, so the list waits until the person opens the
 * type filter or the first page is on screen).
 */
export function useTransactionTypes(enabled: boolean): Loaded<string[]> {
  const load = useCallback(() => (enabled ? transactionTypes() : Promise.resolve([])), [enabled]);
  return useLoad(enabled ? 'types' : 'types-off', load);
}
