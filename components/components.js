/* What every component shares, written once, and the one way a component starts.
 *
 * A component is one file, `sc.component(name, start)`: `name` is its one name (its file, its
 * `data-sc-<name>` markup, its CSS block and its test module). `start` runs once, with errors
 * caught: one broken component stops only itself. It sets up its listeners and may return a
 * function to run on every show of the page (also error-caught, each time).
 *
 * The words a component writes into the page come from `sc.word(key, values)`: the site's
 * own words (content/strings.yml) that overrides/main.html puts into every page as data.
 *
 * The quick exit and the one history entry (quick-exit.js, one-entry.js) do not use this
 * file: they load on their own, first, so nothing here can stop them. */
(() => {
  "use strict";
  const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

  // Material's markup the components depend on: after a change of theme, this is the place.
  const material = Object.freeze({
    content: ".md-content", // the page's own content, not the navigation
    navItem: ".md-nav__item",
    navNested: ".md-nav__item--nested", // a section of the menu, such as Phases
    footerNext: ".md-footer__link--next",
    footerTitle: ".md-ellipsis", // the title inside a footer link
    drawer: "__drawer", // id of the checkbox that opens the navigation drawer
    drawerButton: "label.md-header__button[for=__drawer]",
  });

  // Put `text` in the live region `el`; with `wait`, only once `wait` ms pass with no newer
  // call, so a screen reader hears where the reader paused rather than every key.
  const timers = new WeakMap();
  const say = (el, text, wait = 0) => {
    if (!el) return;
    clearTimeout(timers.get(el));
    if (wait) timers.set(el, setTimeout(() => { el.textContent = text; }, wait));
    else el.textContent = text;
  };

  // The words for scripts, as data in the page (#sc-words); read again only when the page's
  // copy is a new one (Material swaps it with the banner on instant navigation).
  let island = null;
  let words = {};
  const read = () => {
    const el = document.getElementById("sc-words");
    if (el === island) return words;
    island = el;
    words = {};
    try {
      const data = el ? JSON.parse(el.textContent) : null;
      if (data && typeof data === "object" && !Array.isArray(data)) words = data;
    } catch { /* garbled: every word falls back to its key */ }
    return words;
  };
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const has = (key) => own(words, key) && typeof words[key] === "string";

  // The text of `key`, each {name} filled from `values`. With a numeric `count` and no text of
  // its own, the key is a pair: `key.one` for 1, `key.other` for any other count. A missing
  // word (no data in the page, or not this key) is the key itself, so no component stops.
  const word = (key, values = {}) => {
    read();
    const plural = `${key}.${values.count === 1 ? "one" : "other"}`;
    const name = has(key) ? key : typeof values.count === "number" && has(plural) ? plural : null;
    if (name === null) return key;
    return words[name].replace(/\{([a-z_][a-z0-9_]*)\}/g, (all, part) => (own(values, part) ? String(values[part]) : all));
  };

  const run = (name, fn) => {
    try {
      fn();
    } catch (error) {
      console.error(`Second Chance: the ${name} component stopped.`, error);
    }
  };

  const shows = [];
  let shown = false;
  const showAll = () => {
    shown = true;
    for (const [name, show] of shows) run(name, show);
  };

  const component = (name, start) => run(name, () => {
    const show = start();
    if (typeof show !== "function") return;
    shows.push([name, show]);
    if (shown) run(name, show); // the page was already shown before this component started
  });

  // What one component offers another (message-match.js to message-check.js): named, through
  // sc, never a global of its own. `need` gives null when the giver did not start.
  const given = new Map();
  const provide = (name, api) => { given.set(name, api); };
  const need = (name) => given.get(name) || null;

  window.sc = Object.freeze({ $$, say, word, material, component, provide, need });

  // Once per show of the page: Material's document$ emits on the first load and on each
  // instant navigation; a page restored from the back-forward cache gets only a pageshow.
  window.addEventListener("pageshow", (event) => { if (event.persisted) showAll(); });
  if (window.document$) window.document$.subscribe(showAll);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showAll);
  else showAll();
})();
