"""Pictures: the section icons and the publisher's logo, read from untrusted files by their bytes and
within bounds, and drawn as vector art for PDFs and PNG for slides. Shared by print and deck; may import
files, fonts, theme and problems only."""
