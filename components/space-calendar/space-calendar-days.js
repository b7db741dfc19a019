/* The space on a calendar, its day arithmetic, pure: no page, so Node runs it in the unit tests
 * (space-calendar-days.test.cjs, beside it) and space-calendar.js runs the same code.
 *
 * dayNumber(y, m, d)                       -> whole days since 1970 (m from 0)
 * plan(value, shortest, longest, today)    -> null, or { last, first, end, day, when }
 *   value: the date field's "YYYY-MM-DD"; first and end: the days the space may end; day: how
 *   many days since the last talk; when: "future", "today", "during" or "after". */
((define) => {
  "use strict";
  const DAY_MS = 864e5;

  // Calendar days as whole numbers, so a clock change or time zone never moves a date.
  const dayNumber = (y, m, d) => Math.round(Date.UTC(y, m, d) / DAY_MS);

  const plan = (value, shortest, longest, today) => {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    if (!parts) return null;
    const last = dayNumber(+parts[1], parts[2] - 1, +parts[3]);
    const first = last + shortest, end = last + longest, day = today - last;
    const when = day < 0 ? "future" : day === 0 ? "today" : today <= end ? "during" : "after";
    return { last, first, end, day, when };
  };

  define("space-calendar-days", Object.freeze({ DAY_MS, dayNumber, plan }));
})(typeof module === "object" && module.exports ? (_, api) => { module.exports = api; } : (name, api) => sc.provide(name, api));
