import { describe, expect, it } from "vitest";
import { translator } from "~/infra/i18n/i18n";
import { formatWaiting, waitingMs } from "./waiting";

const min = 60_000;
const hour = 60 * min;
const day = 24 * hour;

describe("formatWaiting", () => {
  it("minutes under an hour, hours and minutes under a day, days and hours after", () => {
    const t = translator("en");
    expect(formatWaiting(0, t)).toBe("0 min");
    expect(formatWaiting(45 * min + 59_000, t)).toBe("45 min");
    expect(formatWaiting(3 * hour + 20 * min, t)).toBe("3 h 20 min");
    expect(formatWaiting(2 * day + 4 * hour + 59 * min, t)).toBe("2 d 4 h");
  });

  it("in Finnish and Swedish", () => {
    expect(formatWaiting(3 * hour + 20 * min, translator("fi"))).toBe("3 t 20 min");
    expect(formatWaiting(2 * day + 4 * hour, translator("fi"))).toBe("2 pv 4 t");
    expect(formatWaiting(2 * day + 4 * hour, translator("sv"))).toBe("2 d 4 h");
  });

  it("a negative or broken time reads as no wait", () => {
    const t = translator("en");
    expect(formatWaiting(-5 * min, t)).toBe("0 min");
    expect(formatWaiting(Number.NaN, t)).toBe("0 min");
  });
});

describe("waitingMs", () => {
  it("only open items wait", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const receivedAt = new Date("2026-11-23T10:00:00Z");
    expect(waitingMs({ status: "NEW", receivedAt }, now)).toBe(2 * hour);
    expect(waitingMs({ status: "IN_PROGRESS", receivedAt: receivedAt.toISOString() }, now)).toBe(2 * hour);
    expect(waitingMs({ status: "RESOLVED", receivedAt }, now)).toBeNull();
    expect(waitingMs({ status: "CLOSED", receivedAt }, now)).toBeNull();
  });
});
