"""The word lists the checks judge by: data, apart from the rules that use them.

Each list is a set of casefolded words, written as text (the spelling variants: suffix pairs).
Add a word where its comment says it belongs; tests/checks/test_word_lists.py keeps the
lists' form.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Forms of older English and interjections that the (modern, written) frequency list lacks
# (the lexicon knows them; "et" and "al" for "et al.", "et seq.").
EXTRA_WORDS = _words(
    """
    'tis 'twas 'twere ah aha al ay call'd e'en e'er eh et ha hir hist hm hmm ho lo ne'er
    o'er oh oho pshaw shew'd sith tho' thro' tush yclept ye
    """
)

# Loanwords English print keeps accented that the word lists have only bare ("régime" is
# listed as "regime"); the lists hold others accented already ("café", "cliché", "fête").
ACCENTED_LOANWORDS = _words(
    """
    chaussée coöperate coöperation début débuts dénouement entrée façade façades fiancé
    fiancée hôtel mêlée naïve naïvely naïveté preëminent précis reëlect régime régimes
    résumé rôle rôles señor señora séance séances tête zoölogical zoölogy éclat élan
    élite émigré émigrés
    """
)

# Words of the closed classes (articles, pronouns, prepositions, conjunctions, auxiliaries):
# capitalised mid-sentence they are OCR or typesetting errors, not titles or names.
FUNCTION_WORDS = _words(
    """
    a about above after against also am among an and are as at be been before being
    below between but by can could did do does during for from had has have he her here
    him his how i if in into is it its may me might must my no nor not of on only onto
    or our over shall she should since so than that the their them then there these they
    this those through till to under until upon us very was we were what when whence
    where which while who whom whose why will with within without would yet you your
    """
)

# Words that open sentences and are no one's name: sentence adverbs, ordinals and numbers
# spelt out, indefinite pronouns. Capitalised after a comma, the comma was a full stop
# ("community, Indeed", "followers, Third,"), however seldom the document has them.
SENTENCE_OPENERS = _words(
    """
    accordingly afterwards again besides consequently everybody everyone everything
    finally first firstly four furthermore hence however inasmuch indeed meanwhile
    moreover nevertheless next nobody nonetheless note others perhaps second secondly
    several sometimes somebody someone therefore third thirdly thus three two five six
    seven eight nine ten fourth fifth sixth
    """
)

# Spelling variants that stand for each other (suffix -> suffix); the first that applies wins.
SPELLING_VARIANTS = (
    ("or", "our"),
    ("ors", "ours"),
    ("ored", "oured"),
    ("oring", "ouring"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("er", "re"),
    ("ers", "res"),
    ("'d", "ed"),
    ("'d", "d"),
    ("ter", "tre"),
    ("eled", "elled"),
    ("eling", "elling"),
)

# Abbreviations that end in a full stop mid-sentence ("etc. and", "et al. found").
ABBREVIATIONS = _words(
    """
    al cent cf ch co esq etc fig figs ibid no p pp seq st viz vol
    """
)

# Titles before a name ("Mr. Harriman"): their stop ends no sentence.
TITLES = _words(
    """
    dr messrs mr mrs st
    """
)

# Units after a number ("4 in. long", "2 ft. wide") end in a full stop mid-sentence.
UNITS = _words(
    """
    cm cu cwt doz ft g gal hr hrs in kg km lb lbs m mi min mm oz pt qt sq yd yds
    """
)
