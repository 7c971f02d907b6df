"""Review: the audit trail's checks and the archivist's decisions.

`verify` rebuilds every page from its OCR baseline plus the events and checks the hash chain,
images (`coverage`: and everything else an export carries) and sign-offs; `decisions` lists
edits for review and records approvals and rejections; `signing` holds reviewers' Ed25519 keys,
`trust` the trust store that says whose they are, `receipts` what the archive keeps outside a
project; `sampling` draws quality-control samples; `report` writes the audit report.
"""

from __future__ import annotations
