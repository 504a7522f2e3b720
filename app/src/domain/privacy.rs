//! Privacy of published aggregates (domain.md section 7): DPRD sees figures per OPD and for the
//! city, never a group of fewer than [`MIN_GROUP`] officials.
//!
//! Hiding a small group is not enough when the total of its line is published too: the total
//! minus the shown groups gives the hidden ones away. So after the small groups (primary
//! suppression), [`suppress`] hides the smallest shown groups of any line whose hidden groups
//! together hold one or two persons (secondary suppression), along the rows, the columns and the
//! totals of a table, until nothing changes. Groups are sets of persons (any `Ord` key), so a
//! person counted in several cells (a year made of quarters) is one person.
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The smallest group whose figures may be shown.
pub const MIN_GROUP: usize = 3;

/// What a reader is told instead of a hidden figure.
pub const HIDDEN_LABEL: &str = "disembunyikan (< 3)";

/// A group of `count` persons may be shown: none (an empty group tells nothing about anyone) or
/// at least [`MIN_GROUP`].
pub fn shown(count: usize) -> Option<usize> {
    (count == 0 || count >= MIN_GROUP).then_some(count)
}

/// Whether a group of `count` persons is too small to show.
pub fn too_small(count: usize) -> bool {
    shown(count).is_none()
}

/// A published figure: its value, hidden (its group is too small, or shows a small group by
/// difference), or none (nobody in the group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Figure<T> {
    Value(T),
    Hidden,
    Empty,
}

impl<T> Figure<T> {
    /// The figure of a group: hidden when `hidden`, else the value (`Empty` when there is none).
    pub fn of(hidden: bool, value: Option<T>) -> Figure<T> {
        match (hidden, value) {
            (true, _) => Figure::Hidden,
            (false, Some(v)) => Figure::Value(v),
            (false, None) => Figure::Empty,
        }
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Figure::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_hidden(&self) -> bool {
        matches!(self, Figure::Hidden)
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Figure<U> {
        match self {
            Figure::Value(v) => Figure::Value(f(v)),
            Figure::Hidden => Figure::Hidden,
            Figure::Empty => Figure::Empty,
        }
    }
}

/// Which parts of a table (rows × columns of groups, with row totals, column totals and the grand
/// total) are hidden.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hidden {
    pub cells: Vec<Vec<bool>>,
    pub rows: Vec<bool>,
    pub cols: Vec<bool>,
    pub total: bool,
}

impl Hidden {
    /// Nothing hidden.
    pub fn none(rows: usize, cols: usize) -> Hidden {
        Hidden {
            cells: vec![vec![false; cols]; rows],
            rows: vec![false; rows],
            cols: vec![false; cols],
            total: false,
        }
    }

    /// Hides everything that `other` hides (of the same shape).
    pub fn merge(&mut self, other: &Hidden) {
        for (mine, theirs) in self.cells.iter_mut().zip(&other.cells) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a |= *b;
            }
        }
        for (a, b) in self.rows.iter_mut().zip(&other.rows) {
            *a |= *b;
        }
        for (a, b) in self.cols.iter_mut().zip(&other.cols) {
            *a |= *b;
        }
        self.total |= other.total;
    }
}

/// The persons of the hidden groups of a line, counted once.
fn hidden_persons<T: Ord>(groups: &[&BTreeSet<T>], hidden: &[bool]) -> usize {
    let mut persons: BTreeSet<&T> = BTreeSet::new();
    for (g, _) in groups.iter().zip(hidden).filter(|(_, h)| **h) {
        persons.extend(g.iter());
    }
    persons.len()
}

