//! Marks drawn over a screenshot, written in the fragment of its URL so
//! that a code host still shows the plain image:
//! `![Click Save](shots/save@2x.png#mark=rect:120,40,80,30;badge:1@300,200)`.
//! Coordinates are in the source image's pixels. See docs/format.md.
//! A `blur:` mark is not drawn over the image: the build pixelates that
//! region in every published file of it (`crate::images`).

use serde::Serialize;

/// One mark over a screenshot, in the image's pixels.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Mark {
    /// A rounded frame: top-left corner, width and height; `r` its corner radius.
    Rect { x: u32, y: u32, w: u32, h: u32, r: u32 },
    /// An ellipse inside the box `x, y, w, h`; `cx, cy, rx, ry` drawn
    /// (written as SVG numbers: halves are `.5`).
    Ellipse { x: u32, y: u32, w: u32, h: u32, cx: String, cy: String, rx: String, ry: String },
    /// An arrow from `(x1, y1)` to the tip `(x2, y2)`; `head` the tip's
    /// triangle as SVG points.
    Arrow { x1: u32, y1: u32, x2: u32, y2: u32, head: String },
    /// A numbered badge centred on `(x, y)`, of radius `r`.
    Badge { n: u32, x: u32, y: u32, r: u32 },
    /// A region whose pixels are hidden (private data): top-left corner,
    /// width and height.
    Blur { x: u32, y: u32, w: u32, h: u32 },
}

impl Mark {
    /// The box the mark covers: `(left, top, right, bottom)`.
    pub fn bounds(&self) -> (u32, u32, u32, u32) {
        match *self {
            Mark::Rect { x, y, w, h, .. } | Mark::Ellipse { x, y, w, h, .. } | Mark::Blur { x, y, w, h } => {
                (x, y, x.saturating_add(w), y.saturating_add(h))
            }
            Mark::Arrow { x1, y1, x2, y2, .. } => (x1.min(x2), y1.min(y2), x1.max(x2), y1.max(y2)),
            Mark::Badge { x, y, r, .. } => {
                (x.saturating_sub(r), y.saturating_sub(r), x.saturating_add(r), y.saturating_add(r))
            }
        }
    }
}

/// What is wrong with a `#mark=` list, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkError {
    /// Byte range of the bad mark in the fragment (after `#`).
    pub at: std::ops::Range<usize>,
    pub message: String,
}

/// The marks of a URL fragment (what follows `#`), for an image of
/// `size` pixels shown at `density`: `None` when the fragment is not a
/// `mark=` fragment (another fragment is left alone); `Err` says what is
/// wrong with the first bad mark.
pub fn parse(fragment: &str, size: Option<(u32, u32)>, density: f64) -> Option<Result<Vec<Mark>, MarkError>> {
    let list = fragment.strip_prefix("mark=")?;
    let base = "mark=".len();
    let mut marks = Vec::new();
    let mut offset = 0;
    for piece in list.split(';') {
        let start = base + offset + (piece.len() - piece.trim_start().len());
        offset += piece.len() + 1;
        let written = piece.trim();
        if written.is_empty() {
            continue;
        }
        match parse_one(written, size, density) {
            Ok(m) => marks.push(m),
            Err(message) => return Some(Err(MarkError { at: start..start + written.len(), message })),
        }
    }
    if marks.is_empty() {
        return Some(Err(MarkError { at: 0..fragment.len(), message: "`#mark=` lists no marks".into() }));
    }
    Some(Ok(marks))
}

