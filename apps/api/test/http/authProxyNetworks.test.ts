import { describe, expect, it } from 'vitest';
import { authProxyHeaderProblem, parseCidr, trustedPeers } from '../../src/http/authProxy.ts';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['192.168.1.7', { address: '192.168.1.7', prefix: 32, family: 'ipv4' }],
    ['0.0.0.0/0', { address: '0.0.0.0', prefix: 0, family: 'ipv4' }],
    ['fd00::/8', { address: 'fd00::', prefix: 8, family: 'ipv6' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
  ])('reads %s', (text, expected) => {
    expect(parseCidr(text)).toEqual(expected);
  });

  it.each([
    '',
    '10.0.0.0/33',
    '10.0.0/8',
    '10.0.0.0/8/8',
    '10.0.0.0/',
    '10.0.0.0/-1',
    'fd00::/129',
    'proxy.local/8',
    '10.0.0.0/8x',
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});

describe('trustedPeers', () => {
  const trusted = trustedPeers(['10.0.0.0/8', '192.168.7.7', 'fd00:10::/32']);

  it.each([
    ['10.1.2.3', true],
    ['::ffff:10.1.2.3', true],
    ['::FFFF:10.255.255.255', true],
    ['192.168.7.7', true],
    ['192.168.7.8', false],
    ['11.0.0.1', false],
    ['::ffff:11.0.0.1', false],
    ['fd00:10::5', true],
    ['fd00:11::5', false],
    ['127.0.0.1', false],
    ['not an address', false],
    [undefined, false],
  ])('%s is trusted: %s', (address, expected) => {
    expect(trusted(address)).toBe(expected);
  });

  it('refuses a list with something that is not a CIDR', () => {
    expect(() => trustedPeers(['10.0.0.0/8', 'everyone'])).toThrow(/not a CIDR: everyone/);
  });
});

describe('authProxyHeaderProblem', () => {
  it.each(['X-Forwarded-User', 'X-Auth-Request-Email', 'x-remote-user'])('accepts %s', (name) => {
    expect(authProxyHeaderProblem(name)).toBeUndefined();
  });

  it.each([
    ['Authorization', /cannot be/],
    ['cookie', /cannot be/],
    ['Host', /cannot be/],
    ['X Forwarded User', /header name/],
    ['', /header name/],
  ])('refuses %j', (name, problem) => {
    expect(authProxyHeaderProblem(name)).toMatch(problem);
  });
});
