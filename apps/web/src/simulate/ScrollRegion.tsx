import type { ReactNode } from 'react';

/**
 * A table wider (or longer) than the room it has, in a box that scrolls rather than the page: a
 * labelled region the keyboard can reach, so that arrow keys scroll it too.
 */
export function ScrollRegion({
  label,
  className = 'sim-scroll',
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
