/* The space on a calendar: from the day of the last conversation, say which day of the space
 * today is and the dates the space may end, in the reader's own time zone (the browser's
 * calendar). Nothing is stored or sent; the date is cleared on every show of the page.
 * The words around it, and the stop rule beside it, are in space-calendar.html.j2; the
 * words this script writes, day and month names too, are in content/strings.yml. */
sc.component("space-calendar", () => {
  "use strict";
  const { $$, say, word } = sc;
  // The day arithmetic (space-calendar-days.js, tested under Node).
  const { DAY_MS, dayNumber, plan } = sc.need("space-calendar-days");
  const today = () => { const n = new Date(); return dayNumber(n.getFullYear(), n.getMonth(), n.getDate()); };
  const words = (day) => {
    const d = new Date(day * DAY_MS);
    return word("js.space_calendar.date", {
      weekday: word(`js.space_calendar.weekday.${d.getUTCDay()}`),
      // The first of a month as the language writes it (French: 1er).
      day: d.getUTCDate() === 1 ? word("date.first_day") : d.getUTCDate(),
      month: word(`date.month.${d.getUTCMonth() + 1}`),
    });
  };

  const render = (root) => {
    const input = root.querySelector("[data-sc-space-calendar-date]");
    const out = root.querySelector("[data-sc-space-calendar-result]");
    const p = plan(input.value, +root.dataset.scSpaceCalendarShortest, +root.dataset.scSpaceCalendarLongest, today());
    root.classList.toggle("sc-space-calendar--filled", Boolean(p));
    if (!p) {
      out.textContent = "";
      return;
    }
    const range = p.first === p.end ? word("js.space_calendar.on", { date: words(p.first) })
      : word("js.space_calendar.between", { first: words(p.first), last: words(p.end) });
    const lines = [word("js.space_calendar.last", { date: words(p.last) })];
    if (p.when === "future") lines.push(word("js.space_calendar.future"));
    else if (p.when === "today") lines.push(word("js.space_calendar.today", { range }));
    else if (p.when === "during") lines.push(word("js.space_calendar.during", { day: p.day, range }));
    else lines.push(word("js.space_calendar.after", { range }));
    out.textContent = lines.join(" ");
  };
  // Typing a date sends a change for each part of it: speak once the reader pauses.
  const speak = (root) => {
    const live = root.querySelector("[data-sc-space-calendar-live]");
    say(live, "");
    say(live, root.querySelector("[data-sc-space-calendar-result]").textContent, 1000);
  };

  const reset = () => {
    for (const root of $$("[data-sc-space-calendar]")) {
      const input = root.querySelector("[data-sc-space-calendar-date]");
      input.value = "";
      const n = new Date(); // the picker offers no day after today
      input.max = `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, "0")}-${String(n.getDate()).padStart(2, "0")}`;
      render(root);
    }
  };

  document.addEventListener("change", (event) => {
    const root = event.target instanceof Element && event.target.closest("[data-sc-space-calendar]");
    if (root && event.target.matches("[data-sc-space-calendar-date]")) { render(root); speak(root); }
  });
  return reset; // on every show of the page
});