/// Secondary suppression of one line whose total is published. The total minus the shown groups
/// is the sum of the hidden ones, so the hidden groups must be none, or at least two holding at
/// least [`MIN_GROUP`] persons together (two, so that no single hidden group is given away by its
/// line and then subtracted from another). While that does not hold, the smallest shown non-empty
/// group is hidden; when none is left, the total itself is. Returns whether anything changed.
fn protect_line<T: Ord>(groups: &[&BTreeSet<T>], hidden: &mut [bool], total_hidden: &mut bool) -> bool {
    if *total_hidden {
        return hide_all(hidden);
    }
    let mut changed = false;
    loop {
        let hidden_groups = (0..groups.len()).filter(|&i| hidden[i] && !groups[i].is_empty()).count();
        if hidden_groups == 0 || (hidden_groups >= 2 && !too_small(hidden_persons(groups, hidden))) {
            return changed;
        }
        let smallest = (0..groups.len())
            .filter(|&i| !hidden[i] && !groups[i].is_empty())
            .min_by_key(|&i| groups[i].len());
        match smallest {
            Some(i) => hidden[i] = true,
            None => {
                *total_hidden = true;
                hide_all(hidden);
                return true;
            }
        }
        changed = true;
    }
}

fn union<'a, T: Ord + 'a>(groups: impl IntoIterator<Item = &'a BTreeSet<T>>) -> BTreeSet<&'a T> {
    let mut all = BTreeSet::new();
    for g in groups {
        all.extend(g.iter());
    }
    all
}

/// Hides a line entirely; returns whether anything changed.
fn hide_all(hidden: &mut [bool]) -> bool {
    let changed = hidden.iter().any(|h| !h);
    hidden.iter_mut().for_each(|h| *h = true);
    changed
}

/// The parts of a table of groups (`cells[row][col]`, each row `cols` long) that must be hidden:
/// those `forced` hides, the groups (cells, row and column totals, grand total) of one or two
/// persons, and, line by line, the smallest groups needed so that no published total minus the
/// shown groups reveals one or two persons. A hidden total hides its whole line.
pub fn suppress<T: Ord>(cells: &[Vec<BTreeSet<T>>], cols: usize, forced: Option<&Hidden>) -> Hidden {
    let rows = cells.len();
    let mut h = Hidden::none(rows, cols);
    if let Some(f) = forced {
        h.merge(f);
    }
    let empty = BTreeSet::new();
    let cell = |r: usize, c: usize| cells[r].get(c).unwrap_or(&empty);
    let row_sets: Vec<BTreeSet<&T>> = (0..rows).map(|r| union((0..cols).map(|c| cell(r, c)))).collect();
    let col_sets: Vec<BTreeSet<&T>> = (0..cols).map(|c| union((0..rows).map(|r| cell(r, c)))).collect();
    let everyone = union((0..rows).flat_map(|r| (0..cols).map(move |c| (r, c))).map(|(r, c)| cell(r, c)));
    for (r, (flags, persons)) in h.cells.iter_mut().zip(&row_sets).enumerate() {
        for (c, flag) in flags.iter_mut().enumerate() {
            *flag |= too_small(cell(r, c).len());
        }
        h.rows[r] |= too_small(persons.len());
    }
    for (flag, persons) in h.cols.iter_mut().zip(&col_sets) {
        *flag |= too_small(persons.len());
    }
    h.total |= too_small(everyone.len());
    let row_refs: Vec<&BTreeSet<&T>> = row_sets.iter().collect();
    let col_refs: Vec<&BTreeSet<&T>> = col_sets.iter().collect();
    loop {
        let mut changed = protect_line(&row_refs, &mut h.rows, &mut h.total);
        changed |= protect_line(&col_refs, &mut h.cols, &mut h.total);
        if h.total {
            // Nothing can be shown without giving the small groups away.
            h.cells.iter_mut().for_each(|row| {
                hide_all(row);
            });
            hide_all(&mut h.rows);
            hide_all(&mut h.cols);
            return h;
        }
        for r in 0..rows {
            let line: Vec<&BTreeSet<T>> = (0..cols).map(|c| cell(r, c)).collect();
            changed |= protect_line(&line, &mut h.cells[r], &mut h.rows[r]);
        }
        for c in 0..cols {
            let mut flags: Vec<bool> = (0..rows).map(|r| h.cells[r][c]).collect();
            let line: Vec<&BTreeSet<T>> = (0..rows).map(|r| cell(r, c)).collect();
            if protect_line(&line, &mut flags, &mut h.cols[c]) {
                for (r, f) in flags.into_iter().enumerate() {
                    h.cells[r][c] = f;
                }
                changed = true;
            }
        }
        if !changed {
            return h;
        }
    }
}

/// One line of groups whose total is published (a table of one column): which groups are hidden,
/// and whether the total is.
pub fn suppress_line<T: Ord>(groups: Vec<BTreeSet<T>>) -> (Vec<bool>, bool) {
    let cells: Vec<Vec<BTreeSet<T>>> = groups.into_iter().map(|g| vec![g]).collect();
    let h = suppress(&cells, 1, None);
    (h.rows, h.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: std::ops::Range<u32>) -> BTreeSet<u32> {
        ids.collect()
    }

    #[test]
    fn groups_of_one_or_two_are_hidden() {
        assert_eq!(MIN_GROUP, 3);
        assert_eq!(shown(0), Some(0), "an empty group reveals no one");
        assert_eq!(shown(1), None);
        assert_eq!(shown(2), None);
        assert_eq!(shown(3), Some(3));
        assert_eq!(shown(250), Some(250));
        assert!(too_small(2) && !too_small(3) && !too_small(0));
    }

    #[test]
    fn figures_say_why_they_are_missing() {
        assert_eq!(Figure::of(true, Some(5)), Figure::Hidden);
        assert_eq!(Figure::of(false, Some(5)), Figure::Value(5));
        assert_eq!(Figure::<u8>::of(false, None), Figure::Empty);
        assert_eq!(Figure::Value(2).map(|v| v * 2), Figure::Value(4));
        assert!(Figure::<u8>::Hidden.is_hidden() && Figure::<u8>::Hidden.value().is_none());
    }

    #[test]
    fn a_lone_small_group_takes_the_next_smallest_with_it() {
        // OPD totals 10, 4, 2 with the city total 16: hiding only the 2 would leave it as
        // 16 − 10 − 4.
        let (hidden, total) = suppress_line(vec![set(0..10), set(10..14), set(14..16)]);
        assert_eq!(hidden, [false, true, true]);
        assert!(!total);
        // Two small groups holding three persons together protect each other.
        let (hidden, _) = suppress_line(vec![set(0..10), set(10..12), set(12..13)]);
        assert_eq!(hidden, [false, true, true]);
        // Nothing small: nothing hidden; an empty group stays shown.
        let (hidden, _) = suppress_line(vec![set(0..10), set(10..13), set(13..13)]);
        assert_eq!(hidden, [false, false, false]);
    }

    #[test]
    fn a_table_is_protected_along_rows_and_columns() {
        // Two OPDs × (Baik, Butuh Perbaikan): OPD A has 1 Butuh Perbaikan. Its row total (6) and
        // the column total (5) are shown, so another cell of the row and of the column must go,
        // and then one more of the second row: a 2 × 2 table keeps only its totals.
        let cells = vec![vec![set(0..5), set(5..6)], vec![set(10..16), set(16..20)]];
        let h = suppress(&cells, 2, None);
        assert!(h.cells[0][1], "the small cell");
        assert!(h.cells[0][0], "its row partner, or 6 − 5 gives it away");
        assert!(h.cells[1][1], "its column partner, or 5 − 4 gives it away");
        assert!(h.cells[1][0], "the second row's partner");
        assert!(!h.rows[0] && !h.rows[1] && !h.cols[0] && !h.cols[1] && !h.total);
        // A bigger table keeps what it can: only the small cell's row and column lose a partner.
        let cells = vec![
            vec![set(0..5), set(5..6), set(6..12)],
            vec![set(10..16), set(16..20), set(20..30)],
            vec![set(30..40), set(40..50), set(50..60)],
        ];
        let h = suppress(&cells, 3, None);
        assert!(h.cells[0][1] && h.cells[0][0] && h.cells[1][1] && h.cells[1][0]);
        assert!(!h.cells[2][0] && !h.cells[2][1] && !h.cells[2][2] && !h.cells[0][2] && !h.cells[1][2]);
    }

    #[test]
    fn a_hidden_row_total_hides_its_row() {
        let cells =
            vec![vec![set(0..2), set(2..2)], vec![set(10..20), set(20..25)], vec![set(30..33), set(33..40)]];
        let h = suppress(&cells, 2, None);
        assert!(h.rows[0], "two persons");
        assert!(h.cells[0][0]);
        assert!(h.rows[2], "the smallest other row goes with it");
        assert!(h.cells[2][0] && h.cells[2][1]);
        assert!(!h.rows[1] && !h.total);
    }

    #[test]
    fn a_person_in_several_cells_counts_once() {
        // One person in both hidden cells: together they still hold one person.
        let cells = vec![vec![set(0..1), set(0..1), set(5..9)]];
        let h = suppress(&cells, 3, None);
        assert!(h.cells[0][2], "the hidden cells hold one person between them");
        assert!(h.cols[2], "the column total would show the cell");
    }

    #[test]
    fn forced_parts_stay_hidden_and_a_tiny_table_hides_all() {
        let cells = vec![vec![set(0..5)], vec![set(5..10)]];
        let mut forced = Hidden::none(2, 1);
        forced.cells[1][0] = true;
        let h = suppress(&cells, 1, Some(&forced));
        assert!(h.cells[1][0] && h.rows[1], "a one-cell row shows its cell as its total");
        assert!(h.rows[0], "and the other row then protects it");
        assert!(!h.total);
        let h = suppress(&[vec![set(0..2)]], 1, None);
        assert!(h.total && h.rows[0] && h.cols[0] && h.cells[0][0]);
        let empty: Vec<Vec<BTreeSet<u32>>> = vec![vec![BTreeSet::new()]];
        assert!(!suppress(&empty, 1, None).total, "nobody: nothing to hide");
    }

    /// Whether a line with a shown total keeps its hidden groups safe.
    fn line_is_safe(groups: &[&BTreeSet<u32>], hidden: &[bool]) -> bool {
        let n = groups.iter().zip(hidden).filter(|(g, h)| **h && !g.is_empty()).count();
        n == 0 || (n >= 2 && !too_small(hidden_persons(groups, hidden)))
    }

    proptest::proptest! {
        #[test]
        fn every_published_line_is_safe(sizes in proptest::collection::vec(0u32..7, 1..25), cols in 1usize..5) {
            let rows = sizes.len().div_ceil(cols);
            let mut next = 0;
            let mut cells = vec![vec![BTreeSet::new(); cols]; rows];
            for (i, n) in sizes.iter().enumerate() {
                cells[i / cols][i % cols] = set(next..next + n);
                next += n;
            }
            let h = suppress(&cells, cols, None);
            for (r, row) in cells.iter().enumerate() {
                for (c, g) in row.iter().enumerate() {
                    proptest::prop_assert!(!too_small(g.len()) || h.cells[r][c]);
                }
                let line: Vec<&BTreeSet<u32>> = row.iter().collect();
                let safe = if h.rows[r] { h.cells[r].iter().all(|x| *x) } else { line_is_safe(&line, &h.cells[r]) };
                proptest::prop_assert!(safe, "row {}", r);
            }
            for c in 0..cols {
                let line: Vec<&BTreeSet<u32>> = cells.iter().map(|row| &row[c]).collect();
                let flags: Vec<bool> = h.cells.iter().map(|row| row[c]).collect();
                let safe = if h.cols[c] { flags.iter().all(|x| *x) } else { line_is_safe(&line, &flags) };
                proptest::prop_assert!(safe, "column {}", c);
            }
            if !h.total {
                let row_sets: Vec<BTreeSet<u32>> = cells.iter().map(|r| r.iter().flatten().copied().collect()).collect();
                let refs: Vec<&BTreeSet<u32>> = row_sets.iter().collect();
                proptest::prop_assert!(line_is_safe(&refs, &h.rows), "row totals");
                let col_sets: Vec<BTreeSet<u32>> =
                    (0..cols).map(|c| (0..rows).flat_map(|r| cells[r][c].iter().copied()).collect()).collect();
                let refs: Vec<&BTreeSet<u32>> = col_sets.iter().collect();
                proptest::prop_assert!(line_is_safe(&refs, &h.cols), "column totals");
            } else {
                proptest::prop_assert!(h.cells.iter().flatten().all(|x| *x));
            }
        }
    }
}
