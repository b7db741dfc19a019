// Runs the page's own message-match.js on many drafts at once, for the corpus tests
// (tests/message_corpus.py): stdin {rules, phase, drafts: [text]}, stdout [{danger, found}].
"use strict";
const { prepare, judge } = require("../../components/message-check/message-match.js");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const rules = prepare(input.rules);
process.stdout.write(JSON.stringify(input.drafts.map((draft) => judge(draft, rules, input.phase))));
