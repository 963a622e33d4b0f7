// Masking of personal details in free-text answers: what is masked, and the
// look-alikes (dates, times, product codes, wrong check characters) that stay.
import { describe, expect, it } from "vitest";
import { identityCodeValid, maskFreeText, maskLabels } from "./masking";

const { email, phone, id, iban } = maskLabels;

describe("Finnish personal identity codes", () => {
  it("are masked only with the right check character", () => {
    for (const code of ["131052-308T", "131052-308t", "010594Y9032", "010101A123N", "150620B456C"]) {
      expect(identityCodeValid(code), code).toBe(true);
      expect(maskFreeText(`Hetu ${code}.`)).toBe(`Hetu ${id}.`);
    }
    for (const code of ["131052-308U", "131052-308A", "010594Y9033", "321052-308T", "131352-308T"]) {
      expect(identityCodeValid(code), code).toBe(false);
      expect(maskFreeText(`Koodi ${code}`)).toBe(`Koodi ${code}`);
    }
  });

  it("inside a longer token are left alone", () => {
    expect(maskFreeText("tuote X131052-308T")).toBe("tuote X131052-308T");
  });
});

describe("IBANs", () => {
  it("Finnish ones are masked with or without spaces", () => {
    expect(maskFreeText("Tilini FI21 1234 5600 0007 85 kiitos")).toBe(`Tilini ${iban} kiitos`);
    expect(maskFreeText("FI2112345600000785")).toBe(iban);
    expect(maskFreeText("fi21 1234 5600 0007 85")).toBe(iban);
  });

  it("other countries' only when the mod-97 check holds", () => {
    expect(maskFreeText("DE89 3704 0044 0532 0130 00 on tili")).toBe(`${iban} on tili`);
    expect(maskFreeText("GB29NWBK60161331926819")).toBe(iban);
    expect(maskFreeText("DE89 3704 0044 0532 0130 01")).not.toContain(iban);
    expect(maskFreeText("Tilaus AB12CDEF34567890")).toBe("Tilaus AB12CDEF34567890");
  });
});

describe("phone numbers", () => {
  it("Finnish and international numbers are masked", () => {
    for (const number of ["040 123 4567", "0401234567", "040-1234567", "+358 40 123 4567", "+358401234567", "00358 40 123 4567", "+358 (0)40 123 4567", "(09) 123 4567", "09 1234 5678", "+46 70 123 45 67"]) {
      expect(maskFreeText(`Soita ${number} huomenna`), number).toBe(`Soita ${phone} huomenna`);
    }
  });

  it("dates, times, amounts and short numbers stay", () => {
    for (const text of ["Kävin 12.03.2024", "klo 14-16", "3 kpl", "maksoi 1 234 euroa", "vuonna 2024", "postinumero 00100", "tilaus 123456"]) {
      expect(maskFreeText(text), text).toBe(text);
    }
  });
});

describe("email addresses", () => {
  it("are masked, including plus tags, subdomains and non-ASCII letters", () => {
    expect(maskFreeText("maija.meikalainen@example.fi vastasi")).toBe(`${email} vastasi`);
    expect(maskFreeText("<first+tag@mail.example.co.uk>")).toBe(`<${email}>`);
    expect(maskFreeText("Äijä@esimerkki.fi")).toBe(email);
    expect(maskFreeText("MAIJA@EXAMPLE.COM")).toBe(email);
  });

  it("an at sign alone is not an address", () => {
    for (const text of ["tavataan @ toimisto", "hinta 5 € @ kpl", "user@localhost"]) expect(maskFreeText(text), text).toBe(text);
  });
});

describe("several details in one answer", () => {
  it("are each masked, and the rest of the text is kept", () => {
    expect(maskFreeText("Nimi Maija, hetu 131052-308T, puh. 040 123 4567, maija@example.fi, tili FI21 1234 5600 0007 85.")).toBe(
      `Nimi Maija, hetu ${id}, puh. ${phone}, ${email}, tili ${iban}.`,
    );
  });
});
