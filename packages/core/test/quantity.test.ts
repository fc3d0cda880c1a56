/**
 * parseQuantityMilli against apimachinery's resource.Quantity: ParseQuantity (as a Node's JSON is
 * decoded, so surrounding whitespace is trimmed first, like Quantity.UnmarshalJSON) followed by
 * MilliValue(), which is ceil(q × 1000). Inputs are taken from apimachinery
 * pkg/api/resource/quantity_test.go (TestQuantityParse, TestJSONWhitespace) with the milli-units
 * MilliValue reports for them; there is no upstream test of this function as such.
 */
import { describe, expect, test } from 'vitest';
import { parseQuantityMilli } from '../src/index.ts';

describe('parseQuantityMilli', () => {
  const cases: [input: string, milli: number][] = [
    // The allocatable CPU forms of the brief.
    ['4', 4000],
    ['3500m', 3500],
    ['2.5', 2500],
    ['1k', 1_000_000],
    ['1e3', 1_000_000],
    ['100Mi', 100 * 2 ** 20 * 1000],
    ['0', 0],
    // Below a milli-unit MilliValue rounds up.
    ['0.0001', 1],
    ['1n', 1],
    ['1u', 1],
    ['999u', 1],
    ['1001u', 2],
    ['3.001n', 1],
    ['0.9n', 1],
    // TestQuantityParse: zeros in every suffix.
    ['0n', 0],
    ['0u', 0],
    ['0m', 0],
    ['0Ki', 0],
    ['0k', 0],
    ['0Mi', 0],
    ['0M', 0],
    ['0Gi', 0],
    ['0G', 0],
    ['0Ti', 0],
    ['0T', 0],
    // Binary suffixes.
    ['1Ki', 1024 * 1000],
    ['8Ki', 8 * 1024 * 1000],
    ['7Mi', 7 * 2 ** 20 * 1000],
    ['6Gi', 6 * 2 ** 30 * 1000],
    ['5Ti', 5 * 2 ** 40 * 1000],
    // Decimal suffixes.
    ['5n', 1],
    ['4u', 1],
    ['3m', 3],
    ['9', 9000],
    ['8k', 8_000_000],
    ['50k', 50_000_000],
    ['7M', 7e9],
    ['6G', 6e12],
    ['5T', 5e15],
    // Decimal exponents.
    ['1E-3', 1],
    ['1e-3', 1],
    ['1E6', 1e9],
    ['1e9', 1e12],
    ['1.2e3', 1_200_000],
    ['1.3E+6', 1.3e9],
    ['0.5e0', 500],
    ['0.5e-1', 50],
    ['0.5e-2', 5],
    ['0.5e-9', 1],
    // Things that look like floating point.
    ['0.001', 1],
    ['0.0005k', 500],
    ['0.005', 5],
    ['0.05', 50],
    ['0.5', 500],
    ['0.00500', 5],
    ['100.035k', 100_035_000],
    ['9.01', 9010],
    ['8.1k', 8_100_000],
    ['10.035M', 10_035_000_000],
    // Fractional binary quantities.
    ['100.035Ki', 102_435_840],
    ['0.5Mi', 0.5 * 2 ** 20 * 1000],
    ['0.000000000001Ki', 1],
    // "Things written by trolls" that apimachinery still accepts.
    ['.001', 1],
    ['.0001k', 100],
    ['1.', 1000],
    ['1.G', 1e12],
    // Signs.
    ['+1', 1000],
    ['-1', -1000],
    ['+1500m', 1500],
    // TestJSONWhitespace: the JSON decoder trims surrounding whitespace.
    [' 1', 1000],
    ['1 ', 1000],
  ];
  for (const [input, milli] of cases) {
    test(JSON.stringify(input), () => {
      expect(parseQuantityMilli(input)).toBe(milli);
    });
  }

  // TestQuantityParse's invalid inputs (except the whitespace ones, which UnmarshalJSON trims),
  // plus ParseQuantity's empty-string error.
  const invalid = [
    '',
    '1.1.M',
    '1+1.0M',
    '0.1mi',
    '0.1am',
    'aoeu',
    '.5i',
    '1i',
    '-3.01i',
    '-3.01e-',
    '1e',
    '1K',
    '1ki',
    '1 k',
  ];
  for (const input of invalid) {
    test(`invalid ${JSON.stringify(input)}`, () => {
      expect(parseQuantityMilli(input)).toBeUndefined();
    });
  }

  // apimachinery's parseQuantityString turns a missing number into "0" (the Num loop sets
  // `num = "0"` when it stripped every digit, and a lone "." leaves an empty denominator), so
  // ParseQuantity accepts these texts as zero and MilliValue() is 0. slicescope rejects them.
  // zoneCapacity treats an unparsable CPU as 0, so topology hints see no difference, and the
  // API server never serves such text (quantities are written back in canonical form, "0").
  test('digit-less texts apimachinery parses as zero', () => {
    expect(['m', 'k', 'Ki', '.', '+', '-', '.m'].map(parseQuantityMilli)).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });
});
