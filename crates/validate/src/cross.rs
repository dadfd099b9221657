//! Checks across pages: page 1 against page 2 wherever they print the same
//! figure. This is what proves that a page-1 row's figures belong to the
//! row's label: page 2 prints the same question's count beside its text.

use crate::arithmetic::show_tenths;
use crate::pages::program_row_name;
use crate::report::{Compare, Family, Id, PrintedAt, ValidationReport};
use zaitaku_parse::model::Report;

/// Page 1 and page 2 agree on n, and on every count and share they both print.
pub fn page1_against_page2(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    let (p1, p2) = (&report.program, &report.questions);
    out.check(
        Compare {
            id: Id::new(Family::CrossPage, "n"),
            edition: ed,
            subject: "n on page 1 = n on page 2".into(),
            printed_at: Some(PrintedAt::all([p1.n_span, p2.n_span])),
            spans: vec![p1.n_span, p2.n_span],
        },
        p1.n,
        p2.n,
    );
    for r in &p1.rows {
        let Some(q) = r.question else { continue };
        let (show, id) = program_row_name(Family::CrossPage, r);
        let twin = p2
            .rows
            .iter()
            .find(|t| t.item == r.item && t.question == q && t.sub == r.sub && t.option.is_none());
        let printed_at = Some(match twin {
            Some(t) => PrintedAt::all([r.span, t.span]),
            None => PrintedAt::at(r.span).followed_by(" and nowhere on page 2"),
        });
        let cmp = |field: &'static str, what: &str| Compare {
            id: id.id(field),
            edition: ed,
            subject: format!(
                "{show} {what} of 「{}」: page 1 (published) = page 2 (reconstructed)",
                r.activity
            ),
            printed_at: printed_at.clone(),
            spans: std::iter::once(r.span)
                .chain(twin.map(|t| t.span))
                .collect(),
        };
        out.check(
            cmp("count", "FY-current count"),
            r.count_current.to_string(),
            twin.and_then(|t| t.count_yes)
                .map_or("no page-2 count".into(), |c| c.to_string()),
        );
        out.check(
            cmp("pct", "FY-current share"),
            show_tenths(r.pct_current),
            twin.map_or("no page-2 row".into(), |t| show_tenths(t.pct_yes)),
        );
    }
}
