//! Every message the server writes in Indonesian has its English in the catalogue.
//!
//! The test reads the sources of `app/src` and finds the messages given to the error type and the
//! rules' errors (`AppError::validation`, `AppError::Conflict`, `DomainError::new`, and the few
//! helpers that pass their argument on as a message): a string literal, a `format!` string (its
//! holes stand for the parts that vary), a `const` of the same file, or a `let` of the same file
//! holding one. Each must be translated by `message_in`; a new message without English fails the
//! test, which lists every one of them. Test modules of the scanned files are left out.
use super::{message_in, Lang};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Calls whose argument at the index is a message: (file, function, index). An empty file means
/// every file; a helper is named in the file that defines and calls it.
const MESSAGE_CALLS: &[(&str, &str, usize)] = &[
    ("", "AppError::validation", 1),
    ("", "AppError::Conflict", 0),
    ("", "DomainError::new", 1),
    ("domain/evaluation.rs", "err", 1),
    ("domain/nip.rs", "err", 0),
    ("domain/case.rs", "misplaced", 1),
    ("server/official_input.rs", "invalid", 1),
    ("server/discipline.rs", "line_error", 2),
    ("server/official_import.rs", "line_error", 2),
];

/// Calls whose argument at the index is a field's label that a message takes as its varying part
/// ("{label} wajib diisi."): the label needs an entry of its own.
const LABEL_CALLS: &[(&str, &str, usize)] = &[
    ("domain/case.rs", "positive_u32", 2),
    ("domain/pact.rs", "required_text", 2),
    ("server/discipline.rs", "required_text", 2),
    ("server/discipline.rs", "optional_text", 2),
    ("server/discipline.rs", "parse_date", 2),
    ("server/official_input.rs", "text", 1),
    ("server/official_input.rs", "parse_rupiah", 1),
    ("server/transfer.rs", "text", 1),
];

/// Message arguments that are not messages of their own: the helpers' parameters, and messages
/// passed on from an error made (and checked) elsewhere.
const PASSED_ON: &[&str] = &[
    "message",
    "m",
    "label",
    "e.message",
    "first.message",
    "e.to_string()",
    // transfer.rs: the official form's "TMT jabatan ..." for the mutasi form, catalogued by hand.
    "message.replace(\"TMT jabatan\",\"TMT mutasi\")",
];

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
    /// Numbers, chars, lifetimes, byte strings: never a message.
    Other,
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

/// The text of a string literal after `"` up to its closing quote; `i` ends after the quote.
fn cooked_string(chars: &[char], i: &mut usize, line: &mut usize) -> String {
    let mut out = String::new();
    while *i < chars.len() {
        let c = chars[*i];
        *i += 1;
        match c {
            '"' => return out,
            '\\' => {
                let Some(&e) = chars.get(*i) else { break };
                *i += 1;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    '\n' => {
                        *line += 1;
                        while chars.get(*i).is_some_and(|c| c.is_whitespace()) {
                            if chars[*i] == '\n' {
                                *line += 1;
                            }
                            *i += 1;
                        }
                    }
                    'x' => {
                        let hex: String = chars.iter().skip(*i).take(2).collect();
                        *i += 2;
                        out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                    }
                    'u' => {
                        let rest: String = chars.iter().skip(*i).take_while(|c| **c != '}').collect();
                        *i += rest.chars().count() + 1;
                        let hex = rest.trim_start_matches('{');
                        out.extend(u32::from_str_radix(hex, 16).ok().and_then(char::from_u32));
                    }
                    other => out.push(other),
                }
            }
            c => {
                if c == '\n' {
                    *line += 1;
                }
                out.push(c);
            }
        }
    }
    out
}

/// A raw string after `r`: `#`s, `"`, text, `"`, as many `#`s; `i` ends after it.
fn raw_string(chars: &[char], i: &mut usize, line: &mut usize) -> String {
    let mut hashes = 0;
    while chars.get(*i) == Some(&'#') {
        hashes += 1;
        *i += 1;
    }
    *i += 1; // the opening quote
    let mut out = String::new();
    while *i < chars.len() {
        if chars[*i] == '"' && (1..=hashes).all(|k| chars.get(*i + k) == Some(&'#')) {
            *i += 1 + hashes;
            return out;
        }
        if chars[*i] == '\n' {
            *line += 1;
        }
        out.push(chars[*i]);
        *i += 1;
    }
    out
}

/// Whether a raw string starts at `i` (after its `r`).
fn raw_string_starts(chars: &[char], i: usize) -> bool {
    let mut j = i;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    chars.get(j) == Some(&'"')
}

