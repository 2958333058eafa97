//! Segmentation: splits normalised lines into the meeting header, attendance blocks and agenda
//! items (each item's lines kept for the extractors). Decides *where* things are, not what
//! they say.

use crate::extract::attendance::{self, Heading};
use crate::extract::case_number::is_bare_case_number;
use crate::extract::items::{self, ItemHeading};
use crate::extract::participants::parse_listing;
use crate::normalize::Line;
use std::sync::LazyLock;

/// A document cut into its parts.
#[derive(Debug, Default)]
pub struct Segments<'a> {
    /// Lines before the first item that are not attendance (the meeting header lives here).
    pub header: Vec<&'a Line>,
    pub blocks: Vec<AttendanceBlock<'a>>,
    pub items: Vec<ItemSpan<'a>>,
    /// Lines where the structure was unclear: (warning code, line, what happened).
    pub notes: Vec<(&'static str, &'a Line, String)>,
    /// Every line the attendance blocks took, in order (headings, listings and their wrapped
    /// lines, table heads, blank lines, lines not understood): the review marks the ones no
    /// participant came from.
    pub attendance: Vec<&'a Line>,
}

/// An attendance heading and its listings (continuation lines already joined).
#[derive(Debug)]
pub struct AttendanceBlock<'a> {
    pub heading: Heading,
    pub heading_line: &'a Line,
    /// (text, first line) of each listing.
    pub entries: Vec<(String, &'a Line)>,
    /// The party heading each listing stands under ("Socialdemokratiet" above its members),
    /// one per entry.
    pub parties: Vec<Option<String>>,
    /// Right-hand column of a two-column list, appended after the left column ends (column
    /// order, as the list reads).
    right_column: Vec<(String, &'a Line)>,
    /// The party heading in force.
    party_heading: Option<String>,
    /// Lines of the block that are no listing (a table's header and rules, party headings).
    pub structure: Vec<&'a Line>,
    /// The last entry is a list after a label ("Venstre: A, B og"): it goes on to a period.
    label_list: bool,
}

impl<'a> AttendanceBlock<'a> {
    /// Appends a pending right-hand column after the left one.
    fn flush_columns(&mut self) {
        for entry in std::mem::take(&mut self.right_column) {
            self.push(entry);
        }
    }

    fn push(&mut self, entry: (String, &'a Line)) {
        self.entries.push(entry);
        self.parties.push(self.party_heading.clone());
        self.label_list = false;
    }
}

/// An agenda item: its heading and the lines up to the next item.
#[derive(Debug)]
pub struct ItemSpan<'a> {
    pub heading: ItemHeading,
    pub heading_line: &'a Line,
    pub body: Vec<&'a Line>,
    /// A bare case number printed on the line(s) just before the heading (SBSYS/KLE style).
    pub case_line_before: Option<&'a Line>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Header,
    Attendance,
    Item,
    Signatures,
}

/// Cuts `lines` into header, attendance blocks and items.
pub fn segment(lines: &[Line]) -> Segments<'_> {
    // Where the source states its agenda, only its item headings start items.
    let stated_agenda = lines.iter().any(|l| l.role == crate::ingest::Role::ItemHeading);
    let mut seg = Segments::default();
    let mut state = State::Header;
    let mut skip_to = 0;
    for (index, line) in lines.iter().enumerate() {
        if index < skip_to {
            continue;
        }
        let text = line.text.as_str();
        if attendance::is_signature_heading(text)
            || state == State::Item && attendance::is_closing_line(text)
        {
            state = State::Signatures;
            continue;
        }
        let row_heading = table_row_heading(lines, index);
        if row_heading.is_none() && (items::is_toc_line(text) || is_wrapped_toc_entry(lines, index))
        {
            continue;
        }
        let found = if stated_agenda {
            (line.role == crate::ingest::Role::ItemHeading).then(|| (stated_heading(text), index))
        } else {
            row_heading
                .or_else(|| split_heading(lines, index))
                .or_else(|| title_then_sag_nr(lines, index))
                .or_else(|| items::parse_item_heading(text).map(|h| (h, index)))
        };
        // A weak heading ("41 Title") counts only where an item's furniture follows it.
        let found = found.filter(|(h, at)| !h.weak || looks_like_item_start(lines, *at));
        let accepted = found
            .as_ref()
            .is_some_and(|(heading, _)| stated_agenda || accept_item(&mut seg, heading, state));
        if let (Some((heading, _)), false) = (&found, accepted)
            && looks_like_item_start(lines, index)
        {
            let previous = seg.items.last().map_or("", |i| i.heading.number.as_str());
            seg.notes.push((
                "X-ITEM-SKIP",
                line,
                format!(
                    "possible item heading not taken: number {} does not follow item {previous}: {}",
                    heading.number,
                    text.trim()
                ),
            ));
        }
        if let (Some((heading, consumed)), true) = (found, accepted) {
            skip_to = consumed + 1;
            let case_line_before = bare_case_number_before(lines, index);
            if let (Some(case_line), Some(previous)) = (case_line_before, seg.items.last_mut()) {
                previous.body.retain(|l| !std::ptr::eq(*l, case_line));
            }
            if let Some(block) = seg.blocks.last_mut() {
                block.flush_columns();
            }
            seg.items.push(ItemSpan {
                heading,
                heading_line: line,
                body: Vec::new(),
                case_line_before,
            });
            state = State::Item;
            continue;
        }
        match state {
            State::Item => {
                if let Some(item) = seg.items.last_mut() {
                    item.body.push(line);
                }
            }
            State::Signatures => {}
            State::Header | State::Attendance => {
                let heading_row = bordered_heading_row(text);
                let text = heading_row.as_deref().unwrap_or(text);
                if let Some(heading) = attendance::parse_heading(text) {
                    let inline = heading.inline.clone();
                    if let Some(block) = seg.blocks.last_mut() {
                        block.flush_columns();
                    }
                    seg.blocks.push(AttendanceBlock {
                        heading,
                        heading_line: line,
                        entries: Vec::new(),
                        parties: Vec::new(),
                        right_column: Vec::new(),
                        party_heading: None,
                        structure: Vec::new(),
                        label_list: false,
                    });
                    if let (Some(inline), Some(block)) = (inline, seg.blocks.last_mut()) {
                        block.push((inline, line));
                    }
                    seg.attendance.push(line);
                    state = State::Attendance;
                } else if state == State::Attendance && is_agenda_table_head(text) {
                    state = State::Header;
                    seg.header.push(line);
                } else if state == State::Attendance {
                    if take_listing(&mut seg, line) {
                        seg.attendance.push(line);
                    } else {
                        // A line inside the block (no blank line before it) that is no listing.
                        let inside = index > 0 && !lines[index - 1].is_blank();
                        let heading = crate::extract::sections::parse_section_heading(text);
                        if inside && heading.is_none() {
                            seg.notes.push((
                                "X-ATT-LINE",
                                line,
                                format!("attendance line not understood: {}", text.trim()),
                            ));
                            seg.attendance.push(line);
                            // The block goes on: one line not understood does not end a
                            // list whose next lines are listings.
                            continue;
                        }
                        state = State::Header;
                        seg.header.push(line);
                    }
                } else {
                    seg.header.push(line);
                }
            }
        }
    }
    if let Some(block) = seg.blocks.last_mut() {
        block.flush_columns();
    }
    seg
}

