//! Glyphs → words → lines in reading order.
//!
//! Glyphs are clustered by baseline (tolerance relative to font size), each cluster sorted by
//! x; a gap wider than a fraction of the font size becomes a space, and a gap much wider than
//! word spacing splits the cluster into separate lines (side-by-side columns on one baseline,
//! emitted left to right), unless the left part is a label ending in ':'. Clusters are ordered
//! top to bottom by position, never by stream order.

use super::cleanup::clean_line;
use super::glyphs::{Glyph, PageGlyphs};
use crate::ingest::{LineGeometry, RawLine};

/// Baselines closer than this fraction of the larger font size belong to one line.
const BASELINE_TOLERANCE: f32 = 0.4;
/// A gap wider than this fraction of the font size separates words.
const WORD_GAP: f32 = 0.15;
/// With a space glyph in it, a gap this wide (in em) already separates words.
const SPACE_GLYPH_MIN_GAP: f32 = 0.05;
/// A gap wider than this many ems separates columns (table cells, two-column lists).
const COLUMN_GAP: f32 = 3.0;
/// A gap this wide (in em) stays on the line as a column gap of three spaces, as text exports
/// write aligned columns ("A   Borgmester Niels Holm", "Navn   Parti   Funktion").
const WIDE_GAP: f32 = 1.5;
/// A label ending in ':' keeps its value on the line across a gap up to this many ems (a tab
/// stop, as in "Sagsnr.:<tab>12/27845"), where a wider gap without the colon is a column.
const LABEL_GAP: f32 = 20.0;
/// Glyphs with the same text closer than this fraction of the size are one glyph drawn
/// twice (fake bold, shadows).
const DUPLICATE_DISTANCE: f32 = 0.1;

/// The page's lines, upright text first, then each other writing direction.
pub fn page_lines(page: &PageGlyphs) -> Vec<RawLine> {
    let mut lines = Vec::new();
    for rotation in 0..4u8 {
        let mut glyphs: Vec<&Glyph> =
            page.glyphs.iter().filter(|g| g.rotation == rotation).collect();
        if !glyphs.is_empty() {
            // Rotated text has no meaningful page geometry for the normaliser.
            let geometry = rotation == 0;
            lines_of(page, &mut glyphs, geometry, &mut lines);
        }
    }
    lines
}

/// Clusters glyphs by baseline and turns each cluster into lines.
fn lines_of(page: &PageGlyphs, glyphs: &mut [&Glyph], geometry: bool, out: &mut Vec<RawLine>) {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut kept: Vec<&Glyph> = Vec::new();
    let mut start = 0;
    while start < glyphs.len() {
        let mut ref_y = glyphs[start].y;
        let mut ref_size = glyphs[start].size;
        let mut end = start + 1;
        while let Some(g) = glyphs.get(end) {
            if (ref_y - g.y).abs() > BASELINE_TOLERANCE * ref_size.max(g.size).max(1.0) {
                break;
            }
            if g.size > ref_size {
                ref_y = g.y;
                ref_size = g.size;
            }
            end += 1;
        }
        let cluster = &mut glyphs[start..end];
        cluster.sort_by(|a, b| a.x.total_cmp(&b.x));
        keep_distinct(page, cluster, &mut kept);
        split_cluster(page, &kept, geometry, out);
        start = end;
    }
}

/// Copies `cluster` into `kept` without glyphs drawn again at (nearly) the same place with
/// the same text.
fn keep_distinct<'g>(page: &PageGlyphs, cluster: &[&'g Glyph], kept: &mut Vec<&'g Glyph>) {
    kept.clear();
    for &g in cluster {
        let near = DUPLICATE_DISTANCE * g.size.max(1.0);
        let duplicate = kept.iter().rev().take(4).any(|k| {
            (k.x - g.x).abs() < near
                && (k.y - g.y).abs() < near
                && page.glyph_text(k) == page.glyph_text(g)
        });
        if !duplicate {
            kept.push(g);
        }
    }
}

/// Distinct font sizes tallied per line; more are rare and only blur the dominant one.
const SIZE_SLOTS: usize = 4;

/// A line being built.
struct Segment<'g> {
    text: String,
    first: &'g Glyph,
    x_end: f32,
    /// (size, characters) tallies for the dominant size.
    sizes: [(f32, usize); SIZE_SLOTS],
}

impl<'g> Segment<'g> {
    fn new(first: &'g Glyph) -> Self {
        Segment { text: String::new(), first, x_end: first.x, sizes: [(0.0, 0); SIZE_SLOTS] }
    }

    fn add_size(&mut self, size: f32, chars: usize) {
        let slot = self.sizes.iter().position(|&(s, n)| n == 0 || (s - size).abs() < 0.25);
        if let Some(slot) = slot {
            self.sizes[slot].0 = if self.sizes[slot].1 == 0 { size } else { self.sizes[slot].0 };
            self.sizes[slot].1 += chars;
        }
    }

