// Gift-card codes that admins upload as a CSV file from the card supplier,
// read into rows Panel can store, with the problems listed by line.
//
// Rules:
// - Files come from Excel and supplier portals: a byte order mark, "," ";" or
//   tab between cells (whichever the header line uses most), CRLF, LF or CR
//   line ends, and RFC 4180 quoted cells ("" is a quote; quoted cells may hold
//   separators and line breaks).
// - The first non-empty line is the header. Column names are matched without
//   regard to case, in any order: code (koodi, kod), value (arvo, värde,
//   amount, summa, belopp) and optionally expires (voimassa, giltig, expiry,
//   expires_on). Other columns are ignored. Without code and value columns, or
//   with one of them twice, the only problem is "columns" on the header line.
// - Line numbers are the file's physical lines, from 1 = the header, so they
//   match what an admin sees in a text editor or spreadsheet. A row is
//   reported at the line where it starts. Empty lines (also ";;;") are skipped.
// - Code: trimmed, 4-64 characters of A-Z, a-z, 0-9 and "-". A code seen on an
//   earlier line (ignoring case) is a "duplicate" on the later line.
// - Value: euros as people type them (parseEuros), more than 0.
// - Expires: empty, YYYY-MM-DD or d.m.yyyy, a real calendar date; returned as
//   YYYY-MM-DD. Whether it is in the past is for the caller to decide.
// - A row with any problem is left out of rows. A row with more non-empty
//   cells than the header has columns, or too few cells to reach the code and
//   value, is a "columns" problem (usually "20,50" unquoted in a comma file).
// - No limit on rows here: the upload limits the file size.
// - Pure: no I/O, safe in the browser and on the server.
import { parseEuros } from "./money";

export interface GiftCardRow {
  code: string;
  valueCents: number;
  /** YYYY-MM-DD */
  expiresOn: string | null;
}

export type GiftCardCsvProblem = { line: number; problem: "columns" | "code" | "value" | "expires" | "duplicate" };

type Field = "code" | "value" | "expires";

const HEADER_NAMES: Readonly<Record<string, Field>> = {
  code: "code",
  koodi: "code",
  kod: "code",
  value: "value",
  arvo: "value",
  värde: "value",
  amount: "value",
  summa: "value",
  belopp: "value",
  expires: "expires",
  voimassa: "expires",
  giltig: "expires",
  expiry: "expires",
  expires_on: "expires",
};

interface CsvRecord {
  line: number;
  cells: string[];
}

export function parseGiftCardCsv(text: string): { rows: GiftCardRow[]; problems: GiftCardCsvProblem[] } {
  const records = parseCsv(text.replace(/^\uFEFF/, "")).filter((record) => record.cells.some((cell) => cell.trim() !== ""));
  const header = records[0];
  const columns = header ? headerColumns(header.cells) : null;
  if (!header || !columns) return { rows: [], problems: [{ line: header?.line ?? 1, problem: "columns" }] };

  const rows: GiftCardRow[] = [];
  const problems: GiftCardCsvProblem[] = [];
  const seen = new Set<string>();
  const needed = Math.max(columns.code, columns.value) + 1;
  for (const { line, cells } of records.slice(1)) {
    const extra = cells.slice(header.cells.length).some((cell) => cell.trim() !== "");
    if (cells.length < needed || extra) {
      problems.push({ line, problem: "columns" });
      continue;
    }
    const lineProblems: GiftCardCsvProblem["problem"][] = [];
    const code = cells[columns.code]!.trim();
    const codeOk = /^[A-Za-z0-9-]{4,64}$/.test(code);
    if (!codeOk) lineProblems.push("code");
    const valueCents = parseEuros(cells[columns.value]!);
    if (valueCents === null || valueCents <= 0) lineProblems.push("value");
    const expiresOn = columns.expires === null ? null : parseExpiry(cells[columns.expires] ?? "");
    if (expiresOn === undefined) lineProblems.push("expires");
    if (codeOk) {
      const key = code.toUpperCase();
      if (seen.has(key)) lineProblems.push("duplicate");
      seen.add(key);
    }
    if (lineProblems.length > 0) {
      for (const problem of lineProblems) problems.push({ line, problem });
    } else {
      rows.push({ code, valueCents: valueCents!, expiresOn: expiresOn ?? null });
    }
  }
  return { rows, problems };
}

/** Where each field is, or null when code or value is missing or a field is named twice. */
function headerColumns(cells: string[]): { code: number; value: number; expires: number | null } | null {
  const found: Partial<Record<Field, number>> = {};
  for (const [index, cell] of cells.entries()) {
    const name = cell.normalize("NFC").trim().toLowerCase().replace(/[\s-]+/g, "_");
    const field = HEADER_NAMES[name];
    if (!field) continue;
    if (found[field] !== undefined) return null;
    found[field] = index;
  }
  if (found.code === undefined || found.value === undefined) return null;
  return { code: found.code, value: found.value, expires: found.expires ?? null };
}

/** YYYY-MM-DD for an empty (null), ISO or Finnish-style date; undefined when it is not a real date. */
function parseExpiry(cell: string): string | null | undefined {
  const text = cell.trim();
  if (text === "") return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const finnish = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : finnish
      ? [Number(finnish[3]), Number(finnish[2]), Number(finnish[1])]
      : [0, 0, 0];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The separator the header line uses most: ";" "," or tab (quoted parts not counted). */
function detectSeparator(text: string): string {
  const counts = new Map<string, number>([[",", 0], [";", 0], ["\t", 0]]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [separator, count] of counts) if (count > counts.get(best)!) best = separator;
  return best;
}

/** RFC 4180 records, each with the physical line it starts on. */
function parseCsv(text: string): CsvRecord[] {
  const separator = detectSeparator(text);
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
  };
  while (i < text.length) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line++;
        cell += char;
      }
      i++;
      continue;
    }
    if (char === '"' && cell.trim() === "") {
      // A quoted cell; spaces before the opening quote are dropped.
      cell = "";
      quoted = true;
    } else if (char === separator) {
      cells.push(cell);
      cell = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
    i++;
  }
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}
