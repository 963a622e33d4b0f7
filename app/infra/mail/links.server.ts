// Links in emails that work without signing in. They carry the member id and
// a keyed MAC, so they cannot be made up; what they allow is small (manage
// consents), and it is the same for anyone holding the email.
import { env } from "~/infra/env.server";
import { keyedHash, safeEqualHex } from "~/infra/security/hash.server";

const mac = (userId: string) => keyedHash("consent-link", userId).slice(0, 40);

export function consentLinkToken(userId: string): string {
  return `${userId}.${mac(userId)}`;
}

/** The member id in a valid token, or null. */
export function readConsentLinkToken(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.([0-9a-f]{40})$/.exec(token);
  if (!match) return null;
  return safeEqualHex(match[2]!, mac(match[1]!)) ? match[1]! : null;
}

export function consentLinkUrl(userId: string): string {
  return `${env().PUBLIC_URL}/consents/${consentLinkToken(userId)}`;
}