    fn dominant_size(&self) -> f32 {
        let best = self.sizes.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n);
        best.map_or(self.first.size, |(s, _)| *s)
    }

    fn finish(self, baseline: f32, geometry: bool, out: &mut Vec<RawLine>) {
        let size = self.dominant_size();
        let first = self.first;
        let text = clean_line(self.text);
        if text.is_empty() {
            return;
        }
        let geometry =
            geometry.then_some(LineGeometry { x: first.x, y: baseline, x_end: self.x_end, size });
        out.push(RawLine { text, geometry, ocr: None, role: Default::default() });
    }
}

fn is_blank(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// The combining form of an accent glyph: a combining mark itself, or a spacing accent
/// (TeX and other producers draw "å" as "˚" over "a").
fn accent_mark(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    match c {
        '\u{300}'..='\u{36F}' => Some(c),
        '`' => Some('\u{300}'),
        '\u{B4}' => Some('\u{301}'),
        '\u{2C6}' => Some('\u{302}'),
        '\u{2DC}' => Some('\u{303}'),
        '\u{AF}' => Some('\u{304}'),
        '\u{2D8}' => Some('\u{306}'),
        '\u{2D9}' => Some('\u{307}'),
        '\u{A8}' => Some('\u{308}'),
        '\u{2DA}' => Some('\u{30A}'),
        '\u{2DD}' => Some('\u{30B}'),
        '\u{2C7}' => Some('\u{30C}'),
        '\u{B8}' => Some('\u{327}'),
        '\u{2DB}' => Some('\u{328}'),
        _ => None,
    }
}

/// Whether x position `centre` falls on glyph `g` (an accent placed over it).
fn covers(g: &Glyph, centre: f32) -> bool {
    let tolerance = 0.05 * g.size;
    centre >= g.x - tolerance && centre <= g.x + g.width + tolerance
}

/// Whether a blank glyph centred at `mid` stands in a real gap between `prev_end` and
/// `next_x`. Some producers draw space glyphs under their neighbours (Ghostscript's justified
/// lines, Word's fields); such a space separates nothing on the page, so it is not a space.
fn space_in_gap(mid: f32, prev_end: f32, next_x: f32, em: f32) -> bool {
    let tolerance = SPACE_GLYPH_MIN_GAP * em;
    next_x - prev_end > tolerance && mid >= prev_end - tolerance && mid <= next_x + tolerance
}

/// Builds the lines of one baseline cluster, splitting at column gaps.
fn split_cluster(page: &PageGlyphs, cluster: &[&Glyph], geometry: bool, out: &mut Vec<RawLine>) {
    let baseline = cluster.iter().max_by(|a, b| a.size.total_cmp(&b.size)).map_or(0.0, |g| g.y);
    let mut segment: Option<Segment> = None;
    // Centre of the last blank glyph since the last visible one.
    let mut pending_space: Option<f32> = None;
    let mut prev_size = 0.0f32;
    let mut prev: Option<&Glyph> = None;
    // An accent drawn before the letter it sits on, to follow that letter.
    let mut held_mark: Option<char> = None;
    for (i, &g) in cluster.iter().enumerate() {
        let text = page.glyph_text(g);
        if let Some(mark) = accent_mark(text) {
            let centre = g.x + g.width / 2.0;
            if let (Some(seg), Some(p)) = (segment.as_mut(), prev)
                && covers(p, centre)
                && seg.text.chars().next_back().is_some_and(char::is_alphabetic)
            {
                seg.text.push(mark);
                continue;
            }
            let next = cluster[i + 1..].iter().find(|n| !is_blank(page.glyph_text(n)));
            if next.is_some_and(|n| covers(n, centre) && accent_mark(page.glyph_text(n)).is_none())
            {
                held_mark = Some(mark);
                continue;
            }
        }
        if is_blank(text) {
            if segment.is_some() {
                pending_space = Some(g.x + g.width / 2.0);
            }
            continue;
        }
        match segment.as_mut() {
            None => segment = Some(Segment::new(g)),
            Some(seg) => {
                let gap = g.x - seg.x_end;
                let em = g.size.max(prev_size).max(1.0);
                let space = pending_space.is_some_and(|mid| space_in_gap(mid, seg.x_end, g.x, em));
                let label = seg.text.ends_with(':') && gap <= LABEL_GAP * em;
                if gap > COLUMN_GAP * em && !label {
                    if let Some(done) = segment.take() {
                        done.finish(baseline, geometry, out);
                    }
                    segment = Some(Segment::new(g));
                } else if gap > WIDE_GAP * em && !label {
                    let trimmed = seg.text.trim_end().len();
                    seg.text.truncate(trimmed);
                    seg.text.push_str("   ");
                } else if (space || gap > WORD_GAP * em) && !seg.text.ends_with(' ') {
                    seg.text.push(' ');
                }
            }
        }
        pending_space = None;
        prev_size = g.size;
        prev = Some(g);
        if let Some(seg) = segment.as_mut() {
            seg.text.push_str(text);
            if let Some(mark) = held_mark.take() {
                seg.text.push(mark);
            }
            seg.x_end = seg.x_end.max(g.x + g.width);
            seg.add_size(g.size, if text.is_ascii() { text.len() } else { text.chars().count() });
        }
    }
    if let Some(done) = segment {
        done.finish(baseline, geometry, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page from (text, x, y, width) glyphs at size 10.
    fn page(glyphs: &[(&str, f32, f32, f32)]) -> PageGlyphs {
        let mut page = PageGlyphs::default();
        for &(text, x, y, width) in glyphs {
            let start = page.text.len() as u32;
            page.text.push_str(text);
            let len = text.len() as u32;
            page.glyphs.push(Glyph { x, y, width, size: 10.0, start, len, rotation: 0 });
        }
        page
    }

    /// Glyphs for `word` starting at `x`, 5 units per character.
    fn word(word: &'static str, x: f32, y: f32) -> Vec<(&'static str, f32, f32, f32)> {
        word.char_indices()
            .map(|(i, c)| (&word[i..i + c.len_utf8()], x + 5.0 * i as f32, y, 5.0))
            .collect()
    }

    fn texts(page: &PageGlyphs) -> Vec<String> {
        page_lines(page).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn gaps_become_spaces_and_small_gaps_do_not() {
        let mut glyphs = word("Der", 0.0, 700.0);
        glyphs.extend(word("var", 18.0, 700.0)); // 3 units = 0.3 em after "Der"
        glyphs.extend(word("x", 34.0, 700.0)); // 1 unit = 0.1 em: same word
        assert_eq!(texts(&page(&glyphs)), ["Der varx"]);
    }

    #[test]
    fn lines_follow_position_not_stream_order() {
        let mut glyphs = word("two", 0.0, 680.0);
        glyphs.extend(word("one", 0.0, 700.0));
        assert_eq!(texts(&page(&glyphs)), ["one", "two"]);
    }

    #[test]
    fn wide_gaps_split_columns_left_then_right() {
        let mut glyphs = word("left", 0.0, 700.0);
        glyphs.extend(word("right", 100.0, 700.0));
        glyphs.extend(word("below", 0.0, 680.0));
        let lines = page_lines(&page(&glyphs));
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["left", "right", "below"]);
        let right = lines[1].geometry.expect("geometry");
        assert_eq!((right.x, right.x_end, right.y, right.size), (100.0, 125.0, 700.0, 10.0));
    }

    #[test]
    fn space_glyphs_are_not_doubled_and_overlapped_ones_ignored() {
        let mut glyphs = word("a", 0.0, 700.0);
        glyphs.push((" ", 5.0, 700.0, 3.0));
        glyphs.extend(word("b", 8.0, 700.0));
        // A space drawn under the next letter separates nothing.
        glyphs.push((" ", 13.0, 700.0, 3.0));
        glyphs.extend(word("c", 13.0, 700.0));
        assert_eq!(texts(&page(&glyphs)), ["a bc"]);
    }

    #[test]
    fn a_label_keeps_its_value_across_a_tab_stop() {
        let mut glyphs = word("Sagsnr.:", 0.0, 700.0);
        glyphs.extend(word("12/27845", 120.0, 700.0));
        glyphs.extend(word("Medlem", 0.0, 680.0));
        glyphs.extend(word("Medlem", 120.0, 680.0));
        assert_eq!(texts(&page(&glyphs)), ["Sagsnr.: 12/27845", "Medlem", "Medlem"]);
    }

    #[test]
    fn accents_over_letters_combine() {
        // "˚" drawn over "a" before it, "¨" over "o" after it; a lone "`" stays.
        let glyphs = [
            ("\u{2DA}", 1.0, 700.0, 3.0),
            ("a", 0.0, 700.0, 5.0),
            ("o", 5.0, 700.0, 5.0),
            ("\u{A8}", 6.0, 700.0, 3.0),
            ("`", 10.2, 700.0, 3.0),
        ];
        assert_eq!(texts(&page(&glyphs)), ["åö`"]);
    }

    #[test]
    fn glyphs_drawn_twice_count_once() {
        let mut glyphs = word("Bold", 0.0, 700.0);
        glyphs.extend(word("Bold", 0.3, 700.0));
        assert_eq!(texts(&page(&glyphs)), ["Bold"]);
    }

    #[test]
    fn superscripts_stay_on_their_line() {
        let mut glyphs = word("note", 0.0, 700.0);
        glyphs.push(("1", 20.0, 703.0, 3.0));
        glyphs.extend(word("next", 0.0, 686.0));
        assert_eq!(texts(&page(&glyphs)), ["note1", "next"]);
    }
}
