"""Deck: the talk deck — slides and speaker notes planned from the content model (plan, notes), then drawn
on a PowerPoint template (draw, base, pages, text, template, package, archive, measure, accessible). It may
import content, pictures, fonts, theme, wording and problems; never print or the build."""
