/* The space on a calendar: from the day of the last conversation, say which day of the space
 * today is and the dates the space may end, in the reader's own time zone (the browser's
 * calendar). Nothing is stored or sent; the date is cleared on every show of the page.
 * The words around it, and the stop rule beside it, are in tool_space_calendar.html.j2. */
sc.component("space-calendar", () => {
  "use strict";
  const { $$, say } = sc;
  const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  const DAY_MS = 864e5;

  // Calendar days as whole numbers, so a clock change or time zone never moves a date.
  const dayNumber = (y, m, d) => Math.round(Date.UTC(y, m, d) / DAY_MS);
  const today = () => { const n = new Date(); return dayNumber(n.getFullYear(), n.getMonth(), n.getDate()); };
  const words = (day) => {
    const d = new Date(day * DAY_MS);
    return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  };

  const render = (root) => {
    const input = root.querySelector("[data-sc-space-calendar-date]");
    const out = root.querySelector("[data-sc-space-calendar-result]");
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.value);
    root.classList.toggle("sc-space-calendar--filled", Boolean(parts));
    if (!parts) return void (out.textContent = "");
    const last = dayNumber(+parts[1], parts[2] - 1, +parts[3]);
    const first = last + +root.dataset.scShortest, end = last + +root.dataset.scLongest;
    const now = today(), day = now - last;
    const range = first === end ? `on ${words(first)}` : `between ${words(first)} and ${words(end)}`;
    const lines = [`Your last conversation: ${words(last)}.`];
    if (day < 0) lines.push("That day has not come yet. Pick the day you last talked.");
    else if (day === 0) lines.push(`That is today. Your week of quiet ends ${range}.`);
    else if (now <= end) lines.push(`Today is day ${day} of your week of quiet. It ends ${range}.`);
    else lines.push(`Your week of quiet ended ${range}. Check the stop rule below before anything else.`);
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