/// `G-NUM-ROW`: a row of an agenda table, the number, the title and a count in a column of
/// its own (its page, its number of attachments), whose item body follows on the next lines
/// ("1   Referat fra sidste udvalgsmøde   1" / "EMN-2025-010561" / "Beslutninger"): the item's
/// heading, the count dropped. The same row followed by more rows is a table of contents
/// ("1   Referat fra sidste udvalgsmøde   1" / "2   Budget 2026   4"), not an item.
fn table_row_heading(lines: &[Line], index: usize) -> Option<(ItemHeading, usize)> {
    let (rest, count) = lines[index].text.trim().rsplit_once("   ")?;
    let count = count.trim();
    let is_count = (1..=3).contains(&count.len()) && count.bytes().all(|b| b.is_ascii_digit());
    // The body starts on the very next line: a contents table's last row is followed by the
    // first item, whose furniture comes a line or two later.
    let next = lines.iter().skip(index + 1).find(|l| !l.is_blank())?;
    let furniture = crate::extract::sections::parse_section_heading(&next.text).is_some()
        || crate::extract::case_number::find_case_number(&next.text).is_some();
    if !is_count || !furniture {
        return None;
    }
    let heading = items::parse_item_heading(rest.trim())?;
    Some((ItemHeading { weak: false, ..heading }, index))
}

