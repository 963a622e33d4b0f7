import { describe, expect, it } from "vitest";
import { easterSunday, finnishHolidays, firstWorkingDay, isWorkingDay, nextMonth, previousMonth, summaryDue } from "./working-days";

describe("Finnish holidays", () => {
  it("Easter Sunday by the computus, checked against the calendar", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("the movable holidays of 2026 and 2027", () => {
    const y2026 = [...finnishHolidays(2026).keys()].sort();
    expect(y2026).toEqual([
      "2026-01-01",
      "2026-01-06",
      "2026-04-03", // Good Friday
      "2026-04-06", // Easter Monday
      "2026-05-01",
      "2026-05-14", // Ascension Day
      "2026-06-19", // Midsummer Eve
      "2026-12-06",
      "2026-12-24",
      "2026-12-25",
      "2026-12-26",
    ]);
    const y2027 = finnishHolidays(2027);
    expect(y2027.get("2027-03-26")).toBe("Good Friday");
    expect(y2027.get("2027-03-29")).toBe("Easter Monday");
    expect(y2027.get("2027-05-06")).toBe("Ascension Day");
    expect(y2027.get("2027-06-25")).toBe("Midsummer Eve");
    expect(finnishHolidays(2025).get("2025-06-20")).toBe("Midsummer Eve");
  });

  it("weekends and weekday holidays are not working days", () => {
    expect(isWorkingDay("2026-11-23")).toBe(true); // Monday
    expect(isWorkingDay("2026-11-21")).toBe(false); // Saturday
    expect(isWorkingDay("2026-11-22")).toBe(false); // Sunday
    expect(isWorkingDay("2026-12-24")).toBe(false); // Christmas Eve, Thursday
    expect(isWorkingDay("2026-12-28")).toBe(true);
    expect(isWorkingDay("2027-01-06")).toBe(false); // Epiphany, Wednesday
    expect(isWorkingDay("2026-04-03")).toBe(false);
    expect(isWorkingDay("2026-04-07")).toBe(true);
    expect(isWorkingDay("2026-06-19")).toBe(false);
    expect(isWorkingDay("2026-06-18")).toBe(true);
    expect(isWorkingDay("2027-12-06")).toBe(false); // Independence Day, Monday
  });
});

describe("first working day of a month", () => {
  it.each([
    ["2027-01", "2027-01-04"], // Friday 1 January is New Year's Day, then a weekend
    ["2026-05", "2026-05-04"], // Friday 1 May is May Day
    ["2024-04", "2024-04-02"], // Monday 1 April 2024 is Easter Monday
    ["2026-08", "2026-08-03"], // begins on a Saturday
    ["2026-11", "2026-11-02"], // begins on a Sunday
    ["2026-12", "2026-12-01"], // Tuesday
    ["2028-01", "2028-01-03"], // Saturday New Year's Day
    ["2027-04", "2027-04-01"], // Easter was in March
    ["2026-01", "2026-01-02"], // Friday after New Year's Day
  ])("%s → %s", (month, day) => {
    expect(firstWorkingDay(month)).toBe(day);
  });

  it("months step over years", () => {
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(previousMonth("2026-10")).toBe("2026-09");
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("2026-09")).toBe("2026-10");
  });
});

describe("when the summary of the previous month is due (Helsinki time)", () => {
  it("not before the first working day, then on it and every later day of the month", () => {
    expect(summaryDue(new Date("2026-05-01T09:00:00Z"))).toBeNull(); // May Day
    expect(summaryDue(new Date("2026-05-03T20:59:00Z"))).toBeNull(); // Sunday 23.59 in Helsinki
    expect(summaryDue(new Date("2026-05-03T21:00:00Z"))).toBe("2026-04"); // Monday 00.00 in Helsinki
    expect(summaryDue(new Date("2026-05-29T12:00:00Z"))).toBe("2026-04");
    expect(summaryDue(new Date("2027-01-04T06:00:00Z"))).toBe("2026-12");
    expect(summaryDue(new Date("2027-01-03T12:00:00Z"))).toBeNull();
    // 31 December 23.30 UTC is already 1 January in Helsinki (a holiday): nothing for December yet.
    expect(summaryDue(new Date("2026-12-31T23:30:00Z"))).toBeNull();
  });
});
