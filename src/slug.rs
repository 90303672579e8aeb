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

/// The number an ordering prefix gives a file or folder name, and the name
/// without it: `01-getting-started` → (1, `getting-started`), `2. Setup` →
/// (2, `Setup`), as Docusaurus and MkDocs sites order folders.
pub fn order_prefix(name: &str) -> Option<(i64, &str)> {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 6 {
        return None;
    }
    let rest = name[digits..].trim_start_matches(['-', '_', '.', ' ']);
    let separated = rest.len() < name.len() - digits;
    (separated && !rest.is_empty()).then(|| (name[..digits].parse().unwrap_or(0), rest))
}

/// A title for a file or folder name that has none: the ordering prefix
/// dropped, `-`/`_` read as spaces when the name has no spaces of its own,
/// the first letter capitalised (`account-settings` → `Account settings`,
/// `01_first_steps` → `First steps`). Other names, Japanese ones included,
/// stay as they are written.
pub fn humanize(name: &str) -> String {
    let base = order_prefix(name).map_or(name, |(_, rest)| rest);
    let spaced = if base.contains(char::is_whitespace) { base.to_string() } else { base.replace(['-', '_'], " ") };
    let spaced = spaced.trim();
    let first_word = spaced.split_whitespace().next().unwrap_or_default();
    let mut chars = spaced.chars();
    match chars.next() {
        // `iOS`, `macOS` keep their case.
        Some(c) if c.is_ascii_lowercase() && !first_word.chars().any(char::is_uppercase) => {
            c.to_uppercase().chain(chars).collect()
        }
        Some(_) => spaced.to_string(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_titles() {
        assert_eq!(humanize("account-settings"), "Account settings");
        assert_eq!(humanize("01_first_steps"), "First steps");
        assert_eq!(humanize("2. Set up"), "Set up");
        assert_eq!(humanize("Account & billing"), "Account & billing");
        assert_eq!(humanize("Wi-Fi and VPN"), "Wi-Fi and VPN");
        assert_eq!(humanize("アカウント設定"), "アカウント設定");
        assert_eq!(humanize("2024"), "2024");
        assert_eq!(humanize("iOS"), "iOS");
        assert_eq!(order_prefix("01-intro"), Some((1, "intro")));
        assert_eq!(order_prefix("2024"), None);
        assert_eq!(order_prefix("3d-printing"), None);
    }

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
