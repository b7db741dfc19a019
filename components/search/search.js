/* Search, loaded when the reader opens it. The index (search/index.json, made from the built
 * pages by guide/search_index.py after any engine's build: plain text, one per language) is
 * fetched on the first open, never before, and searched here in the page: no worker, nothing
 * from another origin. What the reader types stays in the field: never in the
 * address, the history or storage, and it is emptied when the page is left. No theme's search
 * runs (partials/search.html has no form named "search", no data-md-component), so no engine's
 * worker or index loads. search-open.js opens the dialog and fetches this file then. */
(() => {
  "use strict";
  const root = document.querySelector("[data-sc-search]");
  if (!root) return;
  const MAX_PAGES = 10;
  const MAX_SECTIONS = 3;
  const SPEAK_MS = 700; // the count is read out once typing pauses, not on every key
  const words = root.dataset;
  const form = root.querySelector("form");
  const input = form.querySelector("input");
  const meta = root.querySelector(".sc-search__meta");
  const list = root.querySelector(".sc-search__list");
  const live = root.querySelector("[data-sc-search-live]");
  const index = new URL(words.scSearchIndex, document.baseURI); // the first page's address: fixed
  const base = new URL("..", index);
  let docs = null;
  let loading = null;
  let timer = 0;

  // Case and accents do not count ("Éxito" finds "exito"), so Spanish and French work too.
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const terms = (query) => [...new Set(fold(query).match(/[\p{L}\p{N}]+/gu) || [])].slice(0, 8);

  // Where `term` starts a word in `hay` (so "apolog" finds "apologise").
  const starts = (hay, term) => {
    const out = [];
    for (let i = hay.indexOf(term); i !== -1 && out.length < 20; i = hay.indexOf(term, i + 1)) {
      if (i === 0 || !/[\p{L}\p{N}]/u.test(hay[i - 1])) out.push(i);
    }
    return out;
  };

  const load = () => (loading ||= fetch(index)
    .then((response) => {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then((data) => {
      docs = (data.docs || []).map((d) => {
        const text = String(d.text || ""); // plain text: shown as text, never parsed as HTML
        const url = new URL(d.location, base);
        const title = String(d.title || "");
        return { href: url.href, page: url.href.split("#")[0], title, text, ft: fold(title), fx: fold(text) };
      });
      show();
    })
    .catch(() => {
      loading = null; // the next keystroke or open tries again
      meta.textContent = words.scSearchFailed;
    }));

  // Material's page icon (file-search-outline) beside each page's title, on wide screens.
  const PAGE_ICON =
    "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h7c-.41-.25-.8-.56-1.14-.9-.33-.33-.61-.7-.86-1.1H6V4h7v5h5v1.18c.71.16 1.39.43 2 .82V8zm6.31 16.9c1.33-2.11.69-4.9-1.4-6.22-2.11-1.33-4.91-.68-6.22 1.4-1.34 2.11-.69 4.89 1.4 6.22 1.46.93 3.32.93 4.79.02L22 23.39 23.39 22zm-3.81.1a2.5 2.5 0 0 1-2.5-2.5 2.5 2.5 0 0 1 2.5-2.5 2.5 2.5 0 0 1 2.5 2.5 2.5 2.5 0 0 1-2.5 2.5";
  const pageIcon = () => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    const path = document.createElementNS(svg.namespaceURI, "path");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", "sc-search__page");
    path.setAttribute("d", PAGE_ICON);
    svg.append(path);
    return svg;
  };

  const el = (tag, className, text) => {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  };

  // About 200 characters of the text from just before the first hit, hits marked.
  const teaser = (doc, ts) => {
    const first = Math.min(...ts.flatMap((t) => starts(doc.fx, t).slice(0, 1)));
    let from = Math.max(0, first - 60);
    if (from) from = doc.text.indexOf(" ", from) + 1;
    const text = doc.text.slice(from, from + 200);
    const p = el("p");
    const marks = doc.fx.length === doc.text.length // folding kept every position (Latin text)
      ? ts.flatMap((t) => starts(doc.fx.slice(from, from + 200), t).map((i) => [i, i + t.length])).sort((a, b) => a[0] - b[0])
      : [];
    let at = 0;
    for (const [start, end] of marks) {
      if (start < at) continue;
      p.append(text.slice(at, start), el("mark", "", text.slice(start, end)));
      at = end;
    }
    p.append(text.slice(at) + (from + 200 < doc.text.length ? " …" : ""));
    if (from) p.prepend("… ");
    return p;
  };

  const entry = (doc, top, ts) => {
    const a = el("a", "sc-search__link");
    a.href = doc.href;
    const article = el("article");
    if (top) a.append(pageIcon());
    article.append(el(top ? "h1" : "h2", "", doc.title));
    if (doc.score && doc.text) article.append(teaser(doc, ts));
    a.append(article);
    return a;
  };

  const show = () => {
    clearTimeout(timer);
    if (!docs) return;
    const ts = terms(input.value);
    list.replaceChildren();
    if (!ts.length) {
      meta.textContent = words.scSearchPlaceholder;
      live.textContent = "";
      return;
    }
    // Each document scores by how many words it has and how often; titles count most.
    const pages = new Map();
    for (const doc of docs) {
      let found = 0;
      doc.score = 0; // read by entry(): a teaser only for what matched
      for (const t of ts) {
        const inTitle = starts(doc.ft, t).length;
        const inText = Math.min(starts(doc.fx, t).length, 5);
        if (inTitle || inText) found += 1;
        doc.score += 10 * inTitle + inText;
      }
      if (!found) continue;
      doc.score += found * 100 + (doc.href === doc.page ? 50 : 0); // a page's own title first
      const group = pages.get(doc.page) || { best: 0, hits: [] };
      group.best = Math.max(group.best, doc.score) + 1; // more matching sections, higher
      group.hits.push(doc);
      pages.set(doc.page, group);
    }
    const ranked = [...pages].sort((a, b) => b[1].best - a[1].best);
    for (const [page, group] of ranked.slice(0, MAX_PAGES)) {
      const li = el("li", "sc-search__item");
      const top = docs.find((d) => d.href === page) || group.hits[0];
      li.append(entry(top, true, ts));
      const sections = group.hits.filter((d) => d !== top).sort((a, b) => b.score - a.score);
      for (const doc of sections.slice(0, MAX_SECTIONS)) li.append(entry(doc, false, ts));
      list.append(li);
    }
    const n = ranked.length;
    meta.textContent = n === 0 ? words.scSearchNone : n === 1 ? words.scSearchOne : words.scSearchOther.replace("#", String(n));
    timer = setTimeout(() => { live.textContent = meta.textContent; }, SPEAK_MS);
  };

  input.addEventListener("focus", load);
  input.addEventListener("input", () => (docs ? show() : load()));
  form.addEventListener("submit", (event) => {
    event.preventDefault(); // a submitted form would put the words into the address
    list.querySelector("a")?.click();
  });
  form.addEventListener("reset", () => setTimeout(() => { show(); input.focus(); }));
  window.addEventListener("pagehide", () => { form.reset(); list.replaceChildren(); });
  if (!root.hidden) load(); // search is open: this file was fetched because it opened
})();
