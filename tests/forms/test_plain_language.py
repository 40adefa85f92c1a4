from sandbox.forms import plain_language as plain


def test_reading_ease_prefers_short_plain_sentences():
    easy = plain.reading_ease("We met at home. Zain was happy. He showed me his bike. "
                              "Mum made tea.")
    hard = plain.reading_ease(
        "The multi-agency safeguarding partnership considered comprehensive information "
        "regarding parental capacity, identifying significant deterioration notwithstanding "
        "intermittent engagement with commissioned intervention programmes.")
    assert easy > 80 > 20 > hard
    assert plain.reading_ease("Too short") is None


def test_jargon_is_found_and_marked_with_plain_words():
    text = "The S47 led to an ICPC. Mum's CP plan <script>x</script>"
    found = {t.term for t in plain.jargon_in(text)}
    assert {"S47", "ICPC", "CP"} <= found
    html = str(plain.marked(text))
    assert '<mark class="app-jargon" title="Say instead: first child protection conference">' \
           'ICPC' in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_ordinary_words_are_not_jargon():
    assert plain.jargon_in("The cp key on my keyboard; a lacquered table; cinnamon") == []
