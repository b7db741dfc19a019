"""The content model: typed, frozen records that the YAML in `content/` must fit.

These classes are the single source of truth for the shape of the guide. The JSON Schema in
`content/schema/` is generated from them (`python -m guide.content.schema`), and a test fails when the
committed schema drifts from what they generate.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, StringConstraints
from pydantic_core import PydanticCustomError

from ..message_check.patterns import MAX_LENGTH, PatternError, check_pattern, check_spelling
from ..translations.fields import TEXT

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A host name with a dot, then only characters that need no escaping in a Markdown link or an
# HTML attribute: no spaces, quotes, brackets or parentheses (write those as %20, %28...).
URL_PATTERN = (
    r"^https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
    r"(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~%!$&*+,;=:@/?#-]*)?$"
)
PHONE_PATTERN = r"^[0-9A-Z][0-9A-Z \-]*[0-9A-Z]$"
LANGUAGE_PATTERN = r"^[a-z]{2}$"  # ISO 639-1: only its shape is checked, not the list of codes
KEYWORD_PATTERN = r"^[A-Z0-9]+$"
_CONTROL = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
# One line: no line breaks or control characters, and no space at either end.
LINE_PATTERN = rf"^[^\s{_CONTROL}](?:[^{_CONTROL}]*[^\s{_CONTROL}])?$"
TEXT_PATTERN = r"\S"  # Markdown with something in it besides spaces
# What would make a one-line field start a block (heading, quote, list, rule, fence, note)
# where a template places it on a line of its own.
_BLOCK_START = re.compile(r"#|>|[-*+](?:\s|$)|[0-9]{1,9}[.)](?:\s|$)|(?:[-*_]\s*){3,}$|!!!|\?\?\?|```|~~~")


def _plain_line(text: str) -> str:
    if _BLOCK_START.match(text):
        raise PydanticCustomError(
            "line_block_syntax", "must be plain text: it cannot start with Markdown such as '#', '>', '- ' or '1. '"
        )
    if "[" in text or "]" in text:
        # Templates put some lines inside a link's brackets; a bracket here could end it.
        raise PydanticCustomError("line_brackets", "must be plain text without [ or ]; links go in Markdown fields")
    return text


def _date_text(value: Any) -> Any:
    """Dates as written, YYYY-MM-DD: not a number that pydantic would read as a Unix time."""
    if isinstance(value, (str, date)):
        return value
    raise PydanticCustomError("date_type", "must be a date written YYYY-MM-DD")


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=60),
    Field(description="Lower-case words joined by hyphens. Stable: used in URLs and storage keys."),
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, pattern=TEXT_PATTERN),
    TEXT,
    Field(description="Markdown text. Raw HTML is rejected. Link to other pages with guide:ID."),
]
Line = Annotated[
    str,
    StringConstraints(min_length=1, max_length=160, pattern=LINE_PATTERN),
    AfterValidator(_plain_line),
    TEXT,
    Field(description="One line of plain text (no Markdown block syntax), at most 160 characters."),
]


class Record(BaseModel):
    """Base for every record: unknown fields are errors, not silently ignored typos."""

    # Pydantic never turns numbers or booleans into text, so `title: 12` is still an error.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(Record):
    title: Line = Field(description="What to do, starting with a verb.")
    detail: Markdown = Field(description="How and why, in a few sentences.")


class Example(Record):
    message: Line = Field(description="A short example message, as the reader might send it.")
    note: Markdown = Field(description="Why this works, or what to adapt.")


class ChecklistItem(Record):
    id: Slug = Field(description="Stable id, unique across the whole guide. Never reuse an old one.")
    text: Line = Field(description="The task, starting with a verb.")
    former_ids: tuple[Slug, ...] = Field(
        default=(),
        description="Ids this item had before; saved ticks under them carry over to this item.",
    )


def _check_in_flag(value: Any) -> Any:
    """A check-in asks the stop rule's one question over its whole list, never words of its own:
    a hand-picked subset of the signs would tell the reader the others do not count here."""
    if isinstance(value, dict):
        raise PydanticCustomError(
            "check_in_own_words",
            "must be true or false: the check-in asks `stop.check_in` over every sign in `stop.signals`, "
            "so it takes no question or list of its own",
        )
    return value


CheckIn = Annotated[StrictBool, BeforeValidator(_check_in_flag)]


def _pattern(text: str) -> str:
    try:
        check_pattern(text)
    except PatternError as error:
        raise PydanticCustomError("message_pattern", str(error)) from None
    return text


Phrase = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_LENGTH),
    AfterValidator(_pattern),
    Field(
        description='Lower-case words as a reader might type them, matched whole: "i\'ll come over". Also: word* '
        "(any word it starts), (a|b) (either), ? after a word or group (may be left out), ... (up to four words) "
        "and . (end of a sentence). See CONTRIBUTING.md."
    ),
]
RuleKind = Literal["limit", "avoid", "include", "danger"]


class Limits(Record):
    """Most a draft may have; leave out what does not matter."""

    words: int | None = Field(default=None, ge=1, le=1000, description="Most words.")
    lines: int | None = Field(default=None, ge=1, le=100, description="Most lines with text on them.")
    questions: int | None = Field(default=None, ge=0, le=20, description="Most question marks.")


def _rule_fits_kind(rule: MessageRule) -> MessageRule:
    wants_phrases = rule.kind in ("avoid", "include", "danger")
    if wants_phrases and not (rule.phrases or rule.together):
        need = "'phrases' or 'together'" if rule.kind == "danger" else "'phrases'"
        raise PydanticCustomError(
            "rule_phrases", "a rule of kind '{kind}' needs {need}", {"kind": rule.kind, "need": need}
        )
    if rule.together and rule.kind != "danger":
        raise PydanticCustomError("rule_together", "only a rule of kind 'danger' has 'together'")
    if wants_phrases and rule.limits is not None:
        raise PydanticCustomError("rule_limits", "only a rule of kind 'limit' has 'limits'")
    if rule.kind == "limit" and (rule.limits is None or rule.phrases):
        raise PydanticCustomError("rule_limit", "a rule of kind 'limit' needs 'limits' and no 'phrases'")
    if rule.kind == "limit" and rule.limits is not None and not rule.limits.model_fields_set:
        raise PydanticCustomError("rule_limit_empty", "'limits' needs at least one of words, lines or questions")
    if (rule.kind == "danger") != (rule.section is not None):
        raise PydanticCustomError("rule_section", "a rule of kind 'danger', and only that kind, names a 'section'")
    return rule


class MessageRule(Record):
    """One check of the message check: a rule a draft meets, or, for `danger`, a reason not to send it."""

    id: Slug = Field(description="Unique among the rules the phase's message check uses.")
    label: Line = Field(description="The rule in a few words, e.g. 'Short'.")
    explanation: Line = Field(description="Why, in one short, plain sentence.")
    kind: RuleKind = Field(
        description=(
            "limit: the draft stays within `limits`. avoid: it has none of the `phrases`. include: it has at least "
            "one of them. danger: it has none of them and not all parts of `together`; if it has, the tool gives "
            "no score and says not to send it."
        )
    )
    phrases: tuple[Phrase, ...] = Field(default=(), description="For avoid, include and danger: any one is enough.")
    together: tuple[Annotated[tuple[Phrase, ...], Field(min_length=1)], ...] = Field(
        default=(),
        min_length=2,
        description="For danger: parts that must all be in the draft, each with one of its phrases, in words "
        "no earlier part used (e.g. a stop they gave, and then the message going on anyway).",
    )
    limits: Limits | None = Field(default=None, description="For limit.")
    section: Slug | None = Field(
        default=None, description="For danger: the id of the safety page section shown with 'do not send this'."
    )


CheckedRule = Annotated[MessageRule, AfterValidator(_rule_fits_kind)]


class SpaceDays(Record):
    """The days of space after the last talk, for the calendar on the phase's page."""

    shortest: int = Field(ge=1, le=60, description="The first day the space may end, counted from the last talk.")
    longest: int = Field(ge=1, le=60, description="The last day it may end; at least `shortest`.")


