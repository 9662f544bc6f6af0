import { describe, expect, it } from 'vitest';
import {
  findSensitiveData,
  passesIbanChecksum,
  passesLuhn,
  redact,
  type SensitiveKind,
} from './sensitive-data.ts';

const kinds = (text: string): SensitiveKind[] => findSensitiveData(text).map((f) => f.kind);

describe('sensitive data checks', () => {
  it.each([
    ['my card is 4111 1111 1111 1111 thanks', 'card-number'],
    ['4012-8888-8888-1881', 'card-number'],
    ['amex 378282246310005', 'card-number'],
    ['mastercard 5555555555554444', 'card-number'],
    ['SSN 123-45-6789', 'us-ssn'],
    ['IBAN GB82 WEST 1234 5698 7654 32', 'iban'],
    ['pay DE89370400440532013000 today', 'iban'],
    ['patient MRN: 00482913', 'medical-record-number'],
    ['medical record number 7730021', 'medical-record-number'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIE…', 'private-key'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'private-key'],
    ['key AKIAIOSFODNN7EXAMPLE', 'api-key'],
    ['ghp_' + 'a1B2'.repeat(9), 'api-key'],
    ['sk_live_' + '4eC39HqLyjWDarjtT1zdp7dc', 'api-key'],
    ['AIza' + 'SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'api-key'],
    ['xoxb-1234567890-abcdefghij', 'api-key'],
  ] as const)('flags %j as %s', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
    expect(findSensitiveData(text)[0]?.severity).toBe('high');
  });

  it.each([
    ['write to hana.tanaka@example.org', 'email'],
    ['call me on +44 20 7946 0958', 'phone'],
    ['(212) 555-0147', 'phone'],
    ['212-555-0147', 'phone'],
    ['+14155550147', 'phone'],
    ['ring 020 7946 0958 after lunch', 'phone'],
  ] as const)('flags %j as %s with low severity', (text, kind) => {
    expect(kinds(text)).toEqual([kind]);
    expect(findSensitiveData(text)[0]?.severity).toBe('low');
  });

  it.each([
    'see you on 2026-11-24 at 10:30',
    'the invoice is $1,234,567.89 or €12.345,00',
    'meeting 24/11/2026, room 4111',
    'order 4111111111111112 (fails Luhn)',
    '1234567890123456',
    'version 1.2.3.4 build 20261124',
    'ISBN 978-3-16-148410-0',
    'scores 12 34 56 78',
    'GB82 WEST 1234 5698 7654 33 is not an IBAN (bad checksum)',
    '000-12-3456 and 666-12-3456 are not SSNs',
    'room 101, floor 3, 14:05-15:30',
    'call at 9 or 10',
    'tracking 1Z999AA10123456784',
    'an ordinary sentence about skiing and desks',
    'at 2026-11-24T10:30:00Z the PIN 1234 expired, case 2024-000123',
    'dose 2.5 mg at 08:00, 12:00 and 16:00; weight 72.4 kg',
    'ip 192.168.100.200 port 8787',
  ])('does not flag %j', (text) => {
    expect(findSensitiveData(text)).toEqual([]);
  });

  it('finds several things in order and redacts each', () => {
    const text = 'card 4111111111111111, mail a@b.co, ssn 123-45-6789';
    const findings = findSensitiveData(text);
    expect(findings.map((f) => f.kind)).toEqual(['card-number', 'email', 'us-ssn']);
    expect(redact(text, findings)).toBe(
      'card [card-number removed], mail [email removed], ssn [us-ssn removed]',
    );
  });

  it('checks Luhn and IBAN checksums exactly', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('GB82WEST12345698765433')).toBe(false);
  });

  it('treats markup as text and stays fast on long hostile input', () => {
    expect(findSensitiveData('<script>alert(1)</script><img src=x onerror=alert(1)>')).toEqual([]);
    const long = '1 '.repeat(20_000) + '-'.repeat(20_000) + 'a@'.repeat(10_000);
    const started = performance.now();
    findSensitiveData(long);
    // A generous bound: catastrophic backtracking would take seconds or hang.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
