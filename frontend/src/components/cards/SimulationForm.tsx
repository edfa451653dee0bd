import {useId, useMemo, useState, type SyntheticEvent} from 'react';

import type {CardReferenceData, RefItem, SimulationMode, SimulationRequest} from '../../lib/cardcode';
import {formatMoney, parseMoney} from '../../lib/format';

/** SimulationInput is the form's values: a simulation request without the code. */
export type SimulationInput = Omit<SimulationRequest, 'mode' | 'code'>;

/** defaultInput is a bakery purchase in Cape Town for R100,00, as in Investec's example. */
export const defaultInput: SimulationInput = {
  amount: '100.00',
  currencyCode: 'zar',
  merchantCode: '5462',
  merchantName: 'The Coders Bakery',
  merchantCity: 'Cape Town',
  countryCode: 'ZA',
};

/** SimulationFormProps are the props of SimulationForm. */
export interface SimulationFormProps {
  reference?: CardReferenceData;
  value: SimulationInput;
  onChange: (v: SimulationInput) => void;
  onRun: (mode: SimulationMode) => void;
  /** Which run is in progress, if any. */
  running?: SimulationMode;
  /** Problems per field from the backend (amount, merchantCode, ...). */
  errors: Readonly<Record<string, string>>;
  disabled?: boolean;
  /** When set, only Run on Investec is disabled and this says why (Investec cannot be reached). */
  investecDisabledReason?: string;
}

const maxShown = 60;

/**
 * SimulationForm describes a made-up card transaction (amount in rands,
 * currency, merchant category, merchant name, city, country) and runs the
 * editor's code against it either in the app's offline emulator or in
 * Investec's simulator.
 */
