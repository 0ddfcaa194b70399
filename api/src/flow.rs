//! A procedure's graph (流程图) as the rules read it: its steps by key, where it starts and
//! ends, and whether a path of passages through it follows its edges.

use chrono::{DateTime, Utc};

/// The steps and edges of one procedure.
#[derive(Clone, Debug, Default)]
pub struct Graph {
    /// `(key, position, time limit in working days)`, in position order.
    pub steps: Vec<(String, i32, Option<i32>)>,
    /// `(from key, to key, label)`.
    pub edges: Vec<(String, String, Option<String>)>,
}

/// One passage as written: the step, when it entered and left, and the label of the edge it
/// left by.
#[derive(Clone, Debug)]
pub struct Passage {
    /// The step's key.
    pub step: String,
    /// When it entered the step.
    pub entered: DateTime<Utc>,
    /// When it left, if it has.
    pub left: Option<DateTime<Utc>>,
    /// The label of the edge it left by, as written.
    pub left_by: Option<String>,
}

/// Why a path does not follow the graph: the field at fault (relative to the passage list, as
/// `[2].step`) and what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The passage and field at fault.
    pub at: String,
    /// What is wrong, for the caller.
    pub message: String,
}

impl Graph {
    /// Reads the graph of `procedure` as stored.
    pub async fn load(
        db: &impl sea_orm::ConnectionTrait,
        procedure: i64,
    ) -> Result<Self, sea_orm::DbErr> {
        use entity::{procedure_edge, procedure_step};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let steps = procedure_step::Entity::find()
            .filter(procedure_step::Column::ProcedureId.eq(procedure))
            .order_by_asc(procedure_step::Column::Position)
            .all(db)
            .await?;
        let key_of = |id: i64| {
            steps
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.key.clone())
                .unwrap_or_default()
        };
        let edges = procedure_edge::Entity::find()
            .filter(procedure_edge::Column::ProcedureId.eq(procedure))
            .order_by_asc(procedure_edge::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|e| (key_of(e.from_step_id), key_of(e.to_step_id), e.label))
            .collect();
        Ok(Self {
            steps: steps
                .iter()
                .map(|s| (s.key.clone(), s.position, s.time_limit_days))
                .collect(),
            edges,
        })
    }

    /// The step every exercise starts at: the first in position.
    pub fn start(&self) -> Option<&str> {
        self.steps.first().map(|(key, _, _)| key.as_str())
    }

    /// Whether `key` is a step of the graph.
    pub fn has(&self, key: &str) -> bool {
        self.steps.iter().any(|(k, _, _)| k == key)
    }

    /// Whether `key` ends the procedure: no edge leaves it.
    pub fn is_end(&self, key: &str) -> bool {
        self.has(key) && !self.edges.iter().any(|(from, _, _)| from == key)
    }

    /// The time limit of step `key`, in working days.
    pub fn limit(&self, key: &str) -> Option<i32> {
        self.steps
            .iter()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, _, limit)| *limit)
    }

    /// The labels of the edges from `from` to `to` (`None` for an edge without one).
    fn labels(&self, from: &str, to: &str) -> Vec<Option<&str>> {
        self.edges
            .iter()
            .filter(|(f, t, _)| f == from && t == to)
            .map(|(_, _, label)| label.as_deref())
            .collect()
    }

    /// Whether `passages`, in order, follow the graph: the first enters at the start; each one
    /// but the last has left, by an edge of the graph to the next one's step (its label, when
    /// given, that edge's); nothing leaves before it enters or enters the next step before the
    /// one before it is left; and a last passage that has left stands at an end step.
    pub fn check_path(&self, passages: &[Passage]) -> Result<(), Refusal> {
        let refuse = |i: usize, field: &str, message: String| Refusal {
            at: format!("[{i}].{field}"),
            message,
        };
        for (i, p) in passages.iter().enumerate() {
            if !self.has(&p.step) {
                return Err(refuse(
                    i,
                    "step",
                    format!("the procedure has no step {:?}", p.step),
                ));
            }
            if i == 0 && Some(p.step.as_str()) != self.start() {
                return Err(refuse(
                    i,
                    "step",
                    format!(
                        "an exercise starts at the procedure's first step {:?}",
                        self.start().unwrap_or_default()
                    ),
                ));
            }
            if let Some(left) = p.left
                && left < p.entered
            {
                return Err(refuse(
                    i,
                    "leftAt",
                    "a step is left after it is entered".into(),
                ));
            }
            let Some(next) = passages.get(i + 1) else {
                if p.left.is_some() && !self.is_end(&p.step) {
                    return Err(refuse(
                        i,
                        "leftAt",
                        format!(
                            "step {:?} is left: add the passage through the step it went to",
                            p.step
                        ),
                    ));
                }
                if p.left_by.is_some() {
                    return Err(refuse(
                        i,
                        "leftBy",
                        "the last passage has not left by an edge".into(),
                    ));
                }
                continue;
            };
            let Some(left) = p.left else {
                return Err(refuse(
                    i,
                    "leftAt",
                    "a step that a later passage follows has been left: give the time".into(),
                ));
            };
            if next.entered < left {
                return Err(refuse(
                    i + 1,
                    "enteredAt",
                    "a step is entered after the one before it is left".into(),
                ));
            }
            let labels = self.labels(&p.step, &next.step);
            if labels.is_empty() {
                return Err(refuse(
                    i + 1,
                    "step",
                    format!(
                        "the procedure has no edge from {:?} to {:?}",
                        p.step, next.step
                    ),
                ));
            }
            if let Some(label) = p.left_by.as_deref()
                && !labels.contains(&Some(label))
            {
                let known: Vec<&str> = labels.iter().map(|l| l.unwrap_or("(none)")).collect();
                return Err(refuse(
                    i,
                    "leftBy",
                    format!(
                        "the edge from {:?} to {:?} is labelled {}, not {label:?}",
                        p.step,
                        next.step,
                        known.join(" or ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// S1 → S2; S2 → S3 (同意), S2 → S1 (补充材料); S3 ends.
    fn graph() -> Graph {
        let step = |k: &str, p| (k.to_owned(), p, Some(3));
        let edge =
            |f: &str, t: &str, l: Option<&str>| (f.to_owned(), t.to_owned(), l.map(str::to_owned));
        Graph {
            steps: vec![step("S1", 1), step("S2", 2), step("S3", 3)],
            edges: vec![
                edge("S1", "S2", None),
                edge("S2", "S3", Some("同意")),
                edge("S2", "S1", Some("补充材料")),
            ],
        }
    }

    fn at(hour: i64) -> DateTime<Utc> {
        DateTime::UNIX_EPOCH + chrono::TimeDelta::hours(hour)
    }

    fn p(step: &str, entered: i64, left: Option<i64>, by: Option<&str>) -> Passage {
        Passage {
            step: step.to_owned(),
            entered: at(entered),
            left: left.map(at),
            left_by: by.map(str::to_owned),
        }
    }

    #[test]
    fn a_path_follows_the_edges_of_the_graph() {
        let g = graph();
        let fine: [&[Passage]; 5] = [
            &[],
            &[p("S1", 0, None, None)],
            &[p("S1", 0, Some(1), None), p("S2", 1, None, None)],
            &[
                p("S1", 0, Some(1), None),
                p("S2", 2, Some(3), Some("补充材料")),
                p("S1", 4, Some(5), None),
                p("S2", 5, Some(6), Some("同意")),
                p("S3", 7, Some(8), None),
            ],
            &[
                p("S1", 0, Some(1), None),
                p("S2", 1, Some(2), None),
                p("S3", 2, None, None),
            ],
        ];
        for path in fine {
            assert_eq!(g.check_path(path), Ok(()), "{path:?}");
        }
        // (path, field at fault)
        let refused: [(&[Passage], &str); 9] = [
            (&[p("S2", 0, None, None)], "[0].step"),
            (&[p("S9", 0, None, None)], "[0].step"),
            (
                &[p("S1", 0, Some(1), None), p("S3", 1, None, None)],
                "[1].step",
            ),
            (
                &[p("S1", 0, None, None), p("S2", 1, None, None)],
                "[0].leftAt",
            ),
            (&[p("S1", 2, Some(1), None)], "[0].leftAt"),
            (
                &[p("S1", 0, Some(2), None), p("S2", 1, None, None)],
                "[1].enteredAt",
            ),
            (
                &[
                    p("S1", 0, Some(1), None),
                    p("S2", 1, Some(2), Some("不同意")),
                    p("S3", 2, None, None),
                ],
                "[1].leftBy",
            ),
            (&[p("S1", 0, Some(1), None)], "[0].leftAt"),
            (&[p("S1", 0, None, Some("同意"))], "[0].leftBy"),
        ];
        for (path, field) in refused {
            let refusal = g.check_path(path).err();
            assert_eq!(
                refusal.as_ref().map(|r| r.at.as_str()),
                Some(field),
                "{path:?}: {refusal:?}"
            );
        }
    }

    #[test]
    fn the_start_is_the_first_step_and_an_end_has_no_way_out() {
        let g = graph();
        assert_eq!(g.start(), Some("S1"));
        assert!(g.is_end("S3"));
        assert!(!g.is_end("S2"));
        assert!(!g.is_end("S9"));
        assert_eq!(g.limit("S2"), Some(3));
    }
}
