//! Tables of the markup formats (web pages, Word and OpenDocument): the cells of the rows
//! being read, nested tables inside cells, and how a finished row becomes lines.

use super::{RawLine, Role};

/// The open rows of a document being read: their cells, innermost row last.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    open: Vec<Vec<Vec<RawLine>>>,
    /// Open cells (a cell of a nested table inside a cell counts twice).
    cells: usize,
}

impl Rows {
    pub(crate) fn open_row(&mut self) {
        self.open.push(Vec::new());
    }

    pub(crate) fn open_cell(&mut self) {
        self.cells += 1;
        if let Some(row) = self.open.last_mut() {
            row.push(Vec::new());
        }
    }

    pub(crate) fn close_cell(&mut self) {
        self.cells = self.cells.saturating_sub(1);
    }

    pub(crate) fn in_cell(&self) -> bool {
        self.cells > 0
    }

    fn open_cell_lines(&mut self) -> Option<&mut Vec<RawLine>> {
        let cells = self.cells;
        self.open.last_mut().and_then(|r| r.last_mut()).filter(|_| cells > 0)
    }

    /// Adds a line to the open cell; gives the line back when no cell is open.
    pub(crate) fn add_line(&mut self, text: &str) -> Option<String> {
        let text = text.trim();
        match self.open_cell_lines() {
            Some(cell) => {
                if !text.is_empty() {
                    cell.push(RawLine::plain(text));
                }
                None
            }
            None => Some(text.to_owned()),
        }
    }

    /// Adds a section break to the open cell; false when no cell is open.
    pub(crate) fn add_break(&mut self) -> bool {
        self.open_cell_lines().map(|cell| cell.push(RawLine::section_break())).is_some()
    }

    /// Closes the innermost row: its lines, or nothing when they went into an outer cell (a
    /// nested table's row is text of the cell around it).
    pub(crate) fn close_row(&mut self) -> Vec<RawLine> {
        let Some(cells) = self.open.pop() else { return Vec::new() };
        let lines = row_lines(&cells);
        if self.cells > 0 && !self.open.is_empty() {
            if let Some(cell) = self.open_cell_lines() {
                cell.extend(lines);
            }
            return Vec::new();
        }
        lines
    }
}

/// The lines of a table row whose cells hold lines of text: a row of one filled cell gives
/// that cell's lines (layout tables); otherwise line `i` is every cell's `i`-th line,
/// separated by tabs, as the columns are seen side by side, with the role one of them states.
fn row_lines(cells: &[Vec<RawLine>]) -> Vec<RawLine> {
    let filled: Vec<&Vec<RawLine>> =
        cells.iter().filter(|c| c.iter().any(|l| !l.text.is_empty())).collect();
    if filled.len() <= 1 {
        return filled.into_iter().flatten().cloned().collect();
    }
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|i| {
            let at = |c: &Vec<RawLine>| c.get(i).map_or("", |l| l.text.as_str()).to_owned();
            let row: Vec<String> = cells.iter().map(at).collect();
            let role = cells
                .iter()
                .filter_map(|c| c.get(i))
                .map(|l| l.role)
                .find(|r| *r != Role::Unknown)
                .unwrap_or_default();
            RawLine { role, ..RawLine::plain(row.join("\t").trim_end_matches('\t')) }
        })
        .filter(|l| !l.text.is_empty() || l.role != Role::Unknown)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: Vec<RawLine>) -> Vec<String> {
        lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn columns_side_by_side_layout_rows_and_nesting() {
        let mut rows = Rows::default();
        rows.open_row();
        for cell in [["Anne Hansen (A)", "Bo Dahl (V)"], ["Carl Berg (C)", ""]] {
            rows.open_cell();
            for line in cell {
                assert_eq!(rows.add_line(line), None);
            }
            rows.close_cell();
        }
        assert_eq!(texts(rows.close_row()), ["Anne Hansen (A)\tCarl Berg (C)", "Bo Dahl (V)"]);
        rows.open_row();
        rows.open_cell();
        rows.open_row();
        rows.open_cell();
        rows.add_line("inde");
        rows.close_cell();
        assert!(rows.close_row().is_empty(), "a nested row is text of its cell");
        rows.close_cell();
        assert_eq!(texts(rows.close_row()), ["inde"]);
        assert_eq!(rows.add_line(" ude "), Some("ude".to_owned()));
    }
}
