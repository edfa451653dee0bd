import {useCallback, useMemo} from 'react';
import {Link} from 'react-router';

import {PageHeader} from '../components/PageHeader';
import {CategoryManager} from '../components/transactions/CategoryManager';
import {RuleManager} from '../components/transactions/RuleManager';
import '../components/transactions/transactions.css';
import {useAccounts, useCategories, useRules} from '../hooks/useReviewData';
import {
  addCategory,
  addRule,
  applyRules,
  deleteCategory,
  deleteRule,
  moveRule,
  previewRule,
  renameCategory,
  updateRule,
  type RuleInput,
} from '../lib/api/review';
import {pathOf} from '../navigation';
import {accountLabel} from './TransactionsView';

/** CATEGORIES_PATH is the route of the categories and rules screen. */
export const CATEGORIES_PATH = `${pathOf('transactions')}/categories`;

/**
 * CategoriesView manages the person's categories and the rules that set
 * them, all kept in the local cache.
 */
export function CategoriesView() {
  const categories = useCategories();
  const rules = useRules();
  const accounts = useAccounts();
  const reloadCategories = categories.reload;
  const reloadRules = rules.reload;
  const reloadBoth = useCallback(() => {
    reloadCategories();
    reloadRules();
  }, [reloadCategories, reloadRules]);

  const names = useMemo(() => (categories.data ?? []).filter((c) => c.listed).map((c) => c.name), [categories.data]);
  const accountChoices = useMemo(() => (accounts.data ?? []).map((a) => ({value: a.id, label: accountLabel(a)})), [accounts.data]);
  const onPreview = useCallback((input: RuleInput) => previewRule(input), []);

  return (
    <div data-testid="view-categories" className="stack">
      <PageHeader
        title="Categories & rules"
        description="Your own categories for transactions, and rules that set them automatically. Both stay on this computer."
      />
      <p>
        <Link to={pathOf('transactions')}>← Back to transactions</Link>
      </p>
      {categories.error ?? rules.error ? (
        <p className="notice notice--danger" role="alert">
          {(categories.error ?? rules.error)?.message}
        </p>
      ) : null}
      <CategoryManager
        categories={categories.data ?? []}
        onAdd={async (name) => {
          await addCategory(name);
          reloadCategories();
        }}
        onRename={async (id, name) => {
          await renameCategory(id, name);
          reloadBoth();
        }}
        onDelete={async (id, moveTo) => {
          await deleteCategory(id, moveTo);
          reloadBoth();
        }}
      />
      <RuleManager
        rules={rules.data ?? []}
        categories={names}
        accounts={accountChoices}
        onPreview={onPreview}
        onAdd={async (input, apply) => {
          const r = await addRule(input);
          const res = apply ? await applyRules([r.id]) : undefined;
          reloadBoth();
          return res;
        }}
        onUpdate={async (id, input) => {
          await updateRule(id, input);
          reloadBoth();
        }}
        onDelete={async (id) => {
          await deleteRule(id);
          reloadBoth();
        }}
        onMove={async (id, index) => {
          await moveRule(id, index);
          reloadRules();
        }}
        onApply={async (ids) => {
          const res = await applyRules(ids);
          reloadCategories();
          return res;
        }}
      />
    </div>
  );
}
