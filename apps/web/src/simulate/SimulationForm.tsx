import { isShippedScenarioName } from '@slicescope/contract';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { FieldError, focusField } from './Field.tsx';
import {
  hiddenFieldErrorText,
  isFieldShown,
  type FieldError as FieldProblem,
  type FormField,
} from './fields.ts';
import { checkForm, valuesOf, type FormValues } from './formValues.ts';
import type { ImportedService } from './importService.ts';
import { LimitsNote } from './LimitsNote.tsx';
import { LiveServicePicker } from './LiveServicePicker.tsx';
import { OptionFields } from './OptionFields.tsx';
import { PRESETS } from './presets.ts';
import { useServerLimits } from './serverLimits.ts';
import { specKey, type SimulationSpec } from './simulationSpec.ts';
import { SourceFields } from './SourceFields.tsx';

export interface SimulationFormProps {
  /** The simulation the form shows: run A's, or the default preset's before any run. */
  shown: SimulationSpec;
  /** The preset that simulation is, if it is one. */
  shownPreset?: string | undefined;
  /** Errors of the last run, by field (the api's, or the URL's simulation checked). */
  errors: readonly FieldProblem[];
  /** A live Service to import into the form once the stream has it (`namespace/name`). */
  from?: string;
  /** Runs a simulation. */
  onRun: (spec: SimulationSpec) => void;
}

/**
 * The question: a preset or a live Service to start from, what to simulate (the quick form, a
 * service shortcut or a scenario) and how to count. Checked with the api's schema before it is
 * sent; every error shows next to the field it names.
 */
export function SimulationForm({ shown, shownPreset, errors, from, onRun }: SimulationFormProps) {
  const [values, setValues] = useState(() => valuesOf(shown, isShippedScenarioName));
  const [preset, setPreset] = useState(shownPreset ?? '');
  const [local, setLocal] = useState<readonly FieldProblem[]>([]);
  // Fields changed since the last run: the run's errors no longer apply to them.
  const [edited, setEdited] = useState<ReadonlySet<FormField>>(new Set());
  const [imported, setImported] = useState<ImportedService>();
  const limits = useServerLimits();

  // Another simulation shown (a run started, a link followed): the form shows its settings and
  // keeps what was typed in the fields it does not use (state adjusted while rendering).
  const shownKey = useMemo(() => specKey(shown), [shown]);
  const [lastShown, setLastShown] = useState(shownKey);
  if (lastShown !== shownKey) {
    setLastShown(shownKey);
    setValues((current) => valuesOf(shown, isShippedScenarioName, current));
    setPreset(shownPreset ?? '');
    setLocal([]);
    setEdited(new Set());
    setImported(undefined);
  }

  const change = (field: FormField, patch: Partial<FormValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    setEdited((current) => new Set(current).add(field));
    setLocal((current) => current.filter((error) => error.field !== field));
  };
  const errorOf = (field: FormField): string | undefined =>
    local.find((error) => error.field === field)?.message ??
    (edited.has(field) ? undefined : errors.find((error) => error.field === field)?.message);
  // The run's errors of fields another source or mode now hides are said by the Run button, so
  // that the run's status ("the form above says why") stays true. The form's own errors are of
  // fields it read: they come back with those fields.
  const hiddenErrors = errors
    .filter((error) => !edited.has(error.field) && !isFieldShown(error.field, values))
    .map(hiddenFieldErrorText);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = checkForm(values, limits);
    setEdited(new Set());
    if (!result.ok) {
      setLocal(result.errors);
      const first = result.errors[0];
      if (first) focusField(first.field);
      return;
    }
    setLocal([]);
    onRun(result.spec);
  };
  const applyPreset = (id: string) => {
    setPreset(id);
    const chosen = PRESETS.find((candidate) => candidate.id === id);
    if (!chosen) return;
    setValues((current) => valuesOf(chosen.spec, isShippedScenarioName, current));
    setLocal([]);
    setEdited(new Set(['form']));
    setImported(undefined);
  };
  // Stable, so the picker of a large cluster's Services is not rebuilt on every keystroke.
  const applyImport = useCallback((service: ImportedService) => {
    setValues((current) => valuesOf(service.spec, isShippedScenarioName, current));
    setImported(service);
    setPreset('');
    setLocal([]);
    setEdited(new Set(['form']));
  }, []);
  const description = PRESETS.find((candidate) => candidate.id === preset)?.description;
  const formError = [errorOf('form'), ...hiddenErrors].filter(Boolean).join('; ');

  return (
    <form className="sim-form" noValidate onSubmit={submit} aria-labelledby="sim-form-title">
      <h2 id="sim-form-title">The question</h2>
      <div className="sim-start">
        <div className="sim-field">
          <label htmlFor="sim-preset">Preset</label>
          <select
            id="sim-preset"
            value={preset}
            aria-describedby={description ? 'sim-preset-hint' : undefined}
            onChange={(event) => applyPreset(event.target.value)}
          >
            <option value="">Choose a preset…</option>
            {PRESETS.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
          {description && (
            <small className="muted" id="sim-preset-hint">
              {description}
            </small>
          )}
        </div>
        {/* Anew for each link's Service: it imports that one, and shows it chosen. */}
        <LiveServicePicker key={from ?? ''} from={from} onImport={applyImport} />
      </div>
      {imported && (
        <div className="sim-imported" role="status">
          Imported the live Service’s shape as a service shortcut (model mode, then a rolling
          update). The shortcut spreads its Pods evenly over the zones.
          {imported.notes.length > 0 && (
            <ul>
              {imported.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <SourceFields values={values} change={change} errorOf={errorOf} />
      <OptionFields values={values} change={change} errorOf={errorOf} />
      <LimitsNote />
      {formError && <FieldError field="form" error={formError} />}
      <div className="toolbar">
        <button type="submit" className="sim-run">
          Run simulation
        </button>
      </div>
    </form>
  );
}