fn parse_one(written: &str, size: Option<(u32, u32)>, density: f64) -> Result<Mark, String> {
    let scale = |css: f64| (css * density).round().max(1.0) as u32;
    let Some((kind, args)) = written.split_once(':') else {
        return Err(format!("mark `{written}` has no shape: write `rect:x,y,w,h`, `ellipse:x,y,w,h`, `arrow:x1,y1,x2,y2`, `badge:n@x,y` or `blur:x,y,w,h`"));
    };
    let numbers = |args: &str, count: usize, form: &str| -> Result<Vec<u32>, String> {
        let n: Vec<&str> = args.split(',').map(str::trim).collect();
        if n.len() != count {
            return Err(format!("mark `{written}` needs {count} numbers: `{form}`"));
        }
        n.iter()
            .map(|v| v.parse::<u32>().map_err(|_| format!("mark `{written}`: `{v}` is not a whole number of pixels")))
            .collect()
    };
    let mark = match kind.trim() {
        "rect" => {
            let v = numbers(args, 4, "rect:x,y,width,height")?;
            Mark::Rect { x: v[0], y: v[1], w: v[2], h: v[3], r: scale(6.0) }
        }
        "ellipse" => {
            let v = numbers(args, 4, "ellipse:x,y,width,height")?;
            let half = |n: u64| if n.is_multiple_of(2) { format!("{}", n / 2) } else { format!("{}.5", n / 2) };
            let (x, y, w, h) = (u64::from(v[0]), u64::from(v[1]), u64::from(v[2]), u64::from(v[3]));
            Mark::Ellipse {
                x: v[0],
                y: v[1],
                w: v[2],
                h: v[3],
                cx: half(2 * x + w),
                cy: half(2 * y + h),
                rx: half(w),
                ry: half(h),
            }
        }
        "arrow" => {
            let v = numbers(args, 4, "arrow:x1,y1,x2,y2")?;
            if (v[0], v[1]) == (v[2], v[3]) {
                return Err(format!("mark `{written}`: the arrow starts where it ends"));
            }
            Mark::Arrow { x1: v[0], y1: v[1], x2: v[2], y2: v[3], head: arrow_head(&v, f64::from(scale(14.0))) }
        }
        "badge" => {
            let Some((n, at)) = args.split_once('@') else {
                return Err(format!("mark `{written}` needs a number and a place: `badge:1@x,y`"));
            };
            let n = n.trim().parse::<u32>().ok().filter(|n| (1..=999).contains(n)).ok_or_else(|| {
                format!("mark `{written}`: the badge's number `{}` is not a number from 1 to 999", n.trim())
            })?;
            let v = numbers(at, 2, "badge:n@x,y")?;
            Mark::Badge { n, x: v[0], y: v[1], r: scale(12.0) }
        }
        "blur" => {
            let v = numbers(args, 4, "blur:x,y,width,height")?;
            Mark::Blur { x: v[0], y: v[1], w: v[2], h: v[3] }
        }
        other => {
            return Err(format!(
                "mark `{written}`: `{other}` is not a shape; use `rect`, `ellipse`, `arrow`, `badge` or `blur`"
            ))
        }
    };
    if matches!(
        mark,
        Mark::Rect { w: 0, .. }
            | Mark::Rect { h: 0, .. }
            | Mark::Ellipse { w: 0, .. }
            | Mark::Ellipse { h: 0, .. }
            | Mark::Blur { w: 0, .. }
            | Mark::Blur { h: 0, .. }
    ) {
        return Err(format!("mark `{written}` has no width or no height"));
    }
    if let Some((iw, ih)) = size {
        let (_, _, right, bottom) = match mark {
            // A badge's centre must be on the image; its disc may overhang.
            Mark::Badge { x, y, .. } => (x, y, x, y),
            _ => mark.bounds(),
        };
        if right > iw || bottom > ih {
            return Err(format!("mark `{written}` reaches outside the image, which is {iw} × {ih} pixels"));
        }
    }
    Ok(mark)
}

/// The tip of an arrow from `v[0], v[1]` to `v[2], v[3]`: a triangle of
/// side `len`, as SVG points.
fn arrow_head(v: &[u32], len: f64) -> String {
    let (x1, y1, x2, y2) = (f64::from(v[0]), f64::from(v[1]), f64::from(v[2]), f64::from(v[3]));
    let angle = (y2 - y1).atan2(x2 - x1);
    let spread = 0.45_f64;
    let p = |a: f64| (x2 - len * a.cos(), y2 - len * a.sin());
    let (ax, ay) = p(angle - spread);
    let (bx, by) = p(angle + spread);
    format!("{x2},{y2} {ax:.1},{ay:.1} {bx:.1},{by:.1}")
}

