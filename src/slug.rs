//! Slugs for element ids and file names: lowercase, words joined by `-`,
//! punctuation dropped, letters of every script kept (`困ったときは` stays
//! as it is), as browsers accept in ids and URLs.

/// Slug of a heading's text: `STEP1 Verify the account` → `step1-verify-the-account`.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.extend(c.to_lowercase());
        } else if c == '-' || c.is_whitespace() || c == '\u{3000}' {
            pending_dash = true;
        }
    }
    out
}

/// Slug usable as a file name (tags): like [`slugify`], never empty.
pub fn file_slug(text: &str) -> String {
    let s = slugify(text);
    if s.is_empty() {
        // Only punctuation: keep something stable and distinct.
        let mut h: u32 = 2166136261;
        for b in text.bytes() {
            h = (h ^ u32::from(b)).wrapping_mul(16777619);
        }
        format!("t{h:08x}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("STEP1 Verify the account"), "step1-verify-the-account");
        assert_eq!(slugify("(A) Receive a security code by SMS"), "a-receive-a-security-code-by-sms");
        assert_eq!(slugify("困ったときは"), "困ったときは");
        assert_eq!(slugify("Q: The code is not accepted"), "q-the-code-is-not-accepted");
        assert_eq!(slugify("STEP1 Microsoftアカウントの本人確認"), "step1-microsoftアカウントの本人確認");
        assert_eq!(slugify("  Wi-Fi  に接続  "), "wi-fi-に接続");
        assert_eq!(slugify("(A)セキュリティ コード"), "aセキュリティ-コード");
        assert_eq!(file_slug("!!!"), file_slug("!!!"));
        assert!(!file_slug("!!!").is_empty());
    }
}
