"""Two copies of a passage that disagree on several words in a row are judged word by word."""

from __future__ import annotations

from tests.checks.text_pages import flags_of

PASSAGE = (
    "We regard with due understanding the statements by Mr. Carter in support of continued\n"
    "efforts with a view to promoting {words} relations in favor of a further\n"
    "progress in various fields. Moscow shares the viewpoint that the questions of mutual\n"
    "limitation and ending of the arms race should be in the center of these relations.\n"
    "The statements of Mr. Carter in favor of cooperation between the Soviet Union and the\n"
    "United States in the settlement of important international problems are also consonant\n"
    "with the views of Soviet leaders, and the understanding in principle concerning the main\n"
    "directions of our relations is a necessary prerequisite for a stable advance."
)


def test_a_wrong_word_of_the_twin_is_not_suggested_with_a_right_one() -> None:
    flags = flags_of(
        PASSAGE.format(words="fricndly Soviet-US"), PASSAGE.format(words="friendly Soviet-uUSs")
    )
    first_page = [f for f in flags if f.page == 1]
    assert any(f.text == "fricndly" and f.suggestions[0] == "friendly" for f in first_page)
    assert not any("uUSs" in s for f in first_page for s in f.suggestions)  # the twin's slip