/// The box (with a margin of a quarter of its size, at least 24 CSS
/// pixels) that a phone shows of a screenshot with marks, clamped to the
/// image: `(left, top, width, height)` in pixels; `None` when it would be
/// over three quarters of the image's width (no zoom to speak of).
pub fn focus(marks: &[Mark], size: (u32, u32), density: f64) -> Option<(u32, u32, u32, u32)> {
    let (l, t, r, b) = marks
        .iter()
        .filter(|m| !matches!(m, Mark::Blur { .. }))
        .map(Mark::bounds)
        .reduce(|a, m| (a.0.min(m.0), a.1.min(m.1), a.2.max(m.2), a.3.max(m.3)))?;
    let margin = |extent: u32| (extent / 4).max((24.0 * density) as u32);
    let (mx, my) = (margin(r - l), margin(b - t));
    let left = l.saturating_sub(mx);
    let top = t.saturating_sub(my);
    let right = r.saturating_add(mx).min(size.0);
    let bottom = b.saturating_add(my).min(size.1);
    let (w, h) = (right.saturating_sub(left).max(1), bottom.saturating_sub(top).max(1));
    // Cropping to most of the width would not zoom in: show it whole.
    (u64::from(w) * 4 <= u64::from(size.0) * 3).then_some((left, top, w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_shape() {
        let m = parse(
            "mark=rect:120,40,80,30; badge:1@300,200;arrow:10,10,100,60;ellipse:0,0,20,10",
            Some((400, 300)),
            2.0,
        )
        .unwrap()
        .unwrap();
        assert_eq!(m[0], Mark::Rect { x: 120, y: 40, w: 80, h: 30, r: 12 });
        assert_eq!(m[1], Mark::Badge { n: 1, x: 300, y: 200, r: 24 });
        assert!(matches!(&m[2], Mark::Arrow { x2: 100, y2: 60, head, .. } if head.starts_with("100,60 ")));
        assert!(matches!(&m[3], Mark::Ellipse { cx, cy, rx, ry, .. } if [cx, cy, rx, ry] == ["10", "5", "10", "5"]));
        let odd = parse("mark=ellipse:1,2,3,5", None, 1.0).unwrap().unwrap();
        assert!(
            matches!(&odd[0], Mark::Ellipse { cx, cy, rx, ry, .. } if [cx, cy, rx, ry] == ["2.5", "4.5", "1.5", "2.5"])
        );
    }

    #[test]
    fn blur_is_a_region_and_no_focus() {
        let m = parse("mark=blur:10,20,30,40;rect:100,100,80,40", Some((1000, 800)), 1.0).unwrap().unwrap();
        assert_eq!(m[0], Mark::Blur { x: 10, y: 20, w: 30, h: 40 });
        assert_eq!(focus(&m, (1000, 800), 1.0), Some((76, 76, 128, 88)), "the blur is not what a phone zooms into");
        assert_eq!(focus(&m[..1], (1000, 800), 1.0), None);
    }

    #[test]
    fn an_error_says_where_the_bad_mark_is() {
        let f = "mark=rect:1,1,5,5; star:1,2;badge:1@1,1";
        let e = parse(f, Some((400, 300)), 1.0).unwrap().unwrap_err();
        assert_eq!(&f[e.at], "star:1,2");
    }

    #[test]
    fn other_fragments_are_not_marks() {
        assert!(parse("xywh=1,2,3,4", Some((10, 10)), 1.0).is_none());
        assert!(parse("", None, 1.0).is_none());
    }

    #[test]
    fn bad_marks_say_what_is_wrong() {
        let err = |f: &str| parse(f, Some((400, 300)), 1.0).unwrap().unwrap_err().message;
        assert!(err("mark=rect:1,2,3").contains("needs 4 numbers"));
        assert!(err("mark=rect:1,2,x,4").contains("`x` is not a whole number"));
        assert!(err("mark=rect:-1,2,3,4").contains("`-1` is not a whole number"));
        assert!(err("mark=star:1,2").contains("`star` is not a shape"));
        assert!(err("mark=rect").contains("has no shape"));
        assert!(err("mark=").contains("no marks"));
        assert!(err("mark=rect:350,10,60,10").contains("outside the image, which is 400 × 300"));
        assert!(err("mark=badge:1@401,10").contains("outside"));
        assert!(err("mark=badge:0@1,1").contains("from 1 to 999"));
        assert!(err("mark=badge:1,1").contains("`badge:1@x,y`"));
        assert!(err("mark=arrow:5,5,5,5").contains("starts where it ends"));
        assert!(err("mark=rect:1,1,0,5").contains("no width"));
        assert!(err("mark=rect:4294967295,1,1,1").contains("outside"));
        assert!(err("mark=blur:390,10,20,10").contains("outside"));
        assert!(err("mark=blur:1,1,0,5").contains("no width"));
        assert!(err("mark=blur:1,1,5").contains("needs 4 numbers"));
    }

    #[test]
    fn focus_is_the_marks_box_with_a_margin_inside_the_image() {
        let m = parse("mark=rect:100,100,80,40", Some((1000, 800)), 1.0).unwrap().unwrap();
        assert_eq!(focus(&m, (1000, 800), 1.0), Some((76, 76, 128, 88)));
        let m = parse("mark=rect:0,0,10,10", Some((1000, 800)), 2.0).unwrap().unwrap();
        assert_eq!(focus(&m, (1000, 800), 2.0), Some((0, 0, 58, 58)));
        assert_eq!(focus(&[], (10, 10), 1.0), None);
        let wide = parse("mark=rect:10,10,700,40", Some((1000, 800)), 1.0).unwrap().unwrap();
        assert_eq!(focus(&wide, (1000, 800), 1.0), None, "the marks span most of the width");
    }
}
