//! Disclosure control of published aggregates: which cells of a table of counts may be shown to
//! an audience that can also list some of the counted cases one by one, and has kept every
//! earlier answer.
//!
//! The rule is pure: it takes the true figures (how many cases each cell holds, and how many of
//! them the audience can list) and the earlier answers, and returns what to publish. The
//! attacker it defends against is [`audit`]: it reads the published table as a system of
//! equations (every dimension adds up to the same total) and bounds (what each label says,
//! what the audience can list, that counts of a later answer only grow), and derives every count
//! of unlisted cases it can pin down. A table is published only when no such count is pinned to
//! 1 … [`THRESHOLD`]` - 1`.

use serde::{Deserialize, Serialize};

/// Cells of fewer cases than this are never shown, and no count of cases the audience cannot
/// list may be derivable below it (unless it is 0).
pub const THRESHOLD: u64 = 3;

/// The key of the cell that holds together the withheld cells of an open dimension.
pub const OTHER: &str = "OTHER";

/// The key of a table's total.
pub const TOTAL: &str = "TOTAL";

/// Why a cell is withheld.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Withheld {
    /// The cell holds 1 to [`THRESHOLD`]` - 1` cases.
    FewerThanThreshold,
    /// The cell holds [`THRESHOLD`] cases or more; it is withheld because, with the list of
    /// cases, the other cells or earlier answers, it would give away a small count of unlisted
    /// cases.
    PreventsDerivation,
    /// The withheld keys of an open dimension (such as ranks), together: one case or more.
    Grouped,
    /// Nothing of the table is published: every figure would give away a small count.
    TooFewToPublish,
    /// Of one jurisdiction among others, for an audience that cannot list every case: the
    /// breakdowns, and the total where the whole's answer does not give it: see [`part_of`].
    WholeOnly,
}

/// A published cell: a count, or the reason it is withheld.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The key: a sanction, a year, a rank, [`OTHER`] or [`TOTAL`].
    pub key: String,
    /// The count, when shown.
    pub count: Option<u64>,
    /// Why the count is withheld, when it is.
    pub withheld: Option<Withheld>,
}

impl Cell {
    fn shown(key: &str, count: u64) -> Self {
        Self {
            key: key.to_owned(),
            count: Some(count),
            withheld: None,
        }
    }

    fn withheld(key: &str, why: Withheld) -> Self {
        Self {
            key: key.to_owned(),
            count: None,
            withheld: Some(why),
        }
    }
}

/// A published dimension: cells that split the same cases as the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    /// The dimension's name, the same in every answer.
    pub name: String,
    /// Its cells.
    pub cells: Vec<Cell>,
}

/// A published table: a total, and dimensions that each split it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The number of cases counted.
    pub total: Cell,
    /// The dimensions.
    pub dimensions: Vec<Dimension>,
    /// Why dimensions of the aggregate are left out of a table whose total does not say it:
    /// the table of one jurisdiction among others gives only where its cases are counted
    /// ([`part_of`]). A table that publishes nothing says so in its total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdowns: Option<Withheld>,
}

/// How many cases a cell holds, and how many of them the audience can list one by one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Every case counted.
    pub count: u64,
    /// The cases the audience can list.
    pub listed: u64,
}

/// The true figures of one dimension.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DimensionFigures {
    /// The dimension's name.
    pub name: String,
    /// Whether the keys are open (free text): a key's presence then tells that someone has
    /// it, so withheld keys are shown together as [`OTHER`]. Closed keys (a vocabulary) list
    /// every value, 0 included.
    pub open: bool,
    /// The cells, in the order to publish them.
    pub cells: Vec<(String, Tally)>,
}

/// The true figures of a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// All cases.
    pub total: Tally,
    /// The dimensions.
    pub dimensions: Vec<DimensionFigures>,
}

/// What the audience of an answer can list, by dimension and key: the attacker's side of the
/// subtraction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// Every listed case.
    pub total: u64,
    /// By dimension name, then key.
    pub dimensions: std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>,
}

impl Figures {
    /// What the audience can list, as the figures count it.
    pub fn listing(&self) -> Listing {
        Listing {
            total: self.total.listed,
            dimensions: self
                .dimensions
                .iter()
                .map(|d| {
                    let keys = d
                        .cells
                        .iter()
                        .filter(|(_, t)| t.listed > 0)
                        .map(|(k, t)| (k.clone(), t.listed))
                        .collect();
                    (d.name.clone(), keys)
                })
                .collect(),
        }
    }
}

/// Every figure as it is: for an audience that can list every counted case, to whom no figure
/// says anything they cannot count themselves.
pub fn exact(figures: &Figures) -> Table {
    Table {
        total: Cell::shown(TOTAL, figures.total.count),
        dimensions: figures
            .dimensions
            .iter()
            .map(|d| Dimension {
                name: d.name.clone(),
                cells: d
                    .cells
                    .iter()
                    .filter(|(_, t)| !d.open || t.count > 0)
                    .map(|(k, t)| Cell::shown(k, t.count))
                    .collect(),
            })
            .collect(),
        breakdowns: None,
    }
}

/// The state of one cell while the table is being protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    Shown,
    /// Fewer than the threshold: always withheld.
    Small,
    /// Withheld because its unlisted cases number 1 … threshold - 1: always withheld.
    Unlisted,
    /// Withheld so that another cell cannot be worked out: shown again if the table stays
    /// safe without it.
    Complement,
}

