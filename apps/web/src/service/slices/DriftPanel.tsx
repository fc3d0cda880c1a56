import type { DriftAction, DriftAnalysis } from '@slicescope/contract';
import { plural } from '@slicescope/core';
import { AddressList } from './AddressList.tsx';

function actionText(action: DriftAction): string {
  switch (action.verb) {
    case 'create':
      return `create a ${action.addressType} slice ${action.generateName}… with ${plural(action.endpoints, 'endpoint')}`;
    case 'update':
      return `update ${action.name} (${action.addressType}) to ${plural(action.endpoints, 'endpoint')}`;
    case 'delete':
      return `delete ${action.name}`;
  }
}

/** What the EndpointSlice controller would write now, against the slices that exist. */
export function DriftPanel({ drift }: { drift: DriftAnalysis }) {
  const calls = drift.creates + drift.updates + drift.deletes;
  return (
    <section className="analysis-panel" aria-labelledby="drift-title" data-testid="drift">
      <h3 id="drift-title">Drift from the controller</h3>
      {!drift.available ? (
        <p>Not available: {drift.reason ?? 'the controller’s view cannot be computed.'}</p>
      ) : drift.inSync ? (
        <p className="analysis-ok">
          In sync: the EndpointSlice controller would make no call for its{' '}
          {plural(drift.controllerSlices, 'slice')}.
        </p>
      ) : (
        <>
          <p className="analysis-warn">
            Out of sync: the controller would make {plural(calls, 'call')} — {drift.creates}{' '}
            {drift.creates === 1 ? 'create' : 'creates'}, {drift.updates}{' '}
            {drift.updates === 1 ? 'update' : 'updates'}, {drift.deletes}{' '}
            {drift.deletes === 1 ? 'delete' : 'deletes'}.
          </p>
          {drift.actions.length > 0 && (
            <ol className="drift-actions" aria-label="Calls the controller would make">
              {drift.actions.map((action, index) => (
                <li key={index}>{actionText(action)}</li>
              ))}
            </ol>
          )}
          <AddressList
            label="Endpoints missing (it would add)"
            addresses={drift.endpointsMissing}
            total={drift.endpointsMissingCount}
          />
          <AddressList
            label="Endpoints extra (it would remove)"
            addresses={drift.endpointsExtra}
            total={drift.endpointsExtraCount}
          />
          <AddressList
            label="Endpoints changed (it would rewrite)"
            addresses={drift.endpointsChanged}
            total={drift.endpointsChangedCount}
          />
        </>
      )}
      {drift.errors.length > 0 && (
        <ul className="analysis-errors" aria-label="Drift errors">
          {drift.errors.map((error, index) => (
            <li key={index}>{error}</li>
          ))}
        </ul>
      )}
      {(drift.mirroredSlices.length > 0 || drift.otherSlices.length > 0) && (
        <p className="muted">
          Drift is about the controller’s {plural(drift.controllerSlices, 'slice')} only.
          {drift.mirroredSlices.length > 0 &&
            ` Mirrored from the Endpoints object: ${drift.mirroredSlices.join(', ')}.`}
          {drift.otherSlices.length > 0 &&
            ` Not managed by either controller (orphaned or hand-made): ${drift.otherSlices
              .map((other) => `${other.name} (${other.managedBy ?? 'no managed-by label'})`)
              .join(', ')}.`}
        </p>
      )}
    </section>
  );
}
