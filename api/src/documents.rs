//! Documents as bytes: what a content is (read from its first bytes, never from a file name or
//! a client's word), its SHA-256 name, and the byte range a request asks for. Who may see a
//! document is decided in `access::documents`; where it is stored, in `store::documents`.

use sha2::{Digest, Sha256};

/// The media types a document may have, each known by how its content begins.
pub const ACCEPTED: &str = "PDF, PNG, JPEG, GIF, WebP or UTF-8 text";

/// The media type of `content`, read from the content itself; `None` for anything but a PDF,
/// a PNG, JPEG, GIF or WebP picture, or UTF-8 text without control characters other than
/// tabs and line ends.
pub fn sniff(content: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"GIF87a", "image/gif"),
        (b"GIF89a", "image/gif"),
    ];
    if let Some((_, media)) = SIGNATURES.iter().find(|(sig, _)| content.starts_with(sig)) {
        return Some(media);
    }
    if content.len() >= 12 && &content[..4] == b"RIFF" && &content[8..12] == b"WEBP" {
        return Some("image/webp");
    }
    let text = std::str::from_utf8(content.strip_prefix(b"\xef\xbb\xbf").unwrap_or(content));
    match text {
        Ok(text)
            if !text.is_empty()
                && !text
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) =>
        {
            Some("text/plain; charset=utf-8")
        }
        _ => None,
    }
}

/// The file extension that goes with a media type, for the name a download is saved under.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        _ => "txt",
    }
}

/// The name of `content`: its SHA-256 as 64 lowercase hex digits.
pub fn name(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `text` as a document name (64 hex digits, any case), lowercased; `None` otherwise.
pub fn parse_name(text: &str) -> Option<String> {
    (text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| text.to_ascii_lowercase())
}

/// What a `Range` header asks of a document of `size` bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Range {
    /// The whole document: no range, or one this server serves whole (several ranges, other
    /// units, a malformed header).
    Whole,
    /// The bytes `start..=end`.
    Part {
        /// The first byte.
        start: u64,
        /// The last byte, included.
        end: u64,
    },
    /// No byte of the document is in the range: 416.
    Unsatisfiable,
}

/// Reads a `Range` header value for a document of `size` bytes (RFC 9110, 14.1.2): one range
/// `a-b`, `a-` or `-n` of bytes.
pub fn range(header: Option<&str>, size: u64) -> Range {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let (first, last) = (first.trim(), last.trim());
    let number = |s: &str| s.parse::<u64>().ok();
    match (first.is_empty(), last.is_empty()) {
        // The last n bytes.
        (true, false) => match number(last) {
            Some(0) => Range::Unsatisfiable,
            Some(_) if size == 0 => Range::Unsatisfiable,
            Some(n) => Range::Part {
                start: size.saturating_sub(n),
                end: size - 1,
            },
            None => Range::Whole,
        },
        (false, _) => {
            let Some(start) = number(first) else {
                return Range::Whole;
            };
            let end = if last.is_empty() {
                Some(u64::MAX)
            } else {
                number(last)
            };
            match end {
                None => Range::Whole,
                Some(end) if end < start => Range::Whole,
                Some(_) if start >= size => Range::Unsatisfiable,
                Some(end) => Range::Part {
                    start,
                    end: end.min(size - 1),
                },
            }
        }
        (true, true) => Range::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_comes_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.4\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(sniff(b"GIF89a.."), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(
            sniff("中共某县委常委会决定\r\n\t第一条".as_bytes()),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(
            sniff(b"\xef\xbb\xbfwith a byte-order mark"),
            Some("text/plain; charset=utf-8")
        );
        // Anything else is refused, whatever it is called: executables, archives, markup that
        // a browser would run, bytes that are not UTF-8, an empty file.
        for refused in [
            &b"MZ\x90\0"[..],
            b"PK\x03\x04",
            b"\x7fELF",
            b"text with a NUL\0",
            b"\x1b[31m escape",
            b"\xc3\x28 not utf-8",
            b"",
        ] {
            assert_eq!(sniff(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_name_is_the_sha256_of_the_content() {
        assert_eq!(
            name(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let upper = "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD";
        assert_eq!(parse_name(upper).as_deref(), Some(&name(b"abc")[..]));
        assert_eq!(parse_name("ba7816bf"), None);
        assert_eq!(parse_name(&"g".repeat(64)), None);
    }

    #[test]
    fn ranges_follow_rfc_9110() {
        assert_eq!(range(None, 100), Range::Whole);
        assert_eq!(
            range(Some("bytes=0-9"), 100),
            Range::Part { start: 0, end: 9 }
        );
        assert_eq!(
            range(Some("bytes=90-"), 100),
            Range::Part { start: 90, end: 99 }
        );
        assert_eq!(
            range(Some("bytes=90-1000"), 100),
            Range::Part { start: 90, end: 99 }
        );
        assert_eq!(
            range(Some("bytes=-10"), 100),
            Range::Part { start: 90, end: 99 }
        );
        assert_eq!(
            range(Some("bytes=-1000"), 100),
            Range::Part { start: 0, end: 99 }
        );
        assert_eq!(range(Some("bytes=100-"), 100), Range::Unsatisfiable);
        assert_eq!(range(Some("bytes=-0"), 100), Range::Unsatisfiable);
        assert_eq!(range(Some("bytes=0-0"), 0), Range::Unsatisfiable);
        // Served whole: several ranges, other units, nonsense, a backward range.
        for whole in [
            "bytes=0-1,5-6",
            "items=0-1",
            "bytes=x-y",
            "bytes=9-1",
            "bytes=-",
        ] {
            assert_eq!(range(Some(whole), 100), Range::Whole, "{whole}");
        }
    }
}
