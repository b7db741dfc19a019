// The checklist's record rules (checklist-record.js, beside this file), the same code the page
// runs: `node --test components/`, or tests/unit/test_js_units.py within the suite.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { VERSION, readIds, applied, undone, items, moved, done } = require("./checklist-record.js");

const set = (...ids) => new Set(ids);

test("a version 2 record gives its ids; version 1's {id: time} gives its ids without the times", () => {
  assert.equal(VERSION, 2);
  assert.deepEqual(readIds(["a", "b-2"]), { ids: set("a", "b-2"), skipped: 0 });
  assert.deepEqual(readIds({ a: "2026-01-01", b: "2026-01-02" }), { ids: set("a", "b"), skipped: 0 });
});

test("an id the model could not have written is skipped and counted, never kept", () => {
  assert.deepEqual(readIds(["ok", "Bad", "", 7, null, "__proto__", "a--b"]), { ids: set("ok"), skipped: 6 });
  assert.deepEqual(readIds({ ok: "time", notime: 3 }), { ids: set("ok"), skipped: 1 });
  for (const garbled of [undefined, null, "a", 3]) assert.deepEqual(readIds(garbled), { ids: set(), skipped: 1 });
});

test("this visit's changes go on top of what was saved", () => {
  const ops = new Map([["b", false], ["c", true]]);
  assert.deepEqual(applied(set("a", "b"), ops), set("a", "c"));
  assert.deepEqual(applied(set("a"), new Map()), set("a"));
});

test("ticks made at once in two tabs are both kept: the one the other tab's write undid comes back", () => {
  // Tab one ticked x and saved {x}. Tab two, which had read {} before that, ticked y and wrote {y}.
  const mine = new Map([["x", true]]);
  assert.deepEqual(undone(mine, set(), set("y")), [["x", true]]);
  // Had tab two read {x} first, its write {x, y} undid nothing.
  assert.deepEqual(undone(mine, set("x"), set("x", "y")), []);
});

test("a change the other tab's reader made knowingly stands", () => {
  // Tab two saw x ticked (before) and unticked it (after): that choice is not reversed.
  assert.deepEqual(undone(new Map([["x", true]]), set("x"), set()), []);
  // An untick of ours that the other tab's stale write brought back is put back to unticked.
  assert.deepEqual(undone(new Map([["x", false]]), set("x"), set("x")), [["x", false]]);
});

test("items read id|former ids, and a tick under a former id moves to the item", () => {
  const list = items("new|old|older plain  ");
  assert.deepEqual(list, [["new", "old", "older"], ["plain"]]);
  assert.deepEqual(moved(set("older"), list), [["older", false], ["new", true]]);
  assert.deepEqual(moved(set("new", "plain"), list), []);
  assert.deepEqual(items(undefined), []);
});

test("progress counts an item once, under any of its ids", () => {
  const list = items("new|old plain other");
  assert.equal(done(list, set("old", "new", "plain")), 2);
  assert.equal(done(list, set()), 0);
});
