//! The content-stream interpreter: runs the text and graphics-state operators of a page
//! (and of the Form XObjects it draws) and emits positioned glyphs.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::Font;
use super::glyphs::{Glyph, Matrix, PageGlyphs};
use super::lexer::{Lexer, Token};
use super::objects::{get, get_dict, get_name, resolve, six_numbers};
use crate::error::IngestError;
use crate::ingest::Limits;

/// Fonts shared by all pages of a document, by object id.
pub type FontCache = HashMap<ObjectId, Rc<Font>>;

/// An operand on the stack; strings index the scratch buffer.
#[derive(Debug, Clone, Copy)]
enum Operand<'a> {
    Number(f32),
    Str(u32, u32),
    Name(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    Other,
}

/// The current font: the loaded font and its resource name (for warnings).
#[derive(Clone)]
struct CurrentFont {
    font: Rc<Font>,
    name: Rc<str>,
}

/// Graphics state parts that matter for text (PDF 32000-1 §8.4, §9.3).
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<CurrentFont>,
    font_size: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
    leading: f32,
    rise: f32,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// What a whole document has spent so far: every redraw of a form decodes and interprets
/// its content again, so it is counted here against `max_document_decoded_bytes`.
#[derive(Debug, Default)]
pub struct Budget {
    pub decoded_bytes: usize,
}

impl Budget {
    /// Counts `bytes` of decoded content; an error once the document's cap is passed.
    pub fn spend(&mut self, bytes: usize, limits: &Limits) -> Result<(), IngestError> {
        self.decoded_bytes = self.decoded_bytes.saturating_add(bytes);
        if self.decoded_bytes > limits.max_document_decoded_bytes {
            return Err(IngestError::Limit(format!(
                "max_document_decoded_bytes ({}) exceeded: content streams and form redraws \
                 decode to more",
                limits.max_document_decoded_bytes
            )));
        }
        Ok(())
    }
}

/// Interprets the content streams of one page.
pub struct Interpreter<'a> {
    doc: &'a Document,
    limits: &'a Limits,
    fonts: &'a mut FontCache,
    budget: &'a mut Budget,
    out: &'a mut PageGlyphs,
    operators: usize,
    /// Forms being drawn, innermost last (cycle guard).
    form_stack: Vec<ObjectId>,
}

impl<'a> Interpreter<'a> {
    pub fn new(
        doc: &'a Document,
        limits: &'a Limits,
        fonts: &'a mut FontCache,
        budget: &'a mut Budget,
        out: &'a mut PageGlyphs,
    ) -> Self {
        Interpreter { doc, limits, fonts, budget, out, operators: 0, form_stack: Vec::new() }
    }

