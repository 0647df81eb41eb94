import { describe, expect, it } from 'vitest';
import { isForbiddenAddress, isLoopbackHost, webhookUrlProblem } from '../../../shared/domain/webhook-url';

const AWS = { allowLoopback: false };
const LOCAL = { allowLoopback: true };

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1', '127.255.1.2', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '192.0.2.10', '198.18.0.1', '::1', '::', '::ffff:10.0.0.1', '::ffff:7f00:1', '::ffff:127.0.0.1', 'fe80::1',
    'fe80::1%eth0', 'fd00:ec2::254', 'fc00::1', 'ff02::1', '64:ff9b::a00:1', '2002:a00:1::1', '2001:db8::1', '[::1]', '::127.0.0.1',
    // Forms that carry an IPv4 address are refused whatever it is: a public IPv4 endpoint is written as its IPv4 address.
    '::ffff:8.8.8.8', '::ffff:0:808:808', '64:ff9b::808:808', '64:ff9b:1::808:808', '2002:808:808::1', '2001:0:4136:e378::1', '100::1', '3fff::1', '5f00::1',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450:4001:82a::200e'])(
    'allows %s',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );

  it('is false for names and nonsense, which are resolved and checked at send time', () => {
    expect(isForbiddenAddress('example.com')).toBe(false);
    expect(isForbiddenAddress('1.2.3')).toBe(false);
    expect(isForbiddenAddress('1:2:3:4:5:6:7:8:9')).toBe(false);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST.', 'api.localhost', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (h) => expect(isLoopbackHost(h)).toBe(true));
  it.each(['10.0.0.1', 'example.com', '[::2]'])('%s is not', (h) => expect(isLoopbackHost(h)).toBe(false));
});

describe('webhookUrlProblem', () => {
  it('accepts public https URLs', () => {
    expect(webhookUrlProblem('https://hooks.example.com/outpost?x=1', AWS)).toBeUndefined();
    expect(webhookUrlProblem('https://93.184.216.34:8443/hook', AWS)).toBeUndefined();
    expect(webhookUrlProblem('https://[2606:4700:4700::1111]/hook', AWS)).toBeUndefined();
  });

  it.each([
    ['http://hooks.example.com/', 'https'],
    ['ftp://hooks.example.com/', 'https'],
    ['not a url', 'absolute URL'],
    ['https://u:p@hooks.example.com/', 'user name'],
    ['https://hooks.example.com/#frag', 'fragment'],
    ['https://127.0.0.1/', 'private'],
    ['https://0x7f.1/', 'private'],
    ['https://2130706433/', 'private'],
    ['https://[::ffff:169.254.169.254]/', 'private'],
    ['https://localhost:3000/', 'private'],
    ['https://metadata.google.internal/', 'public host'],
    ['https://printer.local/', 'public host'],
    ['https://intranet/', 'public host'],
    [`https://example.com/${'a'.repeat(2100)}`, 'at most'],
  ])('refuses %s in AWS mode', (url, words) => expect(webhookUrlProblem(url, AWS)).toContain(words));

  it('allows loopback over http in local mode only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', LOCAL)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:9999/hook', LOCAL)).toBeUndefined();
    expect(webhookUrlProblem('http://[::1]:9999/hook', LOCAL)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', AWS)).toBeDefined();
    expect(webhookUrlProblem('http://10.0.0.1/hook', LOCAL)).toBeDefined();
    expect(webhookUrlProblem('https://192.168.0.1/hook', LOCAL)).toBeDefined();
    expect(webhookUrlProblem('http://hooks.example.com/hook', LOCAL)).toContain('https');
  });
});