/// The first line of a table-of-contents entry whose dot leaders are on the next line
/// ("4. Lokalplan nr. 1-27 … og" / "tilhørende kommuneplantillæg nr. 14......  3").
fn is_wrapped_toc_entry(lines: &[Line], index: usize) -> bool {
    let next = (index + 1..lines.len().min(index + 3)).find(|&i| !lines[i].is_blank());
    next.is_some_and(|i| {
        let l = &lines[i];
        items::is_toc_line(&l.text)
            && items::parse_item_heading(&l.text.replace('.', " ")).is_none()
            && table_row_heading(lines, i).is_none()
    }) && !lines[index].is_blank()
}

/// "1." on one line and the title on the next non-blank line: the heading and the index of
/// the title line.
fn split_heading(lines: &[Line], index: usize) -> Option<(ItemHeading, usize)> {
    let number = lines[index].text.trim();
    // "89" alone, the title on the next line: an item only where its furniture (a case number,
    // a section heading) follows the title (G-NUM, a number without its period).
    let plain = (1..=4).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
    if !items::is_bare_number(number) && !plain {
        return None;
    }
    let (title_index, title) =
        lines.iter().enumerate().skip(index + 1).take(3).find(|(_, l)| !l.is_blank())?;
    if plain && !looks_like_item_start(lines, title_index) {
        return None;
    }
    let number = number.trim_end_matches(':');
    let number = if number.ends_with('.') { number.to_owned() } else { format!("{number}:") };
    let heading = items::parse_item_heading(&format!("{number} {}", title.text))?;
    Some((heading, title_index))
}

/// A title on one or two lines followed by "Sag nr. 129": the heading and the index of the
/// "Sag nr." line.
fn title_then_sag_nr(lines: &[Line], index: usize) -> Option<(ItemHeading, usize)> {
    let first = lines[index].text.trim();
    // Cheap test first: only a "Sag nr." line within the next two makes this a heading.
    if !lines.iter().skip(index + 1).take(2).any(|l| items::sag_nr(&l.text).is_some()) {
        return None;
    }
    let title_like = |t: &str| {
        t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ':', ','])
            && t.chars().count() <= 150
            && items::sag_nr(t).is_none()
            && crate::extract::sections::parse_section_heading(t).is_none()
            && attendance::parse_heading(t).is_none()
    };
    if !title_like(first) {
        return None;
    }
    let mut title = first.to_owned();
    for (offset, line) in lines.iter().enumerate().skip(index + 1).take(2) {
        if let Some(number) = items::sag_nr(&line.text) {
            let (title, closed) = items::closed_title(&title);
            return Some((ItemHeading { number, title, closed, weak: false }, offset));
        }
        if line.is_blank() || !title_like(&line.text) {
            return None;
        }
        title.push(' ');
        title.push_str(line.text.trim());
    }
    None
}

/// A section heading or a case number within the next lines: what follows an item heading.
fn looks_like_item_start(lines: &[Line], index: usize) -> bool {
    lines.iter().skip(index + 1).filter(|l| !l.is_blank()).take(3).any(|l| {
        crate::extract::sections::parse_section_heading(&l.text).is_some()
            || crate::extract::case_number::find_case_number(&l.text).is_some()
    })
}

/// Decides whether an item heading starts a new item, dropping an earlier agenda overview
/// when the numbering restarts with the same first item.
/// An item heading the source format states ("24. Title"): its number and title as written,
/// whatever the title looks like.
fn stated_heading(text: &str) -> ItemHeading {
    if let Some(heading) = items::parse_item_heading(text) {
        return ItemHeading { weak: false, ..heading };
    }
    let (number, title) = text.split_once(". ").unwrap_or(("", text));
    let (title, closed) = items::closed_title(title.trim());
    ItemHeading { number: number.trim().to_owned(), title, closed, weak: false }
}

