"""The transcript editor and the edits made in it: typing, find and replace."""
