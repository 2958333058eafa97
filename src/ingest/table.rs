//! Tables of the markup formats (web pages, Word and OpenDocument): the cells of the rows
//! being read, nested tables inside cells, and how a finished row becomes lines.

/// The open rows of a document being read: their cells, innermost row last.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    open: Vec<Vec<String>>,
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
            row.push(String::new());
        }
    }

    pub(crate) fn close_cell(&mut self) {
        self.cells = self.cells.saturating_sub(1);
    }

    pub(crate) fn in_cell(&self) -> bool {
        self.cells > 0
    }

    /// Adds a line to the open cell; gives the line back when no cell is open.
    pub(crate) fn add_line(&mut self, text: &str) -> Option<String> {
        let text = text.trim();
        match self.open.last_mut().and_then(|r| r.last_mut()) {
            Some(cell) if self.cells > 0 => {
                if !text.is_empty() {
                    if !cell.is_empty() {
                        cell.push('\n');
                    }
                    cell.push_str(text);
                }
                None
            }
            _ => Some(text.to_owned()),
        }
    }

    /// Closes the innermost row: its lines, or nothing when they went into an outer cell (a
    /// nested table's row is text of the cell around it).
    pub(crate) fn close_row(&mut self) -> Vec<String> {
        let Some(cells) = self.open.pop() else { return Vec::new() };
        let lines = row_lines(&cells);
        if self.cells > 0 && !self.open.is_empty() {
            for line in lines {
                self.add_line(&line);
            }
            return Vec::new();
        }
        lines
    }
}

/// The lines of a table row whose cells hold lines of text: a row of one filled cell gives
/// that cell's lines (layout tables); otherwise line `i` is every cell's `i`-th line,
/// separated by tabs, as the columns are seen side by side.
fn row_lines(cells: &[String]) -> Vec<String> {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.len() <= 1 {
        return filled.iter().flat_map(|c| c.lines()).map(str::to_owned).collect();
    }
    let columns: Vec<Vec<&str>> = cells.iter().map(|c| c.lines().collect()).collect();
    let height = columns.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|i| {
            let row: Vec<&str> = columns.iter().map(|c| c.get(i).copied().unwrap_or("")).collect();
            row.join("\t").trim_end_matches('\t').to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(rows.close_row(), ["Anne Hansen (A)\tCarl Berg (C)", "Bo Dahl (V)"]);
        rows.open_row();
        rows.open_cell();
        rows.open_row();
        rows.open_cell();
        rows.add_line("inde");
        rows.close_cell();
        assert!(rows.close_row().is_empty(), "a nested row is text of its cell");
        rows.close_cell();
        assert_eq!(rows.close_row(), ["inde"]);
        assert_eq!(rows.add_line(" ude "), Some("ude".to_owned()));
    }
}
