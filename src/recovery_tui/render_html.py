"""An export's Markdown as one self-contained HTML page: inert, printable, readable on a phone.

Rendered with markdown-it-py's CommonMark preset and raw HTML off, so user text (already
escaped, see :mod:`recovery_tui.mdtext`) can add no tag. The FSI ... PDI marks the export
puts around each piece of user text become ``<bdi>`` elements: browsers isolate those
reliably. The page loads nothing remote and carries a Content-Security-Policy.

Printing: no forced page breaks (a heading is kept with what follows it instead), long
words wrap, and the supporter card is set a little smaller to stay on one page.
"""

from __future__ import annotations

import html

from recovery_tui.text import FSI, PDI

CSP = "default-src 'none'; style-src 'unsafe-inline'"
VIEWPORT = "width=device-width, initial-scale=1"
PRINT_CSS = """
body { font-family: Georgia, serif; max-width: 42em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #111; overflow-wrap: break-word; overflow-wrap: anywhere; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
li, tr { break-inside: avoid; page-break-inside: avoid; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: start; vertical-align: top; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; line-height: 1.35; }
               @page { margin: 1.5cm; } }
"""
CARD_CSS = """
@media print { body { font-size: 10pt; line-height: 1.25; } @page { margin: 1.2cm; }
               h1 { margin: 0 0 0.2em; } h2 { margin: 0.6em 0 0.2em; } p, ul { margin: 0.2em 0; } }
"""


def html_page(markdown: str, title: str, *, card: bool = False) -> str:
    """``markdown`` as a whole HTML page titled ``title``; ``card``: one page on paper."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(markdown)
    body = body.replace(FSI, "<bdi>").replace(PDI, "</bdi>")
    style = PRINT_CSS + (CARD_CSS if card else "")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="{VIEWPORT}">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html.escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )
