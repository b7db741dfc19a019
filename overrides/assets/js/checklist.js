/* Checklists: ticks live only in this browser, in one versioned localStorage record.
 * Whatever storage does (missing, full, corrupt, changed in another tab), the page keeps
 * working and saved ticks are never dropped without a copy and a word to the reader. */
(() => {
  "use strict";
  const KEY = "second-chance:checklist";
  const VERSION = 1;
  const FORMAT = "second-chance-progress";
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  let store = null; // localStorage when it works, else null (ticks kept in memory)
  let done = {}; // item id -> ISO time ticked; ids this page does not know are kept
  let remember = true;
  let warning = "";

  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
  const isRecord = (x) => x && typeof x === "object" && !Array.isArray(x);

  // Every valid tick in `data`, and whether anything had to be left out.
  const readTicks = (data) => {
    const ticks = {};
    let lost = !isRecord(data) || !isRecord(data.done);
    for (const [id, at] of Object.entries(isRecord(data) && isRecord(data.done) ? data.done : {})) {
      if (ID.test(id) && typeof at === "string") ticks[id] = at;
      else lost = true;
    }
    return { ticks, lost };
  };

  const load = () => {
    warning = "";
    try {
      store = window.localStorage;
      store.setItem(KEY + ":probe", "1");
      store.removeItem(KEY + ":probe");
    } catch {
      store = null;
      warning = "This browser is not letting the site save ticks, so they will go when you close the page.";
      return;
    }
    const raw = store.getItem(KEY);
    if (raw === null) return;
    let data = null;
    try { data = JSON.parse(raw); } catch { /* handled below as unreadable */ }
    if (isRecord(data) && typeof data.version === "number" && data.version > VERSION) {
      store = null; // a newer site wrote this: leave it exactly as it is
      warning = "Your saved ticks come from a newer version of this site. They are kept, but ticks made here will not be saved.";
      return;
    }
    const { ticks, lost } = readTicks(data);
    if (lost) {
      try { store.setItem(KEY + ":backup", raw); } catch { /* the original stays in place until the next save */ }
      warning = "Part of your saved progress could not be read. What could be read is shown, and a copy of the rest is kept in this browser.";
    }
    done = ticks;
    remember = !(isRecord(data) && data.remember === false);
  };

  const save = () => {
    if (!store) return;
    try {
      store.setItem(KEY, JSON.stringify({ version: VERSION, remember, done: remember ? done : {} }));
    } catch {
      warning = "Your browser's storage is full, so the latest ticks are not saved. Nothing saved before was removed.";
    }
  };

  // Items are `id` or `id|former-id|...`; a tick under a former id counts for the item.
  const items = (el) => (el.dataset.items || "").split(" ").filter(Boolean).map((t) => t.split("|"));
  const ticked = (ids) => ids.some((id) => id in done);

  const migrate = () => {
    let changed = false;
    for (const el of $$("[data-items]")) {
      for (const [id, ...former] of items(el)) {
        for (const old of former) {
          if (old in done) {
            done[id] = done[id] || done[old];
            delete done[old];
            changed = true;
          }
        }
      }
    }
    if (changed) save();
  };

  const render = () => {
    for (const box of $$("input[data-item]")) box.checked = done[box.dataset.item] !== undefined;
    for (const el of $$("[data-progress]")) {
      const list = items(el);
      el.textContent = `${list.filter(ticked).length} of ${list.length} done`;
    }
    for (const el of $$("[data-sc-remember]")) el.checked = remember;
    for (const el of $$(".sc-notice")) {
      el.textContent = warning || (remember ? "" : "Progress is not being remembered on this device: ticks go when you close the page.");
      el.hidden = !el.textContent;
    }
  };

  const announce = (section) => {
    const live = section && section.querySelector(".sc-live");
    const progress = section && section.querySelector("[data-progress]");
    if (live && progress) live.textContent = progress.textContent;
  };

  const exportFile = () => {
    const body = JSON.stringify({ format: FORMAT, version: VERSION, exported: new Date().toISOString(), done }, null, 2);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    link.download = `second-chance-progress-${new Date().toISOString().slice(0, 10)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const importFile = async (input) => {
    const status = $$(".sc-import-status")[0];
    let message = "That file is not a Second Chance progress file. Nothing was changed.";
    try {
      const data = JSON.parse(await input.files[0].text());
      if (isRecord(data) && data.format === FORMAT && data.version === VERSION) {
        const { ticks, lost } = readTicks(data);
        if (!lost) {
          done = { ...done, ...ticks };
          migrate();
          save();
          message = `Imported ${Object.keys(ticks).length} ticks.`;
        }
      } else if (isRecord(data) && data.format === FORMAT) {
        message = "That file comes from another version of this site. Nothing was changed.";
      }
    } catch { /* message above */ }
    input.value = "";
    if (status) status.textContent = message;
    render();
  };

  const act = (event) => {
    const button = event.target.closest("[data-sc-action]");
    if (!button) return;
    const action = button.dataset.scAction;
    const section = button.closest(".sc-checklist");
    if (action === "print") {
      document.documentElement.classList.toggle("sc-print-one", Boolean(section));
      section && section.classList.add("sc-printing");
      window.print();
      document.documentElement.classList.remove("sc-print-one");
      section && section.classList.remove("sc-printing");
    } else if (action === "reset" && confirm("Untick every item in this checklist?")) {
      for (const [id, ...former] of items(section.querySelector("[data-items]"))) for (const x of [id, ...former]) delete done[x];
    } else if (action === "clear" && confirm("Remove all saved progress from this browser? This cannot be undone.")) {
      // Remove the records outright (no save after): a cleared browser holds nothing of ours.
      done = {};
      remember = true;
      if (store) try { store.removeItem(KEY); store.removeItem(KEY + ":backup"); } catch { /* nothing more to do */ }
      render();
      return announce(section);
    } else if (action === "export") {
      return exportFile();
    } else return;
    save();
    render();
    announce(section);
  };

  const change = (event) => {
    const box = event.target;
    if (box.matches("input[data-item]")) {
      if (box.checked) done[box.dataset.item] = new Date().toISOString();
      else delete done[box.dataset.item];
      save();
      render();
      announce(box.closest(".sc-checklist"));
    } else if (box.matches("[data-sc-remember]")) {
      if (!box.checked && Object.keys(done).length && !confirm("Stop remembering? Saved ticks will be removed from this browser; the ones on screen stay until you close the page.")) {
        box.checked = true;
        return;
      }
      remember = box.checked;
      save();
      render();
    } else if (box.matches("[data-sc-import]") && box.files.length) {
      importFile(box);
    }
  };

  const start = () => {
    load();
    migrate();
    render();
  };

  document.addEventListener("click", act);
  document.addEventListener("change", change);
  window.addEventListener("storage", (event) => {
    if (event.key === KEY || event.key === null) start(); // another tab saved: show its ticks
  });
  // Material's instant navigation swaps pages without a reload: run again on each one.
  if (window.document$) window.document$.subscribe(start);
  else start();
})();
