import type { SliceView } from '@slicescope/contract';
import { useEffect, useRef, useState } from 'react';
import { CONDITION_STYLE, conditionOf } from '../../ui/conditions.ts';
import { plural } from '@slicescope/core';

/** Endpoint rows drawn before "Show all" (a slice holds at most 1000). */
const FIRST_ROWS = 200;

/**
 * The selected slice: its raw object as the api sends it, and its endpoints. `reveal` scrolls it
 * into view as it opens (below many slices it opens off-screen).
 */
export function SliceDetail({
  name,
  slice,
  past,
  reveal,
  onClose,
}: {
  name: string;
  slice: SliceView | undefined;
  past: boolean;
  reveal: boolean;
  onClose: () => void;
}) {
  const [all, setAll] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (reveal) heading.current?.scrollIntoView?.({ block: 'nearest' });
  }, [reveal]);
  return (
    <section
      className="slice-detail"
      aria-labelledby="slice-detail-title"
      data-testid="slice-detail"
    >
      <div className="slice-detail-head">
        <h3 id="slice-detail-title" ref={heading}>
          Slice {name}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {slice === undefined ? (
        <p className="muted">
          {past
            ? `Slice ${name} did not exist at this point of the history.`
            : `Slice ${name} no longer exists.`}
        </p>
      ) : (
        <>
          <h4>Endpoints</h4>
          <table className="data" aria-label={`Endpoints of ${name}`}>
            <caption className="muted">
              {plural(slice.endpoints.length, 'endpoint')}
              {slice.endpoints.length > FIRST_ROWS && !all ? `, the first ${FIRST_ROWS} shown` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Addresses</th>
                <th scope="col">Condition</th>
                <th scope="col">Node</th>
                <th scope="col">Zone</th>
                <th scope="col">Pod</th>
                <th scope="col">Hints</th>
              </tr>
            </thead>
            <tbody>
              {(all ? slice.endpoints : slice.endpoints.slice(0, FIRST_ROWS)).map(
                (endpoint, index) => (
                  <tr key={index}>
                    <td>
                      <code>{endpoint.addresses.join(', ')}</code>
                    </td>
                    <td>{CONDITION_STYLE[conditionOf(endpoint)].label}</td>
                    <td>{endpoint.nodeName ?? '—'}</td>
                    <td>{endpoint.zone ?? '—'}</td>
                    <td>{endpoint.pod ?? '—'}</td>
                    <td>{hintsText(endpoint.hints)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          {slice.endpoints.length > FIRST_ROWS && !all && (
            <button type="button" onClick={() => setAll(true)}>
              Show all {slice.endpoints.length} endpoints
            </button>
          )}
          <h4>Raw object</h4>
          <p className="muted">
            The slice as the api sends it: a projection of the EndpointSlice (no managedFields,
            annotations or other metadata), not the object as stored in the cluster.
          </p>
          <pre
            className="slice-raw"
            data-testid="slice-raw"
            tabIndex={0}
            aria-label={`Raw ${name}`}
          >
            {JSON.stringify(slice, null, 2)}
          </pre>
        </>
      )}
    </section>
  );
}

function hintsText(hints: SliceView['endpoints'][number]['hints']): string {
  if (!hints) return '—';
  const parts: string[] = [];
  if (hints.forZones) parts.push(`zones ${hints.forZones.join(', ') || '(none)'}`);
  if (hints.forNodes) parts.push(`nodes ${hints.forNodes.join(', ') || '(none)'}`);
  return parts.length === 0 ? 'empty' : parts.join('; ');
}
