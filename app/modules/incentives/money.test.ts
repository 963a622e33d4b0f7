// Euros typed by people → integer cents, and cents shown in fi, sv and en.
import { describe, expect, it } from "vitest";
import { formatEuros, parseEuros } from "./money";

describe("parseEuros", () => {
  it("reads whole euros and decimals with a comma or a dot", () => {
    expect(parseEuros("20")).toBe(2000);
    expect(parseEuros("20,50")).toBe(2050);
    expect(parseEuros("20.5")).toBe(2050);
    expect(parseEuros("20,05")).toBe(2005);
    expect(parseEuros("0,5")).toBe(50);
    expect(parseEuros("0")).toBe(0);
    expect(parseEuros("  15  ")).toBe(1500);
  });

  it("reads thousands separated by spaces, no-break spaces and narrow no-break spaces", () => {
    expect(parseEuros("1 234,50")).toBe(123450);
    expect(parseEuros("1\u00A0234,50")).toBe(123450);
    expect(parseEuros("1\u202F234,50")).toBe(123450);
    expect(parseEuros("123 456")).toBe(12345600);
    expect(parseEuros("999 999,99")).toBe(99999999);
    expect(parseEuros("1234,50")).toBe(123450);
  });

  it("reads a euro sign or EUR before or after the amount", () => {
    expect(parseEuros("€ 20")).toBe(2000);
    expect(parseEuros("€20")).toBe(2000);
    expect(parseEuros("20 €")).toBe(2000);
    expect(parseEuros("20€")).toBe(2000);
    expect(parseEuros("20,50\u00A0€")).toBe(2050);
    expect(parseEuros("EUR 20")).toBe(2000);
    expect(parseEuros("20 eur")).toBe(2000);
  });

  it("takes up to 1,000,000 € and no more", () => {
    expect(parseEuros("1 000 000")).toBe(100_000_000);
    expect(parseEuros("1000000,00")).toBe(100_000_000);
    expect(parseEuros("1000000,01")).toBeNull();
    expect(parseEuros("1 000 001")).toBeNull();
    expect(parseEuros("99999999999999999999")).toBeNull();
  });

  it("refuses empty, negative, too many decimals, ambiguous separators and garbage", () => {
    for (const input of [
      "",
      "   ",
      "€",
      "-20",
      "−20",
      "20,505",
      "1,234",
      "1.234,50",
      "1,234.50",
      "12 34",
      "1  234",
      "20,",
      ",50",
      "20 50 €",
      "abc",
      "20e3",
      "0x10",
      "Infinity",
      "€ 20 €",
      "20 $",
    ]) {
      expect(parseEuros(input), JSON.stringify(input)).toBeNull();
    }
  });
});

describe("formatEuros", () => {
  it("shows cents as euros in the member's language", () => {
    expect(formatEuros(123450, "fi")).toBe("1\u00A0234,50\u00A0€");
    expect(formatEuros(123450, "sv")).toBe("1\u00A0234,50\u00A0€");
    expect(formatEuros(123450, "en")).toBe("€1,234.50");
    expect(formatEuros(2000, "fi")).toBe("20,00\u00A0€");
    expect(formatEuros(5, "en")).toBe("€0.05");
  });

  it("gives back the same text on every call (formatters are reused)", () => {
    expect(formatEuros(2050, "sv")).toBe(formatEuros(2050, "sv"));
    expect(parseEuros(formatEuros(123450, "fi"))).toBe(123450);
    expect(parseEuros(formatEuros(123450, "sv"))).toBe(123450);
  });
});
