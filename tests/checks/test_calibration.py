"""Calibrated scores: the measured rate of a flag's raw-score band, never past its cap."""

from __future__ import annotations

from dataclasses import replace

from corrigenda.checks import calibration
from corrigenda.checks.calibration import calibrate, fit
from corrigenda.checks.flag import Flag


def flag(score: float, suggestions: tuple[str, ...] = ("x",), **extra: float) -> Flag:
    return Flag(1, 1, 0, 5, "wordy", "spelling", score, "", suggestions, 1, 1, "lexicon", extra)


def test_a_flag_takes_its_bands_measured_rate(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    table = {"lexicon/spelling": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.95)}
    monkeypatch.setattr(calibration, "TABLE", table)
    assert calibrate(flag(0.92)).score == 0.95
    assert calibrate(flag(0.55)).score == 0.3
    assert calibrate(flag(0.92, max_score=0.75)).score == 0.75  # a guess stays a guess
    assert calibrate(flag(0.92, suggestions=())).score == 0.92  # nothing to be right about
    other = Flag(1, 1, 0, 5, "wordy", "name", 0.92, "", ("x",), 1, 1, "names")
    assert calibrate(other).score == 0.92  # not measured: the checks' own score
    lifted = Flag(1, 1, 0, 5, "wordy", "name", 0.92, "", ("x",), 1, 1, "names", {"own": 0.6})
    short = Flag(1, 1, 0, 2, "cf", "spelling", 0.92, "", ("of",), 1, 1, "lexicon")
    assert calibrate(short).score == 0.92  # short words are calibrated apart: not measured here
    assert calibrate(lifted).score == 0.6  # ... which the engine's doubt does not lift
    assert calibrate(flag(0.2)).score == 0.1


def test_fit_shrinks_toward_the_raw_score_and_pools() -> None:
    cells = [[0, 0], [0, 0], [10, 1], [10, 6], [10, 5], [40, 38], [0, 0]]
    rates = fit({"k/k": cells})["k/k"]
    known = [r for r in rates if r is not None]
    assert known == sorted(known)  # never lower when surer
    assert rates[3] == rates[4]  # 0.6 then 0.5: pooled
    assert rates[0] is None and rates[6] is None  # never seen: unmeasured
    assert rates[2] is not None and 0.1 < rates[2] < 0.55  # 1 in 10, shrunk toward 0.55
    assert rates[5] is not None and 0.9 < rates[5] < 0.95  # shrunk toward 0.85, under 38/40
    assert fit({"few/few": [[3, 3], [0, 0]]}) == {}  # too few flags to calibrate


def test_the_bench_table_is_monotone_and_below_certainty() -> None:
    for rates in calibration.TABLE.values():
        known = [r for r in rates if r is not None]
        assert known == sorted(known)
        assert max(known) <= calibration.CEILING


def test_a_guess_another_check_agrees_with_is_no_guess_any_more() -> None:
    from corrigenda.checks.engine import merge

    def flag(check: str, kind: str, suggestion: str, score: float, cap: float = 1.0) -> Flag:
        extra = {"max_score": cap} if cap < 1.0 else {}
        return Flag(1, 1, 0, 3, "che", kind, score, check, (suggestion,), 1, 1, check, extra)

    guess = flag("context", "real-word", "the", 0.6, cap=0.75)
    (alone,) = merge([guess])
    assert alone.score == 0.6 and alone.extra["max_score"] == 0.75
    # The other copy of the passage reads "the" too: the cap is lifted.
    (agreed,) = merge([guess, flag("collation", "collation", "the", 0.7)])
    assert agreed.score > 0.75 and "max_score" not in agreed.extra
    # A check that reads something else lifts nothing; a hint (confidence) lifts nothing.
    (other,) = merge([guess, flag("collation", "collation", "she", 0.5)])
    assert other.suggestions[0] == "the" and other.extra["max_score"] == 0.75
    (hint,) = merge([guess, flag("marks", "confidence", "the", 0.3)])
    assert hint.score <= 0.75


def test_a_rival_reading_is_weighed_only_by_the_page_or_another_copy() -> None:
    from corrigenda.checks.engine import merge
    from tests.checks.text_pages import by_text, flags_of

    # "5o" is "so" or the number "50": the lexicon's "so" (it never thinks of numbers) makes
    # neither likelier, so the flag stays a guess that auto-fix leaves alone.
    flag = by_text(flags_of("He said 5o many things"))["5o"]
    assert flag.suggestions[:2] == ("so", "50")
    assert flag.score <= 0.75 and flag.extra["max_score"] == 0.75
    assert "rival" not in flag.extra
    # Another copy of the passage that reads "so" does weigh the two: the cap is lifted.
    garbage = replace(flag, check="garbage", extra={"max_score": 0.75, "rival": True})
    copy = replace(
        flag, kind="collation", check="collation", score=0.8, suggestions=("so",), extra={}
    )
    (lifted,) = merge([garbage, copy])
    assert lifted.score > 0.75 and "max_score" not in lifted.extra