def _space_order(days: SpaceDays) -> SpaceDays:
    if days.longest < days.shortest:
        raise PydanticCustomError("space_order", "'longest' must be at least 'shortest'")
    return days


class Phase(Record):
    id: Slug
    title: Line
    summary: Line = Field(description="One sentence; also the page's meta description.")
    check_in: CheckIn = Field(
        default=False,
        description="True for a phase in which the reader may be in contact with their ex: the stop rule's "
        "check-in question and every stop sign open the page, before any step.",
    )
    why: Markdown = Field(description="Why this phase matters.")
    timing: Markdown | None = Field(default=None, description="How long, or when, if known.")
    steps: tuple[Step, ...] = Field(min_length=1)
    # Optional: a page says each thing once, so what a step already says is not repeated here.
    dos: tuple[Markdown, ...] = Field(default=(), description="What to do, where no step says it.")
    donts: tuple[Markdown, ...] = Field(default=(), description="What not to do, where no step says it.")
    examples: tuple[Example, ...] = ()
    pitfalls: tuple[Markdown, ...] = ()
    limit: Markdown | None = Field(
        default=None,
        description="Where the advice meets a 'no': shown in the 'When to stop' note, above the guide's stop signals.",
    )
    ready_when: tuple[Markdown, ...] = Field(
        min_length=1, description="Signs the reader can move on to the next phase."
    )
    checklist: tuple[ChecklistItem, ...] = Field(min_length=1)
    message_rules: tuple[CheckedRule, ...] = Field(
        default=(),
        description="Rules for the message check on this page: the reader's draft is checked against these and "
        "the guide's `message_danger` rules, in the browser only.",
    )
    space_days: Annotated[SpaceDays, AfterValidator(_space_order)] | None = Field(
        default=None, description="Shows the space on a calendar: the reader picks the day of the last talk."
    )


