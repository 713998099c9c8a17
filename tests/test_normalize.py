from praktyki.normalize import clean_text, fold, has_diacritics


def test_fold_handles_l_stroke_which_nfd_does_not_decompose():
    assert fold("Spółdzielnia Łódź ŻÓŁĆ") == "spoldzielnia lodz zolc"


def test_has_diacritics():
    assert has_diacritics("gęś")
    assert not has_diacritics("spoldzielnia")


def test_clean_text_removes_invisible_characters_and_repeated_captions():
    caption = "• Relacja z warsztatów wyjazdowych"
    raw = "Tytuł\u00ad raportu\r\n\r\n\r\nZdanie\u00a0pierwsze.\n" + "\n".join([caption] * 5)
    cleaned = clean_text(raw)
    assert cleaned == "Tytuł raportu\n\nZdanie pierwsze."
