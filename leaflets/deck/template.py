"""What the deck writer needs to know about a PowerPoint template: its layouts by role,
and the size, font and indent its text will actually be set in.

Layouts are found by what they hold (a centred title and subtitle; a title and one
content box) and by PowerPoint's layout type, not by their position or English name,
so an ordinary corporate or translated template works.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import _nsmap, qn

from leaflets.problems import TemplateError

EMU_PER_PT = 12700
TEXT_KINDS = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}
ROLES = {
    "title": "a title slide layout (a centred title and a subtitle)",
    "section": "a section header layout (a title and a text box, named 'Section …' or of type section header)",
    "content": "a title-and-content layout (a title and one content box)",
}


@dataclass(frozen=True)
class TextStyle:
    """How a placeholder's first-level text is set: size in points, font, and the text area in points."""

    size: float
    font: str
    width: float
    height: float


MAX_PLACEHOLDERS = 100
_PLACEHOLDERS = etree.XPath("count(./p:cSld/p:spTree/*/*[1]/p:nvPr/p:ph)", namespaces=_nsmap)


def check_placeholder_counts(prs, name: str) -> None:
    """Refuse a layout, or a notes master, with more placeholders than a slide could show: python-pptx copies
    each onto a new slide or notes page numbered after a search of all those before it, so 25,000 of them
    (4 MB of XML) took over ten minutes. PowerPoint's own layouts have fewer than ten."""
    holders = [(f"layout '{layout.name[:40]}'", layout._element) for layout in prs.slide_layouts]
    try:
        holders.append(("notes master", prs.part.part_related_by(RT.NOTES_MASTER)._element))
    except (KeyError, AttributeError):
        pass  # python-pptx makes its own notes master
    for what, element in holders:
        count = int(_PLACEHOLDERS(element))
        if count > MAX_PLACEHOLDERS:
            raise TemplateError(f"the template {name} has a {what} with {count:,} placeholders, far more than a "
                                f"slide needs (at most {MAX_PLACEHOLDERS}); delete them in PowerPoint's Slide Master "
                                "view, or use another template")


def find_layouts(prs, name: str = "template") -> dict:
    """The template's layout for each role in ROLES; TemplateError naming any that are missing."""
    layouts = list(prs.slide_layouts)
    found = {
        "title": [l for l in layouts if {PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.SUBTITLE} <= _kinds(l)],
        "content": [l for l in layouts if _has_title(l) and len(bodies(l)) == 1
                    and bodies(l)[0].placeholder_format.type == PP_PLACEHOLDER.OBJECT],
        "section": [l for l in layouts if _has_title(l) and bodies(l)
                    and (_type(l) == "secHead" or "section" in l.name.lower())],
    }
    missing = [role for role, candidates in found.items() if not candidates]
    if missing:
        needs = "; ".join(ROLES[role] for role in missing)
        raise TemplateError(f"{name} has no {' and no '.join(missing)} layout: it needs {needs}. "
                            "Add it in PowerPoint's Slide Master view, or use another template")
    return {role: candidates[0] for role, candidates in found.items()}


def bodies(layout_or_slide) -> list:
    """The placeholders that take list text (not the title, date, footer or number)."""
    return [ph for ph in layout_or_slide.placeholders if ph.placeholder_format.type in TEXT_KINDS]


def title_placeholder(layout):
    return next(ph for ph in layout.placeholders
                if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE))


