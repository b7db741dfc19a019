// The learned model's training input, from the page's own message-match.js, for many drafts at
// once (hooks/guide/message_check/model.py): stdin {rules, phase, drafts: [text]}, stdout
// [{features, danger}]: each draft's features, and the danger rules it meets (the rules as given).
"use strict";
const { prepare, judge, norm, features } = require("../../components/message-check/message-match.js");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const rules = prepare(input.rules);
process.stdout.write(JSON.stringify(input.drafts.map((draft) => ({
  features: features(norm(draft, rules.how)),
  danger: judge(draft, rules, input.phase).danger,
}))));
