/**
 * parseIp: the canonical text Kubernetes writes for an address since 1.33 (kubernetes#130101):
 * k8s.io/utils/net ParseIPSloppy (the Go 1.16 parser forked in
 * k8s.io/utils/internal/third_party/forked/golang/net) followed by Go's net.IP.String.
 *
 * The "ParseIPSloppy" cases are upstream's parseIPTests of that fork's ip_test.go, with the
 * expected net.IP written as the text String() gives it.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseIp, type IpFamily } from '../src/net/ip.ts';

function expectCanonical(input: string, text: string, family: IpFamily): void {
  expect(parseIp(input)).toStrictEqual({ family, text });
}

describe('ParseIPSloppy (forked golang net TestParseIP)', () => {
  const parseIPTests: { in: string; out: string | undefined; family?: IpFamily }[] = [
    { in: '127.0.1.2', out: '127.0.1.2', family: 'IPv4' },
    { in: '127.0.0.1', out: '127.0.0.1', family: 'IPv4' },
    { in: '127.001.002.003', out: '127.1.2.3', family: 'IPv4' }, // see https://issue.k8s.io/100895
    { in: '127.007.008.009', out: '127.7.8.9', family: 'IPv4' }, // see https://issue.k8s.io/100895
    { in: '127.010.020.030', out: '127.10.20.30', family: 'IPv4' }, // see https://issue.k8s.io/100895
    { in: '::ffff:127.1.2.3', out: '127.1.2.3', family: 'IPv4' },
    { in: '::ffff:127.001.002.003', out: '127.1.2.3', family: 'IPv4' },
    { in: '::ffff:127.007.008.009', out: '127.7.8.9', family: 'IPv4' },
    { in: '::ffff:127.010.020.030', out: '127.10.20.30', family: 'IPv4' },
    { in: '::ffff:7f01:0203', out: '127.1.2.3', family: 'IPv4' },
    { in: '0:0:0:0:0000:ffff:127.1.2.3', out: '127.1.2.3', family: 'IPv4' },
    // xtoi accepts any number of hex digits worth at most 0xFFFF.
    { in: '0:0:0:0:000000:ffff:127.1.2.3', out: '127.1.2.3', family: 'IPv4' },
    { in: '0:0:0:0::ffff:127.1.2.3', out: '127.1.2.3', family: 'IPv4' },

    { in: '2001:4860:0:2001::68', out: '2001:4860:0:2001::68', family: 'IPv6' },
    {
      in: '2001:4860:0000:2001:0000:0000:0000:0068',
      out: '2001:4860:0:2001::68',
      family: 'IPv6',
    },

    { in: '-0.0.0.0', out: undefined },
    { in: '0.-1.0.0', out: undefined },
    { in: '0.0.-2.0', out: undefined },
    { in: '0.0.0.-3', out: undefined },
    { in: '127.0.0.256', out: undefined },
    { in: 'abc', out: undefined },
    { in: '123:', out: undefined },
    { in: 'fe80::1%lo0', out: undefined },
    { in: 'fe80::1%911', out: undefined },
    { in: '', out: undefined },
    { in: 'a1:a2:a3:a4::b1:b2:b3:b4', out: undefined }, // Issue 6628
    // Rejected by Go 1.17+, accepted by the fork (https://issue.k8s.io/100895):
    { in: '123.000.000.000', out: '123.0.0.0', family: 'IPv4' },
    { in: '0123.0.0.1', out: '123.0.0.1', family: 'IPv4' },
    // Rejected by both, but for a different reason in the fork (an empty octet).
    { in: '1.2..4', out: undefined },
  ];

  for (const tt of parseIPTests) {
    test(`ParseIP(${JSON.stringify(tt.in)})`, () => {
      if (tt.out === undefined) expect(parseIp(tt.in)).toBeUndefined();
      else expectCanonical(tt.in, tt.out, tt.family ?? 'IPv4');
    });
  }
});

describe('canonical text (net.IP.String)', () => {
  describe('IPv4 leading zeros are decimal, not octal', () => {
    const cases: [string, string][] = [
      ['010.001.002.003', '10.1.2.3'],
      ['0127.0.0.1', '127.0.0.1'],
      ['000.000.000.000', '0.0.0.0'],
      ['255.255.255.255', '255.255.255.255'],
      ['00000000001.2.3.4', '1.2.3.4'],
      ['1.2.3.4', '1.2.3.4'],
    ];
    for (const [input, text] of cases) {
      test(`${input} → ${text}`, () => expectCanonical(input, text, 'IPv4'));
    }
  });

  describe('IPv6 is RFC 5952: lower case, no leading zeros, first longest zero run ≥ 2 compressed', () => {
    const cases: [string, string][] = [
      // upstream reconciler_test.go TestReconcile1Pod (kubernetes#130101)
      ['1234::5678:0000:0000:9abc:def0', '1234::5678:0:0:9abc:def0'],
      // upstream endpointslice_controller_test.go TestSyncService
      ['fd08::5678:0000:0000:9abc:def0', 'fd08::5678:0:0:9abc:def0'],
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['FD00:10:96::A', 'fd00:10:96::a'],
      ['::', '::'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['::1', '::1'],
      ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
      ['1::', '1::'],
      ['1:0:0:0:0:0:0:0', '1::'],
      // a single zero group is never compressed
      ['1:0:1:1:1:1:1:1', '1:0:1:1:1:1:1:1'],
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
      ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
      // the longest run wins; of equal runs, the first
      ['1:0:0:1:0:0:0:1', '1:0:0:1::1'],
      ['1:0:0:0:1:0:0:1', '1::1:0:0:1'],
      ['1:0:0:1:0:0:1:1', '1::1:0:0:1:1'],
      ['1:0:0:1:1:0:0:1', '1::1:1:0:0:1'],
      // more hex digits than four, worth at most 0xFFFF (the forked xtoi)
      ['1:0:0:0:0:0:0:000002', '1::2'],
      // IPv4-compatible (not mapped) addresses stay IPv6
      ['::1.2.3.4', '::102:304'],
      ['::fffe:1.2.3.4', '::fffe:102:304'],
      ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ];
    for (const [input, text] of cases) {
      test(`${input} → ${text}`, () => expectCanonical(input, text, 'IPv6'));
    }
  });

  describe('IPv4-mapped IPv6 is IPv4, dotted', () => {
    const cases: [string, string][] = [
      ['::ffff:1.2.3.4', '1.2.3.4'],
      ['::FFFF:1.2.3.4', '1.2.3.4'],
      ['::ffff:0102:0304', '1.2.3.4'],
      ['0:0:0:0:0:ffff:102:304', '1.2.3.4'],
      ['::ffff:0:0', '0.0.0.0'],
      ['::ffff:010.001.002.003', '10.1.2.3'],
    ];
    for (const [input, text] of cases) {
      test(`${input} → ${text}`, () => expectCanonical(input, text, 'IPv4'));
    }
  });

  describe('invalid strings', () => {
    const cases = [
      '1.2.3',
      '1.2.3.4.5',
      '256.0.0.1',
      '1.2.3.4.',
      '.1.2.3.4',
      ' 1.2.3.4',
      '1.2.3.4 ',
      '1.2.3.4/32',
      '1.2.3.4:80',
      '0x1.2.3.4',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '::1:2:3:4:5:6:7:8',
      '1:2:3:4::5:6:7:8',
      '1::2::3',
      ':::',
      ':',
      ':1::',
      '1::2:',
      '12345::',
      '10000::',
      'g::1',
      '[::1]',
      '::1/128',
      '::ffff:1.2.3',
      '::ffff:256.1.2.3',
      '::1.2.3.4.5',
      '1.2.3.4::',
      '::1.2.3.4:5',
      '1:2:3:4:5:6:7:1.2.3.4',
      '1::2:3:4:5:6:1.2.3.4',
    ];
    for (const input of cases) {
      test(JSON.stringify(input), () => expect(parseIp(input)).toBeUndefined());
    }
  });
});

describe('properties', () => {
  const fullHex = (groups: readonly number[]): string =>
    groups.map((group) => group.toString(16).padStart(4, '0')).join(':');
  const groupsOf = (bytes: Uint8Array): number[] => {
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return groups;
  };
  const isMapped = (groups: readonly number[]): boolean =>
    groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;

  /** 8 groups, each zero half of the time so that zero runs of every length occur. */
  const zeroHeavyGroups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), {
    minLength: 8,
    maxLength: 8,
  });
  const randomBytes = fc.uint8Array({ minLength: 16, maxLength: 16 }).map(groupsOf);

  /** WHATWG URL serialises an IPv6 host the RFC 5952 way too (but never as dotted IPv4). */
  const whatwgText = (groups: readonly number[]): string =>
    new URL(`http://[${fullHex(groups)}]/`).hostname.slice(1, -1);

  for (const [name, groups] of [
    ['random 16-byte values', randomBytes],
    ['zero-heavy 16-byte values', zeroHeavyGroups],
  ] as const) {
    describe(name, () => {
      test('canonical text is a fixed point and has at most one "::"', () => {
        fc.assert(
          fc.property(groups, (value) => {
            const parsed = parseIp(fullHex(value));
            expect(parsed).toBeDefined();
            const canonical = (parsed as { text: string }).text;
            expect(parseIp(canonical)).toStrictEqual(parsed);
            expect(canonical).not.toContain(':::');
            expect(canonical.split('::').length).toBeLessThanOrEqual(2);
          }),
          { numRuns: 2000 },
        );
      });

      test('IPv6 text equals the WHATWG URL serialisation; mapped addresses are dotted IPv4', () => {
        fc.assert(
          fc.property(groups, (value) => {
            const parsed = parseIp(fullHex(value));
            if (isMapped(value)) {
              const low = ((value[6] ?? 0) << 16) | (value[7] ?? 0);
              const dotted = [24, 16, 8, 0].map((shift) => (low >>> shift) & 0xff).join('.');
              expect(parsed).toStrictEqual({ family: 'IPv4', text: dotted });
            } else {
              expect(parsed).toStrictEqual({ family: 'IPv6', text: whatwgText(value) });
            }
          }),
          { numRuns: 2000 },
        );
      });
    });
  }

  test('mapped addresses from random IPv4 octets print as the octets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (octets) => {
        const dotted = [...octets].join('.');
        expect(parseIp(`::ffff:${dotted}`)).toStrictEqual({ family: 'IPv4', text: dotted });
        expect(parseIp(dotted)).toStrictEqual({ family: 'IPv4', text: dotted });
      }),
    );
  });
});
