import {useId} from 'react';

import type {ExportFormat} from '../../lib/statements';

/** FormatPickerProps are the props of FormatPicker. */
export interface FormatPickerProps {
  value: ExportFormat;
  onChange: (f: ExportFormat) => void;
  /** For the pack: a zip archive rather than a folder. */
  zip: boolean;
  onZip: (zip: boolean) => void;
  /** For the pack: include the bank's statements and tax certificates. */
  documents: boolean;
  onDocuments: (on: boolean) => void;
  disabled?: boolean;
}

const formats: readonly {format: ExportFormat; label: string; hint: string}[] = [
  {
    format: 'xlsx',
    label: 'Excel workbook',
    hint: 'A Summary that reconciles every account, a sheet per account, pending transactions and categories.',
  },
  {format: 'csv', label: 'CSV', hint: 'One file per account, for any spreadsheet or accounting package.'},
  {format: 'ofx', label: 'OFX', hint: 'One bank statement file per account, to import into Xero, Sage, QuickBooks or GnuCash.'},
  {
    format: 'pack',
    label: 'Accountant pack',
    hint: 'Everything at once: the workbook, CSV and OFX files, statements, tax certificates and a manifest of checksums.',
  },
];

/** FormatPicker chooses what an export produces, with the pack's options. */
export function FormatPicker({value, onChange, zip, onZip, documents, onDocuments, disabled = false}: FormatPickerProps) {
  const id = useId();
  return (
    <fieldset className="sx-fieldset" disabled={disabled} data-testid="format-picker">
      <legend>Format</legend>
      {formats.map((f) => (
        <div key={f.format}>
          <label className="sx-choice">
            <input
              type="radio"
              name={`${id}-format`}
              value={f.format}
              checked={value === f.format}
              onChange={() => {
                onChange(f.format);
              }}
              data-testid={`format-${f.format}`}
            />
            <span className="sx-choice__text">
              {f.label}
              <span className="hint">{f.hint}</span>
            </span>
          </label>
          {f.format === 'pack' && value === 'pack' ? (
            <div className="sx-sub">
              <label className="row">
                <input
                  type="checkbox"
                  checked={zip}
                  onChange={(e) => {
                    onZip(e.target.checked);
                  }}
                  data-testid="pack-zip"
                />
                One zip file (to email or upload)
              </label>
              <label className="row">
                <input
                  type="checkbox"
                  checked={documents}
                  onChange={(e) => {
                    onDocuments(e.target.checked);
                  }}
                  data-testid="pack-documents"
                />
                Include statements and tax certificates
              </label>
            </div>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}
