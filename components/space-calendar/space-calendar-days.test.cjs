// The space on a calendar's day arithmetic (space-calendar-days.js, beside this file), the
// same code the page runs: `node --test components/`, or tests/unit/test_js_units.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { dayNumber, plan } = require("./space-calendar-days.js");

const day = (iso) => dayNumber(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));

test("days are whole numbers, one apart across a month's, a year's and a leap day's end", () => {
  assert.equal(day("1970-01-01"), 0);
  assert.equal(day("2026-02-01") - day("2026-01-31"), 1);
  assert.equal(day("2027-01-01") - day("2026-12-31"), 1);
  assert.equal(day("2028-03-01") - day("2028-02-28"), 2); // 29 February 2028
  // The days either side of Europe's and America's clock changes are one day apart too.
  for (const [a, b] of [["2026-03-28", "2026-03-29"], ["2026-10-24", "2026-10-25"], ["2026-03-07", "2026-03-08"]]) {
    assert.equal(day(b) - day(a), 1);
  }
});

test("no date, or not a whole date, gives no plan", () => {
  for (const value of ["", undefined, "2026-12", "7/12/2026", "2026-12-7"]) assert.equal(plan(value, 21, 30, day("2026-12-07")), null);
});

test("the space may end between the shortest and the longest day after the last talk", () => {
  const p = plan("2026-12-01", 21, 30, day("2026-12-07"));
  assert.deepEqual(p, { last: day("2026-12-01"), first: day("2026-12-22"), end: day("2026-12-31"), day: 6, when: "during" });
});

test("which day of the space today is: a future date, the same day, during, and after its end", () => {
  const today = day("2026-12-07");
  assert.equal(plan("2026-12-08", 21, 30, today).when, "future");
  assert.equal(plan("2026-12-07", 21, 30, today).when, "today");
  assert.equal(plan("2026-11-07", 21, 30, today).when, "during"); // day 30: the last day still counts
  assert.equal(plan("2026-11-07", 21, 30, today).day, 30);
  assert.equal(plan("2026-11-06", 21, 30, today).when, "after");
});
