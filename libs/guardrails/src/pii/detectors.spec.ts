import { findPii, ibanValid, luhn, redactPii } from './detectors.js';

const categoriesIn = (text: string) => findPii(text).map((m) => m.category);

describe('PII detectors', () => {
  it.each([
    ['email', 'write to jane.doe+news@mail.example.co.uk today'],
    ['phone', 'call +1 415-555-0132 or'],
    ['phone', 'call (415) 555-0132.'],
    ['credit_card', 'card 4111-1111-1111-1111 ok'],
    ['credit_card', 'card 5500 0000 0000 0004'],
    ['iban', 'pay DE89 3704 0044 0532 0130 00 now'],
    ['iban', 'pay GB82WEST12345698765432'],
    ['ssn', 'ssn 123-45-6789.'],
    ['ip_address', 'from 192.168.10.254, again'],
    ['ip_address', 'v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334 here'],
    ['secret', 'key sk-proj-abcdefghijklmnopqrstuvwxyz123456 leaked'],
    ['secret', 'aws AKIAIOSFODNN7EXAMPLE'],
  ])('finds %s in %j', (category, text) => {
    expect(categoriesIn(text)).toEqual([category]);
  });

  it.each([
    'card 4111 1111 1111 1112 fails Luhn',
    'ssn 000-12-3456 is not issued',
    'version 1.2.3.4.5 and 999.1.1.1',
    'a plain sentence with numbers 12 and 345',
    'no at sign: jane.example.com',
  ])('finds nothing in %j', (text) => {
    expect(findPii(text)).toEqual([]);
  });

  it('an IBAN that fails mod 97 is not reported as one', () => {
    expect(categoriesIn('iban DE89 3704 0044 0532 0130 01')).not.toContain('iban');
  });

  it('redacts with placeholders and leaves the rest', () => {
    expect(redactPii('mail a@b.io, card 4111111111111111').text).toBe('mail [REDACTED_EMAIL], card [REDACTED_CREDIT_CARD]');
  });

  it('limits redaction to the categories asked for', () => {
    expect(redactPii('a@b.io 123-45-6789', new Set(['ssn'])).text).toBe('a@b.io [REDACTED_SSN]');
  });

  it('Luhn and IBAN checksums', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
  });
});
