import { FieldError, NumberField } from './Field.tsx';
import type { FieldsProps } from './SourceFields.tsx';
import { ACCOUNTING_MODES, type AccountingModeName } from './simulationSpec.ts';

const MODE: Record<AccountingModeName, { label: string; hint: string }> = {
  paper: {
    label: 'Paper',
    hint: 'the published constants and rules: an object of k endpoints weighs max(k × C, M); one write per replaced Pod',
  },
  model: {
    label: 'Model',
    hint: 'every write the controllers make in the engine, sized in exact JSON and protobuf bytes',
  },
};

/** How to count: the accounting mode, the slice size, and paper mode's C and M. */
export function OptionFields({ values, change, errorOf }: FieldsProps) {
  const modeError = errorOf('mode');
  return (
    <fieldset className="sim-grid">
      <legend>How to count</legend>
      <fieldset className="sim-modes" aria-describedby={modeError ? 'sim-mode-error' : undefined}>
        <legend>Accounting mode</legend>
        {ACCOUNTING_MODES.map((mode) => (
          <label key={mode} className="sim-choice">
            <input
              type="radio"
              name="mode"
              value={mode}
              id={mode === values.mode ? 'sim-mode' : undefined}
              checked={values.mode === mode}
              onChange={() => change('mode', { mode })}
            />
            {MODE[mode].label} <span className="muted">({MODE[mode].hint})</span>
          </label>
        ))}
        <FieldError field="mode" error={modeError} />
      </fieldset>
      <NumberField
        field="maxEndpointsPerSlice"
        value={values.maxEndpointsPerSlice}
        placeholder="100"
        onChange={(maxEndpointsPerSlice) =>
          change('maxEndpointsPerSlice', { maxEndpointsPerSlice })
        }
        hint="1–1,000; default 100 (or the scenario's)"
        error={errorOf('maxEndpointsPerSlice')}
      />
      {values.mode === 'paper' && (
        <>
          <NumberField
            field="paperBytesPerEndpoint"
            value={values.paperBytesPerEndpoint}
            placeholder="100"
            onChange={(paperBytesPerEndpoint) =>
              change('paperBytesPerEndpoint', { paperBytesPerEndpoint })
            }
            hint="1–100,000 B; default 100 (KEP-0752); 300 reproduces the 2020 blog"
            error={errorOf('paperBytesPerEndpoint')}
          />
          <NumberField
            field="paperMinObjectBytes"
            value={values.paperMinObjectBytes}
            placeholder="1000"
            onChange={(paperMinObjectBytes) =>
              change('paperMinObjectBytes', { paperMinObjectBytes })
            }
            hint="0–100,000,000 B; default 1,000 (KEP-0752); the blog uses 0"
            error={errorOf('paperMinObjectBytes')}
          />
        </>
      )}
    </fieldset>
  );
}