struct Work<'a> {
    figures: &'a Figures,
    total: Mark,
    cells: Vec<Vec<Mark>>,
}

fn small(n: u64) -> bool {
    (1..THRESHOLD).contains(&n)
}

fn primary(t: Tally) -> Mark {
    if small(t.count) {
        Mark::Small
    } else if small(t.count.saturating_sub(t.listed)) {
        Mark::Unlisted
    } else {
        Mark::Shown
    }
}

impl Work<'_> {
    fn render(&self) -> Table {
        let reason = |mark: Mark| match mark {
            Mark::Shown => None,
            Mark::Small => Some(Withheld::FewerThanThreshold),
            Mark::Unlisted | Mark::Complement => Some(Withheld::PreventsDerivation),
        };
        let cell = |key: &str, t: Tally, mark: Mark| match reason(mark) {
            None => Cell::shown(key, t.count),
            Some(why) => Cell::withheld(key, why),
        };
        Table {
            total: cell(TOTAL, self.figures.total, self.total),
            dimensions: self
                .figures
                .dimensions
                .iter()
                .zip(&self.cells)
                .map(|(d, marks)| {
                    let mut cells: Vec<Cell> = d
                        .cells
                        .iter()
                        .zip(marks)
                        .filter(|((_, t), m)| !d.open || (t.count > 0 && **m == Mark::Shown))
                        .map(|((k, t), m)| cell(k, *t, *m))
                        .collect();
                    if d.open && marks.iter().any(|m| *m != Mark::Shown) {
                        cells.push(Cell::withheld(OTHER, Withheld::Grouped));
                    }
                    Dimension {
                        name: d.name.clone(),
                        cells,
                    }
                })
                .collect(),
            breakdowns: None,
        }
    }

    /// The smallest shown cell that is not empty, in dimension `d`.
    fn smallest_shown(&self, d: usize) -> Option<(u64, usize, usize)> {
        self.figures.dimensions[d]
            .cells
            .iter()
            .zip(&self.cells[d])
            .enumerate()
            .filter(|(_, ((_, t), m))| **m == Mark::Shown && t.count > 0)
            .map(|(i, ((_, t), _))| (t.count, d, i))
            .min()
    }

    /// Withholds one more figure against a leak in `dimension` (or in the total): the smallest
    /// shown cell of that dimension, else the total, else the smallest shown cell of a
    /// dimension that gives the total away by having nothing withheld, else any. `false` when
    /// nothing is left to withhold.
    fn withhold_more(&mut self, dimension: Option<usize>) -> bool {
        let pick = dimension.and_then(|d| self.smallest_shown(d));
        if let Some((_, d, i)) = pick {
            self.cells[d][i] = Mark::Complement;
            return true;
        }
        if self.total == Mark::Shown {
            self.total = Mark::Complement;
            return true;
        }
        let all = 0..self.cells.len();
        let whole = all
            .clone()
            .filter(|d| self.cells[*d].iter().all(|m| *m == Mark::Shown))
            .filter_map(|d| self.smallest_shown(d))
            .min();
        match whole.or_else(|| all.filter_map(|d| self.smallest_shown(d)).min()) {
            Some((_, d, i)) => {
                self.cells[d][i] = Mark::Complement;
                true
            }
            None => false,
        }
    }
}

/// The table of one jurisdiction among others, for an audience that cannot list every case,
/// made of the whole's published answer `whole` alone, so that it tells nothing that answer
/// does not: the cells of `keys` (the jurisdiction and those within it) in the whole's
/// dimension `dimension`, which splits every case by where it is counted; and a total that is
/// their sum when every one of them is shown, the one withheld cell itself when the others are
/// shown as 0, and withheld (`WholeOnly`) otherwise, as it is when the whole's answer has no
/// such dimension. Its other breakdowns are withheld (`WholeOnly`): a jurisdiction's table
/// beside the whole's, or its neighbours', would let small counts be worked out by difference.
pub fn part_of(whole: &Table, dimension: &str, keys: &[String]) -> Table {
    let withheld_whole = whole
        .total
        .withheld
        .filter(|w| matches!(w, Withheld::TooFewToPublish | Withheld::WholeOnly));
    let found = whole.dimensions.iter().find(|d| d.name == dimension);
    let (Some(found), None) = (found, withheld_whole) else {
        return Table {
            total: Cell::withheld(TOTAL, withheld_whole.unwrap_or(Withheld::WholeOnly)),
            dimensions: Vec::new(),
            breakdowns: Some(withheld_whole.unwrap_or(Withheld::WholeOnly)),
        };
    };
    let cells: Vec<Cell> = found
        .cells
        .iter()
        .filter(|c| keys.contains(&c.key))
        .cloned()
        .collect();
    let every_key = keys.iter().all(|k| cells.iter().any(|c| &c.key == k));
    let unshown: Vec<&Cell> = cells.iter().filter(|c| c.count.is_none()).collect();
    let total = match unshown.as_slice() {
        _ if !every_key => Cell::withheld(TOTAL, Withheld::WholeOnly),
        [] => Cell::shown(TOTAL, cells.iter().filter_map(|c| c.count).sum()),
        [one] if cells.iter().all(|c| c.count.is_none_or(|n| n == 0)) => Cell {
            key: TOTAL.to_owned(),
            ..(*one).clone()
        },
        _ => Cell::withheld(TOTAL, Withheld::WholeOnly),
    };
    Table {
        total,
        dimensions: vec![Dimension {
            name: dimension.to_owned(),
            cells,
        }],
        breakdowns: Some(Withheld::WholeOnly),
    }
}

