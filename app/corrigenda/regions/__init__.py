"""Typed regions of a page (printed, handwritten, furniture, marks): their geometry, the rules
that keep OCR out of handwriting, and finding handwriting among OCR's words.

Everything here is pure: the store's write path and verify's replay call the same functions,
so a page rebuilt from its events equals the page as stored.
"""
