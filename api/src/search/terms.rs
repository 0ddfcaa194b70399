//! Splitting text into search terms, the same way for the index and for queries.
//!
//! Chinese has no spaces between words, so a run of Chinese characters (any run of letters
//! outside ASCII) becomes its overlapping pairs of characters: 干部任免 → 干部 部任 任免, and the
//! last character on its own. A word of the query matches when its pairs stand next to each
//! other in the same order, which is the word itself appearing in the text. A single character
//! matches any pair that starts with it. Runs of ASCII letters and digits become lower-case
//! words, matched by prefix.

/// A stretch of text of one kind.
enum Run<'a> {
    /// ASCII letters and digits.
    Ascii(&'a str),
    /// Letters and digits outside ASCII.
    Wide(Vec<char>),
}

fn runs(text: &str) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_alphanumeric() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_alphanumeric() {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            out.push(Run::Ascii(&text[start..end]));
        } else if c.is_alphanumeric() {
            let mut wide = vec![c];
            while let Some(&(_, d)) = chars.peek() {
                if d.is_ascii() || !d.is_alphanumeric() {
                    break;
                }
                wide.push(d);
                chars.next();
            }
            out.push(Run::Wide(wide));
        }
    }
    out
}

/// The terms of `text`, in order: what the index stores.
pub fn of_text(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for run in runs(text) {
        match run {
            Run::Ascii(word) => terms.push(word.to_ascii_lowercase()),
            Run::Wide(chars) => {
                for pair in chars.windows(2) {
                    terms.push(pair.iter().collect());
                }
                if let Some(last) = chars.last() {
                    terms.push(last.to_string());
                }
            }
        }
    }
    terms
}

/// One part of a query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Pairs that must stand next to each other, in order.
    Phrase(Vec<String>),
    /// A term that must start with this.
    Prefix(String),
}

/// A word of the query, with the parts it matches through, and its text for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word as typed.
    pub text: String,
    /// Every part must match.
    pub parts: Vec<Part>,
}

/// The words of a query, split on white space; words without letters or digits are dropped.
pub fn of_query(query: &str) -> Vec<Word> {
    query
        .split_whitespace()
        .filter_map(|word| {
            let parts: Vec<Part> = runs(word)
                .into_iter()
                .map(|run| match run {
                    Run::Ascii(w) => Part::Prefix(w.to_ascii_lowercase()),
                    Run::Wide(chars) if chars.len() == 1 => Part::Prefix(chars[0].to_string()),
                    Run::Wide(chars) => {
                        Part::Phrase(chars.windows(2).map(|p| p.iter().collect()).collect())
                    }
                })
                .collect();
            (!parts.is_empty()).then(|| Word {
                text: word.to_owned(),
                parts,
            })
        })
        .collect()
}

/// The words as a PostgreSQL `tsquery`. Terms hold only letters and digits, so they need no
/// escaping inside the quotes.
pub fn tsquery(words: &[Word]) -> String {
    let parts: Vec<String> = words
        .iter()
        .flat_map(|w| &w.parts)
        .map(|part| match part {
            Part::Phrase(pairs) => {
                let quoted: Vec<String> = pairs.iter().map(|p| format!("'{p}'")).collect();
                format!("({})", quoted.join(" <-> "))
            }
            Part::Prefix(p) => format!("'{p}':*"),
        })
        .collect();
    parts.join(" & ")
}

/// The words as an SQLite FTS5 query.
pub fn fts5(words: &[Word]) -> String {
    let parts: Vec<String> = words
        .iter()
        .flat_map(|w| &w.parts)
        .map(|part| match part {
            Part::Phrase(pairs) => format!("\"{}\"", pairs.join(" ")),
            Part::Prefix(p) => format!("\"{p}\" *"),
        })
        .collect();
    parts.join(" AND ")
}