/// Whether `caller` may list every case an aggregate counts, and so be given exact figures:
/// a caller who sees PARTY records, and, when limited to jurisdictions, only of cases whose
/// owners (`owners`, or every owner when `None`) all lie within them.
pub fn lists_every_case(caller: &super::Caller, owners: Option<&[i64]>) -> bool {
    if !caller.scopes().contains(&entity::enums::Scope::Party) {
        return false;
    }
    match (caller.within(), owners) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(_), Some(owners)) => owners.iter().all(|o| caller.governs(Some(*o))),
    }
}

/// The table that publishes nothing.
fn nothing(figures: &Figures) -> Table {
    Table {
        total: Cell::withheld(TOTAL, Withheld::TooFewToPublish),
        dimensions: figures
            .dimensions
            .iter()
            .map(|d| Dimension {
                name: d.name.clone(),
                cells: Vec::new(),
            })
            .collect(),
        breakdowns: None,
    }
}

/// The table to publish for an audience that cannot list every counted case, given every
/// earlier answer to that audience (oldest first, each with what the audience can list of the
/// cases it counted).
///
/// Primary suppression withholds each cell of 1 … [`THRESHOLD`]` - 1` cases, and each cell whose
/// unlisted cases number 1 … [`THRESHOLD`]` - 1`. A 0 is shown: it describes nobody. Then, as
/// long as [`audit`] finds a count it did not find in the earlier answers alone, one more
/// figure is withheld (see `Work::withhold_more`); last, each figure withheld only for
/// another's sake is shown again if the table stays safe without it, largest first. When no
/// figure is left to withhold, nothing is published.
pub fn protect(figures: &Figures, earlier: &[(Table, Listing)]) -> Table {
    let listing = figures.listing();
    let before: Vec<Leak> = audit(earlier);
    let leaks = |table: Table| {
        let mut answers = earlier.to_vec();
        answers.push((table, listing.clone()));
        audit(&answers)
            .into_iter()
            .filter(|l| !before.contains(l))
            .collect::<Vec<Leak>>()
    };
    let mut work = Work {
        figures,
        total: primary(figures.total),
        cells: figures
            .dimensions
            .iter()
            .map(|d| d.cells.iter().map(|(_, t)| primary(*t)).collect())
            .collect(),
    };
    let index = |name: &Option<String>| {
        name.as_ref()
            .and_then(|n| figures.dimensions.iter().position(|d| &d.name == n))
    };
    // Each round withholds one more figure, so this ends within the number of cells.
    loop {
        let found = leaks(work.render());
        let Some(first) = found.first() else { break };
        if !work.withhold_more(index(&first.dimension)) {
            return nothing(figures);
        }
    }
    let mut complements: Vec<(u64, Option<(usize, usize)>)> = Vec::new();
    if work.total == Mark::Complement {
        complements.push((figures.total.count, None));
    }
    for (d, marks) in work.cells.iter().enumerate() {
        for (i, mark) in marks.iter().enumerate() {
            if *mark == Mark::Complement {
                complements.push((figures.dimensions[d].cells[i].1.count, Some((d, i))));
            }
        }
    }
    complements.sort_by(|a, b| b.cmp(a));
    for (_, at) in complements {
        let slot = |work: &mut Work, mark: Mark| match at {
            None => work.total = mark,
            Some((d, i)) => work.cells[d][i] = mark,
        };
        slot(&mut work, Mark::Shown);
        if !leaks(work.render()).is_empty() {
            slot(&mut work, Mark::Complement);
        }
    }
    work.render()
}

/// A count of unlisted cases that an audience can pin down to 1 … [`THRESHOLD`]` - 1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leak {
    /// The answer it is read from (an index into the answers audited).
    pub answer: usize,
    /// The dimension, or `None` for the total.
    pub dimension: Option<String>,
    /// What is pinned: a key, "withheld cells", or either since an earlier answer.
    pub what: String,
    /// The count.
    pub hidden: i64,
}

const INF: i64 = 1 << 40;

/// Bounds of a count of unlisted cases; `hi == INF` is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    lo: i64,
    hi: i64,
}

impl Range {
    fn exact(n: i64) -> Self {
        Self { lo: n, hi: n }
    }

    fn pinned(self) -> Option<i64> {
        (self.lo == self.hi && self.lo >= 1 && self.lo < THRESHOLD as i64).then_some(self.lo)
    }

    /// `self - other` over every pair of values.
    fn minus(self, other: Range) -> Range {
        Range {
            lo: if other.hi >= INF {
                -INF
            } else {
                self.lo - other.hi
            },
            hi: if self.hi >= INF {
                INF
            } else {
                self.hi - other.lo
            },
        }
    }

    fn tighten(&mut self, lo: i64, hi: i64) -> bool {
        let before = *self;
        self.lo = self.lo.max(lo);
        self.hi = self.hi.min(hi);
        *self != before
    }
}

fn sum(ranges: impl Iterator<Item = Range>) -> Range {
    let mut out = Range::exact(0);
    for r in ranges {
        out.lo += r.lo;
        out.hi = if out.hi >= INF || r.hi >= INF {
            INF
        } else {
            out.hi + r.hi
        };
    }
    out
}

/// A cell as the attacker models it: the bounds on its unlisted cases.
#[derive(Clone, Debug)]
struct Unknown {
    key: String,
    explicit: bool,
    shown: bool,
    range: Range,
}

