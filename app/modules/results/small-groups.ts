// Small-group protection for results: which groups of respondents may be
// shown, so that nobody can read the answers of fewer than k people (k is the
// study's minGroupSize, never below 3). Pure: no database, no I/O.
//
// What is published. Results are shown for the whole study, broken down by
// ONE declared attribute (one cell per value, e.g. age band 25-34), or
// filtered to ONE attribute value (the same cell on its own). A filter is
// never combined with a breakdown, so every published group is either "all
// respondents" or a cell of a one-way table; tables of different attributes
// are linked only through the total. "Respondents" is counted per measure:
// everyone who answered (for the group list and filters), or those who
// answered one question (for that question's figures).
//
// The rule, per measure:
// 1. Threshold: nothing is shown while the total is 1..k-1. A cell with
//    1..k-1 respondents is hidden (primary suppression).
// 2. Complementary suppression: in each attribute's table, the hidden cells
//    together must be 0 or at least k, because their sum is always the total
//    minus the shown cells. While it is 1..k-1, the smallest shown non-empty
//    cell is hidden too. So one hidden cell never stands alone below k, and
//    a filter whose complement (total minus the filtered group) is 1..k-1 is
//    refused: that complement is the sum of the other cells.
// 3. No subtraction across tables: for any two groups a reader can work out
//    (a shown cell, or the union of a table's hidden cells) from different
//    attributes, if one lies inside the other in the data, the difference
//    must be 0 or at least k; otherwise more cells are hidden (the contained
//    cell, then the containing one, then the next smallest cell of the
//    table) and the rules run again until nothing changes. Hiding only ever
//    adds cells, so this ends; at worst a whole table is hidden.
// 4. No combination of views: a reader who holds every published table can
//    tell apart only the classes of respondents that share, in every table,
//    the same shown value or the hidden union. Every sum or difference of
//    published groups (e.g. all minus one filter minus another) is constant
//    on these classes, so each class must be 0 or at least k; while one is
//    1..k-1, the smallest shown value setting it apart is hidden too.
//    Rule 4 alone implies rules 2 and 3; they run first because they choose
//    the cells a person would expect to see hidden.
// Hidden cells are all shown the same way, so a reader cannot tell a small
// cell from one hidden to protect it.
//
// What this does not claim: answer counts inside a shown group may be small
// (e.g. "1 person chose this"): the protected unit is the group, not the
// answer. Rule 4 can hide much when several fine attributes are declared and
// responses are few; that is the price of the guarantee, and the page says
// cells are hidden to protect small groups.

/** The value a response carries when an attribute was not given. */
export const NOT_GIVEN = "unknown";

export interface Atom {
  /** attribute → coarsened value */
  values: Readonly<Record<string, string>>;
  /** respondents with exactly these values (in the measure being protected) */
  n: number;
}

export interface AttributeTable {
  /** value → respondents; only values that occur */
  cells: Map<string, number>;
  hidden: Set<string>;
}

export interface Protection {
  k: number;
  total: number;
  /** false while the total is 1..k-1: nothing of this measure is shown */
  totalShown: boolean;
  tables: Record<string, AttributeTable>;
}

interface Group {
  attribute: string;
  values: string[];
  n: number;
  /** the cell when the group is one shown cell; null for a table's hidden union */
  cell: string | null;
}

