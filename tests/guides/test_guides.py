from sandbox.guides import library


def test_guides_render_sanitised_with_govuk_styles():
    guide = library.guide("signs-of-safety")
    assert guide.title.startswith("Signs of Safety")
    assert '<h2 class="govuk-heading-m">' in guide.html
    html = library.render_markdown("Hi <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in html and "javascript:" not in html


def test_unknown_or_unsafe_names_find_nothing():
    assert library.guide("../README") is None and library.guide("nope") is None


def test_search_finds_guides_by_every_word():
    names = [m.guide.name for m in library.search("danger statement")]
    assert "signs-of-safety" in names
    assert library.search("zzzz qqqq") == [] and library.search("  ") == []


def test_guide_pages(web, make):
    web.sign_in(make.user("trainee"))
    page = web.get("/guides/?q=three+houses").get_data(as_text=True)
    assert "Hearing the child" in page
    web.get("/guides/hearing-the-child")
    web.get("/guides/..%2Fsecret", status=404)
