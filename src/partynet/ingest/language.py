"""Language of a document, with lingua (its models ship inside the wheel, nothing is downloaded)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from partynet.ingest.chars import HAN

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_NOT_LETTERS = re.compile(r"[\W\d_]+")  # what is left out of a text, its letters are left
SAMPLE_CHARS = 400  # lingua's cost grows with length; 400 characters of prose decide reliably
# From this length lingua's trigram-only ("low accuracy") models decide as its full models do (they
# agreed on all 320 pages of the html-eval set) and load in milliseconds instead of two seconds per
# process; shorter samples go to the full models, loaded only when such a sample comes.
TRIGRAMS_SUFFICE = 120
HAN_SHARE_FOR_CHINESE = 0.3
PROSE_LINE = 40
# Words of English that other Latin-script languages do not share as words; ASCII prose where they make
# up a fifth of the words is English (typical English prose: 25-35%; German, French, Spanish: under 3%).
_ENGLISH = frozenset(
    ("the of and to in is that for on with was as by at from were has have its their said ").split()
)
ENGLISH_FUNCTION_SHARE = 0.2
MIN_WORDS_FOR_ENGLISH = 12


@dataclass(slots=True)
class LanguageDetection:
    """A detector restricted to the languages the project expects: faster and surer on short texts."""

    languages: tuple[str, ...]
    parallel: bool = True  # lingua's own threads; off in worker processes, which are the parallelism there
    _fast: LanguageDetector = field(init=False, repr=False)
    _precise: LanguageDetector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        chosen = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in self.languages
        ]
        # models load on first use: batches that the script and English rules settle never load them
        self._fast = LanguageDetectorBuilder.from_languages(*chosen).with_low_accuracy_mode().build()
        self._precise = LanguageDetectorBuilder.from_languages(*chosen).build()

    def detect(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it has too few letters to tell."""
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[str | None]:
        """Languages of a batch; the model runs on all cores for the texts their script does not settle."""
        results: list[str | None] = []
        pending: list[int] = []
        for i, text in enumerate(texts):
            sample = _sample(text)
            letters = len(_NOT_LETTERS.sub("", sample))  # a count without a list of one-letter strings
            script = _by_script(sample, letters) if letters >= 3 else None
            results.append(script if script in self.languages else None)
            if letters >= 3 and script is None:
                pending.append(i)
        if not pending:
            return results
        samples = {i: _sample(texts[i]) for i in pending}
        for long_samples in (True, False):
            chosen = [i for i in pending if (len(samples[i]) >= TRIGRAMS_SUFFICE) is long_samples]
            found = self._detect([samples[i] for i in chosen], long_samples=long_samples)
            for i, language in zip(chosen, found, strict=True):
                results[i] = language.iso_code_639_1.name.lower() if language else None
        return results

    def _detect(self, samples: list[str], *, long_samples: bool) -> list[Language | None]:
        if not samples:
            return []
        detector = self._fast if long_samples else self._precise
        if self.parallel:
            return list(detector.detect_languages_in_parallel_of(samples))
        return [detector.detect_language_of(sample) for sample in samples]


def _english_function_words(sample: str) -> bool:
    words = sample.lower().split()
    if len(words) < MIN_WORDS_FOR_ENGLISH:
        return False
    return sum(1 for w in words if w in _ENGLISH) >= len(words) * ENGLISH_FUNCTION_SHARE


def _sample(text: str) -> str:
    """Prose lines first: titles, menus and lists of names say little about the language."""
    prose = " ".join(line for line in text[: SAMPLE_CHARS * 20].split("\n") if len(line) >= PROSE_LINE)
    return (prose or text)[:SAMPLE_CHARS]


def _by_script(sample: str, letters: int) -> str | None:
    """Settle the obvious cases before any model: Chinese by its script (lingua confuses short Han-only
    texts with Japanese), plain-ASCII prose by the density of English function words."""
    if sample.isascii():
        return "en" if _english_function_words(sample) else None
    han = len(HAN.findall(sample))
    if _KANA.search(sample) and len(_KANA.findall(sample)) > letters * 0.05:
        return "ja"
    if _HANGUL.search(sample) and len(_HANGUL.findall(sample)) > letters * 0.2:
        return "ko"
    if han > letters * HAN_SHARE_FOR_CHINESE:
        return "zh"
    return None
