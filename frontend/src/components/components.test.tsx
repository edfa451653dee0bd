import {render, screen} from '@testing-library/react';
import {MemoryRouter} from 'react-router';
import {describe, expect, it} from 'vitest';

import {EmptyState} from './EmptyState';
import {Icon} from './Icon';
import {Money} from './Money';

describe('Money', () => {
  it.each([
    [123456, 'credit', 'R\u00a01\u00a0234,56', 'money money--credit'],
    [-5, 'debit', '-R\u00a00,05', 'money money--debit'],
    [0, 'zero', 'R\u00a00,00', 'money'],
  ])('shows %d cents as a %s', (cents, direction, text, cls) => {
    const {container} = render(<Money cents={cents} tone />);
    const el = container.querySelector('span');
    expect(el?.textContent).toBe(text);
    expect(el).toHaveAttribute('data-direction', direction);
    expect(el).toHaveAttribute('class', cls);
  });

  it('is neutral unless toned, and can always show the sign', () => {
    const {container} = render(<Money cents={500} signDisplay="exceptZero" />);
    const el = container.querySelector('span');
    expect(el?.textContent).toBe('+R\u00a05,00');
    expect(el).toHaveAttribute('class', 'money');
  });
});

describe('EmptyState', () => {
  it('names its section by its title and renders actions as links', () => {
    render(
      <MemoryRouter>
        <EmptyState icon="cards" title="No cards yet" actions={[{to: '/settings', label: 'Connect'}, {to: '/dashboard', label: 'Back'}]}>
          <p>Body</p>
        </EmptyState>
      </MemoryRouter>,
    );
    expect(screen.getByRole('region', {name: 'No cards yet'})).toBeInTheDocument();
    expect(screen.getByRole('link', {name: 'Connect'})).toHaveAttribute('href', '/settings');
    expect(screen.getByRole('link', {name: 'Connect'})).toHaveClass('button--primary');
    expect(screen.getByRole('link', {name: 'Back'})).toHaveClass('button--secondary');
  });

  it('renders text as text, never as HTML', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    render(
      <MemoryRouter>
        <EmptyState icon="info" title={hostile}>
          {hostile}
        </EmptyState>
      </MemoryRouter>,
    );
    expect(screen.getByRole('heading', {name: hostile})).toBeInTheDocument();
    expect(document.querySelector('img')).toBeNull();
  });
});

describe('Icon', () => {
  it('is hidden from assistive tech unless labelled', () => {
    const {container, rerender} = render(<Icon name="export" />);
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    rerender(<Icon name="offline" label="Offline" />);
    expect(screen.getByRole('img', {name: 'Offline'})).toBeInTheDocument();
  });
});
