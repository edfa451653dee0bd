// @vitest-environment node
//
// The string enums of Pay & Transfer are written out by hand in payments.ts
// (Wails generates them as plain strings). This test reads the Go source and
// fails when a value is added, renamed or removed on either side.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

import {describe, expect, it} from 'vitest';

import type {PayKind, PayPermission, PayStatus} from './payments';

const goSource = readFileSync(fileURLToPath(new URL('../../../../backend/domain/payments.go', import.meta.url)), 'utf8');

function constValues(type: string): string[] {
  return [...goSource.matchAll(new RegExp(`\\w+\\s+${type}\\s+=\\s+"([^"]+)"`, 'g'))].map((m) => m[1] ?? '').sort();
}

const statuses = {
  reviewed: true,
  sending: true,
  succeeded: true,
  partial: true,
  rejected: true,
  failed: true,
  unknown: true,
  matched: true,
} satisfies Record<PayStatus, true>;
const kinds = {transfer: true, payment: true} satisfies Record<PayKind, true>;
const permissions = {granted: true, missing: true, unknown: true} satisfies Record<PayPermission, true>;

describe('Pay & Transfer enums mirrored from backend/domain/payments.go', () => {
  it('PayStatus', () => {
    expect(Object.keys(statuses).sort()).toEqual(constValues('PayStatus'));
  });
  it('PayKind', () => {
    expect(Object.keys(kinds).sort()).toEqual(constValues('PayKind'));
  });
  it('PayPermission', () => {
    expect(Object.keys(permissions).sort()).toEqual(constValues('PayPermission'));
  });
});