    /// Runs one content stream with its resources under the given CTM.
    pub fn run(
        &mut self,
        content: &[u8],
        resources: Option<&Dictionary>,
        ctm: Matrix,
    ) -> Result<(), IngestError> {
        let mut lexer = Lexer::new(content);
        let mut scratch: Vec<u8> = Vec::new();
        let mut operands: Vec<Operand> = Vec::with_capacity(16);
        let mut state = State::new(ctm);
        let mut saved: Vec<State> = Vec::new();
        // `q` beyond max_graphics_depth saves nothing; its `Q` restores nothing.
        let mut unsaved = 0usize;
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut local_fonts: Vec<(&[u8], Option<CurrentFont>)> = Vec::new();

        while let Some(token) = lexer.next_token(&mut scratch) {
            if operands.len() >= self.limits.max_operands {
                return Err(IngestError::Limit(format!(
                    "max_operands ({}) exceeded: operands without an operator",
                    self.limits.max_operands
                )));
            }
            let op = match token {
                Token::Number(n) => {
                    operands.push(Operand::Number(n));
                    continue;
                }
                Token::Str { start, end, .. } => {
                    operands.push(Operand::Str(start, end));
                    continue;
                }
                Token::Name(n) => {
                    operands.push(Operand::Name(n));
                    continue;
                }
                Token::ArrayStart => {
                    operands.push(Operand::ArrayStart);
                    continue;
                }
                Token::ArrayEnd => {
                    operands.push(Operand::ArrayEnd);
                    continue;
                }
                Token::DictStart | Token::DictEnd => {
                    operands.push(Operand::Other);
                    continue;
                }
                Token::Operator(op) => op,
            };
            if matches!(op, b"true" | b"false" | b"null") {
                operands.push(Operand::Other);
                continue;
            }
            self.operators += 1;
            if self.operators > self.limits.max_operators {
                return Err(IngestError::Limit(format!(
                    "max_operators ({}) exceeded on one page",
                    self.limits.max_operators
                )));
            }
            // The document's wall-clock budget, checked cooperatively and cheaply.
            if self.operators.is_multiple_of(4096)
                && self.limits.deadline.is_some_and(|d| std::time::Instant::now() > d)
            {
                return Err(IngestError::Limit(
                    "document timeout (--doc-timeout) reached".to_owned(),
                ));
            }
            let num = |i: usize| -> f32 {
                match operands.len().checked_sub(i + 1).and_then(|k| operands.get(k)) {
                    Some(Operand::Number(n)) => *n,
                    _ => 0.0,
                }
            };
            match op {
                b"q" if saved.len() >= self.limits.max_graphics_depth => {
                    unsaved += 1;
                    self.note(&format!(
                        "graphics states nested deeper than max_graphics_depth ({}) were not saved",
                        self.limits.max_graphics_depth
                    ));
                }
                b"q" => saved.push(state.clone()),
                b"Q" if unsaved > 0 => unsaved -= 1,
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"cm" => {
                    let m = Matrix::from_array([num(5), num(4), num(3), num(2), num(1), num(0)]);
                    state.ctm = m.then(&state.ctm);
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"Tf" => {
                    state.font_size = num(0);
                    let name = match operands.len().checked_sub(2).and_then(|k| operands.get(k)) {
                        Some(Operand::Name(n)) => *n,
                        _ => b"",
                    };
                    state.font = self.font_for(name, resources, &mut local_fonts);
                }
                b"Tc" => state.char_spacing = num(0),
                b"Tw" => state.word_spacing = num(0),
                b"Tz" => state.horizontal_scale = num(0) / 100.0,
                b"TL" => state.leading = num(0),
                b"Ts" => state.rise = num(0),
                b"Td" => {
                    tlm.pre_translate(num(1), num(0));
                    tm = tlm;
                }
                b"TD" => {
                    state.leading = -num(0);
                    tlm.pre_translate(num(1), num(0));
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = Matrix::from_array([num(5), num(4), num(3), num(2), num(1), num(0)]);
                    tm = tlm;
                }
                b"T*" => {
                    tlm.pre_translate(0.0, -state.leading);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        state.word_spacing = num(2);
                        state.char_spacing = num(1);
                    }
                    if op != b"Tj" {
                        tlm.pre_translate(0.0, -state.leading);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s, e)) = operands.last() {
                        let bytes = scratch.get(*s as usize..*e as usize).unwrap_or(&[]);
                        self.show(bytes, &state, &mut tm);
                    }
                }
                b"TJ" => {
                    let start = operands.iter().rposition(|o| matches!(o, Operand::ArrayStart));
                    for item in &operands[start.map_or(operands.len(), |s| s + 1)..] {
                        match *item {
                            Operand::Str(s, e) => {
                                let bytes = scratch.get(s as usize..e as usize).unwrap_or(&[]);
                                self.show(bytes, &state, &mut tm);
                            }
                            Operand::Number(n) => {
                                let tx = -n / 1000.0 * state.font_size * state.horizontal_scale;
                                tm.pre_translate(tx, 0.0);
                            }
                            _ => {}
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = operands.last() {
                        self.draw_xobject(name, resources, state.ctm)?;
                    }
                }
                b"BI" => {
                    lexer.skip_inline_image();
                    self.out.images += 1;
                }
                _ => {}
            }
            operands.clear();
            scratch.clear();
        }
        Ok(())
    }

    /// The font a `Tf` name selects, cached per content stream and per document.
    fn font_for<'r>(
        &mut self,
        name: &'r [u8],
        resources: Option<&Dictionary>,
        local: &mut Vec<(&'r [u8], Option<CurrentFont>)>,
    ) -> Option<CurrentFont> {
        if let Some((_, font)) = local.iter().find(|(n, _)| *n == name) {
            return font.clone();
        }
        let doc = self.doc;
        let entry =
            resources.and_then(|r| get_dict(doc, r, b"Font")).and_then(|f| f.get(name).ok());
        let font = entry.and_then(|entry| {
            let label: Rc<str> = String::from_utf8_lossy(name).into();
            let font = match entry {
                Object::Reference(id) => match self.fonts.get(id) {
                    Some(font) => font.clone(),
                    None => {
                        let dict = resolve(doc, entry)?.as_dict().ok()?;
                        let font =
                            Rc::new(Font::load(doc, dict, self.limits.max_decompressed_bytes));
                        self.fonts.insert(*id, font.clone());
                        font
                    }
                },
                Object::Dictionary(dict) => {
                    Rc::new(Font::load(doc, dict, self.limits.max_decompressed_bytes))
                }
                _ => return None,
            };
            Some(CurrentFont { font, name: label })
        });
        local.push((name, font.clone()));
        font
    }

    /// Emits the glyphs of one string and advances the text matrix past them.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix) {
        let Some(current) = &state.font else { return };
        let font = &current.font;
        let size = state.font_size;
        let scale = state.horizontal_scale;
        let mut m = tm.then(&state.ctm);
        // Glyph space → page space scale factors (PDF 32000-1 §9.4.4, text rendering matrix).
        let along = (m.a * m.a + m.b * m.b).sqrt() * size * scale;
        let up = (m.c * m.c + m.d * m.d).sqrt() * size;
        let rotation = rotation_of(m.a, m.b);
        let mut rest = bytes;
        while !rest.is_empty() {
            let code = font.next_code(rest);
            rest = rest.get(code.len..).unwrap_or(&[]);
            let w0 = font.width(code.code);
            let origin_x = m.e + state.rise * m.c;
            let origin_y = m.f + state.rise * m.d;
            let start = self.out.text.len();
            if !font.push_text(code.code, &mut self.out.text) {
                self.out.text.push(char::REPLACEMENT_CHARACTER);
                self.out.count_unmapped(&current.name);
            }
            let len = self.out.text.len() - start;
            if len > 0 {
                let (x, y) = upright(origin_x, origin_y, rotation);
                self.out.glyphs.push(Glyph {
                    x,
                    y,
                    width: (w0 * along).abs(),
                    size: up,
                    start: start as u32,
                    len: len as u32,
                    rotation,
                });
            }
            let spacing = if code.len == 1 && code.code == 32 { state.word_spacing } else { 0.0 };
            let tx = (w0 * size + state.char_spacing + spacing) * scale;
            tm.pre_translate(tx, 0.0);
            m.pre_translate(tx, 0.0);
        }
    }

