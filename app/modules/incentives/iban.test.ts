// IBANs: normalising, the problem a member is told about, grouping and masking.
import { describe, expect, it } from "vitest";
import { formatIban, ibanProblem, maskIban, normaliseIban } from "./iban";

const VALID = [
  "FI2112345600000785",
  "SE4550000000058398257466",
  "DE89370400440532013000",
  "GB82WEST12345698765432",
  "NO9386011117947",
  "DK5000400440116243",
  "EE382200221020145685",
  "NL91ABNA0417164300",
  "FR1420041010050500013M02606",
  "MT84MALT011000012345MTLCAST001S",
];

describe("iban", () => {
  it("accepts valid IBANs from Finland, Sweden, Germany and others", () => {
    for (const iban of VALID) expect(ibanProblem(iban), iban).toBeNull();
  });

  it("accepts lower case, spaces, no-break spaces, hyphens and dots", () => {
    expect(ibanProblem("fi21 1234 5600 0007 85")).toBeNull();
    expect(ibanProblem(" FI21-1234-5600-0007-85 ")).toBeNull();
    expect(ibanProblem("se45\u00A05000\u202F0000.0583.9825.7466")).toBeNull();
    expect(normaliseIban("fi21 1234-5600.0007 85")).toBe("FI2112345600000785");
  });

  it("names each problem", () => {
    expect(ibanProblem("")).toBe("empty");
    expect(ibanProblem("  - . ")).toBe("empty");
    expect(ibanProblem("FI21 1234 5600 0007 8!")).toBe("format");
    expect(ibanProblem("1234567890")).toBe("format");
    expect(ibanProblem("FIAB12345600000785")).toBe("format");
    expect(ibanProblem("FI21")).toBe("format");
    expect(ibanProblem("ÅL2112345600000785")).toBe("format");
    expect(ibanProblem("XX2112345600000785")).toBe("country");
    expect(ibanProblem("US2112345600000785")).toBe("country");
    expect(ibanProblem("FI211234560000078")).toBe("length");
    expect(ibanProblem("FI21123456000007850")).toBe("length");
    expect(ibanProblem("NO93860111179470")).toBe("length");
    expect(ibanProblem("FI2212345600000785")).toBe("checksum");
  });

  it("catches every one-digit typo in a Finnish IBAN", () => {
    const iban = "FI2112345600000785";
    for (let i = 2; i < iban.length; i++) {
      for (const digit of "0123456789") {
        if (digit === iban[i]) continue;
        const typo = iban.slice(0, i) + digit + iban.slice(i + 1);
        expect(ibanProblem(typo), typo).toBe("checksum");
      }
    }
  });

  it("catches swapped neighbouring digits", () => {
    for (const iban of ["FI2112345600000785", "SE4550000000058398257466", "DE89370400440532013000"]) {
      for (let i = 4; i < iban.length - 1; i++) {
        if (iban[i] === iban[i + 1]) continue;
        const swapped = iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2);
        expect(ibanProblem(swapped), swapped).toBe("checksum");
      }
    }
  });

  it("groups by four and masks all but the country and the last four", () => {
    expect(formatIban("FI2112345600000785")).toBe("FI21 1234 5600 0007 85");
    expect(formatIban("fi21 1234 5600 0007 85")).toBe("FI21 1234 5600 0007 85");
    expect(formatIban("DE89370400440532013000")).toBe("DE89 3704 0044 0532 0130 00");
    expect(formatIban("NO9386011117947")).toBe("NO93 8601 1117 947");
    expect(formatIban("SE4550000000058398257466")).toBe("SE45 5000 0000 0583 9825 7466");
    expect(maskIban("FI21 1234 5600 0007 85")).toBe("FI… 0785");
    expect(maskIban("se4550000000058398257466")).toBe("SE… 7466");
    expect(maskIban("FI21")).toBe("FI…");
  });
});
