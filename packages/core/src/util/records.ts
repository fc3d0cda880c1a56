/** A copy of `record` with its keys in code-point order, as Go's encoding/json writes maps. */
export function sortedRecord<V>(record: Readonly<Record<string, V>>): Record<string, V> {
  const sorted: Record<string, V> = {};
  for (const key of Object.keys(record).sort(compareStrings)) sorted[key] = record[key] as V;
  return sorted;
}

/** Orders strings by UTF-16 code units, like Go's sort.Strings on ASCII text; no locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
