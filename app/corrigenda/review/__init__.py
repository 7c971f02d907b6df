"""Review: the audit trail's checks and the archivist's decisions.

`verify` rebuilds every page from its OCR baseline plus the events and checks the hash chain,
images and sign-offs; `decisions` lists edits for review and records approvals and rejections;
`signing` holds reviewers' Ed25519 keys; `sampling` draws quality-control samples; `report`
writes the audit report.
"""

from __future__ import annotations
