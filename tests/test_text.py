"""recovery_tui.text: user text is data, never terminal control."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recovery_tui.text import clean, clean_line, for_display

C0_REMOVED = [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
C1 = [chr(c) for c in range(0x80, 0xA0)]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
KEPT = [
    "Plain text",
    "emoji 🙂👨‍👩‍👧 ❤️ 🇺🇸",  # ZWJ sequence, variation selector, flag
    "שלום עולם",  # Hebrew (RTL)
    "مرحبا بالعالم",  # Arabic (RTL)
    "e\u0301 a\u0308 n\u0303",  # combining marks
    "[b]bold[/b] [link](x) [/y]",
    "# | < > * _ ` \\ & ~ !",
    "中文 日本語 한국어",
    "zero\u200bwidth\u200djoiner\u200cnon",  # ZW space/joiner/non-joiner are not controls
    "\u00a0nbsp \u3000ideographic space",
]


@pytest.mark.parametrize("char", C0_REMOVED, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_removes_c0_controls(char: str) -> None:
    assert clean(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", C1, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_removes_c1_controls(char: str) -> None:
    assert clean(f"a{char}b") == "ab"


def test_clean_removes_del_escape_sequences_and_carriage_returns() -> None:
    assert clean("a\x7fb") == "ab"
    assert clean("\x1b[31mred\x1b[0m") == "[31mred[0m"  # ESC gone: no longer a sequence
    assert clean("\x9b31mred") == "31mred"  # C1 CSI
    assert clean("line\r\nnext\r") == "line\nnext"


def test_clean_keeps_newline_and_tab() -> None:
    assert clean("a\nb\tc\n\n\td") == "a\nb\tc\n\n\td"


@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_clean_removes_lone_surrogates(surrogate: str) -> None:
    assert clean(f"x{surrogate}y") == "xy"
    clean(f"x{surrogate}y").encode("utf-8")  # storable as UTF-8 afterwards


@pytest.mark.parametrize("text", KEPT)
def test_clean_keeps_ordinary_unicode_and_markup_characters(text: str) -> None:
    assert clean(text) == text
    assert for_display(text) == text


@pytest.mark.parametrize("char", BIDI, ids=lambda c: f"U+{ord(c):04X}")
def test_for_display_drops_bidi_embedding_override_and_isolate_controls(char: str) -> None:
    assert for_display(f"a{char}b") == "ab"
    assert clean(f"a{char}b") == f"a{char}b"  # stored as written: only display drops them


def test_for_display_also_cleans_controls_and_keeps_rtl_text() -> None:
    trojan = "if x\u202e } \u2066// comment\u2069 {\x1b[2J"
    assert for_display(trojan) == "if x } // comment {[2J"
    marked = "\u200f שלום \u200e"
    assert for_display(marked) == marked  # RLM/LRM marks are harmless: they are kept


def test_clean_line_makes_newlines_and_tabs_spaces() -> None:
    assert clean_line("one\ntwo\tthree\r\nfour\x00") == "one two three four"
    assert clean_line("🙂 [b]") == "🙂 [b]"


# Any code point, with the interesting ones (controls, surrogates, bidi) drawn often.
ANY_CHAR = st.one_of(
    st.characters(),
    st.characters(max_codepoint=0xA0),
    st.characters(categories=["Cs"]),  # lone surrogates (never drawn by st.characters())
    st.sampled_from(BIDI),
)


def _is_removed(char: str) -> bool:
    code = ord(char)
    if char in "\n\t":
        return False
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ANY_CHAR))
def test_clean_removes_exactly_the_control_characters(text: str) -> None:
    assert clean(text) == "".join(c for c in text if not _is_removed(c))
    assert clean(clean(text)) == clean(text)
    shown = for_display(text)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in shown)
    assert not any(c in BIDI for c in shown)
    line = clean_line(text)
    assert "\n" not in line
    assert "\t" not in line
    assert len(line) == len(clean(text))
