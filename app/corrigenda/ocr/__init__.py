"""OCR: finding the engine, loading page images, running Tesseract, batch runs."""
