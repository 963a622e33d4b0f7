// Test-only, loaded with NODE_OPTIONS=--import: moves this process's clock by
// PANEL_TEST_CLOCK_SHIFT_DAYS whole days, so one test run can play several days
// against the real server (which records the day from the real clock). Every
// reading of the clock moves together, so the day the panel records and the
// day the vault records still come from the same moment.
const days = Number(process.env.PANEL_TEST_CLOCK_SHIFT_DAYS ?? "0");

if (Number.isFinite(days) && days !== 0) {
  const shift = days * 24 * 60 * 60 * 1000;
  const RealDate = globalThis.Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }

    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}
