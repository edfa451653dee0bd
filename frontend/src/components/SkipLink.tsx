import type {MouseEvent} from 'react';

/** SkipLinkProps are the props of SkipLink. */
export interface SkipLinkProps {
  /** The id of the element to move focus to (it needs tabIndex={-1}). */
  targetId: string;
  children?: string;
}

/**
 * SkipLink is the first stop of the Tab order: it moves focus past the
 * sidebar to the main content. It focuses the target itself rather than
 * following "#id", which would change the hash route.
 */
export function SkipLink({targetId, children = 'Skip to main content'}: SkipLinkProps) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    e.preventDefault();
    document.getElementById(targetId)?.focus();
  };
  return (
    <a className="skip-link" href={`#${targetId}`} onClick={onClick} data-testid="skip-link">
      {children}
    </a>
  );
}