fn tokenize(src: &str) -> Vec<Token> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < chars.len() {
        let c = chars[i];
        let start_line = line;
        let push = |out: &mut Vec<Token>, tok| out.push(Token { tok, line: start_line });
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            i += 1;
            let s = cooked_string(&chars, &mut i, &mut line);
            push(&mut out, Tok::Str(s));
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{2013}') or a lifetime ('static).
            if chars.get(i + 1) == Some(&'\\') {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
            push(&mut out, Tok::Other);
        } else if c.is_alphabetic() || c == '_' {
            let begin = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[begin..i].iter().collect();
            match word.as_str() {
                "r" if raw_string_starts(&chars, i) => {
                    let s = raw_string(&chars, &mut i, &mut line);
                    push(&mut out, Tok::Str(s));
                }
                "br" if raw_string_starts(&chars, i) => {
                    raw_string(&chars, &mut i, &mut line);
                    push(&mut out, Tok::Other);
                }
                "b" if chars.get(i) == Some(&'"') => {
                    i += 1;
                    cooked_string(&chars, &mut i, &mut line);
                    push(&mut out, Tok::Other);
                }
                "b" if chars.get(i) == Some(&'\'') => {
                    i += 1;
                    while i < chars.len() && chars[i] != '\'' {
                        i += if chars[i] == '\\' { 2 } else { 1 };
                    }
                    i += 1;
                    push(&mut out, Tok::Other);
                }
                "r" if chars.get(i) == Some(&'#') => {
                    // A raw identifier: r#type.
                    i += 1;
                    let begin = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    push(&mut out, Tok::Ident(chars[begin..i].iter().collect()));
                }
                _ => push(&mut out, Tok::Ident(word)),
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            push(&mut out, Tok::Other);
        } else {
            push(&mut out, Tok::Punct(c));
            i += 1;
        }
    }
    out
}

fn is_punct(t: Option<&Token>, c: char) -> bool {
    matches!(t, Some(Token { tok: Tok::Punct(p), .. }) if *p == c)
}

fn is_ident(t: Option<&Token>, name: &str) -> bool {
    matches!(t, Some(Token { tok: Tok::Ident(w), .. }) if w == name)
}

/// The index just after the bracket closing the one at `open`.
fn after_group(toks: &[Token], open: usize) -> usize {
    let mut depth = 0i32;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// The tokens without the items marked `#[cfg(test)]` (test modules and test helpers).
fn without_tests(toks: Vec<Token>) -> Vec<Token> {
    let marker = ["#", "[", "cfg", "(", "test", ")", "]"];
    let is_marker = |i: usize| {
        marker.iter().enumerate().all(|(k, m)| match toks.get(i + k).map(|t| &t.tok) {
            Some(Tok::Punct(p)) => m.len() == 1 && m.starts_with(*p),
            Some(Tok::Ident(w)) => w == m,
            _ => false,
        })
    };
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        if !is_marker(i) {
            out.push(toks[i].clone());
            i += 1;
            continue;
        }
        // Skip the item: up to its `;`, or through its body.
        i += marker.len();
        while i < toks.len() {
            match toks[i].tok {
                Tok::Punct(';') => {
                    i += 1;
                    break;
                }
                Tok::Punct('{') => {
                    i = after_group(&toks, i);
                    break;
                }
                Tok::Punct('(' | '[') => i = after_group(&toks, i),
                _ => i += 1,
            }
        }
    }
    out
}

/// A message as written: its Indonesian text with `{}` where a `format!` hole is, and a sample of
/// it as shown (each hole filled).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Message {
    pattern: String,
    sample: String,
}

impl Message {
    fn plain(text: &str) -> Message {
        Message { pattern: text.to_string(), sample: text.to_string() }
    }

    /// A `format!` string: `{{`/`}}` are braces, any `{…}` is a hole.
    fn format(text: &str) -> Message {
        let mut pattern = String::new();
        let mut sample = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    pattern.push('{');
                    sample.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    pattern.push('}');
                    sample.push('}');
                }
                '{' => {
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                    }
                    pattern.push_str("{}");
                    sample.push_str("X1");
                }
                c => {
                    pattern.push(c);
                    sample.push(c);
                }
            }
        }
        Message { pattern, sample }
    }
}

