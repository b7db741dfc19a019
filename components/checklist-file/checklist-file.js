/* Checklist tools: print one checklist or all of them, and, on the all-checklists page, save
 * progress to a file, load it back, clear everything. Works through checklist.js
 * (sc.need("checklist")); does nothing on pages without the tools. Its words are in
 * content/strings.yml (js.checklist_file.*). */
sc.component("checklist-file", () => {
  "use strict";
  const { say: speak, word } = sc;
  const FORMAT = "second-chance-progress";
  const VERSION = 2;
  const MAX_BYTES = 1024 * 1024; // a real file is a few KiB; refuse big ones before reading them

  const status = () => document.querySelector(".sc-import-status");
  const say = (text) => speak(status(), text);
  const isRecord = (x) => x && typeof x === "object" && !Array.isArray(x);

  const exportFile = (api) => {
    const body = JSON.stringify({ format: FORMAT, version: VERSION, done: [...api.ids()] }, null, 2);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    link.download = "second-chance-progress.json"; // no date: the name says nothing of when
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  // Keeps every valid tick in the file and says how many it skipped; changes nothing otherwise.
  const importFile = async (api, input) => {
    const file = input.files[0];
    let message = word("js.checklist_file.not_progress");
    if (file.size > MAX_BYTES) {
      message = word("js.checklist_file.too_large");
    } else {
      let data = null;
      try { data = JSON.parse(await file.text()); } catch { /* message above */ }
      if (isRecord(data) && data.format === FORMAT && (data.version === 1 || data.version === VERSION)) {
        const { ids, skipped } = api.readIds(data.done);
        if (ids.size) {
          api.add(ids);
          message = word("js.checklist_file.loaded", { count: ids.size });
          if (skipped) message += ` ${word("js.checklist_file.skipped", { count: skipped })}`;
        }
      } else if (isRecord(data) && data.format === FORMAT) {
        message = word("js.checklist_file.other_version");
      }
    }
    input.value = "";
    say(message);
  };

  // "Print this checklist" prints the page's title and that checklist only (checklist-file.css).
  const print = (section) => {
    const root = document.documentElement;
    root.classList.toggle("sc-checklist-file-print-one", Boolean(section));
    section?.classList.add("sc-checklist-file-printing");
    window.print();
    root.classList.remove("sc-checklist-file-print-one");
    section?.classList.remove("sc-checklist-file-printing");
  };

  document.addEventListener("click", (event) => {
    const api = sc.need("checklist");
    const button = event.target.closest("[data-sc-checklist-file-action]");
    if (button?.dataset.scChecklistFileAction === "print") print(button.closest(".sc-checklist"));
    const action = api && button?.dataset.scChecklistFileAction;
    if (action === "export") exportFile(api);
    if (action === "clear" && confirm(word("js.checklist_file.clear_confirm"))) say(api.clear());
  });
  document.addEventListener("change", (event) => {
    const api = sc.need("checklist");
    if (api && event.target.matches("[data-sc-checklist-file-import]") && event.target.files.length) importFile(api, event.target);
  });
});
