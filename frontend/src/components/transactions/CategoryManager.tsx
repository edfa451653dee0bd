import {useId, useState} from 'react';

import {problemsOf} from '../../lib/review/problems';
import type {Category} from '../../lib/review/types';
import {CompactField, CompactSelect} from '../Field';
import {formatCount} from './TotalsBar';

/** CategoryManagerProps are the props of CategoryManager. */
export interface CategoryManagerProps {
  categories: Category[];
  onAdd: (name: string) => Promise<void>;
  onRename: (id: number, name: string) => Promise<void>;
  /** Deletes a category; its transactions and rules move to moveTo, or with "" become uncategorised (rules deleted). */
  onDelete: (id: number, moveTo: string) => Promise<void>;
}

/**
 * CategoryManager lists the person's categories with how many transactions
 * and rules use each, and adds, renames and deletes them. Deleting a
 * category in use first asks what becomes of its transactions.
 */
export function CategoryManager({categories, onAdd, onRename, onDelete}: CategoryManagerProps) {
  const id = useId();
  const [name, setName] = useState('');
  const [addErrors, setAddErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<number>();
  const [deleting, setDeleting] = useState<number>();
  const listed = categories.filter((c) => c.listed);

  const add = () => {
    setBusy(true);
    onAdd(name).then(
      () => {
        setBusy(false);
        setName('');
        setAddErrors({});
      },
      (e: unknown) => {
        setBusy(false);
        setAddErrors(problemsOf(e));
      },
    );
  };
  const addError = addErrors.name ?? addErrors[''];

  return (
    <section className="card stack" aria-labelledby={`${id}-title`} data-testid="category-manager">
      <h2 className="card__title" id={`${id}-title`}>
        Categories
      </h2>
      <form
        className="row-actions"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <CompactField id={`${id}-new`} label="New category" error={addError}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={name}
              maxLength={100}
              onChange={(e) => {
                setName(e.target.value);
              }}
              data-testid="category-new"
            />
          )}
        </CompactField>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="category-add">
          Add
        </button>
      </form>
      <table className="list-table" data-testid="category-table">
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Transactions
            </th>
            <th scope="col" className="num">
              Rules
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <CategoryRow
              key={`${String(c.id)}:${c.name}`}
              category={c}
              others={listed.filter((o) => o.id !== c.id)}
              renaming={renaming === c.id && c.listed}
              deleting={deleting === c.id && c.listed}
              onStartRename={() => {
                setDeleting(undefined);
                setRenaming(c.id);
              }}
              onStartDelete={() => {
                setRenaming(undefined);
                setDeleting(c.id);
              }}
              onCancel={() => {
                setRenaming(undefined);
                setDeleting(undefined);
              }}
              onRename={(n) =>
                onRename(c.id, n).then(() => {
                  setRenaming(undefined);
                })
              }
              onDelete={(moveTo) =>
                onDelete(c.id, moveTo).then(() => {
                  setDeleting(undefined);
                })
              }
              onAddToList={() => onAdd(c.name)}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function CategoryRow(props: {
  category: Category;
  others: Category[];
  renaming: boolean;
  deleting: boolean;
  onStartRename: () => void;
  onStartDelete: () => void;
  onCancel: () => void;
  onRename: (name: string) => Promise<void>;
  onDelete: (moveTo: string) => Promise<void>;
  onAddToList: () => Promise<void>;
}) {
  const {category: c, others, renaming, deleting, onStartRename, onStartDelete, onCancel, onRename, onDelete, onAddToList} = props;
  const id = useId();
  const [name, setName] = useState(c.name);
  const [moveTo, setMoveTo] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const run = (p: Promise<void>) => {
    setBusy(true);
    setProblem('');
    p.then(
      () => {
        setBusy(false);
      },
      (e: unknown) => {
        setBusy(false);
        const probs = problemsOf(e);
        setProblem(probs.name ?? probs.moveTo ?? probs[''] ?? Object.values(probs)[0] ?? '');
      },
    );
  };
  const used = c.uses > 0 || c.rules > 0;

  return (
    <>
      <tr data-testid="category-row" data-name={c.name}>
        <th scope="row">
          {renaming ? (
            <form
              className="row-actions"
              onSubmit={(e) => {
                e.preventDefault();
                run(onRename(name));
              }}
            >
              <label className="visually-hidden" htmlFor={`${id}-name`}>
                New name for {c.name}
              </label>
              <input
                id={`${id}-name`}
                className="input"
                value={name}
                maxLength={100}
                onChange={(e) => {
                  setName(e.target.value);
                }}
                aria-invalid={problem !== ''}
                data-testid="category-rename-input"
              />
              <button type="submit" className="button button--primary button--small tx-small" disabled={busy}>
                Save
              </button>
              <button type="button" className="button button--secondary button--small tx-small" onClick={onCancel}>
                Cancel
              </button>
            </form>
          ) : (
            <>
              {c.name} {c.listed ? null : <span className="badge badge--info tx-badge">not in the list</span>}
            </>
          )}
        </th>
        <td className="num">{formatCount(c.uses)}</td>
        <td className="num">{formatCount(c.rules)}</td>
        <td>
          {c.listed ? (
            <span className="row-actions">
              <button type="button" className="button--link" onClick={onStartRename} data-testid="category-rename">
                Rename<span className="visually-hidden"> {c.name}</span>
              </button>
              <button type="button" className="button--link" onClick={onStartDelete} data-testid="category-delete">
                Delete<span className="visually-hidden"> {c.name}</span>
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="button--link"
              onClick={() => {
                run(onAddToList());
              }}
            >
              Add to the list
            </button>
          )}
        </td>
      </tr>
      {deleting ? (
        <tr>
          <td colSpan={4}>
            <form
              className="notice notice--warning stack"
              onSubmit={(e) => {
                e.preventDefault();
                run(onDelete(moveTo));
              }}
              data-testid="category-delete-form"
            >
              <p>
                Delete “{c.name}”?{' '}
                {used
                  ? `${formatCount(c.uses)} transaction${c.uses === 1 ? '' : 's'} and ${formatCount(c.rules)} rule${c.rules === 1 ? '' : 's'} use it.`
                  : 'Nothing uses it.'}
              </p>
              {used ? (
                <CompactSelect
                  id={`${id}-move`}
                  label="What happens to them"
                  value={moveTo}
                  choices={[
                    {value: '', label: 'Leave the transactions uncategorised and delete the rules'},
                    ...others.map((o) => ({value: o.name, label: `Move them to “${o.name}”`})),
                  ]}
                  onChange={setMoveTo}
                  testId="category-move-to"
                />
              ) : null}
              <div className="row-actions">
                <button type="submit" className="button button--primary button--small tx-small" disabled={busy} data-testid="category-delete-confirm">
                  Delete “{c.name}”
                </button>
                <button type="button" className="button button--secondary button--small tx-small" onClick={onCancel}>
                  Keep it
                </button>
              </div>
            </form>
          </td>
        </tr>
      ) : null}
      {problem !== '' ? (
        <tr>
          <td colSpan={4}>
            <span className="field__error" role="alert">
              {problem}
            </span>
          </td>
        </tr>
      ) : null}
    </>
  );
}
