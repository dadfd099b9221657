//! Page 2 (集計状況): 「実施・予定」 counts printed on a line of their own,
//! away from any question's text (ア③, オ①, カ② in the seed).

use crate::model::{CountSource, PrintedQuestionSummary, QuestionSummary};

/// Gives each question whose text carries no count the count printed apart
/// that equals n − 「未実施等」 (the identity the page publishes), if there is
/// one, with the reason `ApartPlacedByTotal`; the rest stay unplaced.
pub fn question_counts(q: PrintedQuestionSummary) -> QuestionSummary {
    let PrintedQuestionSummary {
        n,
        n_span,
        mut rows,
        counts_apart: mut unplaced_counts,
    } = q;
    for row in rows
        .iter_mut()
        .filter(|r| r.option.is_none() && r.count_yes.is_none())
    {
        let want = row.count_no.and_then(|no| n.checked_sub(no));
        if let Some(i) = unplaced_counts.iter().position(|(c, _)| Some(*c) == want) {
            let (c, span) = unplaced_counts.remove(i);
            row.count_yes = Some(c);
            row.count_yes_span = Some(span);
            row.count_yes_source = CountSource::ApartPlacedByTotal;
        }
    }
    QuestionSummary {
        n,
        n_span,
        rows,
        unplaced_counts,
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::Item;
    use crate::model::CountSource;

    #[test]
    fn counts_printed_apart_go_to_the_question_they_complete() {
        let report = crate::parse_text(include_str!("../../../../raw/000_1fb60f2a74870bbb.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let apart: Vec<(Item, u8, Option<u32>, Option<u32>)> = report
            .questions
            .rows
            .iter()
            .filter(|r| r.count_yes_source == CountSource::ApartPlacedByTotal)
            .map(|r| {
                (
                    r.item,
                    r.question,
                    r.count_yes,
                    r.count_yes_span.map(|s| s.line),
                )
            })
            .collect();
        // L249 「48」, L247 「45」, L209 「33」 stand alone; n = 53 and page 2
        // prints 未実施等 5 (ア③), 8 (オ①), 20 (カ②): 53 − 5 = 48, 53 − 8 = 45, 53 − 20 = 33.
        assert_eq!(
            apart,
            [
                (Item::A, 3, Some(48), Some(249)),
                (Item::O, 1, Some(45), Some(247)),
                (Item::Ka, 2, Some(33), Some(209)),
            ]
        );
        assert_eq!(report.questions.unplaced_counts, []);
    }
}