fn accept_item(seg: &mut Segments<'_>, heading: &ItemHeading, state: State) -> bool {
    let Some(last) = seg.items.last() else {
        return true;
    };
    if items::is_successor(&last.heading.number, &heading.number) {
        return true;
    }
    // The agenda listed at the top, then the items in full: restart.
    let restarts = seg.items.iter().any(|i| {
        i.heading.number == heading.number && same_title(&i.heading.title, &heading.title)
    });
    if restarts && state == State::Item {
        let first = seg.items.iter().position(|i| i.heading.number == heading.number).unwrap_or(0);
        seg.items.truncate(first);
        return true;
    }
    false
}

fn same_title(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let (a, b) = (norm(a), norm(b));
    a == b || a.starts_with(&b) || b.starts_with(&a)
}

/// The bare case-number line directly before line `index` (blank lines skipped), if any.
fn bare_case_number_before(lines: &[Line], index: usize) -> Option<&Line> {
    let previous = lines[..index].iter().rev().find(|l| !l.is_blank())?;
    is_bare_case_number(&previous.text).then_some(previous)
}

/// Adds `line` to the current attendance block; false when it is not attendance.
fn take_listing<'a>(seg: &mut Segments<'a>, line: &'a Line) -> bool {
    let Some(block) = seg.blocks.last_mut() else {
        return false;
    };
    if line.is_blank() {
        block.flush_columns();
        return true;
    }
    let row = grid_row(&line.text, block.structure.iter().find(|l| is_table_head(&l.text)));
    let text = row.as_deref().unwrap_or(line.text.as_str());
    // A table's column heads ("Navn   Parti   Funktion") and rules ("-----+-----"), and a
    // party heading over its members ("Socialdemokratiet", "SF:", "A:").
    if is_table_head(text) || is_table_rule(text) {
        block.structure.push(line);
        return true;
    }
    if let Some(letter) = party_heading(text) {
        block.flush_columns();
        block.party_heading = Some(letter);
        block.structure.push(line);
        return true;
    }
    // "A:  Borgmester Poul Erik Larsen, Karen Juhl, …": a party label before its members.
    if let Some((label, rest)) = text.split_once(':')
        && let Some(letter) = party_heading(label)
        && !rest.trim().is_empty()
    {
        block.flush_columns();
        block.party_heading = Some(letter);
        block.push((rest.trim().to_owned(), line));
        block.label_list = true;
        return true;
    }
    let inline_sentence = block.entries.last().is_some_and(|(last, first)| {
        (std::ptr::eq(*first, block.heading_line) || block.label_list) && is_open_sentence(last)
            || attendance::starts_party_sentence(last) && !last.trim_end().ends_with('.')
    });
    // A table row is a listing of its own, never the wrap of the one before.
    if let Some((last, _)) = block.entries.last_mut()
        && row.is_none()
        && (inline_sentence || is_continuation(last, text))
    {
        last.push(' ');
        last.push_str(text);
        return true;
    }
    // "Fra Venstre mødte …": a party's sentence, the lines after it its wrap.
    if attendance::starts_party_sentence(text) {
        block.flush_columns();
        block.push((text.to_owned(), line));
        return true;
    }
    // Two columns of names on one line ("Jesper Mathiesen (A)   Ole Bjerregaard (V)"): the
    // left column is listed first, then the right one.
    let columns: Vec<&str> = text.split("   ").map(str::trim).filter(|c| !c.is_empty()).collect();
    if columns.len() > 1
        && columns.iter().all(|c| parse_listing(c).is_some())
        && !columns[1..].iter().any(|c| is_role_cell(c))
    {
        block.push((columns[0].to_owned(), line));
        for column in &columns[1..] {
            block.right_column.push(((*column).to_owned(), line));
        }
        return true;
    }
    let is_listing = parse_listing(text).is_some() || attendance::inline_listings(text).len() > 1;
    // A single name right after a two-column run is the left column's last row.
    if !is_listing || block.right_column.is_empty() {
        block.flush_columns();
    }
    if is_listing {
        block.push((text.to_owned(), line));
    }
    is_listing
}