def slide_number_placeholder(layout):
    return next((ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)


def text_style(layout, placeholder, level: int = 1) -> TextStyle:
    """The size, font and usable text area of a layout placeholder's text at `level`,
    following PowerPoint's inheritance: the placeholder, the master's matching placeholder,
    then the master's text styles."""
    master = layout.slide_master
    kind = placeholder.placeholder_format.type
    is_title = kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    chain = [placeholder._element, *_master_placeholders(master, is_title)]
    style_name = "p:titleStyle" if is_title else "p:bodyStyle"
    master_style = master._element.find(f"{qn('p:txStyles')}/{qn(style_name)}")

    def lookup(attribute_path):
        for element in chain:
            value = _attribute(element.find(f".//{qn('a:lstStyle')}"), level, attribute_path)
            if value is not None:
                return value
        return _attribute(master_style, level, attribute_path)

    size = _number(lookup(("defRPr", "sz")) or "1800", "a text size (sz)", 100, 400_000) / 100
    typeface = lookup(("defRPr", "latin", "typeface")) or "+mn-lt"
    indent = _number(lookup(("marL",)) or "0", "an indent (marL)", 0, 51_206_400)
    insets = _insets(chain)
    width = (placeholder.width - insets[0] - insets[1] - indent) / EMU_PER_PT
    height = (placeholder.height - insets[2] - insets[3]) / EMU_PER_PT
    return TextStyle(size=size, font=_resolve_font(master, typeface), width=width, height=height)


def _kinds(layout) -> set:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _has_title(layout) -> bool:
    return PP_PLACEHOLDER.TITLE in _kinds(layout)


def _type(layout) -> str | None:
    return layout._element.get("type")


def _master_placeholders(master, is_title: bool) -> list:
    kinds = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE} if is_title else {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT}
    return [ph._element for ph in master.placeholders if ph.placeholder_format.type in kinds]


def _attribute(list_style, level: int, path: tuple[str, ...]) -> str | None:
    """An attribute of `<a:lvlNpPr>` (or of a child, for paths longer than one) in a list style."""
    if list_style is None:
        return None
    element = list_style.find(qn(f"a:lvl{level}pPr"))
    for tag in path[:-1]:
        if element is None:
            return None
        element = element.find(qn(f"a:{tag}"))
    return None if element is None else element.get(path[-1])


def _insets(chain) -> tuple[int, int, int, int]:
    """Left, right, top and bottom insets of the text box, in EMU (PowerPoint's defaults when unset)."""
    defaults = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
    values = {}
    for key, default in defaults.items():
        for element in chain:
            body_pr = element.find(f".//{qn('a:bodyPr')}")
            if body_pr is not None and body_pr.get(key) is not None:
                values[key] = _number(body_pr.get(key), f"a text box inset ({key})", -51_206_400, 51_206_400)
                break
        values.setdefault(key, default)
    return values["lIns"], values["rIns"], values["tIns"], values["bIns"]


def _number(text: str, what: str, low: int, high: int) -> int:
    """A whole number from the template's XML, within what PowerPoint allows; TemplateError otherwise."""
    try:
        value = int(text)
    except ValueError:
        raise TemplateError(f"its slide master gives {what} of '{text[:40]}', which is not a whole number") from None
    if not low <= value <= high:
        raise TemplateError(f"its slide master gives {what} of {value}, outside what PowerPoint allows "
                            f"({low} to {high})")
    return value


def theme_root(master):
    """The slide master's theme, parsed without loading a DTD or expanding entities."""
    try:
        theme = master.part.part_related_by(RT.THEME)
    except KeyError:
        raise TemplateError("its slide master has no theme (the colours and fonts of a template)") from None
    try:
        return etree.fromstring(theme.blob, etree.XMLParser(resolve_entities=False, no_network=True,
                                                            load_dtd=False, huge_tree=False))
    except etree.XMLSyntaxError as error:
        raise TemplateError(f"its theme is not well-formed XML ({error})") from None


def _resolve_font(master, typeface: str) -> str:
    """A typeface name, with the theme's '+mn-lt' (body) and '+mj-lt' (heading) references looked up."""
    if not typeface.startswith("+"):
        return typeface
    root = theme_root(master)
    which = "a:minorFont" if typeface.startswith("+mn") else "a:majorFont"
    latin = root.find(f".//{qn(which)}/{qn('a:latin')}")
    return latin.get("typeface") if latin is not None else "Arial"
