//! Page images made safe for OCR. Every image — an image file given as input, or a page image
//! taken out of a PDF — is decoded here in full before Tesseract sees it. Only an image that
//! decodes is passed on: as it is when it is PNG, JPEG, TIFF or PNM (formats Tesseract's
//! Leptonica recognises by their magic, keeping the file's resolution and the decoder Tesseract
//! is tuned with), otherwise re-encoded as an 8-bit gray PGM written here.
//!
//! Why: Tesseract reads input it does not recognise as an image as a *list of file paths* and
//! OCRs every file named there, so handing it a document's bytes lets the document read any
//! local file into its record. The size is checked from the image header before any pixel is
//! allocated (`max_image_pixels`), and the decoder runs with an allocation limit.

use std::io::Cursor;

/// Why an image cannot be handed to OCR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    /// The bytes are not an image in a supported format, or do not decode.
    Undecodable(String),
    /// Width × height exceeds the cap (named in the message).
    TooLarge { width: u32, height: u32, max_pixels: u64 },
}

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImageError::Undecodable(reason) => write!(f, "image cannot be decoded: {reason}"),
            ImageError::TooLarge { width, height, max_pixels } => write!(
                f,
                "image of {width}×{height} pixels exceeds the cap max_image_pixels ({max_pixels})"
            ),
        }
    }
}

/// The image to hand Tesseract for `bytes` (PNG, JPEG, TIFF, GIF or PNM, decided from the
/// content): the bytes themselves once they have decoded in full, or a PGM of them.
pub fn checked_for_ocr(bytes: &[u8], max_pixels: u64) -> Result<Vec<u8>, ImageError> {
    let (format, gray) = decode_gray(bytes, max_pixels)?;
    use image::ImageFormat::{Jpeg, Png, Pnm, Tiff};
    if matches!(format, Png | Jpeg | Tiff | Pnm) {
        return Ok(bytes.to_vec());
    }
    Ok(pgm(&gray))
}

fn pgm(gray: &image::GrayImage) -> Vec<u8> {
    let mut pgm = format!("P5\n{} {}\n255\n", gray.width(), gray.height()).into_bytes();
    pgm.extend_from_slice(gray.as_raw());
    pgm
}

/// The image's format and its pixels in gray, after the size check.
fn decode_gray(
    bytes: &[u8],
    max_pixels: u64,
) -> Result<(image::ImageFormat, image::GrayImage), ImageError> {
    let undecodable = |e: &dyn std::fmt::Display| ImageError::Undecodable(e.to_string());
    let (width, height) = reader(bytes)?.into_dimensions().map_err(|e| undecodable(&e))?;
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(ImageError::TooLarge { width, height, max_pixels });
    }
    let mut reader = reader(bytes)?;
    let format = reader.format().ok_or_else(|| undecodable(&"unknown format"))?;
    let mut limits = image::Limits::default();
    // RGBA with 16 bits per channel is the widest buffer a decoder builds: 8 bytes a pixel.
    limits.max_alloc = Some(max_pixels.saturating_mul(8).max(1 << 20));
    reader.limits(limits);
    let gray = reader.decode().map_err(|e| undecodable(&e))?.into_luma8();
    Ok((format, gray))
}

fn reader(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, ImageError> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError::Undecodable(e.to_string()))?;
    if reader.format().is_none() {
        return Err(ImageError::Undecodable("not an image in a supported format".to_owned()));
    }
    Ok(reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::GrayImage::from_pixel(width, height, image::Luma([200]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn decodable_png_passes_as_is_and_gif_as_pgm() {
        let bytes = png(3, 2);
        assert_eq!(checked_for_ocr(&bytes, 100).unwrap(), bytes);
        let img = image::RgbaImage::from_pixel(2, 1, image::Rgba([0, 0, 0, 255]));
        let mut gif = Cursor::new(Vec::new());
        img.write_to(&mut gif, image::ImageFormat::Gif).unwrap();
        assert_eq!(checked_for_ocr(gif.get_ref(), 100).unwrap(), b"P5\n2 1\n255\n\0\0".to_vec());
    }

    #[test]
    fn a_path_list_is_not_an_image() {
        let err = checked_for_ocr(b"/etc/passwd\n", 100).unwrap_err();
        assert!(matches!(err, ImageError::Undecodable(_)), "{err}");
    }

    #[test]
    fn corrupt_png_is_undecodable() {
        let mut bytes = png(40, 40);
        bytes.truncate(bytes.len() / 2);
        assert!(matches!(checked_for_ocr(&bytes, 10_000), Err(ImageError::Undecodable(_))));
    }

    /// A header claiming 30000×30000 is refused before any pixel buffer is allocated.
    #[test]
    fn oversized_header_is_refused_by_dimensions() {
        let mut pgm = b"P5\n30000 30000\n255\n".to_vec();
        pgm.extend_from_slice(&[0; 64]);
        let err = checked_for_ocr(&pgm, 100_000_000).unwrap_err();
        assert_eq!(
            err,
            ImageError::TooLarge { width: 30000, height: 30000, max_pixels: 100_000_000 }
        );
        assert!(err.to_string().contains("max_image_pixels"));
    }
}