const byCount = (a: [string, number], b: [string, number]) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Protects one measure: returns which cells of each attribute's table are hidden. */
export function protect(atoms: readonly Atom[], attributes: readonly string[], k: number): Protection {
  if (!Number.isInteger(k) || k < 2) throw new Error("k must be an integer of at least 2");
  const live = atoms.filter((atom) => atom.n > 0);
  const total = live.reduce((sum, atom) => sum + atom.n, 0);
  const tables: Record<string, AttributeTable> = {};
  for (const attribute of attributes) {
    const cells = new Map<string, number>();
    for (const atom of live) {
      const value = atom.values[attribute] ?? NOT_GIVEN;
      cells.set(value, (cells.get(value) ?? 0) + atom.n);
    }
    tables[attribute] = { cells, hidden: new Set() };
  }
  const totalShown = total === 0 || total >= k;
  if (!totalShown) {
    for (const table of Object.values(tables)) for (const value of table.cells.keys()) table.hidden.add(value);
    return { k, total, totalShown, tables };
  }

  // Two-way counts, for telling whether one group lies inside another.
  const pairs = new Map<string, number>();
  const pairKey = (a: string, va: string, b: string, vb: string) => `${a}\u0000${va}\u0000${b}\u0000${vb}`;
  for (const atom of live) {
    for (const a of attributes) {
      for (const b of attributes) {
        if (a === b) continue;
        const key = pairKey(a, atom.values[a] ?? NOT_GIVEN, b, atom.values[b] ?? NOT_GIVEN);
        pairs.set(key, (pairs.get(key) ?? 0) + atom.n);
      }
    }
  }
  const overlap = (x: Group, y: Group) => {
    let sum = 0;
    for (const vx of x.values) for (const vy of y.values) sum += pairs.get(pairKey(x.attribute, vx, y.attribute, vy)) ?? 0;
    return sum;
  };
  const hiddenSum = (table: AttributeTable) => [...table.hidden].reduce((sum, value) => sum + (table.cells.get(value) ?? 0), 0);
  const smallestShown = (table: AttributeTable) =>
    [...table.cells].filter(([value, n]) => n > 0 && !table.hidden.has(value)).sort(byCount)[0]?.[0];

  for (;;) {
    // Rules 1 and 2, table by table.
    for (const table of Object.values(tables)) {
      for (const [value, n] of table.cells) if (n > 0 && n < k) table.hidden.add(value);
      let sum = hiddenSum(table);
      while (sum > 0 && sum < k) {
        const next = smallestShown(table);
        if (next === undefined) break;
        table.hidden.add(next);
        sum += table.cells.get(next) ?? 0;
      }
    }
    // Rule 3: the first pair of nested groups whose difference is small.
    const groups: Group[] = [];
    for (const attribute of attributes) {
      const table = tables[attribute]!;
      for (const [value, n] of table.cells) if (n > 0 && !table.hidden.has(value)) groups.push({ attribute, values: [value], n, cell: value });
      const sum = hiddenSum(table);
      if (sum > 0) groups.push({ attribute, values: [...table.hidden], n: sum, cell: null });
    }
    let fix: (() => void) | null = null;
    search: for (const x of groups) {
      for (const y of groups) {
        if (x.attribute === y.attribute) continue;
        const difference = y.n - x.n;
        if (difference < 1 || difference >= k || overlap(x, y) !== x.n) continue;
        fix = () => {
          if (x.cell !== null) tables[x.attribute]!.hidden.add(x.cell);
          else if (y.cell !== null) tables[y.attribute]!.hidden.add(y.cell);
          else {
            const table = smallestShown(tables[x.attribute]!) !== undefined ? tables[x.attribute]! : tables[y.attribute]!;
            const next = smallestShown(table);
            if (next !== undefined) table.hidden.add(next);
          }
        };
        break search;
      }
    }
    // Rule 4: every class of respondents the published tables can tell
    // apart (one shown value or the hidden union per table) is 0 or at
    // least k. Any sum or difference of published groups is constant on
    // these classes, so no combination of views, however many, singles out
    // fewer than k people.
    if (!fix) {
      const small = smallestReaderClass(live, attributes, tables, k);
      if (small) {
        fix = () => {
          // Hide the smallest shown value that sets the class apart, so the
          // class merges into that table's hidden union; when it is made of
          // hidden unions only, grow the union of the table with the
          // smallest shown cell.
          const shownInClass = attributes
            .map((attribute, i) => [attribute, small[i]!] as const)
            .filter(([attribute, value]) => !tables[attribute]!.hidden.has(value))
            .sort((x, y) => (tables[x[0]]!.cells.get(x[1]) ?? 0) - (tables[y[0]]!.cells.get(y[1]) ?? 0));
          const first = shownInClass[0];
          if (first) {
            tables[first[0]]!.hidden.add(first[1]);
            return;
          }
          const candidates = attributes
            .map((attribute) => [attribute, smallestShown(tables[attribute]!)] as const)
            .filter((entry): entry is readonly [string, string] => entry[1] !== undefined)
            .sort((x, y) => (tables[x[0]]!.cells.get(x[1]) ?? 0) - (tables[y[0]]!.cells.get(y[1]) ?? 0));
          if (candidates[0]) tables[candidates[0][0]]!.hidden.add(candidates[0][1]);
        };
      }
    }
    if (!fix) break;
    const before = Object.values(tables).reduce((sum, table) => sum + table.hidden.size, 0);
    fix();
    const after = Object.values(tables).reduce((sum, table) => sum + table.hidden.size, 0);
    if (after === before) break; // cannot happen (see rule 3); never loop forever
  }
  return { k, total, totalShown, tables };
}

