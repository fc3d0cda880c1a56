import type { ServiceFlag } from '@slicescope/contract';
import { useCallback, useId, useRef } from 'react';
import { useShortcut } from '../ui/shortcuts.ts';
import { FLAG_TEXT, FLAGS } from './flags.ts';
import { parseLabelSelector } from './labelSelector.ts';
import type { TableFilters } from './serviceTable.ts';

/** Search, namespace and problem filters of the services table; `/` jumps to the search box. */
export function ServiceFilters({
  filters,
  namespaces,
  onChange,
}: {
  filters: TableFilters;
  namespaces: readonly string[];
  onChange: (change: TableFilters) => void;
}) {
  const search = useRef<HTMLInputElement>(null);
  const focusSearch = useCallback((event: KeyboardEvent) => {
    event.preventDefault();
    search.current?.focus();
    search.current?.select();
  }, []);
  useShortcut('/', focusSearch);
  const labelErrorId = useId();
  const selector = filters.label ? parseLabelSelector(filters.label) : undefined;
  const labelError = selector?.ok === false ? selector.error : undefined;
  const options =
    filters.namespace !== undefined && !namespaces.includes(filters.namespace)
      ? [...namespaces, filters.namespace]
      : namespaces;
  return (
    <>
      <label className="filter">
        <span>Search</span>
        <input
          ref={search}
          type="search"
          value={filters.q ?? ''}
          placeholder="namespace/name"
          aria-keyshortcuts="/"
          aria-label="Search Services by namespace/name"
          onChange={(event) => onChange({ q: event.target.value })}
        />
      </label>
      <label className="filter">
        <span>Label</span>
        <input
          type="search"
          value={filters.label ?? ''}
          placeholder="app=web,tier!=db"
          aria-label="Filter Services by label selector"
          aria-invalid={labelError !== undefined}
          aria-describedby={labelError === undefined ? undefined : labelErrorId}
          onChange={(event) => onChange({ label: event.target.value })}
        />
        {labelError !== undefined && (
          <span id={labelErrorId} className="filter-error" role="alert">
            Not a label selector, not applied: {labelError}
          </span>
        )}
      </label>
      <label className="filter">
        <span>Namespace</span>
        <select
          value={filters.namespace ?? ''}
          onChange={(event) => onChange({ namespace: event.target.value })}
        >
          <option value="">All namespaces</option>
          {options.map((namespace) => (
            <option key={namespace} value={namespace}>
              {namespace}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Problem</span>
        <select
          value={filters.flag ?? ''}
          onChange={(event) =>
            onChange({ flag: (event.target.value || undefined) as ServiceFlag | undefined })
          }
        >
          <option value="">Any</option>
          {FLAGS.map((flag) => (
            <option key={flag} value={flag} title={FLAG_TEXT[flag].description}>
              {FLAG_TEXT[flag].label}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
