"""Regions from the window: accepting a proposed handwritten region, drawing a region on the
scan and choosing its type, typing a new line into a handwritten region, deleting one."""
