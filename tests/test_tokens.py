from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from draftkit.text import tokens, word_spans
from draftkit.tokens import decode, encode
from strategies import word_soup


@given(st.one_of(st.text(), word_soup))
def test_tokens_join_back_to_the_text(text: str) -> None:
    assert "".join(tokens(text)) == text


@given(st.one_of(st.text(), word_soup))
def test_only_the_first_token_starts_with_whitespace(text: str) -> None:
    assert not any(token[:1].isspace() for token in tokens(text)[1:])
    assert all(token for token in tokens(text))


@given(st.one_of(st.text(), word_soup, st.lists(st.sampled_from(
    list(" \t\n\u2028\u2029\u202f\u3000,.[(\u0301ก\u0e31会。é𝔘a1"))).map("".join)))
@example(" \u202fa\u2028,\u0301 ").via("unusual whitespace; a mark after punctuation")
def test_words_are_the_tokens_without_their_trailing_whitespace(text: str) -> None:
    starts, ends, words = [], [], []
    position = 0
    for token in tokens(text):
        if token.rstrip():
            starts.append(position)
            ends.append(position + len(token.rstrip()))
            words.append(token.rstrip())
        position += len(token)
    assert word_spans(text) == (tuple(starts), tuple(ends), tuple(words))


def test_a_word_carries_its_trailing_whitespace_and_punctuation_stands_alone() -> None:
    assert tokens("  Commit, [as soon as possible] (now).") == [
        "  ", "Commit", ", ", "[", "as ", "soon ", "as ", "possible", "] ", "(", "now", ")", "."]


def test_scripts_and_astral_characters_stay_whole() -> None:
    assert tokens("مرحبا بالعالم، 𝔘𝔫𝔦 😀 éte\u0301") == [
        "مرحبا ", "بالعالم", "، ", "𝔘𝔫𝔦 ", "😀 ", "éte\u0301"]
    assert tokens("会议决定。") == ["会", "议", "决", "定", "。"]


@given(st.lists(st.one_of(st.text(), word_soup), max_size=4))
def test_encode_then_decode_gives_the_texts_back(texts: list[str]) -> None:
    lists = [tokens(text) for text in texts]
    encoded, vocabulary = encode(*lists)
    assert [decode(chars, vocabulary) for chars in encoded] == texts
    assert [len(chars) for chars in encoded] == [len(t) for t in lists]


def test_equal_tokens_get_equal_characters_across_texts() -> None:
    (first, second), vocabulary = encode(["a ", "b ", "a "], ["b ", "c"])
    assert first[0] == first[2] and first[1] == second[0]
    assert len(set(first + second)) == len(vocabulary) == 3


def test_more_distinct_tokens_than_the_basic_plane_holds() -> None:
    many = [f"w{i} " for i in range(70_000)]
    (chars,), vocabulary = encode(many)
    assert len(set(chars)) == 70_000
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in chars)
    assert max(ord(char) for char in chars) > 0xFFFF
    assert decode(chars, vocabulary) == "".join(many)
