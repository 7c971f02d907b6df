"""The scan: the page view with its word boxes, the line strip, decoded images."""
