//! Times each phase of a build once, in a fresh process, as `zaitaku build`
//! runs them (a development aid for the speed budget): decode, parse,
//! validate, tables, render (Parquet, CSV, JSON), write.
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let out = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "/tmp/phases-out".into());
    let t = std::time::Instant::now();
    let mut last = t;
    let mut lap = |name: &str| {
        let now = std::time::Instant::now();
        eprintln!("{name:>9}: {:6.2} ms", (now - last).as_secs_f64() * 1000.0);
        last = now;
    };
    let bytes = std::fs::read(&path).unwrap_or_default();
    let Ok(decoded) = zaitaku_parse::decode::decode(&bytes, Default::default()) else {
        return eprintln!("cannot decode {path}");
    };
    lap("decode");
    let Ok(report) = zaitaku_parse::parse_text(&decoded.text) else {
        return eprintln!("cannot parse {path}");
    };
    lap("parse");
    let reports = vec![report];
    let validation = zaitaku_validate::validate(&reports);
    lap("validate");
    let tables = zaitaku_export::tables::all(&reports, &validation);
    lap("tables");
    let Ok(files) = zaitaku_export::render(&tables, &validation, Default::default()) else {
        return eprintln!("cannot render");
    };
    lap("render");
    if zaitaku_export::write::write_atomically(std::path::Path::new(&out), &files).is_err() {
        return eprintln!("cannot write {out}");
    }
    lap("write");
    eprintln!("    total: {:6.2} ms", t.elapsed().as_secs_f64() * 1000.0);
}
