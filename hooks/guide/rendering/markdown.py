"""Render the typed guide into Markdown pages. Pure: knows nothing of MkDocs.

Each page is a Jinja2 template in `templates/`; this module only chooses templates, passes
them data and resolves `guide:` links, so the output can feed any Markdown site generator.
The templates' own words come from the content's strings (content/strings.yml), through
`t('key', name=value)`; see content/strings.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
import jinja2.nodes
import markupsafe

from ..components import COMPONENTS
from ..content.loading import GUIDE_FILE, SAFETY_FILE, Content
from ..content.model import Helpline, Phase, TextService
from ..content.problems import ContentError, Problem
from ..content.strings import TEMPLATES, MissingWord, Strings, template_shown, word
from ..message_check.rules import RulesFile, rules_file
from ..rendering.routes import FIXED_PAGES, phase_path, resolve_links, targets
from ..translations.field_use import FieldRef, note, note_word, reading


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str
    source: str  # the content file it is made from, for edit links
    # The translatable fields it shows (translations/field_use.py): the page is stale if one of them is.
    fields: frozenset[FieldRef] = field(default=frozenset(), compare=False)


class ReadingEnvironment(jinja2.Environment):
    """Jinja's attribute and item lookups, noted (field_use.note): every `phase.title` a
    template shows is a field the page read."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        value = super().getattr(obj, attribute)
        note(obj, attribute)
        return value

    def getitem(self, obj: Any, argument: Any) -> Any:
        value = super().getitem(obj, argument)
        if isinstance(argument, str):
            note(obj, argument)
        return value


@cache
def environment() -> jinja2.Environment:
    env = ReadingEnvironment(
        # The page templates by name, the components' by their folder: "checklist/checklist.html.j2".
        loader=jinja2.FileSystemLoader([TEMPLATES, COMPONENTS]),
        undefined=jinja2.StrictUndefined,
        # Markdown templates: content is validated to hold no raw HTML, so no escaping here;
        # the .html templates escape everything they are given.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Compiling the templates is most of the hook's time on a small guide; Jinja keeps the
        # compiled code in the user's temp folder, keyed by each template's source checksum.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
    )
    env.filters["item"] = list_item
    env.filters["bullet"] = bullet
    env.filters["scalar"] = json.dumps
    env.filters["dial"] = dial
    env.filters["sms"] = sms
    env.filters["named"] = named
    env.filters["lead"] = lead
    env.filters["href"] = href
    env.filters["item_tokens"] = item_tokens
    env.filters["all_item_tokens"] = lambda guide: " ".join(item_tokens(phase) for phase in guide.phases)
    env.filters["item_total"] = lambda guide: sum(len(phase.checklist) for phase in guide.phases)
    env.globals.update(by_region=by_region)
    return env


def translator(strings: Strings) -> object:
    """`t(key, **values)` for the templates: the text of `key` in `strings`, values filled in.

    In the .html templates (autoescaped) the values are escaped as Jinja escapes any value,
    and the catalog's own text only where HTML needs it (`&`, `"` and brackets; an apostrophe
    is left as it is): "Don't" stays "Don't" in the page's source, as it was written there.
    """

    @jinja2.pass_eval_context
    def t(context: jinja2.nodes.EvalContext, key: str, **values: object) -> str:
        note_word(strings, key, values.get("count"))
        if not context.autoescape:
            return word(strings, key, **values)
        safe = {name: value if isinstance(value, int) else markupsafe.escape(value) for name, value in values.items()}
        return markupsafe.Markup(word(_html_text(strings, key), key, **safe))

    return t


def _html_text(strings: Strings, key: str) -> dict[str, str]:
    """The catalog's texts for `key` (and its plural forms), escaped for HTML but for apostrophes."""
    return {
        name: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
        for name, text in strings.items()
        if name == key or name.startswith(key + ".")
    }


def item_tokens(phase: Phase) -> str:
    """`id|former|former id2` tokens: the checklist script counts a tick under a former id."""
    return " ".join("|".join((item.id, *item.former_ids)) for item in phase.checklist)


def list_item(text: str, width: int = 4) -> str:
    """Indent every line after the first so multi-paragraph text stays inside its list item."""
    lines = text.strip().splitlines() or [""]
    return "\n".join([lines[0], *(f"{' ' * width}{line}" if line.strip() else "" for line in lines[1:])])


def bullet(text: str) -> str:
    """A list item for a `- ` line in a list of them; one of several lines ends with a blank
    line, without which the next item's `- ` would run on as text in its last paragraph."""
    item = list_item(text)
    return item + "\n" if "\n" in item else item


def href(url: str) -> str:
    """`url` percent-encoded wherever it could end a Markdown link or an HTML attribute.

    The model already refuses such addresses; this keeps the page safe even if it did not.
    """
    return quote(url, safe="%!$&*+,;=:@/?#")


def render_page(template: str, src_uri: str, content: Content, *, source: str, **context: object) -> GeneratedPage:
    guide = content.guide
    try:
        with reading(content) as fields:
            markdown = (
                environment()
                .get_template(template)
                .render(guide=guide, page_path=src_uri, t=translator(content.strings), **context)
            )
    except MissingWord as missing:
        # A computed key (`'audience.' ~ who`) that loading could not check: still a clean message.
        shown, line = _template_line(missing, template)
        key = missing.args[0]
        problem = Problem(shown, line, f"t('{key}')", f"'{key}' is not in the site's words")
        raise ContentError([problem]) from None
    paths = targets(phase.id for phase in guide.phases)
    return GeneratedPage(src_uri, resolve_links(markdown, from_path=src_uri, paths=paths), source, frozenset(fields))


