import {describe, expect, it} from 'vitest';

import type {PayAttempt, PayBatch} from './api/payments';
import {batchSummary, confirmationText, emptyPayment, emptyTransfer, lineErrors, lineFor, movedMoney, referenceCount, statusTone, targetSummary} from './pay';

describe('confirmationText', () => {
  it.each([
    ['CONFIRM', 'CONFIRM'],
    [' confirm ', 'CONFIRM'],
    ['10.12', '10.12'],
    ['10,12', '10.12'],
    ['R 10,12', '10.12'],
    ['1 234.5', '1234.50'],
    ['10', '10.00'],
  ])('sends %j as %j', (typed, sent) => {
    expect(confirmationText(typed)).toBe(sent);
  });

  it('leaves what it cannot read for the backend to refuse', () => {
    expect(confirmationText('yes please')).toBe('yes please');
    expect(confirmationText('1,234')).toBe('1,234'); // ambiguous: never guessed
    expect(confirmationText('10.123')).toBe('10.123');
  });
});

describe('lineErrors', () => {
  it('picks one line’s problems out of the backend’s field names', () => {
    const errors = {'lines[0].amount': 'a', 'lines[1].amount': 'b', 'lines[1].myReference': 'c', 'lines[10].amount': 'd', total: 'e'};
    expect(lineErrors(errors, 1)).toEqual({amount: 'b', myReference: 'c'});
    expect(lineErrors(errors, 0)).toEqual({amount: 'a'});
    expect(lineErrors(errors, 2)).toEqual({});
  });
});

describe('forms', () => {
  it('start empty', () => {
    expect(emptyTransfer('A', 'B')).toEqual({fromAccountId: 'A', toAccountId: 'B', amount: '', myReference: '', theirReference: ''});
    expect(emptyPayment('A')).toEqual({fromAccountId: 'A', lines: [], authoriserAId: '', authoriserBId: '', authPeriodId: ''});
  });

  it('prefill a line from the beneficiary’s references, within the limits', () => {
    const line = lineFor(
      {
        id: 'B1', name: 'Body Corporate', beneficiaryName: 'GREENSIDE', accountNumber: '1', branchCode: '2', bank: 'NEDBANK',
        referenceName: 'Levies for unit fourteen, Greenside Villas', referenceAccountNumber: 'UNIT 14 GREENSIDE VILLAS', categoryId: '',
        profileId: '', fasterPaymentAllowed: true, lastPaymentDate: '', beneficiaryType: '',
      },
      30,
      20,
    );
    expect(line).toEqual({beneficiaryId: 'B1', amount: '', myReference: 'Levies for unit fourteen, Gree', theirReference: 'UNIT 14 GREENSIDE VI', fasterPayment: false});
  });
});

describe('descriptions', () => {
  const batch: PayBatch = {attemptId: 'x', index: 1, count: 2, total: 5000, lines: Array.from({length: 50}, () => ({}) as PayBatch['lines'][number])};

  it('summarise a batch', () => {
    expect(batchSummary(batch, 'payment')).toBe('Batch 1 of 2: 50 payments, R\u00a050,00');
    expect(batchSummary({...batch, lines: batch.lines.slice(0, 1), total: 100, index: 2}, 'payment')).toBe('Batch 2 of 2: 1 payment, R\u00a01,00');
  });

  it('colour statuses', () => {
    expect(statusTone('succeeded')).toBe('ok');
    expect(statusTone('matched')).toBe('ok');
    expect(statusTone('unknown')).toBe('warning');
    expect(statusTone('rejected')).toBe('danger');
    expect(statusTone('failed')).toBe('danger');
  });

  it('say whether money may have moved and where it went', () => {
    const a = {status: 'succeeded', lines: [{targetName: 'Mama'}, {targetName: 'Sipho'}, {targetName: 'Lerato'}]} as PayAttempt;
    expect(movedMoney(a)).toBe(true);
    expect(movedMoney({...a, status: 'unknown'})).toBe(false);
    expect(targetSummary(a)).toBe('Mama and 2 more');
    expect(targetSummary({...a, lines: a.lines.slice(0, 1)})).toBe('Mama');
  });

  it('count reference characters as the backend does (code points)', () => {
    expect(referenceCount('Rent', 30)).toBe('4/30');
    expect(referenceCount('🎉x', 20)).toBe('2/20');
  });
});
