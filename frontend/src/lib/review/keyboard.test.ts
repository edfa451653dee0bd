import {describe, expect, it} from 'vitest';

import {isSearchShortcut, isTextEntry, moveSelection} from './keyboard';

describe('moveSelection', () => {
  it('moves one row and stays inside the list', () => {
    expect(moveSelection(undefined, 'ArrowDown', 10, 5)).toBe(0);
    expect(moveSelection(3, 'ArrowDown', 10, 5)).toBe(4);
    expect(moveSelection(9, 'ArrowDown', 10, 5)).toBe(9);
    expect(moveSelection(0, 'ArrowUp', 10, 5)).toBe(0);
    expect(moveSelection(4, 'ArrowUp', 10, 5)).toBe(3);
  });

  it('pages and jumps to the ends', () => {
    expect(moveSelection(0, 'PageDown', 1_000_000, 20)).toBe(19);
    expect(moveSelection(10, 'PageUp', 100, 20)).toBe(0);
    expect(moveSelection(500, 'End', 1_000_000, 20)).toBe(999_999);
    expect(moveSelection(500, 'Home', 1_000_000, 20)).toBe(0);
  });

  it('ignores other keys and empty lists', () => {
    expect(moveSelection(3, 'a', 10, 5)).toBeUndefined();
    expect(moveSelection(3, 'Enter', 10, 5)).toBeUndefined();
    expect(moveSelection(undefined, 'ArrowDown', 0, 5)).toBeUndefined();
  });
});

describe('the search shortcut', () => {
  const key = (target: Parameters<typeof isTextEntry>[0], extra: Partial<{ctrlKey: boolean; metaKey: boolean; altKey: boolean}> = {}) => ({
    key: '/',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target,
    ...extra,
  });

  it('fires outside text fields only', () => {
    expect(isSearchShortcut(key({tagName: 'DIV'}))).toBe(true);
    expect(isSearchShortcut(key({tagName: 'BUTTON'}))).toBe(true);
    expect(isSearchShortcut(key({tagName: 'INPUT', type: 'checkbox'}))).toBe(true);
    expect(isSearchShortcut(key({tagName: 'INPUT', type: 'search'}))).toBe(false);
    expect(isSearchShortcut(key({tagName: 'INPUT'}))).toBe(false);
    expect(isSearchShortcut(key({tagName: 'TEXTAREA'}))).toBe(false);
    expect(isSearchShortcut(key({tagName: 'SELECT'}))).toBe(false);
    expect(isSearchShortcut(key({tagName: 'DIV', isContentEditable: true}))).toBe(false);
    expect(isSearchShortcut(key(null))).toBe(true);
  });

  it('ignores modified presses and other keys', () => {
    expect(isSearchShortcut(key({tagName: 'DIV'}, {ctrlKey: true}))).toBe(false);
    expect(isSearchShortcut(key({tagName: 'DIV'}, {metaKey: true}))).toBe(false);
    expect(isSearchShortcut({...key({tagName: 'DIV'}), key: '?'})).toBe(false);
  });
});