#[derive(Clone, Debug)]
struct Answer {
    hidden: Range,
    dimensions: Vec<(String, Vec<Unknown>)>,
}

/// The bounds on a cell's unlisted cases that its label and the listing give: a shown count
/// minus the listed; "fewer than" holds 1 … threshold - 1; a cell withheld to prevent
/// derivation holds the threshold or more (a 0 is always shown, a small cell always says so);
/// a group holds one case or more.
fn bounds(cell: &Cell, listed: u64) -> Range {
    let l = listed as i64;
    let t = THRESHOLD as i64;
    match (cell.count, cell.withheld) {
        (Some(n), _) => Range::exact(n as i64 - l),
        (None, Some(Withheld::FewerThanThreshold)) => Range {
            lo: l.max(1) - l,
            hi: t - 1 - l,
        },
        (None, Some(Withheld::PreventsDerivation)) => Range {
            lo: l.max(t) - l,
            hi: INF,
        },
        (None, Some(Withheld::Grouped)) => Range {
            lo: l.max(1) - l,
            hi: INF,
        },
        (None, Some(Withheld::TooFewToPublish | Withheld::WholeOnly) | None) => {
            Range { lo: 0, hi: INF }
        }
    }
}

fn model(table: &Table, listing: &Listing) -> Answer {
    let nothing = matches!(
        table.total.withheld,
        Some(Withheld::TooFewToPublish | Withheld::WholeOnly)
    );
    let empty = std::collections::BTreeMap::new();
    Answer {
        hidden: bounds(&table.total, listing.total),
        dimensions: if nothing {
            Vec::new()
        } else {
            table
                .dimensions
                .iter()
                .map(|d| {
                    let listed = listing.dimensions.get(&d.name).unwrap_or(&empty);
                    let explicit: Vec<&str> = d
                        .cells
                        .iter()
                        .filter(|c| c.withheld != Some(Withheld::Grouped))
                        .map(|c| c.key.as_str())
                        .collect();
                    let unknowns = d
                        .cells
                        .iter()
                        .map(|c| {
                            let grouped = c.withheld == Some(Withheld::Grouped);
                            let l = if grouped {
                                listed
                                    .iter()
                                    .filter(|(k, _)| !explicit.contains(&k.as_str()))
                                    .map(|(_, n)| *n)
                                    .sum()
                            } else {
                                listed.get(&c.key).copied().unwrap_or(0)
                            };
                            Unknown {
                                key: c.key.clone(),
                                explicit: !grouped,
                                shown: c.count.is_some(),
                                range: bounds(c, l),
                            }
                        })
                        .collect();
                    (d.name.clone(), unknowns)
                })
                .collect()
        },
    }
}

