import {render, screen} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {describe, expect, it, vi} from 'vitest';

import {ConfirmDialog} from '../components/cards/ConfirmDialog';
import {Modal} from '../components/connections/Modal';

// Both dialogs get their keyboard behaviour from useModalFocus.
const dialogs = [
  {
    name: 'Modal',
    open: (onCancel: () => void, busy = false) => (
      <Modal title="Remove?" confirmLabel="Remove" busyLabel="Removing…" onConfirm={vi.fn()} onCancel={onCancel} busy={busy}>
        <input aria-label="inside" />
      </Modal>
    ),
  },
  {
    name: 'ConfirmDialog',
    open: (onCancel: () => void, busy = false) => (
      <ConfirmDialog title="Publish?" confirmLabel="Publish" onConfirm={vi.fn()} onCancel={onCancel} busy={busy}>
        <input aria-label="inside" />
      </ConfirmDialog>
    ),
  },
];

describe.each(dialogs)('$name keyboard', ({open}) => {
  it('focuses Cancel, keeps Tab inside, and gives focus back when it closes', async () => {
    const user = userEvent.setup();
    const {rerender} = render(
      <>
        <button type="button">outside</button>
      </>,
    );
    screen.getByRole('button', {name: 'outside'}).focus();
    rerender(
      <>
        <button type="button">outside</button>
        {open(vi.fn())}
      </>,
    );
    const cancel = screen.getByRole('button', {name: 'Cancel'});
    expect(cancel).toHaveFocus();
    const confirm = screen.getByTestId('dialog-confirm');
    await user.tab();
    expect(confirm).toHaveFocus();
    await user.tab(); // past the last: back to the first inside the dialog
    expect(screen.getByRole('textbox', {name: 'inside'})).toHaveFocus();
    await user.tab({shift: true}); // before the first: the last
    expect(confirm).toHaveFocus();

    rerender(
      <>
        <button type="button">outside</button>
      </>,
    );
    expect(screen.getByRole('button', {name: 'outside'})).toHaveFocus();
  });

  it('cancels on Escape, but not while busy', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    const {unmount} = render(open(onCancel, true));
    screen.getByRole('textbox', {name: 'inside'}).focus(); // the buttons are disabled while busy
    await user.keyboard('{Escape}');
    expect(onCancel).not.toHaveBeenCalled();
    unmount();
    render(open(onCancel));
    screen.getByRole('textbox', {name: 'inside'}).focus();
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
