"""OCR from the window: the background run, its progress, and re-OCR of a region."""