    /// Draws a named XObject: recurses into forms, counts images.
    fn draw_xobject(
        &mut self,
        name: &[u8],
        resources: Option<&Dictionary>,
        ctm: Matrix,
    ) -> Result<(), IngestError> {
        let doc = self.doc;
        let Some(entry) =
            resources.and_then(|r| get_dict(doc, r, b"XObject")).and_then(|x| x.get(name).ok())
        else {
            return Ok(());
        };
        let Some(Object::Stream(stream)) = resolve(doc, entry) else {
            return Ok(());
        };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Image") => {
                self.out.images += 1;
                return Ok(());
            }
            Some(b"Form") => {}
            _ => return Ok(()),
        }
        let id = entry.as_reference().ok();
        if id.is_some_and(|id| self.form_stack.contains(&id)) {
            self.note("a Form XObject draws itself; the cycle was cut");
            return Ok(());
        }
        if self.form_stack.len() >= self.limits.max_form_depth {
            self.note(&format!(
                "Form XObjects nested deeper than {} were skipped",
                self.limits.max_form_depth
            ));
            return Ok(());
        }
        let Ok(content) = stream.get_plain_content_with_limit(self.limits.max_decompressed_bytes)
        else {
            return Err(IngestError::Limit(format!(
                "max_decompressed_bytes ({}) exceeded by a Form XObject",
                self.limits.max_decompressed_bytes
            )));
        };
        self.budget.spend(content.len(), self.limits)?;
        let matrix = get(doc, &stream.dict, b"Matrix")
            .and_then(|m| six_numbers(doc, m))
            .map_or(Matrix::IDENTITY, Matrix::from_array);
        let form_resources = get_dict(doc, &stream.dict, b"Resources").or(resources);
        // Forms without an id (direct objects) cannot recurse into themselves.
        self.form_stack.push(id.unwrap_or((0, 0)));
        let result = self.run(&content, form_resources, matrix.then(&ctm));
        self.form_stack.pop();
        result
    }

    fn note(&mut self, message: &str) {
        if !self.out.notes.iter().any(|n| n == message) {
            self.out.notes.push(message.to_owned());
        }
    }
}

