import type { ServiceDetail, ServiceSummary, SliceView } from '@slicescope/contract';
import { useCallback, useMemo, useState } from 'react';
import { queryKeys, useServiceAnalysis } from '../../api/queries.ts';
import { fileName, download } from '../../export/download.ts';
import { CONDITIONS, CONDITION_STYLE } from '../../ui/conditions.ts';
import { useShortcut } from '../../ui/shortcuts.ts';
import { QueryState } from '../../ui/StateMessage.tsx';
import { useRefreshOnChange } from '../../ui/useRefreshOnChange.ts';
import { DriftPanel } from './DriftPanel.tsx';
import { EndpointsPanel } from './EndpointsPanel.tsx';
import { SliceDetail } from './SliceDetail.tsx';
import { SliceGroupSection } from './SliceGroupSection.tsx';
import { slicesCsv } from './sliceCsv.ts';
import { DEFAULT_MAX_ENDPOINTS, groupSlices } from './sliceGroups.ts';
import { TerminatingPanel } from './TerminatingPanel.tsx';
import './slices.css';

export interface SlicesViewProps {
  service: ServiceSummary;
  detail: ServiceDetail;
  /** The slices to draw: the present ones, or those of a past sync. */
  slices: SliceView[];
  /** The slices are of a past sync (the analyses still describe now). */
  past: boolean;
  selectedSlice?: string | undefined;
  onSelectSlice: (slice: string | undefined) => void;
}

/**
 * The Service's slices as bars, grouped the way the controller packs them, next to the fewest
 * slices that could hold them; the selected slice's objects; and the api's analyses of now.
 */
export function SlicesView({
  service,
  detail,
  slices,
  past,
  selectedSlice,
  onSelectSlice,
}: SlicesViewProps) {
  const { namespace, name } = service;
  const analysis = useServiceAnalysis(namespace, name);
  useRefreshOnChange(service.churn, [queryKeys.analysis(namespace, name)]);
  // The slice last picked here: its detail, drawn below every group, is brought into view.
  const [picked, setPicked] = useState<string>();
  const pick = useCallback(
    (slice: string | undefined) => {
      setPicked(slice);
      onSelectSlice(slice);
    },
    [onSelectSlice],
  );
  const max = analysis.data?.fragmentation.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS;
  const groups = useMemo(
    () => groupSlices(slices, max, analysis.data?.fragmentation.groups),
    [slices, max, analysis.data],
  );
  const drift = analysis.data?.drift;
  const clear = useCallback(() => onSelectSlice(undefined), [onSelectSlice]);
  useShortcut('Escape', clear, selectedSlice !== undefined);

  const exportCsv = () =>
    download(
      new Blob([slicesCsv(groups, max, drift)], { type: 'text/csv;charset=utf-8' }),
      fileName([namespace, name, past ? 'slices-past' : 'slices'], 'csv'),
    );
  const selected =
    selectedSlice === undefined ? undefined : slices.find((slice) => slice.name === selectedSlice);

  return (
    <div className="slices-view">
      {past && (
        <p className="banner banner-info slices-past-note" role="note">
          The slices, their counts and the ideal packing beside them are as they were after the
          chosen sync; the line marked “Now”, the drift, the Endpoints object and the terminating
          endpoints describe the Service now.
        </p>
      )}
      {!service.selector && (
        <p className="muted">
          This Service has no selector: the EndpointSlice controller does not write its slices; they
          are mirrored from its Endpoints object or written by hand or by another tool.
        </p>
      )}
      {detail.spec.publishNotReadyAddresses && (
        <p className="muted">
          publishNotReadyAddresses is set: the controller publishes every endpoint as ready.
        </p>
      )}
      <div className="toolbar">
        <ul className="legend" aria-label="Endpoint conditions">
          {CONDITIONS.map((condition) => (
            <li key={condition}>
              <span
                className="legend-swatch"
                aria-hidden="true"
                style={{ background: CONDITION_STYLE[condition].colour }}
              />
              {CONDITION_STYLE[condition].label}
            </li>
          ))}
        </ul>
        <button type="button" onClick={exportCsv} disabled={slices.length === 0}>
          Export CSV
        </button>
      </div>
      <QueryState query={analysis} what="the slice analysis">
        {({ fragmentation }) => (
          <p data-testid="fragmentation-summary">
            {past ? 'Now: ' : ''}
            {fragmentation.summary}
          </p>
        )}
      </QueryState>
      {slices.length === 0 ? (
        <p className="state state-empty">
          {past ? 'The Service had no slices at this point.' : 'The Service has no slices.'}
        </p>
      ) : (
        groups.map((group) => (
          <SliceGroupSection
            key={group.key}
            group={group}
            max={max}
            useAnalysis={!past}
            drift={drift}
            selectedSlice={selectedSlice}
            onSelectSlice={pick}
          />
        ))
      )}
      {selectedSlice !== undefined && (
        <SliceDetail
          key={selectedSlice}
          name={selectedSlice}
          slice={selected}
          past={past}
          reveal={picked === selectedSlice}
          onClose={clear}
        />
      )}
      {analysis.data && (
        <div className="analysis-panels">
          <DriftPanel drift={analysis.data.drift} />
          <EndpointsPanel endpoints={analysis.data.endpoints} />
          <TerminatingPanel terminating={analysis.data.terminating} />
        </div>
      )}
    </div>
  );
}