/// The messages in an expression's tokens: its string literals, a `format!` taking its string.
fn messages_in(toks: &[Token]) -> Vec<Message> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if is_ident(toks.get(i), "format") && is_punct(toks.get(i + 1), '!') && is_punct(toks.get(i + 2), '(')
        {
            if let Some(Token { tok: Tok::Str(s), .. }) = toks.get(i + 3) {
                out.push(Message::format(s));
                i += 4;
                continue;
            }
        }
        if let Tok::Str(s) = &toks[i].tok {
            out.push(Message::plain(s));
        }
        i += 1;
    }
    out
}

/// What one source file says: its tokens, string constants and `let` initialisers by name.
struct Source {
    path: String,
    toks: Vec<Token>,
    consts: HashMap<String, String>,
    lets: HashMap<String, Vec<std::ops::Range<usize>>>,
}

/// The string constants of every file, by name (a constant may be imported from another file).
type AllConsts = HashMap<String, Vec<String>>;

impl Source {
    fn new(path: String, text: &str) -> Source {
        let toks = without_tests(tokenize(text));
        let mut consts = HashMap::new();
        let mut lets: HashMap<String, Vec<std::ops::Range<usize>>> = HashMap::new();
        for i in 0..toks.len() {
            let name_at = match &toks[i].tok {
                Tok::Ident(w) if w == "const" || w == "static" => i + 1,
                Tok::Ident(w) if w == "let" => i + 1 + usize::from(is_ident(toks.get(i + 1), "mut")),
                _ => continue,
            };
            let Some(Token { tok: Tok::Ident(name), .. }) = toks.get(name_at) else { continue };
            // The initialiser: after `=`, up to `;` outside brackets.
            let mut j = name_at + 1;
            while j < toks.len() && !matches!(toks[j].tok, Tok::Punct('=' | ';')) {
                j = if matches!(toks[j].tok, Tok::Punct('(' | '[' | '{')) {
                    after_group(&toks, j)
                } else {
                    j + 1
                };
            }
            if !is_punct(toks.get(j), '=') {
                continue;
            }
            let start = j + 1;
            let mut end = start;
            while end < toks.len() && !is_punct(toks.get(end), ';') {
                end = if matches!(toks[end].tok, Tok::Punct('(' | '[' | '{')) {
                    after_group(&toks, end)
                } else {
                    end + 1
                };
            }
            if is_ident(toks.get(i), "let") {
                lets.entry(name.clone()).or_default().push(start..end);
            } else if let (Some(Token { tok: Tok::Str(s), .. }), true) = (toks.get(start), end == start + 1) {
                consts.insert(name.clone(), s.clone());
            }
        }
        Source { path, toks, consts, lets }
    }

