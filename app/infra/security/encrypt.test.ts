// Field encryption: values come back only with the same secret and purpose,
// and any change to the stored string is refused.
import { describe, expect, it } from "vitest";
import { decryptWith, encryptWith } from "./encrypt.server";

const SECRET = "panel-test-secret-panel-test-secret-0123";
const OTHER_SECRET = "panel-other-secret-panel-other-secret-456";

function flipByte(value: string, index: number): string {
  const raw = Buffer.from(value.slice(3), "base64url");
  raw[index] = raw[index]! ^ 0x01;
  return `v1.${raw.toString("base64url")}`;
}

describe("field encryption", () => {
  it("gives back the plaintext for the same secret and purpose", () => {
    const stored = encryptWith(SECRET, "iban", "FI2112345600000785");
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("FI2112345600000785");
    expect(decryptWith(SECRET, "iban", stored)).toBe("FI2112345600000785");
    expect(decryptWith(SECRET, "gift-card", encryptWith(SECRET, "gift-card", ""))).toBe("");
  });

  it("uses a new IV every time", () => {
    const first = encryptWith(SECRET, "iban", "FI2112345600000785");
    const second = encryptWith(SECRET, "iban", "FI2112345600000785");
    expect(first).not.toBe(second);
    expect(Buffer.from(first.slice(3), "base64url").subarray(0, 12)).not.toEqual(
      Buffer.from(second.slice(3), "base64url").subarray(0, 12),
    );
  });

  it("refuses a value with any byte changed: IV, tag or ciphertext", () => {
    const stored = encryptWith(SECRET, "gift-card", "ABCD-1234-EFGH");
    const length = Buffer.from(stored.slice(3), "base64url").length;
    for (const index of [0, 11, 12, 27, 28, length - 1]) {
      expect(() => decryptWith(SECRET, "gift-card", flipByte(stored, index)), `byte ${index}`).toThrow();
    }
  });

  it("refuses broken strings", () => {
    const stored = encryptWith(SECRET, "iban", "SE4550000000058398257466");
    expect(() => decryptWith(SECRET, "iban", stored.slice(3))).toThrow();
    expect(() => decryptWith(SECRET, "iban", `v2.${stored.slice(3)}`)).toThrow();
    expect(() => decryptWith(SECRET, "iban", stored.slice(0, -1))).toThrow();
    expect(() => decryptWith(SECRET, "iban", `${stored.slice(0, 10)}!${stored.slice(10)}`)).toThrow();
    expect(() => decryptWith(SECRET, "iban", "v1.")).toThrow();
    expect(() => decryptWith(SECRET, "iban", "v1.AAAA")).toThrow();
  });

  it("refuses a value stored for another purpose", () => {
    const stored = encryptWith(SECRET, "iban", "FI2112345600000785");
    expect(() => decryptWith(SECRET, "gift-card", stored)).toThrow();
    expect(() => decryptWith(SECRET, "Iban", stored)).toThrow();
  });

  it("refuses a value stored under another secret", () => {
    const stored = encryptWith(SECRET, "iban", "FI2112345600000785");
    expect(() => decryptWith(OTHER_SECRET, "iban", stored)).toThrow();
  });

  it("keeps non-ASCII text intact", () => {
    const text = "Åsa Öberg – lahjakortti 20 € 🎁";
    expect(decryptWith(SECRET, "note", encryptWith(SECRET, "note", text))).toBe(text);
  });

  it("needs a purpose", () => {
    expect(() => encryptWith(SECRET, "", "x")).toThrow();
  });
});
