// CSV for spreadsheets: UTF-8 with a byte order mark (so Excel reads å, ä, ö
// right), RFC 4180 quoting, CRLF line ends. A text cell that starts with
// = + - @, a tab or a carriage return gets a leading apostrophe, so a
// spreadsheet shows it as text instead of running it as a formula (CSV
// injection). Numbers are written as numbers: a negative NPS stays a number.
// Pure.

export type CsvValue = string | number | null | undefined;

const BOM = "\uFEFF";
const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",");
}

/** A whole file: BOM, one line per row, each line ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((row) => `${csvLine(row)}\r\n`).join("");
}
