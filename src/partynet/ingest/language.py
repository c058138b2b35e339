"""Language of a document, with lingua (its models ship inside the wheel, nothing is downloaded)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_LETTER = re.compile(r"[^\W\d_]")
SAMPLE_CHARS = 400  # lingua's cost grows with length; 400 characters of prose decide reliably
HAN_SHARE_FOR_CHINESE = 0.3
PROSE_LINE = 40


@dataclass(slots=True)
class LanguageDetection:
    """A detector restricted to the languages the project expects: faster and surer on short texts."""

    languages: tuple[str, ...]
    _detector: LanguageDetector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in self.languages]
        self._detector = LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models().build()

    def detect(self, text: str) -> str | None:
        """ISO 639-1 code of the text's language, or None when it has too few letters to tell."""
        return self.detect_many([text])[0]

    def detect_many(self, texts: list[str]) -> list[str | None]:
        """Languages of a batch; the model runs on all cores for the texts their script does not settle."""
        results: list[str | None] = []
        pending: list[int] = []
        for i, text in enumerate(texts):
            sample = _sample(text)
            letters = len(_LETTER.findall(sample))
            script = _by_script(sample, letters) if letters >= 3 else None
            results.append(script if script in self.languages else None)
            if letters >= 3 and script is None:
                pending.append(i)
        found = self._detector.detect_languages_in_parallel_of([_sample(texts[i]) for i in pending])
        for i, language in zip(pending, found, strict=True):
            results[i] = language.iso_code_639_1.name.lower() if language else None
        return results


def _sample(text: str) -> str:
    """Prose lines first: titles, menus and lists of names say little about the language."""
    prose = " ".join(line for line in text[: SAMPLE_CHARS * 20].split("\n") if len(line) >= PROSE_LINE)
    return (prose or text)[:SAMPLE_CHARS]


def _by_script(sample: str, letters: int) -> str | None:
    """Chinese is told by its script before any model: lingua confuses short Han-only texts with Japanese."""
    han = len(_HAN.findall(sample))
    if _KANA.search(sample) and len(_KANA.findall(sample)) > letters * 0.05:
        return "ja"
    if _HANGUL.search(sample) and len(_HANGUL.findall(sample)) > letters * 0.2:
        return "ko"
    if han > letters * HAN_SHARE_FOR_CHINESE:
        return "zh"
    return None
