const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count as the dashboard writes every figure: whole, with thousands separators (`12,345`). */
export function formatCount(value: number): string {
  return COUNT.format(value);
}
