"""`verify`, `keys` and `receipt`: is the history intact, whose keys are trusted, and what the
archive keeps outside a project (corrigenda.review.trust, corrigenda.review.receipts)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corrigenda.cli.common import open_project, plural, settings
from corrigenda.cli.text import shown
from corrigenda.errors import ExitCode, InputError, UsageError
from corrigenda.fileio import output
from corrigenda.review import receipts, signing, trust
from corrigenda.review.receipts import Receipt
from corrigenda.review.verify import VerifyReport, verify


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "verify",
        help="check the hash chain, rebuild every page from OCR + events, check images and "
        "sign-offs",
        description="Without a receipt, verify cannot tell a project cut short from one that "
        "never went further: keep each sign-off's receipt and give it with --receipt.",
    )
    p.add_argument("project")
    p.add_argument("--all", action="store_true", help="list every problem, not only the first 10")
    p.add_argument(
        "--trusted",
        nargs="?",
        const="",
        metavar="FILE",
        help="fail unless every sign-off's key is trusted: by this trust store file, or by "
        "yours when no FILE is given",
    )
    p.add_argument(
        "--receipt",
        action="append",
        default=[],
        metavar="FILE",
        help="a sign-off's receipt the project must still hold and extend (repeatable)",
    )
    p.set_defaults(run=cmd_verify)

    p = sub.add_parser("receipt", help="write the receipt of a project's latest sign-off")
    p.add_argument("project")
    p.add_argument("-o", "--output", default="-", help="output file ('-' for stdout, the default)")
    p.set_defaults(run=cmd_receipt)

    keys = sub.add_parser(
        "keys",
        help="signing keys and the trust store: create, export, import, list, revoke",
        description="Your keys live in your config folder; the trust store says whose public "
        "keys you trust, like Git's allowed signers. verify reports each sign-off as trusted, "
        "unknown or revoked by it.",
    )
    act = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    k = act.add_parser("create", help="make a signing key (and trust it here)")
    k.add_argument("name", help="whose key: the name its sign-offs carry")
    k.add_argument(
        "--passphrase",
        action="store_true",
        help=f"protect the private key with a passphrase (asked, or ${signing.PASSPHRASE_ENV})",
    )
    k.set_defaults(run=cmd_keys_create)
    k = act.add_parser("export", help="write a key's public half, for others to import")
    k.add_argument("name")
    k.add_argument("-o", "--output", default="-", help="output file ('-' for stdout)")
    k.set_defaults(run=cmd_keys_export)
    k = act.add_parser("import", help="trust a public key exported by 'keys export'")
    k.add_argument("file")
    k.add_argument("--valid-from", metavar="DATE", help="trust its sign-offs from this date")
    k.add_argument("--valid-until", metavar="DATE", help="trust its sign-offs up to this date")
    k.add_argument("--store", metavar="FILE", help="a trust store file other than yours")
    k.set_defaults(run=cmd_keys_import)
    k = act.add_parser("list", help="the trust store's keys, and which private keys are here")
    k.add_argument("--store", metavar="FILE", help="a trust store file other than yours")
    k.add_argument("--json", action="store_true", help="print JSON")
    k.set_defaults(run=cmd_keys_list)
    k = act.add_parser("revoke", help="stop trusting a name's keys, or one key by fingerprint")
    k.add_argument("which", metavar="NAME|FINGERPRINT")
    k.add_argument("--reason", help="why (shown by verify)")
    k.add_argument("--store", metavar="FILE", help="a trust store file other than yours")
    k.set_defaults(run=cmd_keys_revoke)


def cmd_verify(args: argparse.Namespace) -> int:
    trusted = args.trusted
    if trusted is None and settings().trusted_keys:
        trusted = settings().trusted_keys  # the archive's standing rule, from the settings
    store = trust.TrustStore.load(Path(trusted) if trusted else None, must_exist=bool(trusted))
    given = [(name, receipts.read(Path(name))) for name in args.receipt]
    report = verify(Path(args.project), store, given, require_trusted=trusted is not None)
    print_verify(report, limit=None if args.all else 10)
    if report.ok:
        return 0
    print(f"corrigenda: verify failed: {shown(report.first_problem or '')}", file=sys.stderr)
    return ExitCode.NOT_VERIFIED


def print_verify(report: VerifyReport, limit: int | None) -> None:
    print(
        f"{shown(str(report.path))}: {report.events} events, {report.pages} pages, "
        f"chain head {report.head[:16]}"
    )
    for check in report.signoffs:
        pages = ", ".join(map(str, check.page_numbers)) or "-"
        line = (
            f"  sign-off event {check.event_id} by {shown(check.reviewer)} ({shown(check.scope)}, "
            f"pages {pages}, key {check.key_fingerprint}): {check.state}"
        )
        if not check.valid:
            line += f": {check.reason}"
        elif check.changed_since:
            line += f" (pages {', '.join(map(str, check.changed_since))})"
        print(f"{line}; {check.trust}: {shown(check.trust_note)}")
        if check.own_edits:  # separation of duties: the signer signed their own work
            print(f"    {check.own_edits_text()}")
    for receipt in report.receipts:
        state = "held" if receipt.ok else f"FAIL: {receipt.problem}"
        print(
            f"  receipt {shown(receipt.path)} ({receipt.receipt.events} events, head "
            f"{receipt.receipt.head[:16]}): {state}; {receipt.trust}: {shown(receipt.trust_note)}"
        )
    for note in report.notes:
        print(f"  note: {shown(note)}")
    if not report.receipts:
        print(
            "  note: without a receipt, verify cannot tell whether events were cut off the end "
            "(give --receipt FILE)"
        )
    if report.ok:
        trusted = " and trusted" if report.require_trusted else ""
        doubtful = sum(1 for s in report.signoffs if s.trust != trust.TRUSTED)
        print(
            "OK: chain intact, every transcript rebuilds from OCR + events, images match, "
            f"sign-offs valid{trusted}"
            + (
                f"; {plural(doubtful, 'sign-off')} by keys your trust store does not trust "
                "(--trusted requires trusted keys)"
                if doubtful
                else ""
            )
        )
        return
    listed = report.problems if limit is None else report.problems[:limit]
    for problem in listed:
        print(f"  FAIL {shown(str(problem))}")
    if len(report.problems) > len(listed):
        print(f"  ... and {len(report.problems) - len(listed)} more (--all lists them)")


def write_receipt(receipt: Receipt, target: str | None) -> None:
    """After a sign-off: the receipt goes where asked, or into the user's config folder."""
    path = Path(target) if target else receipts.default_path(receipt)
    if not target:
        path.parent.mkdir(parents=True, exist_ok=True)
    with output(str(path)) as out:
        out.write(receipts.dump(receipt))
    print(
        f"receipt of sign-off event {receipt.events} written to {shown(str(path))}: keep it "
        "outside the project (verify --receipt checks it)",
        file=sys.stderr,
    )


