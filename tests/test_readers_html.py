"""HTML bodies to paragraphs: blocks apart, inline elements never glued, junk dropped."""

from __future__ import annotations

import time

from newsarchive.readers.html import html_to_text


def test_block_elements_make_paragraphs_and_br_makes_lines() -> None:
    text = html_to_text("<h1>Title</h1><p>One<br>two</p><ul><li>a</li><li>b</li></ul><div>end</div>")
    assert text.paragraphs == ["Title", "One\ntwo", "a", "b", "end"]


def test_adjacent_inline_elements_are_not_glued() -> None:
    text = html_to_text('<div class="byline"><a href="/a/dewey-sim">Dewey Sim</a><span>in Beijing</span></div>')
    assert text.paragraphs == ["Dewey Sim in Beijing"]


def test_inline_markup_inside_words_and_before_punctuation_stays_joined() -> None:
    text = html_to_text("<p>The <b>US</b>, <em>China</em>. Un<i>believ</i>able (<a>link</a>)</p>")
    assert text.paragraphs == ["The US, China. Unbelievable (link)"]


def test_entities_are_decoded() -> None:
    text = html_to_text("<p>&ldquo;Caf&eacute;&rdquo; &amp; &#8216;bar&#8217; &nbsp;x</p>")
    assert text.paragraphs == ["“Café” & ‘bar’ x"]


def test_scripts_styles_navigation_and_hidden_elements_are_dropped() -> None:
    markup = """<head><title>Page</title><style>p {color: red}</style></head>
    <body><nav>Home | World</nav><script>var x = "<p>no</p>";</script>
    <p>Kept.</p><div hidden>Gone</div><p style="display: none">Gone</p>
    <span aria-hidden="true">Gone</span><noscript>Enable JS</noscript><p>Also kept.</p></body>"""
    assert html_to_text(markup).paragraphs == ["Kept.", "Also kept."]


def test_figcaptions_and_credits_become_captions() -> None:
    markup = """<figure><img src="x.jpg"><figcaption>Rubio meets Wang in Kuala Lumpur.
    <span class="credit">Photo: AP</span></figcaption></figure><p>Body text.</p>
    <p class="photo-credit">Reuters/Jane Doe</p>"""
    text = html_to_text(markup)
    assert text.paragraphs == ["Body text."]
    assert text.captions == ["Rubio meets Wang in Kuala Lumpur. Photo: AP", "Reuters/Jane Doe"]


def test_quoted_mail_comes_out_as_quote_lines() -> None:
    markup = '<p>I agree.</p><blockquote type="cite">On Monday Bob wrote:<br>Tariffs are up.</blockquote>'
    assert html_to_text(markup).paragraphs == ["I agree.", "> On Monday Bob wrote:\n> Tariffs are up."]


def test_literal_quote_lines_stand_apart_from_the_writers_lines() -> None:
    markup = "<p>Agreed.<br>On Monday Bob wrote:<br>&gt; Tariffs are up.<br>&gt; Again.<br>Indeed.</p>"
    assert html_to_text(markup).paragraphs == ["Agreed.\nOn Monday Bob wrote:", "> Tariffs are up.\n> Again.",
                                               "Indeed."]


def test_pre_keeps_its_lines_and_blank_lines_split_it() -> None:
    text = html_to_text("<pre>line one\n  indented\n\nsecond para</pre>")
    assert text.paragraphs == ["line one\n  indented", "second para"]


def test_truncated_markup_keeps_what_was_read() -> None:
    assert html_to_text("<html><body><p>First.</p><p>Second, cut <b>sho").paragraphs == ["First.", "Second, cut sho"]


def test_twenty_thousand_nested_divs_lose_no_text_quickly() -> None:
    start = time.perf_counter()
    text = html_to_text("<div>" * 20_000 + "deep text" + "</div>" * 20_000 + "<p>after</p>")
    assert text.paragraphs == ["deep text", "after"]
    assert time.perf_counter() - start < 5


def test_unclosed_skipped_element_hides_only_itself_when_closed_later() -> None:
    assert html_to_text("<p>a</p><script>x<p>still script</p></script><p>b</p>").paragraphs == ["a", "b"]
