import {useEffect, useId, useState} from 'react';

import {problemsOf} from '../../lib/review/problems';
import type {CategoryRule, RuleApplication, RuleInput, RulePreview} from '../../lib/review/types';
import {CompactField, CompactSelect, type Choice} from '../Field';
import {directionChoices, directionLabels} from './cells';
import {formatCount} from './TotalsBar';

/** RuleManagerProps are the props of RuleManager. */
export interface RuleManagerProps {
  rules: CategoryRule[];
  categories: string[];
  accounts: Choice[];
  onAdd: (input: RuleInput, applyToExisting: boolean) => Promise<RuleApplication | undefined>;
  onUpdate: (id: number, input: RuleInput) => Promise<void>;
  onDelete: (id: number) => Promise<void>;
  onMove: (id: number, index: number) => Promise<void>;
  onApply: (ids: number[]) => Promise<RuleApplication>;
  onPreview: (input: RuleInput) => Promise<RulePreview>;
}

/** applicationText sums up what applying rules changed. */
export function applicationText(a: RuleApplication): string {
  if (a.categorised === 0 && a.recategorised === 0) {
    return 'No transaction needed a change.';
  }
  const parts = [];
  if (a.categorised > 0) {
    parts.push(`${formatCount(a.categorised)} transaction${a.categorised === 1 ? '' : 's'} categorised`);
  }
  if (a.recategorised > 0) {
    parts.push(`${formatCount(a.recategorised)} re-categorised`);
  }
  return `${parts.join(', ')}. Categories you set yourself were left alone.`;
}

/**
 * RuleManager lists the rules that categorise transactions ("description
 * contains X → category", optionally for one account or direction), first
 * match wins, and adds, edits, reorders and deletes them. Rules categorise
 * transactions as they arrive with each sync; applying them to the
 * transactions already cached is a separate, explicit step, and never
 * changes a category the person chose.
 */
