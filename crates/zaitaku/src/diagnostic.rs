//! Every message about a place in a file, rendered the one way: the file,
//! line and column, the source line, and a caret under what is wrong
//! (through annotate-snippets, rustc's renderer), then what was expected and
//! what was found.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use zaitaku_parse::model::Span;

/// A file a message can point into: its name as given and its decoded text,
/// with where each line starts (so showing a line does not scan the text).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The path as the user gave it.
    pub path: &'a str,
    /// The decoded text (lines and columns are counted in it).
    pub text: &'a str,
    /// Byte offset of each line's start (`zaitaku_pipeline::input::line_starts`).
    pub starts: &'a [usize],
    /// The file's line number of `text`'s first line (1 unless `text` is an
    /// excerpt, such as the damaged line of a decode error).
    pub first_line: u32,
}

impl<'a> Source<'a> {
    /// Line `no` (from 1), without its line end.
    fn line(&self, no: u32) -> Option<&'a str> {
        let k = usize::try_from(no.checked_sub(self.first_line)?).ok()?;
        let start = *self.starts.get(k)?;
        let end = self
            .starts
            .get(k + 1)
            .map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text.get(start..end)
    }
}

/// One message about one place.
pub struct Diagnostic<'a> {
    /// Error or note.
    pub level: Level<'a>,
    /// A short name of the rule broken: `layout`, `number`, `p2.ka.q2.pct_no`.
    pub id: &'a str,
    /// The headline: what was expected (and on which page).
    pub title: String,
    /// Where.
    pub at: Span,
    /// The label under the caret: what was found.
    pub label: String,
    /// Other places the message is about, each with its label.
    pub also: Vec<(Span, String)>,
    /// Further lines (help, where else it is printed).
    pub notes: Vec<String>,
}

/// The renderer for stderr: colours where the process's style has them
/// ([`crate::term::Style`]: `--color`, NO_COLOR, a terminal), plain text
/// otherwise (and in tests, which read stderr through a pipe).
fn renderer() -> Renderer {
    if crate::term::Style::get().color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
}

/// The byte range of the word at character column `column` (from 1) of
/// `line`: from the column to the next whitespace, comma (a CSV field) or
/// control character, at least one character (a NUL byte is one).
fn word_at(line: &str, column: u32) -> std::ops::Range<usize> {
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let mut start = line.char_indices().nth(skip).map_or(line.len(), |(b, _)| b);
    if column <= 1 {
        // Column 1 stands for the whole line: the caret goes under its
        // first printed character (an indented copy's line).
        start = line.len() - line.trim_start().len();
    }
    let rest = line.get(start..).unwrap_or_default();
    let word = rest
        .find(|c: char| c.is_whitespace() || c == ',' || c.is_control())
        .unwrap_or(rest.len());
    // On a space (a message about a gap), the caret covers that character.
    let len = if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    };
    start..start + len
}

/// `at`, moved to the CSV field of its line that is `field`, if one is.
pub fn locate_field(source: Source<'_>, at: Span, field: &str) -> Span {
    let Some(line) = source.line(at.line) else {
        return at;
    };
    let mut column = 1u32;
    for f in line.split(',') {
        if f == field {
            return at.at_column(column);
        }
        let width = u32::try_from(f.chars().count()).unwrap_or(u32::MAX);
        column = column.saturating_add(width).saturating_add(1);
    }
    at
}

/// `at`, moved to where `word` stands alone on its line, if it does and `at`
/// names the whole line (column 1): the caret then points at the figure.
pub fn locate(source: Source<'_>, at: Span, word: &str) -> Span {
    let Some(line) = source.line(at.line) else {
        return at;
    };
    if at.column > 1 {
        return at;
    }
    zaitaku_parse::text::words_at(line)
        .into_iter()
        .find(|(_, w)| *w == word)
        .map_or(at, |(byte, _)| {
            at.at_column(zaitaku_parse::text::char_column(line, byte))
        })
}

/// Renders `d`: the headline, the source line of `source` with a caret under
/// the word at `d.at`, the label, the notes. A place outside the text (it
/// never should be) is rendered without a source line.
pub fn render<'a>(source: Source<'a>, d: &'a Diagnostic<'a>) -> String {
    // Without a line to show, the headline names the file and what was found.
    let headline = match source.line(d.at.line) {
        Some(_) => d.title.clone(),
        None => format!("{}: {}, {}", source.path, d.title, d.label),
    };
    let title = d.level.clone().primary_title(headline).id(d.id);
    let mut groups: Vec<Group<'_>> = Vec::new();
    let snippet = |at: Span, kind: AnnotationKind, label: &'a str| {
        let line_no = usize::try_from(at.line).unwrap_or(0);
        let line = source.line(at.line)?;
        Some(
            Snippet::source(line)
                .line_start(line_no)
                .path(source.path)
                .annotation(kind.span(word_at(line, at.column)).label(label)),
        )
    };
    let mut group = Group::with_title(title);
    if let Some(s) = snippet(d.at, AnnotationKind::Primary, d.label.as_str()) {
        group = group.element(s);
    }
    for (at, label) in &d.also {
        if let Some(s) = snippet(*at, AnnotationKind::Context, label.as_str()) {
            group = group.element(s);
        }
    }
    groups.push(group);
    for note in &d.notes {
        groups.push(Group::with_title(
            Level::NOTE.secondary_title(note.as_str()),
        ));
    }
    renderer().render(&groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zaitaku_pipeline::input::line_starts;

    #[test]
    fn the_caret_covers_the_word_at_the_column_in_wide_text() {
        let line = "午前9時～午後5時 03-5312-9925";
        assert_eq!(&line[word_at(line, 1)], "午前9時～午後5時");
        assert_eq!(&line[word_at(line, 11)], "03-5312-9925");
        assert_eq!(word_at(line, 99), line.len()..line.len());
        // Column 1 is the whole line: its first printed word.
        assert_eq!(&"\t  1 千代田区"[word_at("\t  1 千代田区", 1)], "1");
        // A NUL byte among other bytes is one character.
        assert_eq!(word_at("ab\u{0}cd", 3), 2..3);
        assert_eq!(&"ab\u{0}cd"[word_at("ab\u{0}cd", 1)], "ab");
    }

    #[test]
    fn a_rendered_error_shows_file_line_caret_and_what_was_found() {
        let text = "a\n4 新宿区 1 窓口\n";
        let starts = line_starts(text);
        let out = render(
            Source {
                path: "input.txt",
                text,
                starts: &starts,
                first_line: 1,
            },
            &Diagnostic {
                level: Level::ERROR,
                id: "layout",
                title: "expected a count".into(),
                at: Span::line(7, 2).at_column(3),
                label: "found «新宿区»".into(),
                also: vec![(Span::line(7, 1), "the page".into())],
                notes: vec!["the count follows the name".into()],
            },
        );
        assert!(out.contains("error[layout]: expected a count"), "{out}");
        assert!(out.contains("--> input.txt:2:3"), "{out}");
        assert!(out.contains("4 新宿区 1 窓口"), "{out}");
        assert!(out.contains("^^^^ found «新宿区»"), "{out}");
        assert!(out.contains("note: the count follows the name"), "{out}");
        assert!(out.contains("- the page"), "{out}");
    }
}
