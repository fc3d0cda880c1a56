import type { ReactNode } from 'react';
import { FIELD_LABEL, type FormField } from './fields.ts';

/** The ids a field's hint and error carry, for aria-describedby. */
export const hintId = (field: FormField) => `sim-${field}-hint`;
export const errorId = (field: FormField) => `sim-${field}-error`;
export const inputId = (field: FormField) => `sim-${field}`;

/** Moves the keyboard to a field, as to the first field of an error (if it is shown). */
export const focusField = (field: FormField): void =>
  document.getElementById(inputId(field))?.focus();

export function describedBy(field: FormField, hint: boolean, error: string | undefined) {
  const ids = [hint ? hintId(field) : '', error ? errorId(field) : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's error, next to it: "Pods: must be an integer from 0 to 150000 (got 200000)". */
export function FieldError({ field, error }: { field: FormField; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="sim-error" id={errorId(field)} data-field={field}>
      {field === 'form' ? error : `${FIELD_LABEL[field]}: ${error}`}
    </p>
  );
}

/** A labelled text box for a whole number, with its limits stated and its error next to it. */
export function NumberField({
  field,
  value,
  onChange,
  hint,
  error,
  placeholder,
}: {
  field: FormField;
  value: string;
  onChange: (value: string) => void;
  hint: ReactNode;
  error: string | undefined;
  placeholder?: string;
}) {
  return (
    <div className="sim-field">
      <label htmlFor={inputId(field)}>{FIELD_LABEL[field]}</label>
      <input
        id={inputId(field)}
        name={field}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(field, true, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <small className="muted" id={hintId(field)}>
        {hint}
      </small>
      <FieldError field={field} error={error} />
    </div>
  );
}