    /// Where `function` (a path such as `AppError::validation`, or a plain name) is called: the
    /// line and the tokens of each argument.
    fn calls(&self, function: &str) -> Vec<(usize, Vec<std::ops::Range<usize>>)> {
        let parts: Vec<&str> = function.split("::").collect();
        let toks = &self.toks;
        let mut out = Vec::new();
        'next: for i in 0..toks.len() {
            let mut j = i;
            for (k, part) in parts.iter().enumerate() {
                if k > 0 {
                    if !(is_punct(toks.get(j), ':') && is_punct(toks.get(j + 1), ':')) {
                        continue 'next;
                    }
                    j += 2;
                }
                if !is_ident(toks.get(j), part) {
                    continue 'next;
                }
                j += 1;
            }
            if !is_punct(toks.get(j), '(') {
                continue;
            }
            // Not a method, a path's tail or the function's own definition.
            let before = i.checked_sub(1).and_then(|b| toks.get(b));
            let own_path = parts.len() == 1 && is_punct(before, ':');
            if is_punct(before, '.') || own_path || is_ident(before, "fn") {
                continue;
            }
            let close = after_group(toks, j) - 1;
            // A match arm's pattern (`Err(AppError::Conflict(_)) =>`) makes no message.
            let mut after = close + 1;
            while is_punct(toks.get(after), ')') {
                after += 1;
            }
            let arrow = is_punct(toks.get(after), '=') && is_punct(toks.get(after + 1), '>');
            if arrow || is_punct(toks.get(after), '|') || is_ident(toks.get(after), "if") {
                continue;
            }
            let mut args = Vec::new();
            let mut start = j + 1;
            let mut k = start;
            while k < close {
                if is_punct(toks.get(k), ',') {
                    args.push(start..k);
                    start = k + 1;
                    k += 1;
                } else if matches!(toks[k].tok, Tok::Punct('(' | '[' | '{')) {
                    k = after_group(toks, k);
                } else {
                    k += 1;
                }
            }
            if start < close {
                args.push(start..close);
            }
            out.push((toks[i].line, args));
        }
        out
    }

    /// The messages an argument can be, or the argument as written when it cannot be read.
    fn resolve(&self, arg: std::ops::Range<usize>, all: &AllConsts) -> Result<Vec<Message>, String> {
        let at = arg.start;
        let mut toks = &self.toks[arg];
        while is_punct(toks.first(), '&') {
            toks = &toks[1..];
        }
        let written: String = toks
            .iter()
            .map(|t| match &t.tok {
                Tok::Ident(w) => w.clone(),
                Tok::Str(s) => format!("{s:?}"),
                Tok::Punct(c) => c.to_string(),
                Tok::Other => "…".to_string(),
            })
            .collect();
        // `x`, `x.into()`, `x.to_string()`, `x.to_owned()`, `x.clone()`.
        let conversion = |rest: &[Token]| {
            rest.is_empty()
                || (rest.len() == 4
                    && is_punct(rest.first(), '.')
                    && ["into", "to_string", "to_owned", "clone"].iter().any(|m| is_ident(rest.get(1), m))
                    && is_punct(rest.get(2), '(')
                    && is_punct(rest.get(3), ')'))
        };
        match toks.first().map(|t| &t.tok) {
            Some(Tok::Str(s)) if conversion(&toks[1..]) => Ok(vec![Message::plain(s)]),
            Some(Tok::Ident(w)) if w == "format" && is_punct(toks.get(1), '!') => {
                let end = after_group(toks, 2);
                match toks.get(3).map(|t| &t.tok) {
                    Some(Tok::Str(s)) if conversion(&toks[end..]) => Ok(vec![Message::format(s)]),
                    _ => Err(written),
                }
            }
            Some(Tok::Ident(name)) if conversion(&toks[1..]) => {
                if let Some(s) = self.consts.get(name) {
                    return Ok(vec![Message::plain(s)]);
                }
                if let Some(values) =
                    all.get(name).filter(|_| name.chars().all(|c| c.is_uppercase() || c == '_'))
                {
                    return Ok(values.iter().map(|s| Message::plain(s)).collect());
                }
                // The nearest `let` of that name before the call.
                let found: Vec<Message> = self
                    .lets
                    .get(name)
                    .and_then(|inits| inits.iter().rfind(|r| r.end <= at))
                    .map(|r| messages_in(&self.toks[r.clone()]))
                    .unwrap_or_default();
                if found.is_empty() {
                    Err(written)
                } else {
                    Ok(found)
                }
            }
            _ => Err(written),
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file of the crate but this module's own (its tests write messages of their own).
fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|p| !p.starts_with(root.join("i18n")))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let path = p.strip_prefix(&root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
            Source::new(path, &text)
        })
        .collect()
}

fn in_file(source: &Source, file: &str) -> bool {
    file.is_empty() || source.path == file
}

/// A message the catalogue translates: its sample comes out different in English (an exact entry,
/// or a pattern matching it), or it is itself a pattern of the catalogue.
fn translated(m: &Message) -> bool {
    message_in(Lang::En, &m.sample) != m.sample.as_str()
        || super::messages_en::MESSAGES.iter().any(|(id, _)| *id == m.pattern)
}

/// (where, message) of every message found, and (where, argument) of every argument not read.
fn found_messages() -> (Vec<(String, Message)>, Vec<String>) {
    let mut messages = Vec::new();
    let mut unread = Vec::new();
    let sources = sources();
    let mut all = AllConsts::new();
    for source in &sources {
        for (name, value) in &source.consts {
            all.entry(name.clone()).or_default().push(value.clone());
        }
    }
    for source in sources {
        for (file, function, index) in MESSAGE_CALLS.iter().chain(LABEL_CALLS) {
            if !in_file(&source, file) {
                continue;
            }
            for (line, args) in source.calls(function) {
                let Some(arg) = args.get(*index) else {
                    unread.push(format!("{}:{line}: {function} without argument {index}", source.path));
                    continue;
                };
                match source.resolve(arg.clone(), &all) {
                    Ok(found) => {
                        messages.extend(found.into_iter().map(|m| (format!("{}:{line}", source.path), m)))
                    }
                    Err(written) if PASSED_ON.contains(&written.as_str()) => {}
                    Err(written) => unread.push(format!("{}:{line}: {function}({written})", source.path)),
                }
            }
        }
    }
    (messages, unread)
}