/// The rank of a matched document on SQLite, as SQL over the `title` and `body` columns of the
/// FTS5 table (terms joined by spaces) with its bound values. It depends on the document and
/// the query only: FTS5's `bm25` weighs terms by how many documents of the whole index hold
/// them, hidden ones included, so that a caller could learn of documents they cannot see from
/// the order of what they can. Each part of each word scores its occurrences in the title (at
/// most 2) and in the body (at most 1, less in a long body), saturating as they repeat.
pub fn sqlite_rank(words: &[Word]) -> (String, Vec<String>) {
    let count = |column: &str| {
        format!(
            "((LENGTH(' ' || {column}) - LENGTH(REPLACE(' ' || {column}, ?, ''))) * 1.0 / LENGTH(?))"
        )
    };
    let mut sql = Vec::new();
    let mut values = Vec::new();
    for part in words.iter().flat_map(|w| &w.parts) {
        let needle = match part {
            Part::Phrase(pairs) => format!(" {}", pairs.join(" ")),
            Part::Prefix(p) => format!(" {p}"),
        };
        let (title, body) = (count("search_terms.title"), count("search_terms.body"));
        sql.push(format!(
            "(2.0 * {title} / ({title} + 1.0) + {body} / ({body} + 1.0 + LENGTH(search_terms.body) / 2000.0))"
        ));
        // Each count binds the needle twice; each appears twice in its term.
        for _ in 0..8 {
            values.push(needle.clone());
        }
    }
    if sql.is_empty() {
        return ("0.0".to_owned(), values);
    }
    (sql.join(" + "), values)
}

/// The terms of a title and a body as a PostgreSQL `tsvector` literal: positions in order,
/// the title's terms weighted `A`.
pub fn tsvector(title: &[String], body: &[String]) -> String {
    // PostgreSQL keeps positions up to 16383.
    const MAX_POSITION: usize = 16383;
    let mut out = String::new();
    for (i, term) in title.iter().chain(body).enumerate() {
        let position = (i + 1).min(MAX_POSITION);
        let weight = if i < title.len() { "A" } else { "" };
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("'{term}':{position}{weight}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_becomes_overlapping_pairs() {
        assert_eq!(of_text("干部任免"), ["干部", "部任", "任免", "免"]);
        assert_eq!(of_text("党"), ["党"]);
    }

    #[test]
    fn ascii_words_are_lower_cased_and_punctuation_splits() {
        assert_eq!(
            of_text("SYN-00001，县委（常委会）"),
            ["syn", "00001", "县委", "委", "常委", "委会", "会"]
        );
    }

    #[test]
    fn query_words_become_phrases_and_prefixes() {
        let words = of_query(" 任免  扶贫开发 党 SYN ");
        let parts: Vec<_> = words.iter().map(|w| w.parts.clone()).collect();
        assert_eq!(
            parts,
            vec![
                vec![Part::Phrase(vec!["任免".into()])],
                vec![Part::Phrase(vec![
                    "扶贫".into(),
                    "贫开".into(),
                    "开发".into()
                ])],
                vec![Part::Prefix("党".into())],
                vec![Part::Prefix("syn".into())],
            ]
        );
    }

    #[test]
    fn punctuation_alone_is_no_word() {
        assert!(of_query("，。 ！ '\" :*").is_empty());
    }

    #[test]
    fn queries_render_for_both_databases() {
        let words = of_query("扶贫开发 党 it");
        assert_eq!(
            tsquery(&words),
            "('扶贫' <-> '贫开' <-> '开发') & '党':* & 'it':*"
        );
        assert_eq!(fts5(&words), "\"扶贫 贫开 开发\" AND \"党\" * AND \"it\" *");
    }

    #[test]
    fn sqlite_ranks_bind_one_needle_per_placeholder() {
        let words = of_query("扶贫开发 it");
        let (sql, values) = sqlite_rank(&words);
        assert_eq!(sql.matches('?').count(), values.len());
        assert_eq!(values[0], " 扶贫 贫开 开发");
        assert_eq!(values[8], " it");
        assert!(!sql.contains("bm25"));
    }

    #[test]
    fn vectors_weight_the_title() {
        let title = of_text("任免");
        let body = of_text("ab");
        assert_eq!(tsvector(&title, &body), "'任免':1A '免':2A 'ab':3");
    }
}