/// A column holding a role, maybe with a remark after a dash ("Borgmester", "Formand for
/// Teknik- og Miljøudvalget", "Næstformand – deltog via Teams"): the role of the entry on its
/// left, not a second column of names.
fn is_role_cell(cell: &str) -> bool {
    let role =
        [" – ", " - ", " ("].iter().fold(cell, |c, sep| c.split(sep).next().unwrap_or(c)).trim();
    crate::refdata::role_prefix_len(role) == Some(role.len())
        || crate::refdata::is_role_for_unit(role)
}

/// A header table's attendance row: "| Medlemmer | Ida Brink (V), formand |" reads as
/// "Medlemmer: Ida Brink (V), formand" when its first cell is an attendance heading (the rows
/// under it with an empty first cell are its further listings).
fn bordered_heading_row(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let [head, listing] = cells[..] else { return None };
    let heading = attendance::parse_heading(head).filter(|h| h.inline.is_none())?;
    Some(if listing.is_empty() { heading.group } else { format!("{}: {listing}", heading.group) })
}

/// G-GRID-ROW: a row of a table drawn with borders ("| Niels Dalgaard | V | Formand | Ja |"),
/// as the entry grammar reads table rows: the cells between the bars. Under a yes/no
/// attendance column ("Fremmødt", "Mødt", "Til stede") a "Nej" cell is an absence and a "Ja"
/// cell says nothing more than the heading. None for a line that is no bordered row.
fn grid_row(text: &str, head: Option<&&Line>) -> Option<String> {
    let inner = text.trim().strip_prefix('|')?.strip_suffix('|')?;
    let cells: Vec<&str> = inner.split('|').map(str::trim).collect();
    let columns: Vec<String> = head
        .map(|h| {
            let inner = h.text.trim().trim_matches('|');
            inner.split('|').map(|c| c.trim().trim_end_matches(':').to_lowercase()).collect()
        })
        .unwrap_or_default();
    let yes_no = |i: usize| {
        columns
            .get(i)
            .is_some_and(|c| ["fremmødt", "mødt", "til stede", "deltog"].contains(&c.as_str()))
    };
    let said_absent = cells.iter().any(|c| c.eq_ignore_ascii_case("afbud"));
    let cells: Vec<&str> = cells
        .iter()
        .enumerate()
        .map(|(i, cell)| match (yes_no(i), cell.to_lowercase().as_str()) {
            (true, "ja") => "",
            (true, "nej") if !said_absent => "Afbud",
            (true, "nej") => "",
            _ => cell,
        })
        .collect();
    // A remark column's cell reads as a remark after the entry ("…, forlod mødet kl. 17.15",
    // "…, suppleant for Ib Skov" from a role cell "Suppleant" and a remark "For Ib Skov").
    let remark = |i: usize| columns.get(i).is_some_and(|c| c.starts_with("bemærkning"));
    let mut row: Vec<String> = Vec::new();
    let mut last_cell = None;
    for (i, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
        if remark(i) && !row.is_empty() {
            let text = match (cell.strip_prefix("For "), last_cell) {
                // The role cell and the remark are one clause: "Suppleant for Ib Skov".
                (Some(who), Some(role))
                    if row.len() > 1 && crate::refdata::is_role(cells[role]) =>
                {
                    row.pop();
                    format!("{} for {who}", cells[role])
                }
                _ => lower_first(cell),
            };
            let entry = row.pop().unwrap_or_default();
            row.push(format!("{entry}, {text}"));
        } else {
            row.push((*cell).to_owned());
        }
        last_cell = Some(i);
    }
    (!row.is_empty()).then(|| row.join(" | "))
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// The column words of the tables minutes hold, by table (`data/table_heads.csv`).
static TABLE_HEADS: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    crate::refdata::table_rows(include_str!("../../data/table_heads.csv"), 2)
        .map(|row| (row[0], row[1]))
        .collect()
});

/// A row of column heads: two or more cells, each a known column word.
fn is_table_head(text: &str) -> bool {
    heads_table(text, "attendance")
}

