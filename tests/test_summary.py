"""Lead summaries and document names."""

from db.extract.summary import find_documents, summarize
from db.extract.text import detect_language, split_sentences


def test_summary_is_the_lead():
    s = split_sentences(
        "On May 4, 2023, the ministers met in Ashgabat. They discussed trade and energy projects in detail. Weather was fine."
    )
    out = summarize("Ministers meet", s)
    assert out.startswith("On May 4, 2023") and "discussed trade" in out


def test_documents_named_as_written():
    s = split_sentences(
        "The presidents signed a bilateral Treaty on Strategic Partnership in Ashgabat."
    )
    assert any(d.startswith("Treaty on Strategic Partnership") for d in find_documents(s))
    s = split_sentences(
        "Главы государств подписали Декларацию об углублении стратегического партнёрства."
    )
    assert find_documents(s, "ru") == ["Декларацию об углублении стратегического партнёрства"]


def test_sentences_and_language():
    s = split_sentences(
        "A meeting was held between V.Hajiyev and M. Galuzin. В 2023 г. министр т.е. глава приехал."
    )
    assert len(s) == 2
    assert detect_language("Министр иностранных дел") == "ru"
    assert detect_language("Minister of Foreign Affairs") == "en"


def test_a_signing_verb_counts_only_as_a_whole_word_start():
    """ "signed" inside "cosigned" or "designed" is not a signing; "signed", "adopted" and
    "подписали" at a word start are, in any case."""
    doc = "a Treaty on Strategic Partnership in Ashgabat."
    for verb in ("signed", "SIGNED", "adopted"):
        assert find_documents(split_sentences(f"The presidents {verb} {doc}")), verb
    for verb in ("cosigned", "designed", "readopted"):
        assert not find_documents(split_sentences(f"The presidents {verb} {doc}")), verb
    ru = "Стороны подписали Соглашение о сотрудничестве в области энергетики."
    assert find_documents(split_sentences(ru), "ru")
    assert not find_documents(split_sentences(ru.replace("подписали", "переподписали")), "ru")


def test_plans_and_programmes_named_by_what_they_are_of():
    en = (
        "At the end of the consultations, the sides signed a Plan of Consultations for 2026-2027.",
    )
    assert find_documents(en, "en") == ["Plan of Consultations for 2026-2027"]
    ru = (
        "По итогам консультаций подписан План консультаций между внешнеполитическими "
        "ведомствами на 2026–2027 годы.",
        "По итогам переговоров подписана Программа сотрудничества между министерствами "
        "иностранных дел на 2025–2026 годы.",
    )
    assert find_documents(ru, "ru") == [
        "План консультаций между внешнеполитическими ведомствами на 2026–2027 годы",
        "Программа сотрудничества между министерствами иностранных дел на 2025–2026 годы",
    ]
    # a document word in passing, in another case, is no document's name
    assert find_documents(("Он назвал подписание декларации историческим решением.",), "ru") == []
