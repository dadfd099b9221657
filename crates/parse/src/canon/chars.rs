//! One character at a time: whether a line is canonical already, and
//! each character's canonical form (spaces, dashes, radicals,
//! compatibility ideographs, half-width katakana).

/// The marks of the legend (after 〇 → ○): each a cell of its own, never
/// two in one word.
pub(super) const MARKS: [char; 4] = ['◎', '○', '△', '×'];

/// Whether `line` (trimmed) is already in canonical form, so that it can be
/// copied whole: a quick test, true for most lines of the report (kana,
/// kanji, ASCII), false wherever the character loop might change something.
pub(super) fn is_canonical(line: &str) -> bool {
    let mut previous = '\0';
    for c in line.chars() {
        let unchanged = match c {
            ' ' => previous != ' ',
            '\u{3040}'..='\u{30FB}' | '\u{4E00}'..='\u{9FFF}' => true,
            'ー' => !previous.is_ascii_digit(),
            c if c.is_ascii() => !is_space(c),
            c if MARKS.contains(&c) => !MARKS.contains(&previous),
            c => !is_space(c) && !is_zero_width(c) && canonical_char(c, None, None).0 == c,
        };
        if !unchanged {
            return false;
        }
        previous = c;
    }
    true
}

/// White space that separates cells: every Unicode space but U+3000, which
/// is part of names.
pub(super) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\r' | '\u{0B}' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// Characters that take no room and mean nothing here.
pub(super) fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// Hyphens and minus signs extractors write for the report's `-`.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// The canonical character of `c`, given the canonical character before it
/// and the input character after it; `true` where `c` and the next make one
/// character (a half-width kana and its voiced mark).
pub(super) fn canonical_char(c: char, previous: Option<char>, next: Option<char>) -> (char, bool) {
    if c.is_ascii() {
        return (c, false);
    }
    let digit_around =
        || previous.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(is_digit_like);
    let alone =
        || previous.is_none_or(|p| p == ' ') && next.is_none_or(|n| is_space(n) || n == '\u{3000}');
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＝' => {
            (char::from_u32(c as u32 - 0xFEE0).unwrap_or(c), false)
        }
        // WAVE DASH, as JIS maps 〜; the seed (and CP932) has ～.
        '\u{301C}' => ('\u{FF5E}', false),
        c if is_dash(c) && (digit_around() || alone()) => ('-', false),
        'ー' | 'ｰ' if digit_around() => ('-', false),
        '\u{FF61}'..='\u{FF9F}' => half_width_kana(c, next),
        '\u{2F00}'..='\u{2FD5}' | '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => (
            JAPANESE_RADICALS
                .iter()
                .find(|(r, _)| *r == c)
                .map_or_else(|| unified_ideograph(c), |(_, u)| *u),
            false,
        ),
        '\u{2E80}'..='\u{2EF3}' => (
            RADICALS_SUPPLEMENT
                .iter()
                .find(|(r, _)| *r == c)
                .map_or(c, |(_, u)| *u),
            false,
        ),
        _ => (
            crate::layout::MARK_VARIANTS
                .iter()
                .find(|(printed, _)| *printed == c)
                .map_or(c, |(_, mark)| *mark),
            false,
        ),
    }
}

/// An ASCII or full-width digit.
fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A Kangxi radical's or a compatibility ideograph's unified ideograph
/// (its one-character decomposition), or `c` itself.
fn unified_ideograph(c: char) -> char {
    let mut one = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        count += 1;
        one = Some(d);
    });
    match (count, one) {
        (1, Some(d)) if d != c => d,
        _ => c,
    }
}

/// The full-width form of a half-width katakana (NFKC), composed with the
/// voiced or semi-voiced mark after it where they make one character.
fn half_width_kana(c: char, next: Option<char>) -> (char, bool) {
    let wide = |c: char| {
        let mut out = c;
        unicode_normalization::char::decompose_compatible(c, |d| out = d);
        out
    };
    let base = wide(c);
    let composed = match next {
        Some('\u{FF9E}') => unicode_normalization::char::compose(base, '\u{3099}'),
        Some('\u{FF9F}') => unicode_normalization::char::compose(base, '\u{309A}'),
        _ => None,
    };
    match composed {
        Some(k) => (k, true),
        None => (base, false),
    }
}

/// The Kangxi radicals a Japanese font draws as another ideograph than
/// their compatibility decomposition (⼾ U+2F3E decomposes to 戶 U+6236, ⿊
/// U+2FCA to 黑 U+9ED1): IPAexGothic and IPAexMincho map each to the glyph
/// of 戸 and 黒, and a PDF whose ToUnicode map names the radical for that
/// glyph (Chromium's print to PDF writes ⼾ for 戸 in 「江戸川区」) means those.
const JAPANESE_RADICALS: &[(char, char)] = &[('\u{2F3E}', '戸'), ('\u{2FCA}', '黒')];

/// The CJK Radicals Supplement characters that are whole ideographs in
/// Japanese text, with the unified ideograph Unicode's
/// EquivalentUnifiedIdeograph.txt gives for each (the other radicals of the
/// block are components, never written alone in this report).
const RADICALS_SUPPLEMENT: &[(char, char)] = &[
    ('⺌', '小'),
    ('⺍', '小'),
    ('⺜', '日'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⻄', '西'),
    ('⻆', '角'),
    ('⻑', '長'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻝', '食'),
    ('⻤', '鬼'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻫', '斉'),
    ('⻭', '歯'),
    ('⻯', '竜'),
    ('⻲', '亀'),
    ('⻳', '龟'),
];