/// `G-AGENDA-HEAD`: the head row of an agenda table ("Punkt   Titel", "Nr. | Emne | Side"): it
/// ends an attendance list above it ("Mødedeltagere:" left empty by the page, then the agenda).
/// Not: "Navn   Titel" (an attendance table), "Punkt 1" (an item number).
fn is_agenda_table_head(text: &str) -> bool {
    heads_table(text, "agenda")
}

fn heads_table(text: &str, table: &str) -> bool {
    let cells: Vec<String> = text
        .split(['|', '\t'])
        .flat_map(|c| c.split("   "))
        .map(|c| c.trim().trim_end_matches(':').to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 2 && cells.iter().all(|c| TABLE_HEADS.iter().any(|(t, w)| *t == table && w == c))
}

/// A table rule: only dashes, pluses, bars, equals signs and underscores.
fn is_table_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3
        && t.chars().all(|c| matches!(c, '-' | '+' | '|' | '=' | '_' | '–' | ' '))
}

/// The party letter of a line that is only a party's name or code ("Socialdemokratiet",
/// "Dansk Folkeparti:", "SF", "A:").
/// A party heading over its members: "Socialdemokratiet", "SF:", "A:", "Venstre (V):" (the
/// name and the letter must agree).
fn party_heading(text: &str) -> Option<String> {
    let text = without_seat_count(text.trim());
    let text = text.as_ref();
    let party = crate::grammar::entry::party_token;
    party(text).or_else(|| {
        let bare = text.strip_suffix(':')?.trim_end();
        party(bare).or_else(|| {
            let (name, letter) = bare.strip_suffix(')')?.rsplit_once('(')?;
            let letter = party(letter.trim())?;
            (party(name.trim())? == letter).then_some(letter)
        })
    })
}

/// "Venstre (12):" → "Venstre:": a party heading may give the group's seats in parentheses.
fn without_seat_count(text: &str) -> std::borrow::Cow<'_, str> {
    let (head, colon) = match text.strip_suffix(':') {
        Some(head) => (head.trim_end(), ":"),
        None => (text, ""),
    };
    let seats = head.strip_suffix(')').and_then(|h| h.rsplit_once(" ("));
    match seats {
        Some((name, n))
            if !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()) =>
        {
            format!("{}{colon}", name.trim_end()).into()
        }
        _ => text.into(),
    }
}

/// "Til stede: A (V), B (A) og" … : a list run together in a sentence after its heading goes
/// on until a period ends it.
fn is_open_sentence(text: &str) -> bool {
    (text.contains(", ") || text.contains(" og ")) && !text.trim_end().ends_with('.')
}

