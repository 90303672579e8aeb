//! Regression tests of the fuzz target (`fuzz/`, `cargo +nightly fuzz run
//! guide`): every input in `tests/fixtures/fuzz/` (crashes the fuzzer found,
//! and hostile shapes written by hand) goes through parse → resolve → check
//! → both printers without a panic and with a JSON report that parses.

use std::path::Path;

fn run(name: &str, data: &[u8]) {
    eprintln!("fuzz case: {name}");
    let (human, json) = std::panic::catch_unwind(|| tebiki::check::fuzz::guide(data))
        .unwrap_or_else(|_| panic!("{name}: the check panicked"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(v["version"], 1, "{name}");
    // Every diagnostic is printed for people too (each names its rule).
    for d in v["diagnostics"].as_array().unwrap() {
        let rule = d["rule"].as_str().unwrap();
        assert!(human.contains(&format!("[{rule}]: ")), "{name}: {rule} missing from the human report");
    }
}

#[test]
fn saved_fuzz_inputs_do_not_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        run(&path.display().to_string(), &std::fs::read(&path).unwrap());
        count += 1;
    }
    assert!(count > 0);
}

#[test]
fn hostile_shapes_do_not_panic() {
    let fm = "---\ntitle: T\nsummary: S\npublished: 2024-03-02\n---\n";
    let cases: Vec<(&str, String)> = vec![
        ("deep quotes", format!("{fm}{}x\n", "> ".repeat(5000))),
        ("deep lists", format!("{fm}{}", (0..3000).map(|i| format!("{}1. x\n", "   ".repeat(i))).collect::<String>())),
        ("deep brackets", format!("{fm}{}{}\n", "[".repeat(20000), "]".repeat(20000))),
        ("deep yaml", format!("---\ntitle: {}\n---\nx\n", "[".repeat(100000))),
        ("yaml alias bomb", "---\na: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e]\n---\nx\n".to_string()),
        ("nul and controls", format!("{fm}\u{0}\u{1}\u{7f}\u{202e}x\u{feff}\n")),
        ("root mark", format!("{fm}\u{e000}[\u{e000}](\u{e000}.md)\n")),
        ("huge number", format!("{fm}999999999999999999999. x\n1234567890. y\n")),
        ("lone CR", "---\rtitle: T\r---\rx\r".to_string()),
        ("only dashes", "---\n---\n---\n".to_string()),
        ("headings", format!("{fm}###### a\n# b\n####### c\n")),
        ("questions", format!("{fm}## Q:\n## Ｑ：\n### Q: x\n")),
    ];
    for (name, text) in cases {
        run(name, text.as_bytes());
    }
    run("invalid utf-8 after a tab", b"---\ntitle: T\n---\n\tNL\x88\n");
}
