import { useDeferredValue, useMemo, useRef } from 'react';

/** A name with its endpoint count, as the pickers list it. */
export type Choice = readonly [name: string, endpoints: number];

const NONE: readonly Choice[] = [];

const same = (a: readonly Choice[], b: readonly Choice[]) =>
  a.length === b.length &&
  a.every((choice, i) => choice[0] === b[i]?.[0] && choice[1] === b[i]?.[1]);

/** The previous list while the names and counts are unchanged (live updates rarely change them). */
function useStable(choices: readonly Choice[]): readonly Choice[] {
  const kept = useRef(choices);
  if (kept.current !== choices && !same(kept.current, choices)) kept.current = choices;
  return kept.current;
}

/**
 * A labelled <select> of names (slices, nodes). Long lists (a thousand slices, thousands of nodes)
 * are rendered after the figure's first paint, at low priority, and not again while unchanged.
 */
function Picker({
  label,
  none,
  choices,
  value,
  absent,
  onChange,
}: {
  label: string;
  none: string;
  choices: readonly Choice[];
  value: string | undefined;
  /** What the selected value is called when it is not among the choices. */
  absent: string;
  onChange: (value: string | undefined) => void;
}) {
  const deferred = useDeferredValue(useStable(choices), NONE);
  const options = useMemo(
    () =>
      deferred.map(([name, count]) => (
        <option key={name} value={name}>
          {name} ({count})
        </option>
      )),
    [deferred],
  );
  const listed = value !== undefined && deferred.some(([name]) => name === value);
  const present = value !== undefined && choices.some(([name]) => name === value);
  return (
    <label>
      {label}{' '}
      <select value={value ?? ''} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{none}</option>
        {value !== undefined && !listed && (
          <option value={value}>{present ? value : `${value} (${absent})`}</option>
        )}
        {options}
      </select>
    </label>
  );
}

export function Pickers(props: {
  slices: readonly Choice[];
  nodes: readonly Choice[];
  selectedSlice?: string;
  onSelectSlice: (slice: string | undefined) => void;
  selectedNode?: string;
  onSelectNode: (node: string | undefined) => void;
}) {
  return (
    <div className="toolbar">
      <Picker
        label="Slice"
        none="All slices"
        choices={props.slices}
        value={props.selectedSlice}
        absent="not present"
        onChange={props.onSelectSlice}
      />
      <Picker
        label="Node"
        none="No node"
        choices={props.nodes}
        value={props.selectedNode}
        absent="no endpoints"
        onChange={props.onSelectNode}
      />
    </div>
  );
}