/// Tightens every bound until nothing moves: each dimension adds up to the total, and a later
/// answer counts every case an earlier one did (no count of unlisted cases shrinks).
fn propagate(answers: &mut [Answer]) {
    // Bounds only tighten, by whole cases; the cap guards against a slow crawl of unbounded ones.
    for _ in 0..200 {
        let mut moved = false;
        for a in answers.iter_mut() {
            for (_, cells) in a.dimensions.iter_mut() {
                if cells.is_empty() {
                    continue;
                }
                let all = sum(cells.iter().map(|c| c.range));
                moved |= a.hidden.tighten(all.lo, all.hi);
                let unbounded = cells.iter().filter(|c| c.range.hi >= INF).count();
                let finite: i64 = cells
                    .iter()
                    .filter(|c| c.range.hi < INF)
                    .map(|c| c.range.hi)
                    .sum();
                for cell in cells.iter_mut() {
                    let own_inf = cell.range.hi >= INF;
                    let others = Range {
                        lo: all.lo - cell.range.lo,
                        hi: if unbounded > usize::from(own_inf) {
                            INF
                        } else {
                            finite - if own_inf { 0 } else { cell.range.hi }
                        },
                    };
                    let r = a.hidden.minus(others);
                    moved |= cell.range.tighten(r.lo, r.hi);
                }
            }
        }
        for i in 1..answers.len() {
            let (older, newer) = answers.split_at_mut(i);
            let (e, n) = (&mut older[i - 1], &mut newer[0]);
            moved |= e.hidden.tighten(-INF, n.hidden.hi);
            moved |= n.hidden.tighten(e.hidden.lo, INF);
            for (name, ecells) in e.dimensions.iter_mut() {
                let Some((_, ncells)) = n.dimensions.iter_mut().find(|(m, _)| m == name) else {
                    continue;
                };
                for ec in ecells.iter_mut().filter(|c| c.explicit) {
                    if let Some(nc) = ncells.iter_mut().find(|c| c.explicit && c.key == ec.key) {
                        moved |= ec.range.tighten(-INF, nc.range.hi);
                        moved |= nc.range.tighten(ec.range.lo, INF);
                    }
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// The unlisted cases of the withheld cells of one dimension together: the total minus the
/// shown cells.
fn block(hidden: Range, cells: &[Unknown]) -> Option<Range> {
    if cells.iter().all(|c| c.shown) {
        return None;
    }
    let withheld = sum(cells.iter().filter(|c| !c.shown).map(|c| c.range));
    let shown = sum(cells.iter().filter(|c| c.shown).map(|c| c.range));
    let mut out = hidden.minus(shown);
    out.tighten(withheld.lo, withheld.hi);
    Some(out)
}

/// The sum of the unlisted cases of `keys` in one answer's dimension, when the answer gives it:
/// `keys` hold either all of its withheld cells or none. A key the answer does not name is
/// 0, unless the answer has a group, which then holds it.
fn sum_of(hidden: Range, cells: &[Unknown], keys: &[String]) -> Range {
    let named = |k: &String| cells.iter().find(|c| c.explicit && &c.key == k);
    let grouped = cells.iter().any(|c| !c.explicit);
    let holds_withheld = keys.iter().any(|k| named(k).map_or(grouped, |c| !c.shown));
    let shown_in = sum(keys
        .iter()
        .filter_map(named)
        .filter(|c| c.shown)
        .map(|c| c.range));
    if holds_withheld {
        let mut b = block(hidden, cells).unwrap_or(Range::exact(0));
        b.lo += shown_in.lo;
        b.hi = if b.hi >= INF { INF } else { b.hi + shown_in.hi };
        b
    } else {
        shown_in
    }
}

/// Every count of unlisted cases that can be pinned to 1 … [`THRESHOLD`]` - 1` from `answers`
/// (oldest first) with what their audience can list: a shown cell or total minus its listed
/// cases; a withheld cell, or the withheld cells of a dimension together, through the total
/// minus the shown cells and the bounds every label gives; and the same counts between any
/// two answers.
pub fn audit(answers: &[(Table, Listing)]) -> Vec<Leak> {
    let mut models: Vec<Answer> = answers.iter().map(|(t, l)| model(t, l)).collect();
    propagate(&mut models);
    let mut leaks = Vec::new();
    let mut leak = |answer: usize, dimension: Option<&str>, what: String, r: Range| {
        if let Some(hidden) = r.pinned() {
            leaks.push(Leak {
                answer,
                dimension: dimension.map(str::to_owned),
                what,
                hidden,
            });
        }
    };
    for (a, m) in models.iter().enumerate() {
        leak(a, None, TOTAL.into(), m.hidden);
        for (name, cells) in &m.dimensions {
            for c in cells {
                leak(a, Some(name), c.key.clone(), c.range);
            }
            if let Some(b) = block(m.hidden, cells) {
                leak(a, Some(name), "withheld cells".into(), b);
            }
        }
    }
    for j in 1..models.len() {
        for i in 0..j {
            let (e, n) = (&models[i], &models[j]);
            let since = |what: &str| format!("{what} since answer {i}");
            leak(j, None, since(TOTAL), n.hidden.minus(e.hidden));
            for (name, ncells) in &n.dimensions {
                let Some((_, ecells)) = e.dimensions.iter().find(|(m, _)| m == name) else {
                    continue;
                };
                for nc in ncells.iter().filter(|c| c.explicit) {
                    if let Some(ec) = ecells.iter().find(|c| c.explicit && c.key == nc.key) {
                        leak(j, Some(name), since(&nc.key), nc.range.minus(ec.range));
                    }
                }
                for keys in groups(ecells, ncells) {
                    let d = sum_of(n.hidden, ncells, &keys).minus(sum_of(e.hidden, ecells, &keys));
                    leak(j, Some(name), since(&keys.join("+")), d);
                }
            }
        }
    }
    leaks
}

/// The sets of keys whose sum both answers give, beyond single keys: the withheld cells of
/// each, joined where they share a key. A group stands for every key its answer does not name.
fn groups(e: &[Unknown], n: &[Unknown]) -> Vec<Vec<String>> {
    const REST: &str = "(keys not named)";
    let mut universe: Vec<String> = e
        .iter()
        .chain(n)
        .filter(|c| c.explicit)
        .map(|c| c.key.clone())
        .collect();
    universe.push(REST.into());
    universe.sort();
    universe.dedup();
    let withheld = |cells: &[Unknown]| -> Vec<String> {
        let grouped = cells.iter().any(|c| !c.explicit);
        universe
            .iter()
            .filter(
                |k| match cells.iter().find(|c| c.explicit && &c.key == *k) {
                    Some(c) => !c.shown,
                    None => grouped,
                },
            )
            .cloned()
            .collect()
    };
    let (we, wn) = (withheld(e), withheld(n));
    if we.iter().any(|k| wn.contains(k)) {
        let mut joined = we;
        joined.extend(wn);
        joined.sort();
        joined.dedup();
        return vec![joined];
    }
    [we, wn].into_iter().filter(|w| !w.is_empty()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dim(name: &str, open: bool, cells: &[(&str, u64, u64)]) -> DimensionFigures {
        DimensionFigures {
            name: name.into(),
            open,
            cells: cells
                .iter()
                .map(|(k, count, listed)| {
                    (
                        (*k).to_owned(),
                        Tally {
                            count: *count,
                            listed: *listed,
                        },
                    )
                })
                .collect(),
        }
    }

    fn figures(dims: Vec<DimensionFigures>) -> Figures {
        let total = dims.first().map_or(Tally::default(), |d| Tally {
            count: d.cells.iter().map(|(_, t)| t.count).sum(),
            listed: d.cells.iter().map(|(_, t)| t.listed).sum(),
        });
        Figures {
            total,
            dimensions: dims,
        }
    }

    fn one(cells: &[(&str, u64, u64)]) -> Figures {
        figures(vec![dim("d", false, cells)])
    }

    /// A published cell as a short word: the count, `<3`, `w` (withheld to prevent
    /// derivation), `g` (grouped), `-` (nothing published).
    fn word(c: &Cell) -> String {
        match (c.count, c.withheld) {
            (Some(n), _) => n.to_string(),
            (None, Some(Withheld::FewerThanThreshold)) => "<3".into(),
            (None, Some(Withheld::PreventsDerivation)) => "w".into(),
            (None, Some(Withheld::Grouped)) => "g".into(),
            (None, _) => "-".into(),
        }
    }

    fn words(t: &Table) -> String {
        let mut out = format!("{}={}", TOTAL, word(&t.total));
        for d in &t.dimensions {
            for c in &d.cells {
                out.push_str(&format!(" {}={}", c.key, word(c)));
            }
        }
        out
    }

    /// Why, cells as (key, cases, of which listed), what is published.
    type Case<'a> = (&'a str, &'a [(&'a str, u64, u64)], &'a str);

    #[test]
    fn suppression_of_one_table() {
        let cases: &[Case] = &[
            (
                "large cells, nothing unlisted: all shown",
                &[("A", 7, 7), ("B", 4, 4)],
                "TOTAL=11 A=7 B=4",
            ),
            (
                "a 0 is shown, and so are large unlisted counts",
                &[("A", 5, 0), ("B", 0, 0), ("C", 4, 4)],
                "TOTAL=9 A=5 B=0 C=4",
            ),
            (
                "a small cell whose cases are all listed: fewer than 3, and the total minus the \
                 shown cells gives the list's own count, so nothing more is withheld",
                &[("A", 7, 7), ("B", 4, 4), ("C", 1, 1)],
                "TOTAL=12 A=7 B=4 C=<3",
            ),
            (
                "a small unlisted cell: the total minus the list would be 1, so the total goes",
                &[("A", 7, 7), ("B", 4, 4), ("C", 1, 0)],
                "TOTAL=w A=7 B=4 C=<3",
            ),
            (
                "a large cell with 1 unlisted case, and the next smallest as its complement",
                &[("A", 10, 10), ("B", 5, 4), ("C", 6, 0)],
                "TOTAL=21 A=10 B=w C=w",
            ),
            (
                "two cells of 1 or 2 unlisted cases together give 3: no complement needed",
                &[("A", 9, 9), ("B", 4, 3), ("C", 5, 3)],
                "TOTAL=18 A=9 B=w C=w",
            ),
            (
                "what the labels say pins every withheld cell (each withheld one holds 3 or \
                 more, each fewer-than one 1 or 2): the total is withheld so that it cannot",
                &[
                    ("NONE", 0, 0),
                    ("W", 3, 2),
                    ("SW", 3, 1),
                    ("P", 1, 1),
                    ("R", 1, 0),
                    ("E", 3, 3),
                ],
                "TOTAL=w NONE=0 W=w SW=w P=<3 R=<3 E=3",
            ),
        ];
        for (why, cells, expected) in cases {
            let f = one(cells);
            let t = protect(&f, &[]);
            assert_eq!(&words(&t), expected, "{why}");
            assert!(audit(&[(t.clone(), f.listing())]).is_empty(), "{why}");
            assert_no_count_is_pinned(&t, &f.listing(), why);
        }
    }

    #[test]
    fn open_keys_are_withheld_together() {
        let f = figures(vec![dim(
            "rank",
            true,
            &[("a", 8, 3), ("b", 1, 1), ("c", 5, 5), ("d", 2, 0)],
        )]);
        let t = protect(&f, &[]);
        // b and d alone in OTHER would hold 2 unlisted cases, and so would b, c and d: a joins
        // them, and c, which is then not needed, is shown again.
        assert_eq!(words(&t), "TOTAL=16 c=5 OTHER=g");
        assert_no_count_is_pinned(&t, &f.listing(), "open keys");
        assert_eq!(
            words(&exact(&f)),
            "TOTAL=16 a=8 b=1 c=5 d=2",
            "exact figures name every key with a case"
        );
    }

    #[test]
    fn dimensions_are_protected_together() {
        let f = figures(vec![
            dim(
                "party",
                false,
                &[
                    ("W", 9, 2),
                    ("SW", 5, 1),
                    ("R", 1, 0),
                    ("P", 1, 1),
                    ("E", 3, 3),
                ],
            ),
            dim("year", false, &[("2010", 4, 4), ("2011", 15, 3)]),
            dim(
                "rank",
                true,
                &[
                    ("a", 7, 3),
                    ("b", 3, 1),
                    ("c", 6, 2),
                    ("d", 2, 1),
                    ("e", 1, 0),
                ],
            ),
        ]);
        let t = protect(&f, &[]);
        assert_eq!(
            words(&t),
            "TOTAL=19 W=9 SW=w R=<3 P=<3 E=3 2010=4 2011=15 a=7 c=6 OTHER=g"
        );
        assert_no_count_is_pinned(&t, &f.listing(), "dimensions");
    }

    #[test]
    fn an_answer_is_checked_against_the_earlier_ones() {
        let before = one(&[("A", 10, 4), ("B", 8, 2), ("C", 7, 7)]);
        let earlier = protect(&before, &[]);
        assert_eq!(words(&earlier), "TOTAL=25 A=10 B=8 C=7");
        // One unlisted case more in A: A and the total alone would each differ by 1.
        let after = one(&[("A", 11, 4), ("B", 8, 2), ("C", 7, 7)]);
        let answers = |t: Table| vec![(earlier.clone(), before.listing()), (t, after.listing())];
        let careless = protect(&after, &[]);
        assert!(!audit(&answers(careless)).is_empty());
        let answer = protect(&after, &[(earlier.clone(), before.listing())]);
        assert!(audit(&answers(answer.clone())).is_empty());
        // With A and the total withheld, both only bounded from below by the earlier answer.
        assert_eq!(words(&answer), "TOTAL=w A=w B=8 C=7");
        // Three more unlisted cases may show: a difference of 3 singles nobody out.
        let three = one(&[("A", 13, 4), ("B", 8, 2), ("C", 7, 7)]);
        let answer = protect(&three, &[(earlier.clone(), before.listing())]);
        assert_eq!(words(&answer), "TOTAL=28 A=13 B=8 C=7");
    }

    #[test]
    fn a_part_gives_only_what_the_whole_gives() {
        let place = |cells: Vec<Cell>| Dimension {
            name: "jurisdiction".into(),
            cells,
        };
        let whole = Table {
            total: Cell::shown(TOTAL, 20),
            dimensions: vec![
                Dimension {
                    name: "year".into(),
                    cells: vec![Cell::shown("2025", 20)],
                },
                place(vec![
                    Cell::shown("63", 0),
                    Cell::shown("6322", 0),
                    Cell::shown("632221", 12),
                    Cell::withheld("632222", Withheld::FewerThanThreshold),
                    Cell::withheld("632223", Withheld::PreventsDerivation),
                    Cell::shown("632224", 0),
                    Cell::shown("NONE", 0),
                ]),
            ],
            breakdowns: None,
        };
        let part = |keys: &[&str]| {
            let keys: Vec<String> = keys.iter().map(|k| (*k).to_owned()).collect();
            part_of(&whole, "jurisdiction", &keys)
        };
        // A county whose cell is shown: that count, and nothing of its breakdowns.
        let county = part(&["632221"]);
        assert_eq!(county.total, Cell::shown(TOTAL, 12));
        assert_eq!(
            county.dimensions,
            vec![place(vec![Cell::shown("632221", 12)])]
        );
        assert_eq!(county.breakdowns, Some(Withheld::WholeOnly));
        // A county whose cell is withheld: withheld as it is, with the same label.
        assert_eq!(
            part(&["632222"]).total,
            Cell::withheld(TOTAL, Withheld::FewerThanThreshold)
        );
        // Shown cells add up; a withheld cell among zeros is that cell; a withheld cell beside
        // a shown count gives no total, since the sum of the two is not what either label says.
        assert_eq!(
            part(&["6322", "632221", "632224"]).total,
            Cell::shown(TOTAL, 12)
        );
        assert_eq!(
            part(&["6322", "632223", "632224"]).total,
            Cell::withheld(TOTAL, Withheld::PreventsDerivation)
        );
        for keys in [
            &["6322", "632221", "632222"][..],
            &["6322", "632222", "632223"],
        ] {
            assert_eq!(
                part(keys).total,
                Cell::withheld(TOTAL, Withheld::WholeOnly),
                "{keys:?}"
            );
        }
        // A jurisdiction the whole's answer does not name, or an answer without the dimension:
        // no total.
        assert_eq!(
            part(&["632221", "632299"]).total,
            Cell::withheld(TOTAL, Withheld::WholeOnly)
        );
        let older = Table {
            dimensions: whole.dimensions[..1].to_vec(),
            ..whole.clone()
        };
        let none = part_of(&older, "jurisdiction", &["632221".to_owned()]);
        assert_eq!(none.total, Cell::withheld(TOTAL, Withheld::WholeOnly));
        assert!(none.dimensions.is_empty());
        // When the whole publishes nothing, neither does a part.
        let nothing = nothing(&one(&[("a", 1, 0)]));
        let none = part_of(&nothing, "jurisdiction", &["632221".to_owned()]);
        assert_eq!(none.total, Cell::withheld(TOTAL, Withheld::TooFewToPublish));
        assert_eq!(none.breakdowns, Some(Withheld::TooFewToPublish));
    }

    #[test]
    fn nothing_is_published_when_every_figure_gives_a_count_away() {
        // The earlier answer said 1 or 2 cases, none listed; now 2 cases, 1 of them listed:
        // "fewer than 3" again would pin the earlier unlisted count at 1.
        let earlier = protect(&one(&[("A", 1, 0)]), &[]);
        assert_eq!(words(&earlier), "TOTAL=<3 A=<3");
        let listing = one(&[("A", 1, 0)]).listing();
        let now = one(&[("A", 2, 1)]);
        let answer = protect(&now, &[(earlier.clone(), listing.clone())]);
        assert_eq!(words(&answer), "TOTAL=-");
        assert!(audit(&[(earlier, listing), (answer, now.listing())]).is_empty());
    }

    /// A tiny generator, so that the property below sees the same tables on every run.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn no_protected_table_lets_a_small_unlisted_count_be_pinned() {
        let mut rng = Lcg(2011);
        for round in 0..150 {
            let cases = 1 + rng.below(14);
            let listed_share = rng.below(4);
            let keys = ["a", "b", "c"];
            let mut dims: Vec<Vec<(String, Tally)>> = Vec::new();
            for _ in 0..(1 + rng.below(2)) {
                dims.push(
                    keys.iter()
                        .map(|k| ((*k).to_owned(), Tally::default()))
                        .collect(),
                );
            }
            let mut total = Tally::default();
            for _ in 0..cases {
                let listed = rng.below(4) < listed_share;
                total.count += 1;
                total.listed += u64::from(listed);
                for d in &mut dims {
                    let i = rng.below(3) as usize;
                    d[i].1.count += 1;
                    d[i].1.listed += u64::from(listed);
                }
            }
            let f = Figures {
                total,
                dimensions: dims
                    .into_iter()
                    .enumerate()
                    .map(|(i, cells)| DimensionFigures {
                        name: format!("d{i}"),
                        open: false,
                        cells,
                    })
                    .collect(),
            };
            let t = protect(&f, &[]);
            assert_no_count_is_pinned(&t, &f.listing(), &format!("round {round}: {f:?}"));
        }
    }

    /// Every value a withheld cell, the withheld cells of a dimension together, or the total
    /// can take, found by trying every table that agrees with what is published (totals up to
    /// the true one plus 8): an attacker with no cleverness, only patience. Fails when one of
    /// those counts minus its listed cases has a single possible value of 1 or 2.
    fn assert_no_count_is_pinned(t: &Table, listing: &Listing, why: &str) {
        let found = pinned(t, listing);
        assert!(found.is_empty(), "{why}: {found:?} in {}", words(t));
    }

    #[test]
    fn the_patient_attacker_finds_what_primary_suppression_alone_leaves() {
        let f = one(&[("A", 10, 10), ("B", 5, 4), ("C", 6, 0)]);
        let primary_only = Table {
            total: Cell::shown(TOTAL, 21),
            dimensions: vec![Dimension {
                name: "d".into(),
                cells: vec![
                    Cell::shown("A", 10),
                    Cell::withheld("B", Withheld::PreventsDerivation),
                    Cell::shown("C", 6),
                ],
            }],
            breakdowns: None,
        };
        assert!(!pinned(&primary_only, &f.listing()).is_empty());
        assert!(!audit(&[(primary_only, f.listing())]).is_empty());
    }

    fn pinned(t: &Table, listing: &Listing) -> Vec<String> {
        use std::collections::{BTreeMap, BTreeSet};
        let listed_total = listing.total as i64;
        let fits = |c: &Cell, v: i64, l: i64| -> bool {
            let b = bounds(c, l.max(0) as u64);
            v - l >= b.lo && v - l <= b.hi
        };
        let true_total: i64 = t
            .dimensions
            .iter()
            .map(|d| d.cells.iter().filter_map(|c| c.count).sum::<u64>() as i64)
            .max()
            .unwrap_or(0)
            + 2 * THRESHOLD as i64 * 6;
        let empty = BTreeMap::new();
        // (dimension, key or "*") -> values (minus listed) seen over every consistent table
        let mut seen: BTreeMap<(String, String), BTreeSet<i64>> = BTreeMap::new();
        for total in 0..=true_total + 8 {
            if !fits(&t.total, total, listed_total) {
                continue;
            }
            let mut per_dim: Vec<BTreeMap<(String, String), BTreeSet<i64>>> = Vec::new();
            let mut feasible = true;
            for d in &t.dimensions {
                let listed = listing.dimensions.get(&d.name).unwrap_or(&empty);
                let named: Vec<&str> = d.cells.iter().map(|c| c.key.as_str()).collect();
                let l_of = |c: &Cell| -> i64 {
                    if c.withheld == Some(Withheld::Grouped) {
                        listed
                            .iter()
                            .filter(|(k, _)| !named.contains(&k.as_str()))
                            .map(|(_, n)| *n as i64)
                            .sum()
                    } else {
                        listed.get(&c.key).copied().unwrap_or(0) as i64
                    }
                };
                let shown: i64 = d.cells.iter().filter_map(|c| c.count).sum::<u64>() as i64;
                let open: Vec<&Cell> = d.cells.iter().filter(|c| c.count.is_none()).collect();
                let rest = total - shown;
                let mut found: BTreeMap<(String, String), BTreeSet<i64>> = BTreeMap::new();
                let mut values = vec![0i64; open.len()];
                // Every split of `rest` over the withheld cells.
                let mut any = false;
                loop {
                    let sum: i64 = values.iter().sum();
                    if sum == rest && open.iter().zip(&values).all(|(c, v)| fits(c, *v, l_of(c))) {
                        any = true;
                        for (c, v) in open.iter().zip(&values) {
                            found
                                .entry((d.name.clone(), c.key.clone()))
                                .or_default()
                                .insert(v - l_of(c));
                        }
                        let l: i64 = open.iter().map(|c| l_of(c)).sum();
                        found
                            .entry((d.name.clone(), "*".into()))
                            .or_default()
                            .insert(rest - l);
                    }
                    let mut i = 0;
                    while i < values.len() {
                        values[i] += 1;
                        if values[i] <= rest.max(0) {
                            break;
                        }
                        values[i] = 0;
                        i += 1;
                    }
                    if i == values.len() {
                        break;
                    }
                }
                if open.is_empty() {
                    any = rest == 0;
                }
                if !any {
                    feasible = false;
                    break;
                }
                per_dim.push(found);
            }
            if !feasible {
                continue;
            }
            seen.entry(("".into(), TOTAL.into()))
                .or_default()
                .insert(total - listed_total);
            for found in per_dim {
                for (k, v) in found {
                    seen.entry(k).or_default().extend(v);
                }
            }
        }
        seen.into_iter()
            .filter(|(_, values)| {
                values.len() == 1 && values.iter().all(|v| (1..THRESHOLD as i64).contains(v))
            })
            .map(|(what, values)| format!("{what:?} pinned at {values:?}"))
            .collect()
    }
}
