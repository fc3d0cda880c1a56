import type { SimulationSnapshotView } from '@slicescope/contract';
import { useMemo, useState } from 'react';
import { ApiRequestError } from '../api/http.ts';
import { TopologyScene } from '../service/topology/TopologyScene.tsx';
import { Failed, Loading } from '../ui/StateMessage.tsx';
import { useSettledValue } from '../ui/useSettledValue.ts';
import { withoutPath } from './fields.ts';
import { formatSeconds } from './format.ts';
import { formatCount } from '../ui/count.ts';
import { requestOf } from './request.ts';
import { TOO_COSTLY } from './runner.ts';
import type { SimulationSpec } from './simulationSpec.ts';
import { useStepSnapshot, type StepTarget } from './stepSnapshot.ts';

/** How long the step slider must rest before the cluster at its point is asked for. */
const SETTLE_MS = 300;

type ServiceRef = NonNullable<StepTarget['service']>;
const refKey = (ref: ServiceRef): string => `${ref.namespace}/${ref.name}`;

/** Whether asking again can help: the server unreachable, busy or failing (5xx). */
const retryable = (error: unknown): boolean =>
  !(error instanceof ApiRequestError) ||
  error.code === 'unreachable' ||
  error.code === 'busy' ||
  error.status >= 500;

/** Why a replay failed, in words: the api's message without its request path. */
function replayFailure(error: unknown): unknown {
  if (retryable(error) || !(error instanceof ApiRequestError)) return error;
  const said = withoutPath(error.field, error.message);
  return error.code === 'too-large' || error.code === TOO_COSTLY
    ? `the server cannot replay this run to draw it (${said})`
    : said;
}

function ServicePicker({
  snapshot,
  run,
  onPick,
}: {
  snapshot: SimulationSnapshotView;
  run: string;
  onPick: (service: ServiceRef) => void;
}) {
  const { service, services, serviceCount } = snapshot;
  if (!service || serviceCount < 2) return null;
  const id = `sim-topology-service-${run.replace(/\W+/g, '-')}`;
  return (
    <div className="sim-field">
      <label htmlFor={id}>Service drawn</label>
      <select
        id={id}
        value={refKey(service)}
        onChange={(event) => {
          const [namespace = '', name = ''] = event.target.value.split('/');
          onPick({ namespace, name });
        }}
      >
        {services.map((entry) => (
          <option key={refKey(entry)} value={refKey(entry)}>
            {refKey(entry)} ({formatCount(entry.endpoints)} endpoints)
          </option>
        ))}
      </select>
      {serviceCount > services.length && (
        <small className="muted">
          The {formatCount(services.length)} with the most endpoints of {formatCount(serviceCount)}{' '}
          Services.
        </small>
      )}
    </div>
  );
}

function SnapshotScene({
  snapshot,
  run,
  paperQuick,
}: {
  snapshot: SimulationSnapshotView;
  run: string;
  /** The run is the quick form in paper mode, whose operation takes no time. */
  paperQuick: boolean;
}) {
  const nodes = useMemo(
    () => Object.fromEntries(snapshot.nodes.map((node) => [node.name, node])),
    [snapshot],
  );
  const [selectedSlice, setSelectedSlice] = useState<string>();
  const [selectedNode, setSelectedNode] = useState<string>();
  const { service } = snapshot;
  if (!service) return <p>The simulated cluster has no Service at this point.</p>;
  return (
    <>
      <p data-testid="step-topology-state">
        {service.namespace}/{service.name} at {formatSeconds(snapshot.t)}:{' '}
        {formatCount(service.endpoints)} endpoints in {formatCount(service.slices)} slices on{' '}
        {formatCount(snapshot.nodes.length)} Nodes ({run}).
      </p>
      {paperQuick && snapshot.t > 0 && (
        <p className="muted" data-testid="step-topology-paper">
          Paper mode counts the operation as if it took no time. The engine that draws the cluster
          gives it its real course, so this is the cluster once it is done, at{' '}
          {formatSeconds(snapshot.t)}.
        </p>
      )}
      <TopologyScene
        service={service}
        slices={snapshot.slices}
        selectedSlice={selectedSlice}
        onSelectSlice={setSelectedSlice}
        selectedNode={selectedNode}
        onSelectNode={setSelectedNode}
        nodes={nodes}
        hints={undefined}
        proxyView={false}
      />
    </>
  );
}

/**
 * The topology of a run at the selected step. The report keeps counts per step, not objects, so
 * the api replays the same run (deterministic: same scenario, options and seed) up to the step
 * and answers the cluster then; drawing is asked for, since a replay costs up to a whole run.
 */
export function StepTopology({
  spec,
  atSeconds,
  run,
}: {
  /** The simulation the report came from; without it there is nothing to replay. */
  spec: SimulationSpec | undefined;
  atSeconds: number;
  /** "Run A" or "Run B". */
  run: string;
}) {
  const [shown, setShown] = useState(false);
  const [service, setService] = useState<ServiceRef>();
  const request = useMemo(() => {
    const checked = spec && requestOf(spec);
    return checked?.ok ? checked.request : undefined;
  }, [spec]);
  // Hidden, it follows the slider at once, so that drawing starts at the step shown.
  const settled = useSettledValue(atSeconds, shown ? SETTLE_MS : 0);
  const target = useMemo(
    () => ({ atSeconds: settled, ...(service && { service }) }),
    [settled, service],
  );
  const snapshot = useStepSnapshot(shown ? request : undefined, target);
  if (!request) return null;
  return (
    <section className="sim-topology" aria-label={`${run}: topology at the step`}>
      <div className="toolbar">
        <button type="button" aria-pressed={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide topology' : 'Draw topology at this step'}
        </button>
        {service && (
          <button type="button" onClick={() => setService(undefined)}>
            Draw the Service with the most endpoints
          </button>
        )}
      </div>
      {shown && snapshot.isPending && (
        <Loading what={`the cluster at ${formatSeconds(settled)} (the run is replayed to it)`} />
      )}
      {shown && snapshot.isError && (
        <Failed
          what="the cluster at this step"
          error={replayFailure(snapshot.error)}
          {...(retryable(snapshot.error) && { retry: () => void snapshot.refetch() })}
        />
      )}
      {shown && snapshot.data && (
        <>
          <ServicePicker snapshot={snapshot.data} run={run} onPick={setService} />
          <SnapshotScene
            key={snapshot.data.service ? refKey(snapshot.data.service) : ''}
            snapshot={snapshot.data}
            run={run}
            paperQuick={spec?.mode === 'paper' && spec.input.kind === 'quick'}
          />
        </>
      )}
    </section>
  );
}
