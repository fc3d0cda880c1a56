const collator = new Intl.Collator('en', { numeric: true });

/**
 * Names in natural order: node-2 before node-10, 10.64.2.57 before 10.64.10.57. Never 0 for
 * different texts, so that a sort by it is the same whatever the input order.
 */
export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Zones in natural order, then the Nodes with no zone (''). */
export function compareZones(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return compareNatural(a, b);
}