export function RuleManager(props: RuleManagerProps) {
  const {rules, categories, accounts, onAdd, onUpdate, onDelete, onMove, onApply, onPreview} = props;
  const id = useId();
  const [editing, setEditing] = useState<number>();
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const accountName = (a: string) => (a === '' ? 'Any account' : (accounts.find((x) => x.value === a)?.label ?? a));

  const act = <T,>(p: Promise<T>, done?: (v: T) => string) => {
    setBusy(true);
    setProblem('');
    setMessage('');
    p.then(
      (v) => {
        setBusy(false);
        if (done) {
          setMessage(done(v));
        }
      },
      (e: unknown) => {
        setBusy(false);
        setProblem(Object.values(problemsOf(e))[0] ?? '');
      },
    );
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="rule-manager">
      <h2 className="card__title" id={`${id}-title`}>
        Rules
      </h2>
      <p className="muted">
        A rule gives a category to transactions whose description contains some text. The first matching rule wins.
        Rules categorise new transactions after each sync; to use them on the transactions already here, apply them.
        A category you choose yourself is never changed by a rule.
      </p>
      <RuleForm
        title="New rule"
        categories={categories}
        accounts={accounts}
        onPreview={onPreview}
        onSubmit={(input, apply) =>
          onAdd(input, apply).then((res) => {
            setMessage(res ? `Rule added and applied: ${applicationText(res)}` : 'Rule added. It applies to transactions from the next sync on.');
          })
        }
        allowApply
        testId="rule-new"
      />
      <div className="row-actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy || rules.length === 0}
          onClick={() => {
            act(onApply([]), applicationText);
          }}
          data-testid="rules-apply-all"
        >
          Apply all rules to existing transactions
        </button>
        <span role="status" className="muted" data-testid="rules-message">
          {message}
        </span>
        {problem !== '' ? (
          <span role="alert" className="field__error">
            {problem}
          </span>
        ) : null}
      </div>
      <table className="list-table" data-testid="rule-table">
        <thead>
          <tr>
            <th scope="col" className="num">
              #
            </th>
            <th scope="col">Description contains</th>
            <th scope="col">Category</th>
            <th scope="col">Account</th>
            <th scope="col">Money</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r, i) =>
            editing === r.id ? (
              <tr key={r.id}>
                <td colSpan={6}>
                  <RuleForm
                    title={`Edit rule ${String(i + 1)}`}
                    initial={{contains: r.contains, category: r.category, accountId: r.accountId, direction: r.direction}}
                    categories={categories}
                    accounts={accounts}
                    onPreview={onPreview}
                    onSubmit={(input) =>
                      onUpdate(r.id, input).then(() => {
                        setEditing(undefined);
                        setMessage('Rule saved. It applies to transactions from the next sync on.');
                      })
                    }
                    onCancel={() => {
                      setEditing(undefined);
                    }}
                    testId="rule-edit"
                  />
                </td>
              </tr>
            ) : (
              <tr key={r.id} data-testid="rule-row" data-contains={r.contains}>
                <td className="num">{i + 1}</td>
                <th scope="row">
                  <code>{r.contains}</code>
                </th>
                <td>{r.category}</td>
                <td>{accountName(r.accountId)}</td>
                <td>{directionLabels[r.direction]}</td>
                <td>
                  <span className="row-actions">
                    <button
                      type="button"
                      className="button--link"
                      disabled={busy || i === 0}
                      onClick={() => {
                        act(onMove(r.id, i - 1));
                      }}
                      aria-label={`Move the rule “${r.contains}” up`}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="button--link"
                      disabled={busy || i === rules.length - 1}
                      onClick={() => {
                        act(onMove(r.id, i + 1));
                      }}
                      aria-label={`Move the rule “${r.contains}” down`}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className="button--link"
                      onClick={() => {
                        setEditing(r.id);
                      }}
                    >
                      Edit<span className="visually-hidden"> the rule “{r.contains}”</span>
                    </button>
                    <button
                      type="button"
                      className="button--link"
                      disabled={busy}
                      onClick={() => {
                        act(onApply([r.id]), applicationText);
                      }}
                      data-testid="rule-apply"
                    >
                      Apply to existing<span className="visually-hidden"> (the rule “{r.contains}”)</span>
                    </button>
                    <button
                      type="button"
                      className="button--link"
                      disabled={busy}
                      onClick={() => {
                        act(onDelete(r.id), () => `Rule “${r.contains}” deleted; the categories it set stay.`);
                      }}
                      data-testid="rule-delete"
                    >
                      Delete<span className="visually-hidden"> the rule “{r.contains}”</span>
                    </button>
                  </span>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}

const emptyInput: RuleInput = {contains: '', category: '', accountId: '', direction: ''};

function RuleForm(props: {
  title: string;
  initial?: RuleInput;
  categories: string[];
  accounts: Choice[];
  onPreview: (input: RuleInput) => Promise<RulePreview>;
  onSubmit: (input: RuleInput, applyToExisting: boolean) => Promise<void>;
  onCancel?: () => void;
  allowApply?: boolean;
  testId: string;
}) {
  const {title, initial = emptyInput, categories, accounts, onPreview, onSubmit, onCancel, allowApply = false, testId} = props;
  const id = useId();
  const [input, setInput] = useState<RuleInput>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{for: string; result?: RulePreview}>({for: ''});
  const ready = input.contains.trim() !== '' && input.category !== '';
  const previewKey = ready ? JSON.stringify(input) : '';

  useEffect(() => {
    if (previewKey === '') {
      return undefined;
    }
    let live = true;
    const t = setTimeout(() => {
      onPreview(JSON.parse(previewKey) as RuleInput).then(
        (result) => {
          if (live) {
            setPreview({for: previewKey, result});
          }
        },
        () => undefined,
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [previewKey, onPreview]);

  const set = (change: Partial<RuleInput>) => {
    setInput((v) => ({...v, ...change}));
  };
  const submit = (apply: boolean) => {
    setBusy(true);
    setErrors({});
    onSubmit(input, apply).then(
      () => {
        setBusy(false);
        setInput(initial);
      },
      (e: unknown) => {
        setBusy(false);
        setErrors(problemsOf(e));
      },
    );
  };
  const shown = preview.for === previewKey ? preview.result : undefined;

  return (
    <form
      className="stack"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        submit(false);
      }}
      data-testid={testId}
    >
      <div className="tx-filters">
        <CompactField id={`${id}-contains`} label="Description contains" error={errors.contains}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={input.contains}
              maxLength={100}
              onChange={(e) => {
                set({contains: e.target.value});
              }}
              data-testid="rule-contains"
            />
          )}
        </CompactField>
        <CompactSelect
          id={`${id}-category`}
          label="Category"
          error={errors.category}
          value={input.category}
          choices={[{value: '', label: 'Choose…'}, ...categories.map((c) => ({value: c, label: c}))]}
          onChange={(category) => {
            set({category});
          }}
          testId="rule-category"
        />
        <CompactSelect
          id={`${id}-account`}
          label="Account"
          error={errors.accountId}
          value={input.accountId}
          choices={[{value: '', label: 'Any account'}, ...accounts]}
          onChange={(accountId) => {
            set({accountId});
          }}
          testId="rule-account"
        />
        <CompactSelect
          id={`${id}-direction`}
          label="Money"
          error={errors.direction}
          value={input.direction}
          choices={directionChoices}
          onChange={(direction) => {
            set({direction});
          }}
          testId="rule-direction"
        />
      </div>
      <p className="muted" role="status" data-testid={`${testId}-preview`}>
        {shown
          ? `Matches ${formatCount(shown.matching)} cached transaction${shown.matching === 1 ? '' : 's'}; applying it to them would categorise ${formatCount(shown.wouldChange)}.`
          : ready
            ? 'Counting matches…'
            : ''}
      </p>
      {errors[''] ? (
        <p className="notice notice--danger" role="alert">
          {errors['']}
        </p>
      ) : null}
      <div className="row-actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid={`${testId}-save`}>
          {allowApply ? 'Add rule' : 'Save rule'}
        </button>
        {allowApply ? (
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => {
              submit(true);
            }}
            data-testid={`${testId}-save-apply`}
          >
            Add and apply to existing
          </button>
        ) : null}
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
