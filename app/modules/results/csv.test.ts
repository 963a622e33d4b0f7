// CSV for spreadsheets: BOM, CRLF, RFC 4180 quoting, formula escaping for
// text, and numbers left as numbers.
import { describe, expect, it } from "vitest";
import { csvCell, csvLine, toCsv } from "./csv";

describe("csv", () => {
  it("starts with a byte order mark and ends every line with CRLF", () => {
    const file = toCsv([
      ["question", "value"],
      ["nps", 42],
    ]);
    expect(file.startsWith("\uFEFF")).toBe(true);
    expect(file).toBe("\uFEFFquestion,value\r\nnps,42\r\n");
    expect(toCsv([])).toBe("\uFEFF");
  });

  it("quotes cells with commas, quotes or line breaks, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('sanoi "hei"')).toBe('"sanoi ""hei"""');
    expect(csvCell("rivi 1\nrivi 2")).toBe('"rivi 1\nrivi 2"');
    expect(csvCell("rivi 1\r\nrivi 2")).toBe('"rivi 1\r\nrivi 2"');
    expect(csvCell("Åsa ja Äijä")).toBe("Åsa ja Äijä");
    expect(csvLine(["a", "b,c", null, undefined, 1])).toBe('a,"b,c",,,1');
  });

  it("puts an apostrophe before text that a spreadsheet would run as a formula", () => {
    expect(csvCell("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(csvCell("+358 40 123")).toBe("'+358 40 123");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@cmd")).toBe("'@cmd");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe("\"'\r=1\"");
    expect(csvCell('=HYPERLINK("http://x.example","a,b")')).toBe('"\'=HYPERLINK(""http://x.example"",""a,b"")"');
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes numbers as numbers: negative values stay negative numbers", () => {
    expect(csvCell(-12.5)).toBe("-12.5");
    expect(csvCell(-47.8)).toBe("-47.8");
    expect(csvCell(0)).toBe("0");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe("");
    expect(toCsv([["nps", -33]])).toBe("\uFEFFnps,-33\r\n");
  });
});