#[test]
fn every_server_message_has_its_english() {
    let (messages, unread) = found_messages();
    assert!(
        messages.len() > 100,
        "the scan found only {} messages: is it still reading the calls?",
        messages.len()
    );
    let mut missing = BTreeSet::new();
    for (at, m) in &messages {
        if !translated(m) {
            missing.insert(format!("{:?}  ({at})", m.pattern));
        }
    }
    let mut report = String::new();
    if !missing.is_empty() {
        report += &format!("{} message(s) without English in messages_en.rs:\n", missing.len());
        report += &missing.into_iter().map(|m| m + "\n").collect::<String>();
    }
    if !unread.is_empty() {
        report += "Message arguments the test cannot read (write a literal, a format!, a const or a let of \
                   the file; or add the argument to PASSED_ON if its message is checked where it is made):\n";
        report += &unread.into_iter().map(|m| m + "\n").collect::<String>();
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn the_scanner_reads_what_rust_writes() {
    let src = r####"
        const RACE: &str = "Satu \
            dua.";
        fn f(field: &str) {
            let a = AppError::validation(field, "Polos \"kutip\".");
            let b = AppError::Conflict(format!(
                "Ada {n} dari {:?} ({x:.2}) {{tetap}}.",
                n, m
            ));
            let c = DomainError::new(&format!("a[{i}].{k}", i = 1), r#"Mentah "ya"."#.to_string());
            let d = AppError::Conflict(RACE.into());
            let message = if x { "Pilihan satu." } else { "Pilihan dua." };
            let e = AppError::validation("f", message);
            let g = 'a'; let h: &'static str = "x"; // AppError::Conflict("komentar")
            /* AppError::Conflict("komentar /* bersarang */ juga") */
        }
        #[cfg(test)]
        mod tests {
            fn t() { AppError::Conflict("Hanya dalam tes.".into()); }
        }
    "####;
    let s = Source::new("x.rs".into(), src);
    let read = |function: &str, index: usize| -> Vec<Message> {
        s.calls(function)
            .into_iter()
            .flat_map(|(_, args)| s.resolve(args[index].clone(), &AllConsts::new()).unwrap())
            .collect()
    };
    let patterns = |ms: Vec<Message>| ms.into_iter().map(|m| m.pattern).collect::<Vec<_>>();
    assert_eq!(
        patterns(read("AppError::validation", 1)),
        ["Polos \"kutip\".", "Pilihan satu.", "Pilihan dua."]
    );
    assert_eq!(patterns(read("AppError::Conflict", 0)), ["Ada {} dari {} ({}) {tetap}.", "Satu dua."]);
    assert_eq!(read("DomainError::new", 1), [Message::plain("Mentah \"ya\".")]);
    assert_eq!(Message::format("Ada {n} dari {}.").sample, "Ada X1 dari X1.");
}

/// Messages built from other messages or labels come out wholly in English.
#[test]
fn composed_messages_translate_their_parts() {
    let en = |text: &str| message_in(Lang::En, text).into_owned();
    assert_eq!(
        en("Predikat organisasi Baik: paling sedikit satu Butuh Perbaikan atau Kurang/Misconduct \
            (sekarang 0 dari 7 pejabat)."),
        "Organisational grade Good: at least one Needs Improvement or Poor/Misconduct (now 0 of 7 officials)."
    );
    assert_eq!(
        en("Pakta belum lengkap: Sasaran strategis wajib diisi. Lengkapi di penyunting indikator."),
        "The pact is incomplete: The strategic objective is required. Complete it in the indicator editor."
    );
    assert_eq!(
        en("Bulan Maret 2026 belum berjalan; kehadiran dicatat setelah bulannya dimulai."),
        "March 2026 has not begun; attendance is recorded once the month has started."
    );
    assert_eq!(
        en("Penilaian TW III 2026 sudah dikunci dan tidak dapat diubah lagi."),
        "The Q3 2026 assessment is locked and can no longer be changed."
    );
    // Issue 16: the run's and the lock's messages write the quarter as "TW III" too.
    assert_eq!(en("TW III 2026 sudah dikunci."), "Q3 2026 is already locked.");
    assert_eq!(
        en("cap: Batas capaian harus antara 100 dan 1000."),
        "cap: The achievement cap must be between 100 and 1000."
    );
    assert_eq!(en("NIP 1 sudah terdaftar atas nama Budi."), "NIP 1 is already registered to Budi.");
    assert_eq!(en("NIP 1 sudah terdaftar."), "NIP 1 is already registered.");
    // A part that is no message stays as it is.
    assert_eq!(en("Akun budi.santoso sudah ada."), "The account budi.santoso already exists.");
}
