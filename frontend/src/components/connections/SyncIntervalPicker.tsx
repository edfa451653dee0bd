import {syncChoices, type SyncInterval} from '../../lib/connections';

/** SyncIntervalPickerProps are the props of SyncIntervalPicker. */
export interface SyncIntervalPickerProps {
  value: SyncInterval;
  onChange: (v: SyncInterval) => void;
  disabled?: boolean;
}

/** SyncIntervalPicker offers the background sync intervals as a radio group. */
export function SyncIntervalPicker({value, onChange, disabled = false}: SyncIntervalPickerProps) {
  return (
    <fieldset className="cn-radios" disabled={disabled} data-testid="sync-interval">
      <legend>Sync in the background</legend>
      {syncChoices.map((c) => (
        <label key={c.value} className="cn-check">
          <input
            type="radio"
            name="sync-interval"
            value={c.value}
            checked={value === c.value}
            onChange={() => {
              onChange(c.value);
            }}
            data-testid={`interval-${c.value}`}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
