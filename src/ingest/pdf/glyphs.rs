//! Positioned glyphs: what the interpreter emits and the layout consumes.

/// An affine matrix `[a b c d e f]` (PDF row-vector convention).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix {
    pub a: f32,
    pub b: f32,
    pub c: f32,
    pub d: f32,
    pub e: f32,
    pub f: f32,
}

impl Matrix {
    pub const IDENTITY: Matrix = Matrix { a: 1.0, b: 0.0, c: 0.0, d: 1.0, e: 0.0, f: 0.0 };

    pub fn from_array(m: [f32; 6]) -> Matrix {
        Matrix { a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] }
    }

    /// `self × other`: apply `self` first, then `other`.
    pub fn then(&self, o: &Matrix) -> Matrix {
        Matrix {
            a: self.a * o.a + self.b * o.c,
            b: self.a * o.b + self.b * o.d,
            c: self.c * o.a + self.d * o.c,
            d: self.c * o.b + self.d * o.d,
            e: self.e * o.a + self.f * o.c + o.e,
            f: self.e * o.b + self.f * o.d + o.f,
        }
    }

    /// Moves the origin by `(tx, ty)` in this matrix's own (pre-transform) space.
    pub fn pre_translate(&mut self, tx: f32, ty: f32) {
        self.e += tx * self.a + ty * self.c;
        self.f += tx * self.b + ty * self.d;
    }
}

/// One glyph on the page, in the upright frame of its writing direction (see `rotation`):
/// x grows along the baseline, y grows upwards.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    /// Advance along the baseline (the glyph's visual width), never negative.
    pub width: f32,
    /// Font size in page units.
    pub size: f32,
    /// Byte range of the glyph's text in [`PageGlyphs::text`].
    pub start: u32,
    pub len: u32,
    /// Writing direction in quarter turns counter-clockwise: 0 upright, 1 bottom-to-top,
    /// 2 upside down, 3 top-to-bottom.
    pub rotation: u8,
}

/// Everything the interpreter gathered from one page.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    /// Image XObjects and inline images drawn (to tell scanned pages).
    pub images: usize,
    /// Unmapped glyph counts per font resource name, in first-seen order.
    pub unmapped: Vec<(String, usize)>,
    /// Problems met while interpreting (form depth, cycles).
    pub notes: Vec<String>,
}

impl PageGlyphs {
    /// Empties the buffers for the next page, keeping their capacity.
    pub fn clear(&mut self) {
        self.glyphs.clear();
        self.text.clear();
        self.images = 0;
        self.unmapped.clear();
        self.notes.clear();
    }

    pub fn glyph_text(&self, g: &Glyph) -> &str {
        self.text.get(g.start as usize..(g.start + g.len) as usize).unwrap_or("")
    }

    pub fn count_unmapped(&mut self, font: &str) {
        match self.unmapped.iter_mut().find(|(name, _)| name == font) {
            Some((_, n)) => *n += 1,
            None => self.unmapped.push((font.to_owned(), 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_product_and_translation() {
        let scale = Matrix::from_array([2.0, 0.0, 0.0, 2.0, 10.0, 20.0]);
        let shift = Matrix::from_array([1.0, 0.0, 0.0, 1.0, 5.0, 5.0]);
        let m = shift.then(&scale);
        assert_eq!((m.e, m.f), (20.0, 30.0));
        let mut t = scale;
        t.pre_translate(1.0, 1.0);
        assert_eq!((t.e, t.f), (12.0, 22.0));
    }
}
