/* The checklist's record, pure: no page and no storage, so Node runs it in the unit tests
 * (checklist-record.test.cjs, beside it) and checklist.js runs the same code on the page.
 *
 * readIds(done)                -> { ids: Set, skipped }  valid ids of a kept record or a file
 * applied(saved, ops)          -> Set                    saved ids with this visit's changes on top
 * undone(mine, before, after)  -> [[id, ticked]]         our changes another tab's write undid unseen
 * items(text)                  -> [[id, ...former]]      an element's data-sc-checklist-items
 * moved(ids, items)            -> [[id, ticked]]         ticks under a former id, moved to the item
 * done(items, ids)             -> count                  items ticked, under any of their ids */
((define) => {
  "use strict";
  const VERSION = 2;
  const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  const isRecord = (x) => x && typeof x === "object" && !Array.isArray(x);

  // Version 1 kept {id: time}, 2 keeps [id]. Times are dropped; anything else is skipped.
  const readIds = (done) => {
    const list = Array.isArray(done) ? done
      : isRecord(done) ? Object.keys(done).map((id) => typeof done[id] === "string" && id) : null;
    const ids = new Set((list || []).filter((id) => typeof id === "string" && ID.test(id)));
    return { ids, skipped: list ? list.length - ids.size : 1 };
  };

  const applied = (saved, ops) => {
    const ids = new Set(saved);
    for (const [id, on] of ops) on ? ids.add(id) : ids.delete(id);
    return ids;
  };

  // Another tab wrote `after` over `before`. A change of ours (`mine`: id -> ticked) that
  // neither shows was undone unseen (that tab read before we wrote): it is put back. One that
  // `before` showed and `after` reverses was that tab's reader's own choice, and stands.
  const undone = (mine, before, after) =>
    [...mine].filter(([id, on]) => before.has(id) !== on && after.has(id) !== on);

  const items = (text) => (text || "").split(" ").filter(Boolean).map((t) => t.split("|"));

  const moved = (ids, list) => list.flatMap(([id, ...former]) =>
    former.filter((old) => ids.has(old)).flatMap((old) => [[old, false], [id, true]]));

  const done = (list, ids) => list.filter((names) => names.some((id) => ids.has(id))).length;

  define("checklist-record", Object.freeze({ VERSION, isRecord, readIds, applied, undone, items, moved, done }));
})(typeof module === "object" && module.exports ? (_, api) => { module.exports = api; } : (name, api) => sc.provide(name, api));