/// A wrapped listing: an open parenthesis, or a line starting in lower case.
fn is_continuation(previous: &str, text: &str) -> bool {
    let open = previous.matches('(').count() > previous.matches(')').count();
    let lower_start = text.chars().next().is_some_and(char::is_lowercase);
    open || lower_start || previous.ends_with(',') && parse_listing(text).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        crate::normalize::lines_on_one_page(texts)
    }

    #[test]
    fn attendance_in_a_header_table() {
        let ls = lines(&[
            "+-----------+------------------------------+",
            "| Mødested  | Mødelokale A1, Viborg Rådhus |",
            "| Medlemmer | Ida Brink (V), formand       |",
            "|           | Lars Munk (A), næstformand   |",
            "|           | Søren Hald (C)               |",
            "+-----------+------------------------------+",
            "| Afbud     | Søren Hald (C)               |",
            "+-----------+------------------------------+",
            "",
            "1. Godkendelse af dagsorden",
        ]);
        let seg = segment(&ls);
        let blocks: Vec<(&str, usize)> =
            seg.blocks.iter().map(|b| (b.heading.group.as_str(), b.entries.len())).collect();
        assert_eq!(blocks, [("Medlemmer", 3), ("Afbud", 1)]);
    }

    #[test]
    fn bordered_table_rows_read_as_entries() {
        let head = Line {
            text: "| Navn | Parti | Funktion | Fremmødt | Bemærkning |".into(),
            ..Line::default()
        };
        let row = |text: &str| grid_row(text, Some(&&head));
        assert_eq!(
            row("| Anne Holm | V | Formand | Ja |  |").as_deref(),
            Some("Anne Holm | V | Formand")
        );
        assert_eq!(row("| Bo Lund | A |  | Nej | Afbud |").as_deref(), Some("Bo Lund | A, afbud"));
        assert_eq!(row("| Ida Skou | C |  | Nej |  |").as_deref(), Some("Ida Skou | C | Afbud"));
        assert_eq!(
            row("| Eva Dahl | A |  | Ja | Forlod mødet kl. 17.15 |").as_deref(),
            Some("Eva Dahl | A, forlod mødet kl. 17.15")
        );
        assert_eq!(
            row("| Søren Olesen | V | Suppleant | Ja | For Bo Lund |").as_deref(),
            Some("Søren Olesen | V, Suppleant for Bo Lund")
        );
        // Without a head the cells are kept as they are; a line without borders is no row.
        assert_eq!(grid_row("| Anne Holm | V | Ja |", None).as_deref(), Some("Anne Holm | V | Ja"));
        assert!(grid_row("Anne Holm | V", Some(&&head)).is_none());
    }

    #[test]
    fn party_headings_with_name_and_letter() {
        for (text, want) in [
            ("Venstre (V):", Some("V")),
            ("Det Konservative Folkeparti (C):", Some("C")),
            ("SF:", Some("F")),
            ("Socialdemokratiet", Some("A")),
            ("Venstre (A):", None),
            ("Venstre (12):", Some("V")),
            ("Dansk Folkeparti (3)", Some("O")),
            ("Anne Hansen (12):", None),
            ("Anne Hansen (V):", None),
        ] {
            assert_eq!(party_heading(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_blank_line_and_party_headings_inside_a_block() {
        let ls = lines(&[
            "Fremmødte:",
            "",
            "Venstre (V):",
            "borgmester Jens Dahl, Bo Lund og Ida Skou.",
            "",
            "Socialdemokratiet (A):",
            "Lone Vad og Tim Ebbesen.",
            "",
            "1. Godkendelse af dagsorden",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.blocks.len(), 1);
        assert_eq!(seg.blocks[0].parties.iter().flatten().count(), seg.blocks[0].entries.len());
        assert!(
            seg.header.is_empty(),
            "{:?}",
            seg.header.iter().map(|l| &l.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn header_attendance_items() {
        let ls = lines(&[
            "Byrådet",
            "Deltagere",
            "Anne Hansen (A)",
            "Bo Jensen (V)",
            "",
            "Afbud",
            "Carl Berg (C)",
            "1. Godkendelse af dagsorden",
            "Godkendt.",
            "2. Budget 2024",
            "2. Kommunen skal spare penge på budgettet.",
            "Underskriftsside",
            "Anne Hansen (A)",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.header.len(), 1);
        assert_eq!(seg.blocks.len(), 2);
        assert_eq!(seg.blocks[0].entries.len(), 2);
        assert_eq!(seg.blocks[1].heading.group, "Afbud");
        assert_eq!(seg.items.len(), 2);
        assert_eq!(seg.items[1].body.len(), 1);
    }

    #[test]
    fn two_columns_and_empty_absent_list() {
        let ls = lines(&[
            "Medlemmer",
            "Jesper Mathiesen (A)   Ole Bjerregaard (V)",
            "Niels Viderø (A)",
            "Fraværende",
            "",
            "715. Kulturkommune 2017. Politiske fokusområder",
        ]);
        let seg = segment(&ls);
        let names: Vec<&str> = seg.blocks[0].entries.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(seg.blocks[0].parties, [None, None, None]);
        assert_eq!(names, ["Jesper Mathiesen (A)", "Niels Viderø (A)", "Ole Bjerregaard (V)"]);
        assert!(seg.blocks[1].entries.is_empty());
        assert_eq!(seg.items[0].heading.number, "715");
    }

    #[test]
    fn agenda_overview_then_items_restart() {
        let ls = lines(&[
            "1. Godkendelse af dagsorden",
            "2. Budget",
            "",
            "1. Godkendelse af dagsorden",
            "Godkendt.",
            "2. Budget",
            "Vedtaget.",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.items.len(), 2);
        assert_eq!(seg.items[0].body.len(), 1);
    }

    #[test]
    fn number_and_title_on_separate_lines() {
        let ls = lines(&[
            "1.",
            "",
            "Meddelelser",
            "Sagsnr.: 2011-29298",
            "2.",
            "Bygningsvedligeholdelse 2013",
        ]);
        let seg = segment(&ls);
        let headings: Vec<(&str, &str)> = seg
            .items
            .iter()
            .map(|i| (i.heading.number.as_str(), i.heading.title.as_str()))
            .collect();
        assert_eq!(headings, [("1", "Meddelelser"), ("2", "Bygningsvedligeholdelse 2013")]);
        assert_eq!(seg.items[0].body.len(), 1);
    }

    #[test]
    fn an_agenda_table_row_followed_by_its_body_is_an_item_a_row_among_rows_is_contents() {
        let ls = lines(&[
            "Punkt   Titel",
            "1   Referat fra sidste udvalgsmøde   1",
            "EMN-2025-010561",
            "Beslutninger",
            "Ingen bemærkninger.",
            "2   Udviklingsplan Aarhus Ø - endelig vedtagelse   30",
            "EMN-2025-009242",
            "Beslutninger",
            "Godkendt.",
            "3   Eventuelt",
            "Beslutninger",
            "Intet.",
        ]);
        let seg = segment(&ls);
        let heads: Vec<(&str, &str)> = seg
            .items
            .iter()
            .map(|i| (i.heading.number.as_str(), i.heading.title.as_str()))
            .collect();
        assert_eq!(
            heads,
            [
                ("1", "Referat fra sidste udvalgsmøde"),
                ("2", "Udviklingsplan Aarhus Ø - endelig vedtagelse"),
                ("3", "Eventuelt")
            ]
        );
        let texts: Vec<&str> = seg.items[1].body.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["EMN-2025-009242", "Beslutninger", "Godkendt."]);
        // The same rows one after another: a table of contents, then the items in full.
        let ls = lines(&[
            "1   Referat fra sidste udvalgsmøde   1",
            "2   Udviklingsplan Aarhus Ø   4",
            "-----------------------------------",
            "1. Referat fra sidste udvalgsmøde",
            "Sagsnr. 16/4412",
            "Godkendt.",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.items.len(), 1);
        assert_eq!(seg.items[0].body.len(), 2);
    }

    #[test]
    fn an_agenda_table_head_ends_an_empty_attendance_list() {
        let ls = lines(&[
            "Mødedeltagere:",
            "Punkt   Titel",
            "1   Budget   3",
            "EMN-2025-1",
            "Godkendt.",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.blocks.len(), 1);
        assert!(seg.blocks[0].entries.is_empty());
        assert!(is_agenda_table_head("Nr. | Emne | Side"));
        assert!(!is_agenda_table_head("Navn   Titel"));
        assert!(!is_agenda_table_head("Punkt 1"));
        assert!(is_table_head("Navn   Titel"));
    }

    #[test]
    fn wrapped_toc_entries_are_not_items() {
        let ls = lines(&[
            "Indholdsfortegnelse",
            "3. Sundhedsstrategi......... 3",
            "4. Lokalplan nr. 1-27 for parkeringshus ved Støvring Station og",
            "tilhørende kommuneplantillæg nr. 14.............. 3",
            "5. Meddelelser........ 4",
            "1. Godkendelse af dagsorden",
            "Godkendt.",
        ]);
        let seg = segment(&ls);
        assert_eq!(seg.items.len(), 1);
        assert_eq!(seg.items[0].heading.number, "1");
    }

    #[test]
    fn wrapped_listing_is_joined() {
        let ls = lines(&[
            "Gæster",
            "Hanne Kvist, Director Royal Greenland, Næstformand (Landbrug og",
            "Fødevarer)",
        ]);
        let seg = segment(&ls);
        assert_eq!(
            seg.blocks[0].entries[0].0,
            "Hanne Kvist, Director Royal Greenland, Næstformand (Landbrug og Fødevarer)"
        );
    }
}
