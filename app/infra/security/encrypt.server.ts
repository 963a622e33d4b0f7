// Field encryption for the few secrets Panel keeps for a while: a member's
// IBAN until the reward is paid, gift-card codes until they are delivered.
//
// Rules:
// - AES-256-GCM with a random 12-byte IV per value. The key for each purpose
//   ("iban", "gift-card", …) is derived from APP_SECRET with HKDF-SHA256
//   (salt "panel-field-encryption", info = the purpose), and the purpose is
//   also the additional authenticated data: a value stored for one purpose
//   does not decrypt as another.
// - Stored form: "v1." + base64url(iv | tag | ciphertext). The version prefix
//   lets a later format or key be introduced next to this one.
// - Decrypting throws on anything that is not exactly what was encrypted
//   (tampering, another purpose, another APP_SECRET, a broken string).
// - Changing APP_SECRET makes stored values unreadable: pay out or deliver
//   first, or re-encrypt with both secrets at hand (the *With functions).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/infra/env.server";

const VERSION = "v1.";
const SALT = "panel-field-encryption";
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keys = new Map<string, Map<string, Buffer>>();

function fieldKey(secret: string, purpose: string): Buffer {
  if (purpose === "") throw new Error("Field encryption needs a purpose");
  let bySecret = keys.get(secret);
  if (!bySecret) {
    bySecret = new Map();
    keys.set(secret, bySecret);
  }
  let key = bySecret.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, SALT, purpose, 32));
    bySecret.set(purpose, key);
  }
  return key;
}

export function encryptWith(secret: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", fieldKey(secret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url");
}

export function decryptWith(secret: string, purpose: string, value: string): string {
  if (!value.startsWith(VERSION)) throw new Error("Not an encrypted Panel field");
  const body = value.slice(VERSION.length);
  const raw = Buffer.from(body, "base64url");
  // Buffer.from skips characters it does not know: only the exact encoding is accepted.
  if (raw.toString("base64url") !== body || raw.length < IV_BYTES + TAG_BYTES) {
    throw new Error("Broken encrypted Panel field");
  }
  const decipher = createDecipheriv("aes-256-gcm", fieldKey(secret, purpose), raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  // final() throws when the tag does not match: tampered, another purpose or another secret.
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}

/** Encrypts a value for storage under APP_SECRET; purpose names what it is, e.g. "iban". */
export function encryptField(purpose: string, plaintext: string): string {
  return encryptWith(env().APP_SECRET, purpose, plaintext);
}

/** The stored value's plaintext; throws when it was altered or stored for another purpose. */
export function decryptField(purpose: string, value: string): string {
  return decryptWith(env().APP_SECRET, purpose, value);
}
