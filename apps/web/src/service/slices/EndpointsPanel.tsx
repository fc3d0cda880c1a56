import type { EndpointsAnalysis, MirroringAnalysis } from '@slicescope/contract';
import { plural } from '@slicescope/core';
import { AddressList } from './AddressList.tsx';

/** The most addresses a v1 Endpoints object holds; the Endpoints controller truncates at it. */
const ENDPOINTS_CAPACITY = 1000;

/** The legacy v1 Endpoints object of the Service against its slices. */
export function EndpointsPanel({ endpoints }: { endpoints: EndpointsAnalysis }) {
  return (
    <section className="analysis-panel" aria-labelledby="endpoints-title" data-testid="endpoints">
      <h3 id="endpoints-title">The legacy Endpoints object</h3>
      <p>{endpoints.summary}</p>
      {endpoints.exists && (
        <ul className="facts">
          <li>
            {plural(endpoints.addresses, 'address', 'addresses')} ({endpoints.ready} ready,{' '}
            {endpoints.notReady} not ready), against {endpoints.sliceAddresses} in the slices
            {endpoints.comparedFamily ? ` (${endpoints.comparedFamily} compared)` : ''}.
          </li>
          {endpoints.truncated && (
            <li className="analysis-warn" data-testid="endpoints-truncated">
              Truncated at {ENDPOINTS_CAPACITY} addresses: annotated{' '}
              <code>
                endpoints.kubernetes.io/over-capacity: {endpoints.overCapacityAnnotation ?? ''}
              </code>
              . Anything still reading Endpoints sees only part of the Service.
            </li>
          )}
          {endpoints.overCapacity && !endpoints.truncated && (
            <li className="analysis-warn">
              Over capacity: the slices hold more than {ENDPOINTS_CAPACITY} addresses, yet the
              object is not marked truncated.
            </li>
          )}
          {!endpoints.truncated && endpoints.overCapacityAnnotation !== undefined && (
            <li>
              Annotated <code>endpoints.kubernetes.io/over-capacity:</code>{' '}
              {endpoints.overCapacityAnnotation}.
            </li>
          )}
          <li>
            {endpoints.matches ? 'It agrees with the slices' : 'It does not agree with the slices'}
            {endpoints.explainedByTruncation > 0 &&
              `; ${endpoints.explainedByTruncation} slice addresses are left out by the truncation`}
            {endpoints.explainedByTerminating > 0 &&
              `; ${endpoints.explainedByTerminating} terminating addresses are left out on purpose`}
            .
          </li>
        </ul>
      )}
      <AddressList
        label="In the slices only"
        addresses={endpoints.inSlicesOnly}
        total={endpoints.inSlicesOnlyCount}
      />
      <AddressList
        label="In Endpoints only"
        addresses={endpoints.inEndpointsOnly}
        total={endpoints.inEndpointsOnlyCount}
      />
      {endpoints.mirroring && <Mirroring mirroring={endpoints.mirroring} />}
    </section>
  );
}

function Mirroring({ mirroring }: { mirroring: MirroringAnalysis }) {
  const calls = mirroring.creates + mirroring.updates + mirroring.deletes;
  return (
    <div className="mirroring" data-testid="mirroring">
      <h4>Mirroring into slices</h4>
      <p>
        {mirroring.mirrored ? 'Mirrored' : 'Not mirrored'}: {mirroring.reason}
      </p>
      {mirroring.mirrored && (
        <p>
          {plural(mirroring.mirroredSlices, 'mirrored slice')};{' '}
          {mirroring.inSync
            ? 'the mirroring controller would make no call.'
            : `the mirroring controller would make ${plural(calls, 'call')} (${mirroring.creates} creates, ${mirroring.updates} updates, ${mirroring.deletes} deletes).`}
        </p>
      )}
      {mirroring.warnings.length > 0 && (
        <ul aria-label="Mirroring warnings">
          {mirroring.warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
