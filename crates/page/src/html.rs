//! The few pieces of HTML the page is written with: escaping, the
//! provenance attribute, and the text's lines as one JSON array.

use std::borrow::Cow;
use std::fmt::Write as _;
use zaitaku_parse::model::Span;

/// `text` with `&`, `<`, `>` and `"` escaped, for element content and
/// double-quoted attributes alike.
pub fn esc(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The provenance attribute of an element showing a value read at `span`:
/// ` data-at="page:line:column"`; the page's script shows the line on hover
/// and click.
pub fn at(span: Span) -> String {
    let mut s = String::with_capacity(24);
    let _ = write!(
        s,
        " data-at=\"{}:{}:{}\"",
        span.page, span.line, span.column
    );
    s
}

/// A table cell holding `value`, read at `span` (if known), named `col`
/// (the table column it is, for tests and readers of the page's source).
pub fn td(out: &mut String, col: &str, value: &str, span: Option<Span>) {
    let _ = write!(
        out,
        "<td data-col=\"{col}\"{}>{}</td>",
        span.map(at).unwrap_or_default(),
        esc(value)
    );
}

/// The text's lines as a JSON array inside a `<script type="application/json">`
/// element: `</` written `<\/` so that no line can end the element.
pub fn lines_json(text: &str) -> String {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    serde_json::to_string(&lines)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_japanese_alone_and_escapes_markup() {
        assert!(matches!(esc("中央区 ◎"), Cow::Borrowed("中央区 ◎")));
        assert_eq!(
            esc("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn no_line_can_close_the_script_element() {
        let json = lines_json("a\n</script><b>\r\nc");
        assert!(!json.contains("</"));
        let back: Vec<String> =
            serde_json::from_str(&json.replace("<\\/", "</")).unwrap_or_default();
        assert_eq!(back, ["a", "</script><b>", "c"]);
    }

    #[test]
    fn provenance_names_page_line_and_column() {
        let span = Span::line(3, 120).at_column(7);
        assert_eq!(at(span), " data-at=\"3:120:7\"");
    }
}