/// Writing direction in quarter turns from the baseline vector `(a, b)`.
fn rotation_of(a: f32, b: f32) -> u8 {
    if a.abs() >= b.abs() {
        if a >= 0.0 { 0 } else { 2 }
    } else if b > 0.0 {
        1
    } else {
        3
    }
}

/// Page coordinates turned into the upright frame of a writing direction.
fn upright(x: f32, y: f32, rotation: u8) -> (f32, f32) {
    match rotation {
        1 => (y, -x),
        2 => (-x, -y),
        3 => (-y, x),
        _ => (x, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A document with Helvetica as /F1 and a form /Fm1 that draws itself.
    fn setup() -> (Document, Dictionary) {
        let mut doc = Document::with_version("1.5");
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        let form_id = doc.new_object_id();
        let form_resources = dictionary! {
            "Font" => dictionary! { "F1" => font },
            "XObject" => dictionary! { "Fm1" => form_id },
        };
        let form = Stream::new(
            dictionary! { "Subtype" => "Form", "Resources" => form_resources.clone() },
            b"BT /F1 10 Tf 0 0 Td (in form) Tj ET /Fm1 Do".to_vec(),
        );
        doc.objects.insert(form_id, Object::Stream(form));
        (doc, form_resources)
    }

    fn run(content: &[u8]) -> (PageGlyphs, Result<(), IngestError>) {
        let (doc, resources) = setup();
        let limits = Limits::default();
        let mut fonts = FontCache::new();
        let mut out = PageGlyphs::default();
        let result = Interpreter::new(&doc, &limits, &mut fonts, &mut Budget::default(), &mut out)
            .run(content, Some(&resources), Matrix::IDENTITY);
        (out, result)
    }

    fn xs(page: &PageGlyphs) -> Vec<(String, f32)> {
        page.glyphs
            .iter()
            .map(|g| (page.glyph_text(g).to_owned(), (g.x * 100.0).round() / 100.0))
            .collect()
    }

    #[test]
    fn tj_numbers_move_the_pen() {
        let (page, result) = run(b"BT /F1 10 Tf 100 700 Td [(D)-500(e)] TJ ET");
        result.expect("runs");
        // "D" is 722/1000 em wide in Helvetica; -500 moves a further half em.
        assert_eq!(xs(&page), [("D".into(), 100.0), ("e".into(), 112.22)]);
        assert_eq!(page.glyphs[0].y, 700.0);
    }

    #[test]
    fn spacing_scaling_rise_and_matrices() {
        let (page, _) = run(b"q 2 0 0 2 10 10 cm BT /F1 10 Tf 2 Tc 50 Tz 5 Ts (ab) Tj ET Q");
        let a = page.glyphs[0];
        let b = page.glyphs[1];
        assert_eq!((a.x, a.y, a.size), (10.0, 20.0, 20.0));
        // (556/1000 * 10 + 2) * 0.5 text units, doubled by the CTM.
        assert!((b.x - (10.0 + 7.56)).abs() < 1e-3, "{}", b.x);
    }

    #[test]
    fn quote_operators_move_to_the_next_line() {
        let (page, _) = run(b"BT /F1 10 Tf 12 TL 0 100 Td (a) Tj (b) ' 3 1 (c) \" ET");
        let ys: Vec<f32> = page.glyphs.iter().map(|g| g.y).collect();
        assert_eq!(ys, [100.0, 88.0, 76.0]);
    }

    #[test]
    fn a_form_that_draws_itself_is_cut_off() {
        let (page, result) = run(b"/Fm1 Do");
        result.expect("runs");
        assert_eq!(page.text.matches("in form").count(), 1);
        assert_eq!(page.notes.len(), 1, "{:?}", page.notes);
    }

    #[test]
    fn operator_cap_is_enforced() {
        let (doc, resources) = setup();
        let limits = Limits { max_operators: 3, ..Limits::default() };
        let mut fonts = FontCache::new();
        let mut out = PageGlyphs::default();
        let result = Interpreter::new(&doc, &limits, &mut fonts, &mut Budget::default(), &mut out)
            .run(b"q Q q Q", Some(&resources), Matrix::IDENTITY);
        assert!(matches!(result, Err(IngestError::Limit(m)) if m.contains("max_operators")));
    }

    #[test]
    fn rotated_text_is_read_along_its_baseline() {
        let (page, _) = run(b"BT /F1 10 Tf 0 1 -1 0 100 100 Tm (ab) Tj ET");
        assert!(page.glyphs.iter().all(|g| g.rotation == 1));
        assert!(page.glyphs[1].x > page.glyphs[0].x);
    }
}