export function SimulationForm({reference, value, onChange, onRun, running, errors, disabled = false, investecDisabledReason}: SimulationFormProps) {
  const id = useId();
  const [search, setSearch] = useState('');
  const set = (patch: Partial<SimulationInput>) => {
    onChange({...value, ...patch});
  };
  const zar = value.currencyCode.toLowerCase() === 'zar';
  const parsed = zar ? parseMoney(value.amount) : undefined;
  const amountError = errors.amount ?? (parsed && !parsed.ok ? parsed.error : undefined);

  const merchants = useMemo(() => {
    const all = reference?.merchants ?? [];
    const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
    const found = words.length === 0 ? all : all.filter((m) => words.every((w) => `${m.code} ${m.name}`.toLowerCase().includes(w)));
    const shown = found.slice(0, maxShown);
    // Keep the chosen category listed so the select shows it.
    if (!shown.some((m) => m.code === value.merchantCode)) {
      const chosen = all.find((m) => m.code === value.merchantCode);
      if (chosen) {
        shown.unshift(chosen);
      }
    }
    return {shown, total: found.length};
  }, [reference, search, value.merchantCode]);

  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    onRun('local');
  };
  const busy = running !== undefined;
  const field = (name: string) => `${id}-${name}`;
  const described = (name: string) => (errors[name] ? {'aria-invalid': true, 'aria-describedby': `${field(name)}-err`} : {});

  return (
    <form className="cc-sim" onSubmit={submit} data-testid="simulation-form" noValidate>
      <div className="grid cc-sim__grid">
        <div className="field">
          <label htmlFor={field('amount')}>Amount {zar ? '(rands)' : `(${value.currencyCode.toUpperCase()})`}</label>
          <input
            id={field('amount')}
            className="input cc-input"
            inputMode="decimal"
            value={value.amount}
            onChange={(e) => {
              set({amount: e.target.value});
            }}
            aria-invalid={amountError ? true : undefined}
            aria-describedby={`${field('amount')}-hint`}
            data-testid="sim-amount"
          />
          <p id={`${field('amount')}-hint`} className={amountError ? 'cc-field-error' : 'hint'} data-testid="sim-amount-hint">
            {amountError ?? (parsed?.ok ? `${formatMoney(parsed.cents)} = ${parsed.cents} cents` : 'In the currency\u2019s main unit.')}
          </p>
        </div>
        <ReferenceField
          id={field('currencyCode')}
          label="Currency"
          items={reference?.currencies}
          fallback={{code: 'ZAR', name: 'South African Rand'}}
          value={value.currencyCode}
          onChange={(code) => {
            set({currencyCode: code.toLowerCase()});
          }}
          error={errors.currencyCode}
          testId="sim-currency"
        />
        <div className="field cc-field--wide">
          <label htmlFor={field('search')}>Merchant category</label>
          <input
            id={field('search')}
            className="input cc-input"
            type="search"
            placeholder="Search by name or code, e.g. bakeries or 5462"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
            }}
            aria-controls={field('merchantCode')}
            data-testid="sim-mcc-search"
          />
          <select
            id={field('merchantCode')}
            className="input cc-input"
            size={5}
            aria-label={`Merchant category (${merchants.total} match${merchants.total === 1 ? '' : 'es'})`}
            value={value.merchantCode}
            onChange={(e) => {
              set({merchantCode: e.target.value});
            }}
            {...described('merchantCode')}
            data-testid="sim-mcc"
          >
            {merchants.shown.map((m) => (
              <option key={m.code} value={m.code}>
                {m.code} · {m.name}
              </option>
            ))}
          </select>
          <FieldError id={`${field('merchantCode')}-err`} message={errors.merchantCode} />
        </div>
        <div className="field">
          <label htmlFor={field('merchantName')}>Merchant name</label>
          <input
            id={field('merchantName')}
            className="input cc-input"
            value={value.merchantName}
            onChange={(e) => {
              set({merchantName: e.target.value});
            }}
            {...described('merchantName')}
            data-testid="sim-merchant"
          />
          <FieldError id={`${field('merchantName')}-err`} message={errors.merchantName} />
        </div>
        <div className="field">
          <label htmlFor={field('merchantCity')}>City</label>
          <input
            id={field('merchantCity')}
            className="input cc-input"
            value={value.merchantCity}
            onChange={(e) => {
              set({merchantCity: e.target.value});
            }}
            data-testid="sim-city"
          />
        </div>
        <ReferenceField
          id={field('countryCode')}
          label="Country"
          items={reference?.countries}
          fallback={{code: 'ZA', name: 'South Africa'}}
          value={value.countryCode}
          onChange={(code) => {
            set({countryCode: code});
          }}
          error={errors.countryCode}
          testId="sim-country"
        />
      </div>
      {reference?.source === 'built-in' ? (
        <p className="hint" data-testid="sim-reference-source">
          Investec could not be asked for its lists, so the app&apos;s own copy is used.
        </p>
      ) : null}
      <div className="row">
        <button type="submit" className="button button--primary" disabled={disabled || busy} data-testid="run-local">
          {running === 'local' ? 'Running locally…' : 'Run locally'}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={disabled || busy || investecDisabledReason !== undefined}
          title={investecDisabledReason}
          onClick={() => {
            onRun('investec');
          }}
          data-testid="run-investec"
        >
          {running === 'investec' ? 'Running on Investec…' : 'Run on Investec'}
        </button>
        <span className="hint">
          Both run the code in the editor, saved or not. Locally it runs in this app with no network; on Investec it runs in
          Investec&apos;s simulator and appears in the card&apos;s log there.
        </span>
      </div>
    </form>
  );
}

function FieldError({id, message}: {id: string; message?: string | undefined}) {
  return message ? (
    <p id={id} className="cc-field-error">
      {message}
    </p>
  ) : null;
}

interface ReferenceFieldProps {
  id: string;
  label: string;
  items: readonly RefItem[] | undefined;
  /** The default, offered even when the list lacks it (or is not loaded yet). */
  fallback: RefItem;
  /** A code in any case; it is shown upper case. */
  value: string;
  /** Called with the chosen code, upper case. */
  onChange: (code: string) => void;
  error: string | undefined;
  testId: string;
}

/** ReferenceField chooses a currency or a country from the reference lists, always offering the default. */
function ReferenceField({id, label, items, fallback, value, onChange, error, testId}: ReferenceFieldProps) {
  const list = items && items.length > 0 ? items : [fallback];
  const withDefault = list.some((i) => i.code.toUpperCase() === fallback.code) ? list : [fallback, ...list];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="input cc-input"
        value={value.toUpperCase()}
        onChange={(e) => {
          onChange(e.target.value);
        }}
        {...(error ? {'aria-invalid': true, 'aria-describedby': `${id}-err`} : {})}
        data-testid={testId}
      >
        {withDefault.map((i) => (
          <option key={i.code} value={i.code.toUpperCase()}>
            {i.code.toUpperCase()} · {i.name}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-err`} message={error} />
    </div>
  );
}
