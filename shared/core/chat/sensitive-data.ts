/**
 * Spots things people paste into a chat by mistake, before it is sent. Runs only on the
 * sender's device. High severity: card numbers (Luhn), US social security numbers, IBANs
 * (mod 97), medical record numbers, private keys and well-known API-key formats. Low: email
 * addresses and phone numbers. Ordinary numbers (dates, times, amounts) must not match.
 */

export type SensitiveKind =
  | 'card-number'
  | 'us-ssn'
  | 'iban'
  | 'medical-record-number'
  | 'private-key'
  | 'api-key'
  | 'email'
  | 'phone';

export interface Finding {
  kind: SensitiveKind;
  severity: 'high' | 'low';
  /** Where it is in the text: [start, end). */
  start: number;
  end: number;
}

export const SENSITIVE_LABELS: Record<SensitiveKind, string> = {
  'card-number': 'a card number',
  'us-ssn': 'a US social security number',
  iban: 'a bank account number (IBAN)',
  'medical-record-number': 'a medical record number',
  'private-key': 'a private key',
  'api-key': 'an API key or access token',
  email: 'an email address',
  phone: 'a phone number',
};

interface Detector {
  kind: SensitiveKind;
  severity: Finding['severity'];
  pattern: RegExp;
  /** Further checks on the match (checksums); the match is kept when absent. */
  accept?: (match: string) => boolean;
}

const digitsOf = (text: string) => text.replace(/\D/g, '');

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Issuer prefixes of the card networks people hold, so that any 16 digits are not a "card". */
function hasCardPrefix(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  return (
    digits.startsWith('4') ||
    (two >= 51 && two <= 55) ||
    (four >= 2221 && four <= 2720) ||
    two === 34 ||
    two === 37 ||
    two === 35 ||
    two === 36 ||
    two === 38 ||
    two === 30 ||
    digits.startsWith('6011') ||
    digits.startsWith('65') ||
    (four >= 6440 && four <= 6499) ||
    digits.startsWith('62')
  );
}

function isCardNumber(match: string): boolean {
  const digits = digitsOf(match);
  return digits.length >= 13 && digits.length <= 19 && hasCardPrefix(digits) && passesLuhn(digits);
}

function isSsn(match: string): boolean {
  const [area, group, serial] = match.split('-');
  if (!area || !group || !serial) return false;
  const areaNumber = Number(area);
  return (
    areaNumber !== 0 &&
    areaNumber !== 666 &&
    areaNumber < 900 &&
    group !== '00' &&
    serial !== '0000'
  );
}

export function passesIbanChecksum(candidate: string): boolean {
  const iban = candidate.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function isPhone(match: string): boolean {
  const digits = digitsOf(match);
  return digits.length >= 9 && digits.length <= 15;
}

const DETECTORS: Detector[] = [
  {
    kind: 'private-key',
    severity: 'high',
    pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
  },
  {
    kind: 'api-key',
    severity: 'high',
    pattern: new RegExp(
      [
        '\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b', // AWS access key id
        '\\bgh[pousr]_[A-Za-z0-9]{36}\\b', // GitHub tokens
        '\\bgithub_pat_[A-Za-z0-9_]{60,}', // GitHub fine-grained tokens
        '\\bxox[abposr]-[A-Za-z0-9-]{10,}', // Slack
        '\\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}', // Stripe
        '\\bAIza[0-9A-Za-z_-]{35}', // Google API key
        '\\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}', // OpenAI, Anthropic
        '\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}', // JWT
      ].join('|'),
      'g',
    ),
  },
  {
    kind: 'card-number',
    severity: 'high',
    pattern: /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d.,]\d|-\d)/g,
    accept: isCardNumber,
  },
  {
    kind: 'us-ssn',
    severity: 'high',
    pattern: /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g,
    accept: isSsn,
  },
  {
    kind: 'iban',
    severity: 'high',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    accept: passesIbanChecksum,
  },
  {
    kind: 'medical-record-number',
    severity: 'high',
    pattern:
      /\b(?:MRN|medical record (?:number|no\.?|#))\s*(?:is|:|#|no\.?)?\s*[A-Z]{0,3}\d{5,12}\b/gi,
  },
  {
    kind: 'email',
    severity: 'low',
    pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g,
  },
  {
    kind: 'phone',
    severity: 'low',
    // International (+44 20 7946 0958, +14155550147), North American ((212) 555-0147,
    // 212.555.0147) and national with a trunk 0 (020 7946 0958); not bare digit groups.
    pattern: new RegExp(
      [
        '\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,4}',
        '\\(\\d{3}\\)[ .-]?\\d{3}[ .-]\\d{4}',
        '\\d{3}[.-]\\d{3}[.-]\\d{4}',
        '0\\d{1,4}[ .-]\\d{3,4}[ .-]\\d{3,4}',
      ]
        .map((form) => `(?<![\\w.+-])(?:${form})(?![\\w-]|[.,]\\d)`)
        .join('|'),
      'g',
    ),
    accept: isPhone,
  },
];

/** Everything found, in text order, overlaps resolved in favour of the earlier detector. */
export function findSensitiveData(text: string): Finding[] {
  const findings: Finding[] = [];
  const overlaps = (start: number, end: number) =>
    findings.some((f) => start < f.end && f.start < end);
  for (const detector of DETECTORS) {
    for (const match of text.matchAll(detector.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (overlaps(start, end)) continue;
      if (detector.accept && !detector.accept(match[0])) continue;
      findings.push({ kind: detector.kind, severity: detector.severity, start, end });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** The text with every finding replaced by a marker naming what was there. */
export function redact(text: string, findings: readonly Finding[]): string {
  let out = '';
  let at = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < at) continue;
    out += text.slice(at, finding.start) + `[${finding.kind} removed]`;
    at = finding.end;
  }
  return out + text.slice(at);
}