def cmd_receipt(args: argparse.Namespace) -> int:
    with open_project(args.project, readonly=True) as project:
        made = receipts.latest(project)
    if made is None:
        raise UsageError(f"{args.project} has no sign-off yet: no receipt to write")
    with output(args.output) as out:
        out.write(receipts.dump(made))
    return 0


def cmd_keys_create(args: argparse.Namespace) -> int:
    passphrase = None
    if args.passphrase:
        import getpass
        import os

        passphrase = os.environ.get(signing.PASSPHRASE_ENV)
        if passphrase is None:
            if not sys.stdin.isatty():
                raise UsageError(
                    f"--passphrase asks in a terminal; elsewhere set ${signing.PASSPHRASE_ENV}"
                )
            passphrase = getpass.getpass("passphrase: ")
            if getpass.getpass("again: ") != passphrase:
                raise UsageError("the passphrases differ: no key was made")
        if not passphrase:
            raise UsageError("an empty passphrase protects nothing: no key was made")
    key = signing.create_key(args.name, passphrase)
    print(
        f"made key {shown(key.reviewer)} ({key.fingerprint}) in {signing.key_path(args.name)}; "
        "trusted on this computer. Give 'corrigenda keys export' to the archive."
    )
    return 0


def cmd_keys_export(args: argparse.Namespace) -> int:
    public = signing.public_key_of(args.name)
    if public is None:
        raise InputError(f"no key named {args.name!r} here: 'corrigenda keys list' shows yours")
    card = trust.public_key_json(args.name, public, trust.now_utc())
    with output(args.output) as out:
        out.write((json.dumps(card, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return 0


def cmd_keys_import(args: argparse.Namespace) -> int:
    key = trust.read_public_key(Path(args.file))
    for value, what in ((args.valid_from, "--valid-from"), (args.valid_until, "--valid-until")):
        if value:
            trust.parse_time(value, what)
    store = trust.TrustStore.load(Path(args.store) if args.store else None)
    added = store.add(
        trust.TrustedKey(
            key.name, key.public_key, valid_from=args.valid_from, valid_until=args.valid_until
        )
    )
    store.save()
    print(f"trusting {shown(added.name)} ({trust.fingerprint(added.public_key)}) in {store.path}")
    return 0


def cmd_keys_list(args: argparse.Namespace) -> int:
    store = trust.TrustStore.load(Path(args.store) if args.store else None)
    mine = {public for _, public, _ in signing.own_keys()}
    if args.json:
        rows = [{**k.__dict__, "private_here": k.public_key in mine} for k in store.keys]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for k in store.keys:
        state = f"revoked {k.revoked}" if k.revoked else "trusted"
        here = "  (private key here)" if k.public_key in mine else ""
        print(
            f"{shown(k.name):<24} {trust.fingerprint(k.public_key)}  {state}, "
            f"valid {k.dates()}{here}"
        )
    print(f"{plural(len(store.keys), 'key')} in {store.path}", file=sys.stderr)
    return 0


def cmd_keys_revoke(args: argparse.Namespace) -> int:
    store = trust.TrustStore.load(Path(args.store) if args.store else None, must_exist=True)
    revoked = store.revoke(args.which, args.reason)
    store.save()
    for k in revoked:
        print(f"revoked {shown(k.name)} ({trust.fingerprint(k.public_key)}) in {store.path}")
    return 0