class StopRule(Record):
    """The one rule for "stop": defined here once, shown in the triage, every "When to stop" note,
    the safety page and above the checklists."""

    lead: Line = Field(description="Introduces the list of signals, e.g. 'Any one of these means stop:'.")
    check_in: Line = Field(
        description="The yes/no question that opens every contact phase, asked over the whole list of signals."
    )
    signals: tuple[Line, ...] = Field(min_length=1, description="Each sign that contact is over, one short sentence.")
    instruction: Markdown = Field(description="What to do when any signal appears: one clear instruction.")
    summary: Line = Field(description="The whole rule in one line, above the first checklist and in its print.")
    section: Slug = Field(description="The id of the safety page section that shows the signals and says more.")


def _spellings(spellings: dict[str, str]) -> dict[str, str]:
    for spelling, words in spellings.items():
        try:
            check_spelling(spelling, words)
        except PatternError as error:
            raise PydanticCustomError("message_spelling", str(error)) from None
    return spellings


class Guide(Record):
    title: Line
    stop: StopRule = Field(description="The one rule for 'stop': every guide has it, as every page shows it.")
    message_danger: tuple[CheckedRule, ...] = Field(
        default=(),
        description="Rules of kind 'danger' for every message check: a draft with one of their phrases gets no "
        "score, only 'do not send this' and the safety page section the rule names.",
    )
    message_spellings: Annotated[dict[str, str], AfterValidator(_spellings)] = Field(
        default_factory=dict,
        description="How readers of this language write some words, read as the words before matching: "
        "'xq': 'porque', \"j'\": 'je'. Set from content/xx/phrases.yml; English's are in message-check.js.",
    )
    phases: tuple[Phase, ...] = Field(min_length=1)


# --- safety branch (content/safety.yml) ------------------------------------------------------

Audience = Literal["harmed", "own-behaviour", "anyone"]
Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN, max_length=2000),
    Field(description="An https:// address; write spaces, quotes and brackets as %20, %22, %28..."),
]
Day = Annotated[date, BeforeValidator(_date_text)]
Phone = Annotated[
    str,
    StringConstraints(pattern=PHONE_PATTERN, max_length=30),
    Field(description="As dialled, e.g. '0808 2000 247' or '1-800-799-7233' or '1800RESPECT'."),
]

Keyword = Annotated[
    str,
    StringConstraints(pattern=KEYWORD_PATTERN, max_length=20),
    Field(description="One word in capitals, as the service asks for it, e.g. 'START'."),
]


def _no_repeats(codes: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(codes)) != len(codes):
        raise PydanticCustomError("language_repeated", "names a language more than once")
    return codes


Language = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN),
    Field(description="A two-letter, lower-case ISO 639-1 language code, e.g. 'en', 'es', 'fr'."),
]


class Question(Record):
    id: Slug
    question: Line = Field(description="A yes/no question the reader answers for themselves.")
    detail: Markdown | None = Field(default=None, description="Examples that help the reader answer.")
    stop_signals: bool = Field(default=False, description="List the guide's stop signals under this question.")
    crisis: bool = Field(
        default=False,
        description="A 'yes' here may mean thoughts of self-harm: the result starts with the crisis lines.",
    )
    if_yes: Markdown = Field(
        description="Shown beside the question after a 'yes': the parts of the safety page that fit this answer."
    )


class Triage(Record):
    title: Line
    summary: Line
    intro: Markdown
    questions: tuple[Question, ...] = Field(min_length=1)
    if_yes: Markdown = Field(description="Shown for any 'yes': points to the safety page.")
    if_no: Markdown = Field(description="Shown when every answer is 'no': points to phase one.")


class Emergency(Record):
    region: Line
    number: Phone
    note: Markdown | None = None


class TextService(Record):
    """A text-message service: rendered as an sms: link, with the keyword as the message."""

    number: Phone = Field(description="The number or short code to text, e.g. '88788'.")
    keyword: Keyword | None = Field(default=None, description="The word the service asks you to send first, if any.")


