import { shippedScenarioNames } from '@slicescope/contract';
import { describedBy, FieldError, hintId, inputId, NumberField } from './Field.tsx';
import type { FormField } from './fields.ts';
import type { FormValues } from './formValues.ts';
import { podsHint, useServerLimits } from './serverLimits.ts';
import { QUICK_OPERATION_NAMES, type QuickOperationName } from './simulationSpec.ts';

export interface FieldsProps {
  values: FormValues;
  change: (field: FormField, patch: Partial<FormValues>) => void;
  errorOf: (field: FormField) => string | undefined;
}

const SOURCES = [
  { value: 'quick', label: 'Quick form', hint: 'one Service, one operation' },
  { value: 'service', label: 'Service shortcut', hint: 'a Service and what happens to it' },
  { value: 'scenario', label: 'Scenario', hint: 'a cluster and timed events' },
] as const;

/** What each operation does, said under the select (an option's text is cut at its width). */
const OPERATION_HINT: Record<QuickOperationName, string> = {
  create: 'the Service appears with its Pods ready',
  'update-one': 'one endpoint changes (a Pod fails its readiness probe)',
  rollout: 'every Pod is replaced (maxSurge and maxUnavailable 25%)',
};

const SHORTCUT_HINT =
  'JSON: {"pods", "nodes", "zones", "maxSurge", "maxUnavailable", "startJitterSeconds", ' +
  '"topologyAwareHints", ' +
  '"events": [{"at": 10, "type": "rollingUpdate"}]}. Event types: createService, rollingUpdate, ' +
  'scaleTo (replicas), updateOne (forSeconds), drainNode (node), zoneOutage (zone, forSeconds). ' +
  'Zones are zone-a, zone-b, …; Nodes <zone>-node-<n>.';

/** What to simulate: the quick form's fields, a service shortcut, or a scenario. */
export function SourceFields({ values, change, errorOf }: FieldsProps) {
  const limits = useServerLimits();
  const serviceError = errorOf('service');
  const scenarioError = errorOf('scenario');
  return (
    <>
      <fieldset className="sim-sources">
        <legend>What to simulate</legend>
        {SOURCES.map((source) => (
          <label key={source.value} className="sim-choice">
            <input
              type="radio"
              name="source"
              value={source.value}
              checked={values.source === source.value}
              onChange={() => change('source', { source: source.value })}
            />
            {source.label} <span className="muted">({source.hint})</span>
          </label>
        ))}
      </fieldset>
      {values.source === 'quick' && (
        <fieldset className="sim-grid">
          <legend>Quick form: one Service of P ready Pods on N Nodes, and one operation</legend>
          <NumberField
            field="pods"
            value={values.pods}
            onChange={(pods) => change('pods', { pods })}
            hint={podsHint(limits)}
            error={errorOf('pods')}
          />
          <NumberField
            field="nodes"
            value={values.nodes}
            onChange={(nodes) => change('nodes', { nodes })}
            hint="1–5,000; one kube-proxy watcher each"
            error={errorOf('nodes')}
          />
          <NumberField
            field="zones"
            value={values.zones}
            placeholder="3"
            onChange={(zones) => change('zones', { zones })}
            hint="1–100, at most the Nodes; default 3"
            error={errorOf('zones')}
          />
          <div className="sim-field">
            <label htmlFor={inputId('operation')}>Operation</label>
            <select
              id={inputId('operation')}
              value={values.operation}
              aria-describedby={describedBy('operation', true, errorOf('operation'))}
              onChange={(event) =>
                change('operation', { operation: event.target.value as QuickOperationName })
              }
            >
              {QUICK_OPERATION_NAMES.map((operation) => (
                <option key={operation} value={operation}>
                  {operation}
                </option>
              ))}
            </select>
            <small className="muted" id={hintId('operation')}>
              {OPERATION_HINT[values.operation]}
            </small>
            <FieldError field="operation" error={errorOf('operation')} />
          </div>
        </fieldset>
      )}
      {values.source === 'service' && (
        <div className="sim-field sim-wide">
          <label htmlFor={inputId('service')}>Service shortcut (JSON)</label>
          <textarea
            id={inputId('service')}
            rows={10}
            spellCheck={false}
            value={values.service}
            aria-invalid={serviceError ? true : undefined}
            aria-describedby={describedBy('service', true, serviceError)}
            onChange={(event) => change('service', { service: event.target.value })}
          />
          <small className="muted" id={hintId('service')}>
            {SHORTCUT_HINT} Pods 0–150,000, Nodes 1–5,000, zones 1–100, events ≤ 100,000.
          </small>
          <FieldError field="service" error={serviceError} />
        </div>
      )}
      {values.source === 'scenario' && (
        <div className="sim-field sim-wide">
          <label htmlFor="sim-scenario-name">Shipped scenario</label>
          <select
            id="sim-scenario-name"
            value={values.scenarioName}
            aria-describedby={describedBy('scenario', true, scenarioError)}
            onChange={(event) => change('scenario', { scenarioName: event.target.value })}
          >
            <option value="">None: the scenario text below</option>
            {shippedScenarioNames.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          {values.scenarioName === '' && (
            <>
              <label htmlFor={inputId('scenario')}>Scenario (JSON or YAML)</label>
              <textarea
                id={inputId('scenario')}
                rows={12}
                spellCheck={false}
                value={values.scenarioText}
                aria-invalid={scenarioError ? true : undefined}
                aria-describedby={describedBy('scenario', true, scenarioError)}
                onChange={(event) => change('scenario', { scenarioText: event.target.value })}
              />
            </>
          )}
          <small className="muted" id={hintId('scenario')}>
            The format of docs/scenarios.md: at any moment at most 150,000 Pods and 5,000 Nodes; at
            most 100,000 events, 10,000 Services and 7 simulated days.
          </small>
          <FieldError field="scenario" error={scenarioError} />
        </div>
      )}
    </>
  );
}
