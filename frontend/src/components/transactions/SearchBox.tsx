import {useEffect, useId, useRef, useState, type RefObject} from 'react';

import {CompactField} from '../Field';

/** SearchBoxProps are the props of SearchBox. */
export interface SearchBoxProps {
  /** The search in effect (from the URL). */
  value: string;
  /** Called with the text once typing pauses for pauseMs. */
  onSearch: (text: string) => void;
  pauseMs: number;
  inputRef: RefObject<HTMLInputElement | null>;
}

/**
 * SearchBox is the search-as-you-type field. It keeps what is typed to
 * itself, so a keystroke re-renders nothing but the field, and reports the
 * text once typing pauses. When the search in effect changes from
 * elsewhere (Back, Clear) it shows that, unless the person is typing: what
 * they type wins.
 */
export function SearchBox({value, onSearch, pauseMs, inputRef}: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [typing, setTyping] = useState(false);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (!typing) {
      setText(value);
    }
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  return (
    <CompactField
      id={`${id}-q`}
      label={
        <>
          Search <kbd className="kbd">/</kbd>
        </>
      }
    >
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          className="input input--search"
          type="search"
          placeholder="Description, e.g. Woolworths"
          value={text}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            setTyping(true);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              setTyping(false);
              onSearch(next);
            }, pauseMs);
          }}
          aria-keyshortcuts="/"
          autoComplete="off"
          spellCheck={false}
          data-testid="tx-search"
        />
      )}
    </CompactField>
  );
}