class Helpline(Record):
    id: Slug
    name: Line
    name_lang: Language | None = Field(
        default=None,
        description="The language of `name` when it is not the page's, e.g. 'en' for an English name on the "
        "Spanish page: the name is marked with it, so a screen reader says it in that language.",
    )
    region: Line
    audience: tuple[Audience, ...] = Field(min_length=1, description="Who it is for.")
    description: Line = Field(description="Who it helps and how, in one line.")
    phone: Phone | None = None
    text: TextService | None = Field(default=None, description="How to reach it by text message, if it can be.")
    web: Url | None = None
    hours: Line | None = None
    languages: Annotated[tuple[Language, ...], AfterValidator(_no_repeats)] = Field(
        min_length=1,
        description="The languages the service answers in, as its own page says, e.g. [en, es]. Interpreters "
        "it can call in are not listed here; say so in the description if it matters.",
    )
    source: Url = Field(description="The public page this entry was checked against: the service's own, if it can be.")
    second_hand: bool = Field(
        default=False,
        description="True when `source` is not the service's own page, because the facts could not be checked there.",
    )
    checked: Day = Field(description="When it was last checked against the source (YYYY-MM-DD).")


class Section(Record):
    id: Slug
    title: Line
    body: Markdown
    early: bool = Field(
        default=False,
        description="Shown high on the safety page, right after the crisis lines and before the helplines.",
    )
    call_log: bool = Field(
        default=False,
        description="The section that ends with what a language's readers should know about calls staying in "
        "the call log (`call_log_note` in content/xx/helplines.yml).",
    )


class Crisis(Record):
    id: Slug = Field(description="The section's anchor on the safety page.")
    title: Line
    body: Markdown
    helplines: tuple[Helpline, ...] = Field(min_length=1, description="Crisis lines, each with its source and date.")


class Safety(Record):
    title: Line
    summary: Line
    crisis: Crisis = Field(description="For anyone thinking about harming themselves: first on the page.")
    intro: Markdown = Field(description="What to do instead of this guide: stop contact, get support.")
    emergency: tuple[Emergency, ...] = Field(min_length=1)
    helplines: tuple[Helpline, ...] = Field(min_length=1)
    directory: Helpline = Field(description="The international directory for everyone else.")
    sections: tuple[Section, ...] = Field(min_length=1)
    regions: tuple[Region, ...] = Field(
        default=(),
        description="The region chooser at the top of the page; 'Everywhere else' (the directory) is added.",
    )
    call_log_note: Markdown | None = Field(
        default=None,
        description="About calls staying in the phone's call log or bill, at the end of the `call_log` section.",
    )


class Region(Record):
    """A place the safety page's region chooser offers: its numbers are shown first when chosen."""

    id: Slug
    name: Line = Field(description="As the reader would look for it, e.g. 'United Kingdom'.")
    emergency: Phone | tuple[Phone, ...] | None = Field(
        default=None,
        description="The number of one of the page's emergency entries, or a list of them in the order to show "
        "them: a medical number beside the police's, e.g. [15, 17].",
    )
    helplines: tuple[Slug, ...] = Field(
        default=(), description="Ids of crisis lines, helplines or the directory, in the order to show them."
    )

    @property
    def numbers(self) -> tuple[str, ...]:
        """The region's emergency numbers, as a list however they were written."""
        if self.emergency is None:
            return ()
        return (self.emergency,) if isinstance(self.emergency, str) else self.emergency


class LocalHelp(Record):
    """A language's own help for its safety page (content/xx/helplines.yml): the numbers and
    lines its readers need, in their language, with the region chooser's entries. Language-owned
    data, not a translation: the English safety page's lists are not mirrored here."""

    language: Language = Field(description="The language of this file's words and of its readers.")
    emergency: tuple[Emergency, ...] = Field(min_length=1)
    crisis_helplines: tuple[Helpline, ...] = Field(
        min_length=1, description="Crisis lines, first on the page, each with its source and date."
    )
    helplines: tuple[Helpline, ...] = Field(min_length=1)
    directory: Helpline = Field(description="The international directory for everyone else.")
    regions: tuple[Region, ...] = Field(
        min_length=1,
        description="The region chooser at the top of the page; 'Everywhere else' (the directory) is added.",
    )
    call_log_note: Markdown | None = Field(
        default=None,
        description="What these readers should know about calls staying in the phone's call log or bill, "
        "for the page's browsing-safety words. Say only what a source says; no promises.",
    )


class QuickExit(Record):
    # Translated like text: each language names its own neutral page, in that language
    # (content/xx/safety.yml), as an English page opened from a Spanish one would stand out.
    url: Annotated[Url, TEXT] = Field(
        description="A neutral site the quick exit leads to, in the page's language: no sign-in, nothing "
        "personal shown. Each language names its own; the README says why each was chosen."
    )
    label: Line


class SafetyContent(Record):
    quick_exit: QuickExit
    triage: Triage
    safety: Safety