const HIDDEN_CLASS = "\u0001hidden";

/**
 * The values (per attribute, the hidden union written as one value) of the
 * smallest class of 1..k-1 respondents a reader could tell apart, or null.
 */
function smallestReaderClass(
  live: readonly Atom[],
  attributes: readonly string[],
  tables: Record<string, AttributeTable>,
  k: number,
): string[] | null {
  if (attributes.length < 2) return null; // one table: rules 1 and 2 already hold
  const classes = new Map<string, { values: string[]; n: number }>();
  for (const atom of live) {
    const values = attributes.map((attribute) => {
      const value = atom.values[attribute] ?? NOT_GIVEN;
      return tables[attribute]!.hidden.has(value) ? HIDDEN_CLASS : value;
    });
    const key = values.join("\u0000");
    const found = classes.get(key);
    if (found) found.n += atom.n;
    else classes.set(key, { values, n: atom.n });
  }
  let smallest: { values: string[]; n: number } | null = null;
  for (const entry of classes.values()) {
    if (entry.n > 0 && entry.n < k && (!smallest || entry.n < smallest.n)) smallest = entry;
  }
  return smallest ? smallest.values.map((value, i) => (value === HIDDEN_CLASS ? [...tables[attributes[i]!]!.hidden][0]! : value)) : null;
}

/** Respondents in one cell if it may be shown; null when hidden; 0 when nobody there. */
export function cellCount(protection: Protection, attribute: string, value: string): number | null {
  if (!protection.totalShown) return null;
  const table = protection.tables[attribute];
  if (!table) return null;
  const n = table.cells.get(value) ?? 0;
  if (n === 0) return 0;
  return table.hidden.has(value) ? null : n;
}

/**
 * Whether a view filtered to one attribute value may be shown: the group is
 * a shown cell, and the rest of the respondents (total minus the group) is
 * 0 or at least k.
 */
export function filterAllowed(protection: Protection, attribute: string, value: string): boolean {
  const n = cellCount(protection, attribute, value);
  if (n === null || n < protection.k) return false;
  const rest = protection.total - n;
  return rest === 0 || rest >= protection.k;
}

/** The shown values of an attribute, in a stable order (usable as filters). */
export function shownValues(protection: Protection, attribute: string): string[] {
  const table = protection.tables[attribute];
  if (!table || !protection.totalShown) return [];
  return sortValues([...table.cells.keys()].filter((value) => filterAllowed(protection, attribute, value)));
}

/** Attribute values in reading order: numbers by size ("16-24" before "75+"), "not given" last. */
export function sortValues(values: string[]): string[] {
  const collator = new Intl.Collator("fi", { numeric: true });
  return [...values].sort((a, b) => (a === NOT_GIVEN ? 1 : 0) - (b === NOT_GIVEN ? 1 : 0) || collator.compare(a, b));
}
