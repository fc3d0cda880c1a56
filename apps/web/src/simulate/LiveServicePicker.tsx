import type { StreamState } from '@slicescope/contract';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useStreamState } from '../stream/StreamProvider.tsx';
import { compareNatural } from '../ui/order.ts';
import { plural } from '@slicescope/core';
import { importService, type ImportedService } from './importService.ts';

const selectServices = (state: StreamState) => state.services;
const selectNodes = (state: StreamState) => state.nodes;

/**
 * "Import this live Service as a scenario": a picker of the Services the stream knows, and the
 * Service a link from its page named (`from`), imported once it is known. Memoized: on a cluster
 * of thousands of Services its options cost a tenth of a second to build, which typing in the
 * form around it must not pay.
 */
export const LiveServicePicker = memo(function LiveServicePicker({
  from,
  onImport,
}: {
  from: string | undefined;
  onImport: (service: ImportedService) => void;
}) {
  const services = useStreamState(selectServices);
  const nodes = useStreamState(selectNodes);
  const [chosen, setChosen] = useState(from ?? '');
  const done = useRef<string | undefined>(undefined);
  const keys = useMemo(() => Object.keys(services).sort(compareNatural), [services]);
  const linked = from === undefined ? undefined : services[from];

  useEffect(() => {
    if (from === undefined || linked === undefined || done.current === from) return;
    done.current = from;
    onImport(importService(linked, Object.values(nodes)));
  }, [from, linked, nodes, onImport]);

  const importChosen = () => {
    const service = services[chosen];
    if (service) onImport(importService(service, Object.values(nodes)));
  };
  const waiting = from !== undefined && linked === undefined;
  return (
    <div className="sim-field">
      <label htmlFor="sim-live-service">Live Service</label>
      <div className="sim-inline">
        <select
          id="sim-live-service"
          value={chosen}
          aria-describedby="sim-live-service-hint"
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">Choose a Service of the cluster…</option>
          {keys.map((key) => (
            <option key={key} value={key}>
              {key} ({plural(services[key]?.pods ?? 0, 'Pod')})
            </option>
          ))}
        </select>
        <button type="button" onClick={importChosen} disabled={services[chosen] === undefined}>
          Import as a scenario
        </button>
      </div>
      <small className="muted" id="sim-live-service-hint" aria-live="polite">
        {waiting
          ? keys.length === 0
            ? `Waiting for ${from} in the live cluster…`
            : `${from} is not in the live cluster.`
          : `The simulation gets the Service's Pods that are not terminating, and the cluster's ${plural(Object.keys(nodes).length, 'Node')} in their zones.`}
      </small>
    </div>
  );
});
