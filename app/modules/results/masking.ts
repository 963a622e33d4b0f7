// Masks personal details in free-text answers before a researcher reads
// them: email addresses, phone numbers (Finnish and international), Finnish
// personal identity codes (henkilötunnus, only when the check character is
// right, so product codes and dates stay readable) and IBANs (Finnish ones
// always, other countries' when their mod-97 check holds). Each is replaced
// by "•••" and a kind label in brackets, the same in every language.
// Pure: shared by server and tests.

export type MaskKind = "email" | "phone" | "id" | "iban";

export const maskLabels: Record<MaskKind, string> = {
  email: "••• [email]",
  phone: "••• [phone]",
  id: "••• [personal id]",
  iban: "••• [IBAN]",
};

const email = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

// FI + 2 check digits + 14 digits, in groups of four or not.
const finnishIban = /\bFI\s?\d{2}(?:[\s-]?\d){14}\b/gi;
// Any country: 2 letters, 2 digits, 11..30 letters or digits, maybe in groups.
const otherIban = /\b[A-Z]{2}\d{2}(?:[\s-]?[A-Z0-9]){11,30}\b/g;

// ddmmyy, century sign, individual number nnn, check character.
const identityCode = /(?<![\p{L}\p{N}])(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\p{L}\p{N}])/giu;
const checkCharacters = "0123456789ABCDEFHJKLMNPRSTUVWXY";

// +358 / 00358 (with an optional (0)), or a domestic number: mobile 04x and
// 050, landline 02..09 and 013..019, service 010/020/0800. Separators: space
// or hyphen; parentheses around the area code. Dotted dates do not match.
const finnishPhone =
  /(?<![\p{L}\p{N}+])(?:(?:\+|00)358[\s-]?(?:\(0\)[\s-]?)?\(?[1-9]\d{0,2}\)?|\(?0(?:[2-9]\d{0,3}|1\d{1,2})\)?)(?:[\s-]?\d){5,9}(?!\p{N})/gu;
// Other countries: + and 8..15 digits in total.
const internationalPhone = /(?<![\p{L}\p{N}])\+[1-9](?:[\s-]?\(?\d\)?){7,14}(?!\p{N})/gu;

function ibanValid(compact: string): boolean {
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** Masks the longest valid IBAN at the start of a candidate (a greedy match may run into the next word). */
function maskOtherIban(candidate: string): string {
  for (let end = candidate.length; end >= 15; end--) {
    const head = candidate.slice(0, end);
    if (/[\s-]$/.test(head)) continue;
    if (ibanValid(head.replace(/[\s-]/g, ""))) return maskLabels.iban + candidate.slice(end);
  }
  return candidate;
}

function identityPartsValid(dd: string, mm: string, yy: string, nnn: string, check: string): boolean {
  const day = Number(dd);
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  return checkCharacters[Number(`${dd}${mm}${yy}${nnn}`) % 31] === check.toUpperCase();
}

/** Whether the text is one real Finnish personal identity code (a possible date and the right check character). */
export function identityCodeValid(code: string): boolean {
  const match = new RegExp(`^${identityCode.source}$`, "iu").exec(code.trim());
  return match ? identityPartsValid(match[1]!, match[2]!, match[3]!, match[5]!, match[6]!) : false;
}

const digitCount = (text: string) => text.replace(/\D/g, "").length;

/** The text with personal details replaced by markers. */
export function maskFreeText(text: string): string {
  let out = text.replace(email, maskLabels.email);
  out = out.replace(finnishIban, maskLabels.iban);
  out = out.replace(otherIban, maskOtherIban);
  out = out.replace(identityCode, (match: string, dd: string, mm: string, yy: string, _sign: string, nnn: string, check: string) =>
    identityPartsValid(dd, mm, yy, nnn, check) ? maskLabels.id : match,
  );
  out = out.replace(finnishPhone, (match) => (digitCount(match) >= 7 ? maskLabels.phone : match));
  out = out.replace(internationalPhone, maskLabels.phone);
  return out;
}
