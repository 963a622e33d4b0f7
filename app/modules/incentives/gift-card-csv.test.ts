// Gift-card CSV uploads: supplier and Excel files, Finnish and Swedish
// headers, each problem on the line an admin sees it.
import { describe, expect, it } from "vitest";
import { parseGiftCardCsv } from "./gift-card-csv";

describe("parseGiftCardCsv", () => {
  it("reads an Excel file: byte order mark, semicolons, quoted cells and CRLF", () => {
    const file =
      "\uFEFFKoodi;Arvo;Voimassa\r\n" +
      '"ABCD-1234";"20,50";31.12.2026\r\n' +
      'EFGH-5678;"1 000,00 €";"2027-01-05"\r\n' +
      'IJKL9012;10;\r\n';
    expect(parseGiftCardCsv(file)).toEqual({
      rows: [
        { code: "ABCD-1234", valueCents: 2050, expiresOn: "2026-12-31" },
        { code: "EFGH-5678", valueCents: 100000, expiresOn: "2027-01-05" },
        { code: "IJKL9012", valueCents: 1000, expiresOn: null },
      ],
      problems: [],
    });
  });

  it("reads comma files with LF, headers in any order and case, and extra columns", () => {
    const file = 'Supplier,AMOUNT,Expires_On,CODE\nAcme,25,1.2.2026,aaaa-bbbb\n"Acme, Oy","12.5",,CCCC-DDDD\n';
    expect(parseGiftCardCsv(file)).toEqual({
      rows: [
        { code: "aaaa-bbbb", valueCents: 2500, expiresOn: "2026-02-01" },
        { code: "CCCC-DDDD", valueCents: 1250, expiresOn: null },
      ],
      problems: [],
    });
  });

  it("knows the Finnish, Swedish and English column names", () => {
    for (const [code, value, expires] of [
      ["koodi", "arvo", "voimassa"],
      ["kod", "värde", "giltig"],
      ["Kod", "Belopp", "Giltig"],
      ["code", "summa", "expiry"],
      ["Code", "Value", "Expires"],
      ["kod", "va\u0308rde", "expires on"],
    ]) {
      const result = parseGiftCardCsv(`${code};${value};${expires}\nWXYZ-0001;5;2026-06-30\n`);
      expect(result.problems, `${code} ${value} ${expires}`).toEqual([]);
      expect(result.rows).toEqual([{ code: "WXYZ-0001", valueCents: 500, expiresOn: "2026-06-30" }]);
    }
    expect(parseGiftCardCsv("code,value\nWXYZ-0001,5\n").rows).toEqual([
      { code: "WXYZ-0001", valueCents: 500, expiresOn: null },
    ]);
  });

  it("needs a code column and a value column, each once", () => {
    expect(parseGiftCardCsv("")).toEqual({ rows: [], problems: [{ line: 1, problem: "columns" }] });
    expect(parseGiftCardCsv("code;expires\nABCD-1234;2026-01-01\n")).toEqual({
      rows: [],
      problems: [{ line: 1, problem: "columns" }],
    });
    expect(parseGiftCardCsv("ABCD-1234;20\nEFGH-5678;20\n").problems).toEqual([{ line: 1, problem: "columns" }]);
    expect(parseGiftCardCsv("code;arvo;value\nABCD-1234;20;20\n").problems).toEqual([{ line: 1, problem: "columns" }]);
  });

  it("names each problem on its line, counting the header as line 1 and empty lines too", () => {
    const file = [
      "code;value;expires", // 1
      "GOOD-0001;20;", // 2
      "", // 3
      "abc;20;", // 4: code too short
      "BAD CODE;20;", // 5: a space
      "GOOD-0002;-5;", // 6
      "GOOD-0003;0;", // 7
      "GOOD-0004;20,505;", // 8
      "GOOD-0005;20;31.2.2026", // 9
      "GOOD-0006;20;2026/01/01", // 10
      "good-0001;20;", // 11: the code of line 2 again
      ";;", // 12: empty
      "GOOD-0007", // 13: too few cells
      "GOOD-0008;20;;surprise", // 14: more cells than the header
      "GOOD-0009;20;;;", // 15: empty extra cells are fine
      "x;;1.1.1", // 16: three problems
      `${"A".repeat(65)};20;`, // 17
      `${"A".repeat(64)};20;`, // 18
      "",
    ].join("\r\n");
    const { rows, problems } = parseGiftCardCsv(file);
    expect(rows.map((row) => row.code)).toEqual(["GOOD-0001", "GOOD-0009", "A".repeat(64)]);
    expect(problems).toEqual([
      { line: 4, problem: "code" },
      { line: 5, problem: "code" },
      { line: 6, problem: "value" },
      { line: 7, problem: "value" },
      { line: 8, problem: "value" },
      { line: 9, problem: "expires" },
      { line: 10, problem: "expires" },
      { line: 11, problem: "duplicate" },
      { line: 13, problem: "columns" },
      { line: 14, problem: "columns" },
      { line: 16, problem: "code" },
      { line: 16, problem: "value" },
      { line: 16, problem: "expires" },
      { line: 17, problem: "code" },
    ]);
  });

  it("counts line breaks inside quoted cells, so later rows keep their line numbers", () => {
    const file = 'code,value,note\nABCD-0001,5,"first\nsecond"\nABCD-0001,5,x\n"AB""CD",5,\n';
    expect(parseGiftCardCsv(file)).toEqual({
      rows: [{ code: "ABCD-0001", valueCents: 500, expiresOn: null }],
      problems: [
        { line: 4, problem: "duplicate" },
        { line: 5, problem: "code" },
      ],
    });
  });

  it("checks the calendar and reads single-digit days and months", () => {
    const { rows, problems } = parseGiftCardCsv(
      "code;value;expires\nDATE-0001;1;29.2.2028\nDATE-0002;1;29.2.2027\nDATE-0003;1;2026-13-01\nDATE-0004;1;05.03.2026\n",
    );
    expect(rows.map((row) => row.expiresOn)).toEqual(["2028-02-29", "2026-03-05"]);
    expect(problems).toEqual([
      { line: 3, problem: "expires" },
      { line: 4, problem: "expires" },
    ]);
  });

  it("reads files with old Mac line ends and without a final line break", () => {
    expect(parseGiftCardCsv("code;value\rABCD-0001;5\rABCD-0002;6").rows).toEqual([
      { code: "ABCD-0001", valueCents: 500, expiresOn: null },
      { code: "ABCD-0002", valueCents: 600, expiresOn: null },
    ]);
  });
});
