// IBANs that members give for cash rewards: normalising what they type,
// telling them what is wrong with it, and showing it back grouped or masked.
//
// Rules:
// - A valid IBAN has a country code from the ISO 13616 IBAN registry, exactly
//   that country's length, only A-Z and 0-9 after normalising, and an
//   ISO 7064 mod-97 remainder of 1.
// - Normalising drops spaces (also no-break ones), hyphens and dots and
//   uppercases: people copy IBANs from bank apps, PDFs and e-mails.
// - The bank part is not checked against each country's own BBAN pattern;
//   the length and checksum catch typos, and the payout bank catches the rest.
// - Pure: no I/O, safe in the browser and on the server.

/** IBAN lengths by country code, from the ISO 13616 IBAN registry (SWIFT). */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27,
  BR: 29, BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28,
  EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23,
  GL: 18, GR: 27, GT: 28, HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21,
  LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28,
  NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22,
  RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25,
  SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20, YE: 30,
};

export type IbanProblem = "empty" | "format" | "country" | "length" | "checksum";

/** Uppercase, without spaces (including no-break spaces), hyphens and dots. */
export function normaliseIban(input: string): string {
  return input.replace(/[\s\u00A0\u202F\u2007.-]/g, "").toUpperCase();
}

/** What is wrong with a typed IBAN, or null when it is valid. */
export function ibanProblem(input: string): IbanProblem | null {
  const iban = normaliseIban(input);
  if (iban === "") return "empty";
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(iban)) return "format";
  const length = IBAN_LENGTHS[iban.slice(0, 2)];
  if (length === undefined) return "country";
  if (iban.length !== length) return "length";
  return mod97(iban) === 1 ? null : "checksum";
}

/** ISO 7064 mod-97-10: the first four characters moved to the end, letters as 10..35. */
function mod97(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let digits = "";
  for (const char of rearranged) digits += char >= "A" ? String(char.charCodeAt(0) - 55) : char;
  return Number(BigInt(digits) % 97n);
}

/** Groups of four separated by spaces, as on bank statements: "FI21 1234 5600 0007 85". */
export function formatIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, "$1 ");
}

/** Enough to recognise one's own account, no more: "FI… 0785". */
export function maskIban(iban: string): string {
  const normal = normaliseIban(iban);
  if (normal.length <= 6) return `${normal.slice(0, 2)}…`;
  return `${normal.slice(0, 2)}… ${normal.slice(-4)}`;
}
