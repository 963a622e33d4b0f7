// Helsinki wall time ↔ instants: ordinary days in both seasons, the hour
// skipped in spring and the hour repeated in autumn, invalid input, and
// series dates across month and year ends.
import { describe, expect, it } from "vitest";
import { helsinkiToInstant, instantToHelsinki, seriesDates } from "./time";

const iso = (date: string, time: string) => helsinkiToInstant(date, time)?.toISOString() ?? null;

describe("helsinkiToInstant", () => {
  it("reads summer time as UTC+3 and winter time as UTC+2", () => {
    expect(iso("2026-10-22", "10:00")).toBe("2026-10-22T07:00:00.000Z");
    expect(iso("2026-11-05", "10:00")).toBe("2026-11-05T08:00:00.000Z");
    expect(iso("2027-01-01", "00:00")).toBe("2026-12-31T22:00:00.000Z");
    expect(iso("2026-06-30", "23:59")).toBe("2026-06-30T20:59:00.000Z");
  });

  it("moves a time in the hour skipped in spring forward by the gap", () => {
    // 2027-03-28: 03:00 EET → 04:00 EEST (01:00Z).
    expect(iso("2027-03-28", "02:59")).toBe("2027-03-28T00:59:00.000Z");
    expect(iso("2027-03-28", "03:00")).toBe("2027-03-28T01:00:00.000Z");
    expect(iso("2027-03-28", "03:30")).toBe("2027-03-28T01:30:00.000Z");
    expect(iso("2027-03-28", "04:00")).toBe("2027-03-28T01:00:00.000Z");
    expect(instantToHelsinki(helsinkiToInstant("2027-03-28", "03:30")!)).toEqual({ date: "2027-03-28", time: "04:30" });
  });

  it("reads the hour repeated in autumn as its first occurrence, in summer time", () => {
    // 2026-10-25: 04:00 EEST → 03:00 EET (01:00Z); 03:00–03:59 happens twice.
    expect(iso("2026-10-25", "02:59")).toBe("2026-10-24T23:59:00.000Z");
    expect(iso("2026-10-25", "03:00")).toBe("2026-10-25T00:00:00.000Z");
    expect(iso("2026-10-25", "03:30")).toBe("2026-10-25T00:30:00.000Z");
    expect(iso("2026-10-25", "04:00")).toBe("2026-10-25T02:00:00.000Z");
  });

  it("answers null for malformed or impossible dates and times", () => {
    const invalid: [string, string][] = [
      ["2026-02-30", "10:00"],
      ["2026-02-29", "10:00"],
      ["2026-13-01", "10:00"],
      ["2026-00-10", "10:00"],
      ["2026-04-31", "10:00"],
      ["2026-10-22", "25:00"],
      ["2026-10-22", "24:00"],
      ["2026-10-22", "10:60"],
      ["2026-10-22", "9:00"],
      ["2026-10-22", "10:00:00"],
      ["22.10.2026", "10:00"],
      ["2026-10-22T10:00", "10:00"],
      ["", ""],
      ["0026-01-01", "10:00"],
    ];
    for (const [date, time] of invalid) {
      expect(helsinkiToInstant(date, time), `${date} ${time}`).toBeNull();
    }
    expect(iso("2028-02-29", "10:00")).toBe("2028-02-29T08:00:00.000Z");
  });
});

describe("instantToHelsinki", () => {
  it("gives the Helsinki wall date and time of an instant", () => {
    expect(instantToHelsinki(new Date("2026-10-22T07:00:00Z"))).toEqual({ date: "2026-10-22", time: "10:00" });
    expect(instantToHelsinki(new Date("2026-12-31T22:30:45Z"))).toEqual({ date: "2027-01-01", time: "00:30" });
    // Both readings of the repeated autumn hour show as 03:30.
    expect(instantToHelsinki(new Date("2026-10-25T00:30:00Z")).time).toBe("03:30");
    expect(instantToHelsinki(new Date("2026-10-25T01:30:00Z")).time).toBe("03:30");
  });

  it("is the inverse of helsinkiToInstant for every quarter hour around both changes", () => {
    for (const date of ["2026-10-24", "2026-10-25", "2026-10-26", "2027-03-27", "2027-03-28", "2027-03-29"]) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const time = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        if (date === "2027-03-28" && time.startsWith("03:")) continue; // does not exist
        expect(instantToHelsinki(helsinkiToInstant(date, time)!)).toEqual({ date, time });
      }
    }
  });
});

describe("seriesDates", () => {
  it("counts calendar days across month and year ends, a leap day included", () => {
    expect(seriesDates("2026-12-17", 7, 4)).toEqual(["2026-12-17", "2026-12-24", "2026-12-31", "2027-01-07"]);
    expect(seriesDates("2028-02-27", 1, 4)).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(seriesDates("2026-01-31", 14, 3)).toEqual(["2026-01-31", "2026-02-14", "2026-02-28"]);
    expect(seriesDates("2026-10-22", 7, 1)).toEqual(["2026-10-22"]);
  });

  it("keeps the weekday over a year of weeks, across both DST changes", () => {
    const dates = seriesDates("2026-10-15", 7, 52);
    expect(dates).toHaveLength(52);
    expect(dates[51]).toBe("2027-10-07");
    expect(new Set(dates.map((d) => new Date(`${d}T00:00:00Z`).getUTCDay()))).toEqual(new Set([4]));
  });

  it("throws a RangeError for a bad count, step or first date", () => {
    expect(() => seriesDates("2026-10-22", 7, 0)).toThrow(RangeError);
    expect(() => seriesDates("2026-10-22", 7, 53)).toThrow(RangeError);
    expect(() => seriesDates("2026-10-22", 7, 1.5)).toThrow(RangeError);
    expect(() => seriesDates("2026-10-22", 0, 4)).toThrow(RangeError);
    expect(() => seriesDates("2026-10-22", -7, 4)).toThrow(RangeError);
    expect(() => seriesDates("2026-02-30", 7, 4)).toThrow(RangeError);
    expect(seriesDates("2026-10-22", 7, 52)).toHaveLength(52);
  });
});
