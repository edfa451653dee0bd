import {describe, expect, it} from 'vitest';

import {AppError} from '../api/errors';
import {problemsOf} from './problems';

describe('problemsOf', () => {
  it('puts each field problem under its field', () => {
    const e = new AppError('invalid', 'contains: Enter the text', [
      {field: 'contains', message: 'Enter the text'},
      {field: 'category', message: 'Choose a category'},
      {field: 'contains', message: 'second'},
    ]);
    expect(problemsOf(e)).toEqual({contains: 'Enter the text', category: 'Choose a category'});
  });

  it('falls back to the message', () => {
    expect(problemsOf(new AppError('not_found', 'That rule no longer exists.'))).toEqual({'': 'That rule no longer exists.'});
    expect(problemsOf(new Error(''))).toEqual({'': 'Something went wrong.'});
    expect(problemsOf('boom')).toEqual({'': 'Something went wrong.'});
  });
});
