"""Print: the PDF writers (A4 leaflet, large print, trifold), built from shared blocks and tagged for
screen readers. They read the content model and may import content, pictures, fonts, theme, wording and
problems; never the deck or the build."""
