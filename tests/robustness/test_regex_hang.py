"""User regular expressions cannot hang the program (issue 14).

The attacks: `concordance P '/(a+)+$/'` on a line of many a's ran until killed, and the same
pattern stored as a project rule made `flag` hang for whoever opened the file. Patterns now
run on RE2 (linear time); one needing look-around or back-references is refused, and a stored
one is refused when the rules are loaded, naming the rule. An alarm turns a hang into a failure.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from corrigenda.checks.concordance import concordance
from corrigenda.checks.rules import parse_rules
from corrigenda.checks.safe_regex import compile_pattern
from corrigenda.cli import main
from corrigenda.errors import InputError
from corrigenda.store import Project, Source
from tests.synthetic import ocr_run, page_image

EVIL = "(a+)+$"
LINE = "a" * 40 + "!"  # 40 is enough: Python's re would need 2**40 steps here


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise AssertionError("the pattern ran for more than 20 seconds: it hangs")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "evil.corrigenda"
    with Project.create(path, [page_image()], actor="t") as made:
        made.set_ocr(made.pages()[0].id, ocr_run([LINE, "Müller und Söhne"]), Source("ocr"))
    return path


def test_concordance_with_a_catastrophic_pattern_returns(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["concordance", str(project), f"/{EVIL}/"]) == 0
    assert "0 occurrences" in capsys.readouterr().err


def test_a_stored_catastrophic_rule_does_not_hang_flag(project: Path) -> None:
    with Project.open(project, actor="t") as opened:
        opened.set_setting("rules", [{"pattern": EVIL, "replacement": "a"}], Source("keyboard"))
    assert main(["flag", str(project), "--kinds", "rule"]) == 0


def test_a_stored_rule_that_needs_backtracking_is_refused_by_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = [{"pattern": "ab", "replacement": "ba"}, {"pattern": r"(a+)\1+$", "replacement": ""}]
    with Project.open(project, actor="t") as opened:
        opened.set_setting("rules", rules, Source("keyboard"))
    assert main(["flag", str(project), "--kinds", "rule"]) == 0
    err = capsys.readouterr().err
    assert "rule 2" in err and "back-reference" in err and "refused" in err
    loaded, problems = parse_rules(rules)
    assert [r.pattern for r in loaded] == ["ab"] and len(problems) == 1


@pytest.mark.parametrize("pattern", [r"(?<=a)b", r"a(?=b)", r"(?P<x>a)(?P=x)", r"(a)\1"])
def test_look_around_and_back_references_are_refused(pattern: str) -> None:
    with pytest.raises(InputError, match="look-around or a back-reference"):
        compile_pattern(pattern, "the pattern")


def test_word_classes_keep_their_unicode_meaning(project: Path) -> None:
    with Project.open(project, readonly=True) as opened:
        hits = concordance(opened.document(), r"/\w+ler/")
        assert [h.text for h in hits] == ["Müller"]
        replaced = concordance(opened.document(), r"/(\w)ü/", r"\1ue")
        assert [h.replacement for h in replaced] == ["Mue"]


def test_space_and_digit_classes_keep_their_unicode_meaning() -> None:
    assert [m.group() for m in compile_pattern(r"\S+").finditer("12\u00a0Mai")] == ["12", "Mai"]
    assert [m.group() for m in compile_pattern(r"\d+").finditer("١٢ 3")] == ["١٢", "3"]


def test_ignore_case_for_the_windows_find_and_replace() -> None:
    pattern = compile_pattern("brezhnev", ignore_case=True)
    assert pattern.search("L.I. BREZHNEV") is not None
    assert compile_pattern("brezhnev").search("L.I. BREZHNEV") is None
