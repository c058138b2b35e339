from __future__ import annotations

import pytest

from partynet.ingest.language import LanguageDetection

DETECTOR = LanguageDetection(("en", "zh", "de", "fr", "es", "ru", "ja", "vi"))


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Talks held in Beijing", "en"),
        ("Xi Jinping met Nguyen Phu Trong", "en"),
        ("刘建超会见越共代表团", "zh"),
        ("中國共產黨代表團訪問老撾", "zh"),
        ("Die Delegation der Partei traf sich in Berlin mit Vertretern der Regierung", "de"),
        ("La délégation du parti a rencontré le président à Paris", "fr"),
        ("日本の自民党の代表団が北京を訪問した", "ja"),
    ],
)
def test_short_texts(text: str, lang: str) -> None:
    assert DETECTOR.detect(text) == lang


def test_a_list_of_place_names_does_not_decide_the_language() -> None:
    text = (
        "An Giang\nBinh Duong\nCa Mau\nCan Tho\n"
        "越共中央总书记、国家主席苏林启程对中华人民共和国进行国事访问，双方将举行会谈并共同见证合作文件签署。"
    )
    assert DETECTOR.detect(text) == "zh"


def test_too_little_text_is_unknown() -> None:
    assert DETECTOR.detect("12 34 !!") is None


def test_batch_gives_the_same_answers_as_one_by_one() -> None:
    texts = [
        "The party congress opened.",
        "党代会开幕。",
        "Le congrès du parti s'est ouvert hier à Paris.",
        "",
    ]
    assert DETECTOR.detect_many(texts) == [DETECTOR.detect(t) for t in texts]


# Prose of over TRIGRAMS_SUFFICE characters goes to the trigram models: languages that share many
# words must still come apart there, in a batch that also holds short texts for the full models.
LONG_TEXTS = {
    "es": "La delegación del partido se reunió el martes con los dirigentes del gobierno para hablar de la "
    "cooperación entre las dos organizaciones y de los intercambios de experiencias.",
    "fr": "La délégation du parti s'est entretenue mardi avec les dirigeants du gouvernement pour parler de "
    "la coopération entre les deux organisations et des échanges d'expériences.",
    "de": "Die Delegation der Partei traf sich am Dienstag mit den Vertretern der Regierung, um über die "
    "Zusammenarbeit der beiden Organisationen und den Austausch von Erfahrungen zu sprechen.",
    "vi": "Đoàn đại biểu Đảng Cộng sản Việt Nam đã hội đàm với lãnh đạo đảng bạn về hợp tác giữa hai đảng "
    "và trao đổi kinh nghiệm xây dựng đảng trong giai đoạn mới.",
}


def test_long_and_short_samples_in_one_batch() -> None:
    texts = [*LONG_TEXTS.values(), "La délégation du parti a rencontré le président à Paris"]
    assert all(len(t) >= 120 for t in LONG_TEXTS.values())
    assert DETECTOR.detect_many(texts) == [*LONG_TEXTS, "fr"]