def _template_line(error: BaseException, template: str) -> tuple[str, int]:
    """The innermost template (as messages name it) and line in `error`'s traceback: Jinja
    puts each template's own file and line into the frames it raises through."""
    found = (template_shown(TEMPLATES / template) or template, 1)
    frame = error.__traceback__
    while frame is not None:
        shown = template_shown(Path(frame.tb_frame.f_code.co_filename))
        if shown is not None:
            found = (shown, frame.tb_lineno)
        frame = frame.tb_next
    return found


def message_rules(content: Content) -> RulesFile:
    """The message check's rules file, which the phase pages name and the site serves beside its scripts."""
    return rules_file(content.guide, content.language, content.message_model)


def phase_pages(content: Content) -> list[GeneratedPage]:
    """One page per phase, in model order. The message check's "do not send this" shows the
    safety page's own words (crisis lines, sections)."""
    guide, safety = content.guide, content.safety
    rules = message_rules(content).name
    pages = []
    for number, phase in enumerate(guide.phases, start=1):
        following: Phase | None = guide.phases[number] if number < len(guide.phases) else None
        pages.append(
            render_page(
                "phase.md.j2",
                phase_path(phase.id),
                content,
                source=GUIDE_FILE,
                phase=phase,
                number=number,
                following=following,
                safety=safety,
                message_rules_file=rules,
            )
        )
    return pages


def by_region(helplines: tuple[Helpline, ...]) -> list[tuple[str, list[Helpline]]]:
    """Helplines grouped by region, regions in the order the content first names them."""
    groups: dict[str, list[Helpline]] = {}
    for helpline in helplines:
        groups.setdefault(helpline.region, []).append(helpline)
    return list(groups.items())


KEYPAD = str.maketrans(
    {
        letter: str(digit)
        for digit, letters in {2: "ABC", 3: "DEF", 4: "GHI", 5: "JKL", 6: "MNO", 7: "PQRS", 8: "TUV", 9: "WXYZ"}.items()
        for letter in letters
    }
)


def digits(number: str) -> str:
    """`0808 2000 247` -> `08082000247`; letters become keypad digits (1800RESPECT)."""
    return "".join(ch for ch in number.upper().translate(KEYPAD) if ch.isdigit())


def dial(number: str) -> str:
    """A tap-to-call link: `tel:08082000247`."""
    return "tel:" + digits(number)


def sms(service: TextService) -> str:
    """A tap-to-text link with the keyword as the message: `sms:88788?&body=START`.

    `?&body=` rather than `?body=`: Android reads either, and iOS needs the `&` to fill the body.
    """
    return f"sms:{digits(service.number)}" + (f"?&body={service.keyword}" if service.keyword else "")


def named(line: Helpline) -> str:
    """A line's name for a Markdown template, marked with its language when that is not the
    page's (`name_lang`), so a screen reader says "Find A Helpline" as English on a Spanish page."""
    if not line.name_lang:
        return line.name
    return f'<span lang="{markupsafe.escape(line.name_lang)}">{markupsafe.escape(line.name)}</span>'


def lead(body: str) -> str:
    """A section's opening, for a box that links to the rest: its first paragraph, and what that
    paragraph introduces when it ends on a colon ("These lines talk with people in your place:"
    and their list), so the box never stops at a colon with nothing after it."""
    parts = body.strip().split("\n\n")
    take = 1
    while take < len(parts) and parts[take - 1].rstrip().endswith(":"):
        take += 1
    return "\n\n".join(parts[:take])


def safety_pages(content: Content) -> list[GeneratedPage]:
    """The triage before phase one, and the safety and support page."""
    context = {"safety": content.safety, "first_phase": content.guide.phases[0]}
    return [
        render_page("triage.md.j2", FIXED_PAGES["triage"], content, source=SAFETY_FILE, **context),
        render_page("safety.md.j2", FIXED_PAGES["safety"], content, source=SAFETY_FILE, **context),
    ]


def whole_guide_page(content: Content) -> GeneratedPage:
    """Every phase on one page, for reading straight through or printing."""
    return render_page(
        "whole_guide.md.j2",
        FIXED_PAGES["whole-guide"],
        content,
        source=GUIDE_FILE,
        safety=content.safety,
        message_rules_file=message_rules(content).name,
    )


def checklists_page(content: Content) -> GeneratedPage:
    """Every checklist on one page, to tick, print, export or clear."""
    return render_page("checklists.md.j2", FIXED_PAGES["checklists"], content, source=GUIDE_FILE)


def site_pages(content: Content) -> list[GeneratedPage]:
    """Every page generated from the content model."""
    return [
        *phase_pages(content),
        checklists_page(content),
        whole_guide_page(content),
        *safety_pages(content),
    ]


def phases_at_a_glance(content: Content, *, from_path: str) -> str:
    """The numbered list of phases that the home page shows in place of its marker."""
    return render_page("at_a_glance.md.j2", from_path, content, source=GUIDE_FILE).markdown


def phase_overview(content: Content, *, from_path: str) -> str:
    """One sentence for the home page: how many phases, from the first to the last, linked."""
    return render_page("phase_overview.md.j2", from_path, content, source=GUIDE_FILE).markdown.strip()


def first_phase_link(content: Content, *, from_path: str) -> str:
    """A link to the first phase, by its title."""
    return render_page("first_phase.md.j2", from_path, content, source=GUIDE_FILE).markdown.strip()
