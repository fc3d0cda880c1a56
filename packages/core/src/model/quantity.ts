/**
 * Kubernetes resource quantities (apimachinery resource.Quantity), read as milli-units the way
 * `MilliValue()` reports them: rounded up to a whole milli-unit. Used for allocatable CPU
 * ("4", "3500m", "2.5", "1k", "1e3").
 */

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 10,
  Mi: 20,
  Gi: 30,
  Ti: 40,
  Pi: 50,
  Ei: 60,
};

// Digits may be missing altogether ("m", ".", "-"): apimachinery reads those as zero.
const QUANTITY = /^([+-]?)(\d*(?:\.\d*)?)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** The quantity in milli-units, rounded up; undefined when the text is not a quantity. */
export function parseQuantityMilli(text: string): number | undefined {
  const trimmed = text.trim();
  const match = trimmed === '' ? null : QUANTITY.exec(trimmed);
  if (!match) return undefined;
  const [, sign = '', digits = '', exponentText, suffix = ''] = match;
  const [whole = '', fraction = ''] = digits.split('.');
  // value = mantissa × 10^scale, with an integer mantissa, so milli-units stay exact.
  const mantissa = BigInt(`${whole}${fraction}` || '0');
  let scale = -fraction.length;
  let binaryShift = 0;
  if (exponentText) scale += Number(exponentText.slice(1));
  else if (suffix in BINARY_SUFFIXES) binaryShift = BINARY_SUFFIXES[suffix] as number;
  else scale += DECIMAL_SUFFIXES[suffix] as number;
  let numerator = mantissa << BigInt(binaryShift);
  let denominator = 1n;
  const milliScale = scale + 3;
  if (milliScale >= 0) numerator *= 10n ** BigInt(milliScale);
  else denominator = 10n ** BigInt(-milliScale);
  let milli = numerator / denominator;
  if (milli * denominator !== numerator) milli += 1n; // round up, like MilliValue
  return Number(sign === '-' ? -milli : milli);
}
