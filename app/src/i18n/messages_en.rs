//! English for the messages the server writes in Indonesian (see `message_in`). An entry is the
//! exact Indonesian text, or a pattern with `{}` where the text varies. A part that is itself an
//! entry (a field's label, a month, a message wrapped in another) is translated too, so the
//! labels and small pieces that messages are built from have entries of their own.
//!
//! `coverage.rs` checks that every message given to the error type has its English here.
pub const MESSAGES: &[(&str, &str)] = &[
    // The error type's fixed messages (error.rs).
    ("Nama pengguna/NIP atau kata sandi salah.", "Wrong username/NIP or password."),
    (
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {} menit.",
        "Too many failed login attempts. Try again in {} minutes.",
    ),
    ("Server sedang sibuk. Coba lagi sebentar.", "The server is busy. Try again shortly."),
    ("Silakan masuk terlebih dahulu.", "Please log in first."),
    ("Anda tidak berhak melakukan tindakan ini.", "You are not allowed to do this."),
    ("Data tidak ditemukan.", "Not found."),
    (
        "Terjadi kesalahan pada server. Silakan coba lagi; bila berulang, hubungi admin BKPSDM.",
        "Something went wrong on the server. Please try again; if it keeps happening, contact the BKPSDM admin.",
    ),
    (
        "Tidak dapat menghubungi server ({}). Periksa koneksi Anda lalu coba lagi.",
        "Cannot reach the server ({}). Check your connection and try again.",
    ),
    // Pieces that messages are built from: a field and its message, months ("Maret 2026"),
    // quarters ("TW III"), labels of predikat, statuses and kinds.
    ("{}: {}", "{}: {}"),
    ("Januari {}", "January {}"),
    ("Februari {}", "February {}"),
    ("Maret {}", "March {}"),
    ("April {}", "April {}"),
    ("Mei {}", "May {}"),
    ("Juni {}", "June {}"),
    ("Juli {}", "July {}"),
    ("Agustus {}", "August {}"),
    ("September {}", "September {}"),
    ("Oktober {}", "October {}"),
    ("November {}", "November {}"),
    ("Desember {}", "December {}"),
    // Dates ("1 Juli 2026").
    ("{} Januari {}", "{} January {}"),
    ("{} Februari {}", "{} February {}"),
    ("{} Maret {}", "{} March {}"),
    ("{} April {}", "{} April {}"),
    ("{} Mei {}", "{} May {}"),
    ("{} Juni {}", "{} June {}"),
    ("{} Juli {}", "{} July {}"),
    ("{} Agustus {}", "{} August {}"),
    ("{} September {}", "{} September {}"),
    ("{} Oktober {}", "{} October {}"),
    ("{} November {}", "{} November {}"),
    ("{} Desember {}", "{} December {}"),
    // "TW III" reads "Q3" in English.
    ("I", "1"),
    ("II", "2"),
    ("III", "3"),
    ("IV", "4"),
    ("Tahun", "The year"),
    ("Triwulan", "The quarter"),
    ("Sangat Baik", "Very Good"),
    ("Baik", "Good"),
    ("Butuh Perbaikan", "Needs Improvement"),
    ("Kurang/Misconduct", "Poor/Misconduct"),
    ("Kurang", "Poor"),
    ("Sangat Kurang", "Very Poor"),
    ("Istimewa", "Outstanding"),
    ("Pihak Pertama", "The first party"),
    ("Pihak Kedua", "The second party"),
    ("kumulatif", "cumulative"),
    ("periodik", "periodic"),
    ("posisi akhir", "end-position"),
    ("draf", "a draft"),
    ("menunggu tanda tangan", "awaiting signatures"),
    ("ringan, sedang, berat", "light, moderate, heavy"),
    // api/accounts.rs
    ("Nama pengguna atau NIP wajib diisi.", "Enter a username or NIP."),
    ("Kedua kata sandi tidak sama.", "The two passwords do not match."),
    ("Tidak ada akun dengan nama pengguna atau NIP itu.", "No account has that username or NIP."),
    // api/closing.rs, api/tpp.rs, server/closing.rs
    ("Perangkat daerah tidak dikenal.", "Unknown agency."),
    // api/corrections.rs
    ("Pilih setujui atau tolak.", "Choose approve or reject."),
    // api/dprd.rs
    ("{} harus berupa angka.", "{} must be a number."),
    // api/policy.rs
    ("Tanggal berlaku wajib diisi (YYYY-MM-DD).", "Enter the effective date (YYYY-MM-DD)."),
    (
        "Tanggal berlaku harus berformat YYYY-MM-DD, misalnya 2026-07-01.",
        "The effective date must be written YYYY-MM-DD, for example 2026-07-01.",
    ),
    ("Tahun berlaku harus antara 2000 dan 2100.", "The effective year must be between 2000 and 2100."),
    (
        "Isi kebijakan (JSON) wajib diisi; {} berarti kebijakan bawaan.",
        "Enter the policy (JSON); {} means the default policy.",
    ),
    ("Isi kebijakan paling banyak {} KiB.", "The policy may be at most {} KiB."),
    ("Bukan JSON yang sah pada baris {}, kolom {}: {}.", "Not valid JSON at line {}, column {}: {}."),
    (
        "teks berakhir sebelum JSON lengkap (kurung atau tanda kutip belum ditutup?)",
        "the text ends before the JSON is complete (an unclosed bracket or quote?)",
    ),
    (
        "penulisan JSON salah (periksa koma, tanda kutip dan kurung)",
        "malformed JSON (check the commas, quotes and brackets)",
    ),
    ("Catatan paling banyak {} karakter.", "The note may be at most {} characters."),
    // domain/account.rs
    ("Peran tidak dikenal: {} (admin, official, dprd).", "Unknown role: {} (admin, official, dprd)."),
    (
        "Nama pengguna atau NIP terlalu panjang (maksimal {} karakter).",
        "The username or NIP is too long (at most {} characters).",
    ),
    ("Kata sandi wajib diisi.", "Enter the password."),
    ("Kata sandi terlalu panjang (maksimal {} karakter).", "The password is too long (at most {} characters)."),
    ("Kata sandi minimal {} karakter.", "The password must have at least {} characters."),
    ("Kata sandi maksimal {} karakter.", "The password may have at most {} characters."),
    ("Nama pengguna harus 1–64 karakter.", "The username must be 1–64 characters."),
    (
        "Nama pengguna hanya boleh huruf, angka, titik, tanda hubung dan garis bawah.",
        "The username may contain only letters, digits, dots, hyphens and underscores.",
    ),
    // domain/case.rs (calculation case files)
    ("Bukan JSON yang sah: {}.", "Not valid JSON: {}."),
    ("{} harus lebih dari 0.", "{} must be greater than 0."),
    ("{} terlalu besar (paling besar {}).", "{} is too large (at most {})."),
    (
        "Berkas kasus harus berupa satu objek JSON ({ \"year\": ..., \"quarter\": ..., ... }).",
        "A case file must be one JSON object ({ \"year\": ..., \"quarter\": ..., ... }).",
    ),
    (
        "Indikator dengan \"target\": null tidak dinilai; batas rentang harus kosong.",
        "An indicator with \"target\": null is not assessed; its range bounds must be empty.",
    ),
    ("Lama hukuman", "The sanction's length"),
    ("Tahun harus antara 1900 dan 2200.", "The year must be between 1900 and 2200."),
    ("Triwulan harus 1, 2, 3 atau 4.", "The quarter must be 1, 2, 3 or 4."),
    (
        "Rating perilaku tidak dikenal: \"{}\" (above, as_expected, below).",
        "Unknown behaviour rating: \"{}\" (above, as_expected, below).",
    ),
    ("Polaritas tidak dikenal: \"{}\" (max, min, range).", "Unknown polarity: \"{}\" (max, min, range)."),
    ("Hanya untuk polaritas range; gunakan target.", "Only for the range polarity; use target."),
    ("Polaritas range memakai target_low dan target_high.", "The range polarity uses target_low and target_high."),
    ("Wajib diisi bila target_high diisi.", "Required when target_high is given."),
    ("Wajib diisi bila target_low diisi.", "Required when target_low is given."),
    (
        "Wajib diisi untuk indikator yang dinilai (target terisi).",
        "Required for an assessed indicator (one with a target).",
    ),
    ("Harus berupa objek JSON (bulan → kode).", "Must be a JSON object (month → codes)."),
    ("Kunci harus nomor bulan 1–12.", "Keys must be month numbers 1–12."),
    ("Tingkat hukuman tidak dikenal: \"{}\" ({}).", "Unknown sanction level: \"{}\" ({})."),
    ("Tanggal harus berformat YYYY-MM-DD.", "Dates must be written YYYY-MM-DD."),
    // domain/evaluation.rs
    ("Pagu TPP tidak boleh negatif.", "The TPP ceiling cannot be negative."),
    ("Pagu TPP terlalu besar.", "The TPP ceiling is too large."),
    ("Paling sedikit satu indikator.", "At least one indicator."),
    ("Bobot harus lebih dari 0.", "The weight must be greater than 0."),
    ("Polaritas tidak sesuai dengan target.", "The polarity does not match the target."),
    ("Target tidak boleh negatif.", "The target cannot be negative."),
    ("Target indikator polaritas max harus lebih dari 0.", "The target of a max-polarity indicator must be greater than 0."),
    ("target_low tidak boleh lebih besar dari target_high.", "target_low cannot be greater than target_high."),
    ("Realisasi tidak boleh negatif.", "The realisation cannot be negative."),
    (
        "Jumlah bobot (weight) semua indikator {}, harus 100.",
        "The weights of all indicators add up to {}; they must add up to 100.",
    ),
    ("Bulan {} di luar triwulan {} (bulan {}–{}).", "Month {} is outside quarter {} (months {}–{})."),
    ("Kode potongan tidak dikenal: \"{}\" ({}).", "Unknown deduction code: \"{}\" ({})."),
    ("Lama hukuman paling sedikit 1 bulan.", "A sanction lasts at least 1 month."),
    ("Persentase harus antara 0 dan 100.", "The percentage must be between 0 and 100."),
    // domain/json.rs
    ("Angka di luar jangkauan.", "The number is out of range."),
    ("Harus berupa angka (number).", "Must be a number."),
    ("Angka terlalu besar.", "The number is too large."),
    (
        "Angka terlalu besar (di luar jangkauan): paling besar 1.000.000.000.000.000.",
        "The number is too large (out of range): at most 1.000.000.000.000.000.",
    ),
    ("Paling banyak {} angka desimal.", "At most {} decimal places."),
    ("Harus berupa bilangan bulat.", "Must be a whole number."),
    ("Harus true atau false.", "Must be true or false."),
    ("Harus berupa teks (string).", "Must be text (a string)."),
    ("Harus berupa daftar (array).", "Must be a list (an array)."),
    ("Harus berupa objek JSON.", "Must be a JSON object."),
    ("Kunci tidak dikenal (yang dikenal: {}).", "Unknown key (known keys: {})."),
    ("Wajib diisi.", "Required."),
    // domain/nip.rs
    ("NIP wajib diisi.", "Enter the NIP."),
    ("NIP hanya boleh berisi angka.", "The NIP may contain only digits."),
    ("NIP harus 18 digit (tertulis {} digit).", "The NIP must have 18 digits ({} given)."),
    (
        "8 digit pertama NIP harus tanggal lahir yang sah (TTTTBBHH).",
        "The first 8 digits of the NIP must be a valid date of birth (YYYYMMDD).",
    ),
    (
        "Digit 9–14 NIP harus TMT CPNS (TTTTBB) dengan bulan 01–12.",
        "Digits 9–14 of the NIP must be the CPNS appointment date (YYYYMM), with a month from 01 to 12.",
    ),
    (
        "TMT CPNS pada NIP harus minimal 18 tahun setelah tanggal lahir.",
        "The CPNS appointment date in the NIP must be at least 18 years after the date of birth.",
    ),
    ("Digit ke-15 NIP (jenis kelamin) harus 1 atau 2.", "Digit 15 of the NIP (sex) must be 1 or 2."),
    ("Nomor urut NIP (3 digit terakhir) tidak boleh 000.", "The NIP's serial number (last 3 digits) cannot be 000."),
    // domain/pact.rs (the indicator editor)
    ("{} wajib diisi.", "{} is required."),
    ("{} paling banyak {} karakter.", "{} may be at most {} characters."),
    ("Sasaran strategis", "The strategic objective"),
    ("Indikator kinerja", "The performance indicator"),
    ("Satuan", "The unit"),
    ("Harus berupa angka, misalnya 1.234,5 atau 95.", "Must be a number, for example 1.234,5 or 95."),
    ("Tidak boleh negatif.", "Cannot be negative."),
    ("Angka di luar batas yang wajar.", "The number is outside any reasonable range."),
    (
        "Target rentang ditulis sebagai batas bawah–batas atas, misalnya 90–100.",
        "Write a range target as lower–upper bound, for example 90–100.",
    ),
    ("Batas bawah lebih besar dari batas atas.", "The lower bound is greater than the upper bound."),
    ("Batas atas harus lebih dari 0.", "The upper bound must be greater than 0."),
    ("Target polaritas maksimal harus lebih dari 0.", "A maximising target must be greater than 0."),
    ("Paling banyak {} karakter.", "At most {} characters."),
    (
        "Anggaran ditulis dalam Rupiah utuh, misalnya 1.250.000.000.",
        "Write the budget in whole Rupiah, for example 1.250.000.000.",
    ),
    ("Isi target paling sedikit satu triwulan.", "Enter a target for at least one quarter."),
    (
        "Target TW IV wajib diisi dan sama dengan target tahunan ({}).",
        "The Q4 target is required and must equal the annual target ({}).",
    ),
    (
        "Untuk target {}, target TW IV harus sama dengan target tahunan ({}).",
        "For {} targets, the Q4 target must equal the annual target ({}).",
    ),
    (
        "Target kumulatif tidak boleh turun dari triwulan sebelumnya.",
        "A cumulative target cannot be lower than the previous quarter's.",
    ),
    (
        "Untuk target periodik, jumlah target triwulan ({}) harus sama dengan target tahunan ({}).",
        "For a periodic target, the quarterly targets ({} in total) must add up to the annual target ({}).",
    ),
    ("Pilih polaritas.", "Choose a polarity."),
    ("Pilih jenis target.", "Choose a target type."),
    ("Bobot wajib diisi.", "Enter the weight."),
    ("Bobot paling besar 100.", "The weight may be at most 100."),
    ("Target tahunan wajib diisi.", "Enter the annual target."),
    ("Paling sedikit satu indikator kinerja.", "At least one performance indicator."),
    ("Paling banyak {} indikator.", "At most {} indicators."),
    ("Jumlah bobot harus 100%; sekarang {}%.", "The weights must add up to 100%; they now add up to {}%."),
    // domain/policy.rs (the TPP policy)
    ("Kode tidak boleh kosong atau berspasi.", "A code cannot be empty or contain spaces."),
    ("Persentase tidak boleh negatif.", "The percentage cannot be negative."),
    ("Persentase tidak boleh lebih dari 100.", "The percentage cannot be more than 100."),
    ("Batas capaian harus antara 100 dan 1000.", "The achievement cap must be between 100 and 1000."),
    ("Ambang tidak boleh negatif.", "The threshold cannot be negative."),
    (
        "Ambang \"above\" harus lebih besar dari ambang \"as_expected\".",
        "The \"above\" threshold must be greater than the \"as_expected\" threshold.",
    ),
    (
        "Disiplin + produktivitas berjumlah {}, harus 100.",
        "Discipline + productivity add up to {}; they must add up to 100.",
    ),
    ("Paling sedikit satu pita faktor.", "At least one factor band."),
    ("Batas pita tidak boleh negatif.", "A band's lower bound cannot be negative."),
    (
        "Pita faktor harus menurun: batas bawah harus lebih kecil dari pita sebelumnya.",
        "Factor bands must descend: each lower bound must be smaller than the previous band's.",
    ),
    (
        "Pita faktor harus menurun: faktor tidak boleh lebih besar dari pita sebelumnya.",
        "Factor bands must descend: each factor cannot be greater than the previous band's.",
    ),
    // domain/quarter_sheet.rs (the realisation sheet)
    (
        "Realisasi harus berupa angka, misalnya 1.234,5 atau 95.",
        "The realisation must be a number, for example 1.234,5 or 95.",
    ),
    (
        "Target triwulan tidak sesuai dengan polaritas indikator.",
        "The quarter's target does not match the indicator's polarity.",
    ),
    (
        "Nilai belum lengkap: {} indikator belum diisi realisasinya.",
        "Score incomplete: {} indicator(s) still without a realisation.",
    ),
    (
        "Predikat, faktor dan TPP menunggu rating perilaku.",
        "Grade, factor and TPP are awaiting the behaviour rating.",
    ),
    // domain/score.rs
    (
        "Tidak ada indikator yang dinilai pada triwulan ini (semua target kosong); nilai tidak dapat dihitung.",
        "No indicator is assessed this quarter (every target is empty); no score can be calculated.",
    ),
    // domain/distribution.rs (warnings of the closing page)
    (
        "Predikat organisasi {}: {} (sekarang {} dari {} pejabat).",
        "Organisational grade {}: {} (now {} of {} officials).",
    ),
    ("tidak boleh ada {}", "no {} allowed"),
    ("paling banyak {}% {}", "at most {}% {}"),
    ("paling sedikit {}% {}", "at least {}% {}"),
    ("paling sedikit satu {}", "at least one {}"),
    ("Butuh Perbaikan atau Kurang/Misconduct", "Needs Improvement or Poor/Misconduct"),
    ("Kurang/Misconduct atau Butuh Perbaikan", "Poor/Misconduct or Needs Improvement"),
    // server/accounts.rs
    ("Tidak ada pejabat dengan NIP {}.", "No official has NIP {}."),
    ("Nama pengguna wajib diisi.", "Enter a username."),
    ("Akun {} sudah ada.", "The account {} already exists."),
    // server/audit.rs (the audit chain check)
    (
        "isi entri tidak cocok dengan hash-nya (entri diubah)",
        "the entry's content does not match its hash (the entry was changed)",
    ),
    (
        "prev_hash tidak sama dengan hash entri sebelumnya (rantai diputus)",
        "prev_hash differs from the previous entry's hash (the chain was broken)",
    ),
    (
        "nomor urut melompat; entri #{} dan berikutnya hilang (entri dihapus)",
        "the sequence skips; entry #{} and the following ones are missing (entries were deleted)",
    ),
    // server/auth.rs
    ("Layanan sedang tidak tersedia. Coba lagi sebentar.", "The service is unavailable. Try again shortly."),
    // server/closing.rs (what is still missing before the quarter is closed)
    ("Tahun tidak valid.", "Invalid year."),
    ("Belum ada pakta tahun {}", "No pact for {} yet"),
    ("Pakta belum ditandatangani untuk TW {}", "Pact not yet signed for Q{}"),
    ("{} realisasi belum diisi", "{} realisation(s) not yet entered"),
    ("Realisasi belum dapat dinilai", "The realisations cannot be assessed yet"),
    ("Rating perilaku kerja belum diberikan", "No work behaviour rating yet"),
    ("Pilih predikat kinerja organisasi.", "Choose the organisational performance grade."),
    // server/corrections.rs
    (
        "Tuliskan alasan koreksi (paling sedikit {} karakter), misalnya nomor berita acara.",
        "Write the reason for the correction (at least {} characters), for example the number of the official report.",
    ),
    (
        "TW {} {} belum dikunci: ubah realisasinya langsung di lembar realisasi.",
        "Q{} {} is not locked yet: change its realisations directly on the realisation sheet.",
    ),
    ("Pilih rating perilaku kerja.", "Choose a work behaviour rating."),
    (
        "Koreksi harus lengkap: {} indikator belum diisi realisasinya.",
        "A correction must be complete: {} indicator(s) still without a realisation.",
    ),
    (
        "Sudah ada koreksi triwulan ini yang menunggu persetujuan. Putuskan dulu koreksi itu di buku koreksi.",
        "A correction of this quarter is already awaiting approval. Decide on it first in the corrections ledger.",
    ),
    (
        "Admin lain baru saja mengajukan koreksi triwulan ini. Muat ulang buku koreksi.",
        "Another admin has just requested a correction of this quarter. Reload the corrections ledger.",
    ),
    ("Koreksi ini sudah diputuskan.", "This correction has already been decided."),
    (
        "Koreksi harus diputuskan oleh admin lain, bukan oleh admin yang mengajukannya.",
        "A correction must be decided by another admin, not by the admin who requested it.",
    ),
    ("Koreksi ini baru saja diputuskan oleh admin lain.", "Another admin has just decided on this correction."),
    ("Status koreksi tidak dikenal.", "Unknown correction status."),
    // server/demo.rs, server/demo_evaluations.rs (the `pakta demo` command)
    (
        "Basis data sudah berisi data; `pakta demo` hanya mengisi basis data yang kosong.",
        "The database already holds data; `pakta demo` only fills an empty database.",
    ),
    ("Terlalu sedikit pakta yang ditandatangani untuk data demo.", "Too few signed pacts for the demo data."),
    ("Akun admin demo tidak ada; jalankan `pakta demo`.", "The demo admin account does not exist; run `pakta demo`."),
    (
        "Penilaian {} sudah berisi data; data demo penilaian tidak ditambahkan.",
        "The {} assessments already hold data; no demo assessments were added.",
    ),
    // server/discipline.rs (attendance, breaches, sanctions, attendance import)
    ("Bulan harus ditulis TTTT-BB, misalnya 2026-03.", "Write the month as YYYY-MM, for example 2026-03."),
    (
        "Bulan {} belum berjalan; kehadiran dicatat setelah bulannya dimulai.",
        "{} has not begun; attendance is recorded once the month has started.",
    ),
    ("Jumlah {} harus bilangan bulat 0 sampai {}.", "The number of {} must be a whole number from 0 to {}."),
    (
        "Kode {} tidak ada dalam kebijakan TPP yang berlaku bulan {}.",
        "Code {} is not in the TPP policy in force in {}.",
    ),
    ("Kode {} diisi dua kali.", "Code {} is given twice."),
    ("Kolom {} muncul dua kali.", "Column {} appears twice."),
    ("Kolom {} tidak ada di baris judul.", "Column {} is missing from the header row."),
    ("NIP {} tidak terdaftar.", "NIP {} is not registered."),
    ("Kode potongan wajib diisi.", "Enter the deduction code."),
    ("Jumlah harus bilangan bulat 0 sampai {}.", "The number must be a whole number from 0 to {}."),
    (
        "Berkas terlalu besar ({} KB); paling besar {} KB. Bagi menjadi beberapa berkas.",
        "The file is too large ({} KB); the limit is {} KB. Split it into several files.",
    ),
    (
        "Berkas kosong: tempel isi berkas CSV, mulai dari baris judul.",
        "The file is empty: paste the CSV file's content, starting with the header row.",
    ),
    (
        "Berkas hanya berisi baris judul, tanpa data kehadiran.",
        "The file holds only the header row, without attendance data.",
    ),
    (
        "Berkas berisi {} baris data; paling banyak {} baris sekali impor. Bagi menjadi beberapa berkas.",
        "The file holds {} data rows; at most {} rows can be imported at once. Split it into several files.",
    ),
    (
        "Baris berisi {} kolom, seharusnya {} seperti baris judul.",
        "The row has {} columns; it should have {}, like the header row.",
    ),
    ("NIP, bulan dan kode sama dengan baris {}.", "Same NIP, month and code as row {}."),
    ("{} terlalu panjang; paling banyak {} karakter.", "{} is too long; at most {} characters."),
    ("{} harus tanggal TTTT-BB-HH, misalnya 2026-03-15.", "{} must be a date written YYYY-MM-DD, for example 2026-03-15."),
    ("Tanggal pelanggaran", "The date of the breach"),
    ("Tanggal pelanggaran tidak boleh di masa depan.", "The date of the breach cannot be in the future."),
    ("Butir pakta integritas", "The integrity pact clause"),
    ("Sumber", "The source"),
    ("Catatan", "The note"),
    ("TMT hukuman disiplin", "The sanction's effective date (TMT)"),
    ("Nomor SK", "The decree number (SK)"),
    ("Pilih tingkat hukuman disiplin: {}.", "Choose a disciplinary sanction level: {}."),
    (
        "Lama hukuman harus bilangan bulat 1 sampai {} bulan.",
        "The sanction's length must be a whole number of months from 1 to {}.",
    ),
    (
        "Persentase potongan harus angka 0 sampai 100, misalnya 25 atau 12,5.",
        "The deduction percentage must be a number from 0 to 100, for example 25 or 12,5.",
    ),
    ("Tahun harus antara 2000 dan 2100.", "The year must be between 2000 and 2100."),
    // server/dprd.rs
    ("Triwulan harus 1 sampai 4.", "The quarter must be 1 to 4."),
    // server/evaluations.rs (realisations and behaviour ratings)
    (
        "Pakta ini belum ditandatangani untuk TW {} {}. Realisasi baru dapat diisi setelah pakta ditandatangani kedua pihak.",
        "This pact is not yet signed for Q{} {}. Realisations can be entered once both parties have signed the pact.",
    ),
    (
        "Tautan bukti harus berupa alamat http:// atau https:// (tanpa spasi).",
        "The evidence link must be an http:// or https:// address (without spaces).",
    ),
    ("Indikator ini bukan bagian dari pakta yang berlaku.", "This indicator is not part of the pact in force."),
    ("Indikator ini tercantum dua kali.", "This indicator is listed twice."),
    (
        "Indikator ini tidak memiliki target TW {}; realisasinya tidak dinilai.",
        "This indicator has no Q{} target; its realisation is not assessed.",
    ),
    (
        "Realisasi triwulan ini baru saja disimpan oleh admin lain. Muat ulang untuk melihat nilai terbaru, lalu ulangi.",
        "Another admin has just saved this quarter's realisations. Reload to see the latest values, then try again.",
    ),
    (
        "Penilaian TW {} {} sudah dikunci dan tidak dapat diubah lagi.",
        "The Q{} {} assessment is locked and can no longer be changed.",
    ),
    (
        "Realisasi «{}» telah diubah oleh admin lain (nilai tersimpan: {}; nilai Anda: {}).",
        "The realisation of «{}» was changed by another admin (saved value: {}; your value: {}).",
    ),
    ("(kosong)", "(empty)"),
    ("{} Muat ulang untuk melihat nilai terbaru.", "{} Reload to see the latest values."),
    // server/files.rs
    ("Pilih berkas pindaian (PDF).", "Choose the scanned file (PDF)."),
    ("Berkas terlalu besar: paling besar {} MB.", "The file is too large: the limit is {} MB."),
    (
        "Berkas harus PDF (hasil pindai dokumen yang ditandatangani).",
        "The file must be a PDF (a scan of the signed document).",
    ),
    (
        "Berkas ini tidak cocok lagi dengan hash saat diunggah.",
        "This file no longer matches the hash it had when it was uploaded.",
    ),
    // server/my_record.rs
    ("Belum ada pakta yang ditandatangani untuk triwulan ini.", "No signed pact for this quarter yet."),
    ("Tidak ada target untuk triwulan ini.", "No targets for this quarter."),
    (
        "Triwulan ini sudah dikunci tanpa nilai: tidak ada lagi yang perlu diisi.",
        "This quarter was locked without a score: nothing is left to enter.",
    ),
    // server/official_import.rs (the officials' CSV import)
    ("Kolom \"{}\" tidak dikenal.", "Unknown column \"{}\"."),
    (
        "Berkas hanya berisi baris judul, tanpa data pejabat.",
        "The file holds only the header row, without officials.",
    ),
    ("NIP sama dengan baris {}.", "Same NIP as row {}."),
    ("Kode OPD wajib diisi.", "Enter the OPD code."),
    ("Kode OPD \"{}\" tidak dikenal.", "Unknown OPD code \"{}\"."),
    (
        "Jenis jabatan harus jpt_pratama, administrator, atau pengawas.",
        "The position type must be jpt_pratama, administrator or pengawas.",
    ),
    ("NIP atasan langsung wajib diisi.", "Enter the direct superior's NIP."),
    ("Atasan langsung {} tidak aktif.", "The direct superior {} is inactive."),
    (
        "NIP atasan {} tidak ditemukan, baik di berkas ini maupun di data pejabat.",
        "Superior's NIP {} found neither in this file nor among the officials.",
    ),
    (
        "Atasan langsung berputar kembali ke pejabat ini (baris {}).",
        "The chain of direct superiors loops back to this official (rows {}).",
    ),
    // server/official_input.rs, server/officials.rs, server/transfer.rs (officials and mutasi)
    ("{} terlalu panjang (paling banyak {} karakter).", "{} is too long (at most {} characters)."),
    ("Golongan ruang ditulis seperti III/a atau IV/c.", "Write the grade like III/a or IV/c."),
    ("{} tidak boleh negatif.", "{} cannot be negative."),
    ("{} harus bilangan bulat Rupiah, misalnya 16.000.000.", "{} must be whole Rupiah, for example 16.000.000."),
    ("{} terlalu besar.", "{} is too large."),
    ("Nama", "The name"),
    ("Pangkat", "The rank"),
    ("Jabatan", "The position"),
    ("Pagu TPP bulanan", "The monthly TPP ceiling"),
    ("Pilih jenis jabatan.", "Choose a position type."),
    ("Kelas jabatan harus bilangan bulat 1 sampai 17.", "The job class must be a whole number from 1 to 17."),
    ("Pilih perangkat daerah.", "Choose an agency."),
    ("Atasan langsung harus pejabat yang aktif.", "The direct superior must be an active official."),
    ("TMT jabatan wajib diisi dengan tanggal yang sah.", "Enter a valid position effective date (TMT)."),
    ("TMT mutasi wajib diisi dengan tanggal yang sah.", "Enter a valid transfer effective date (TMT)."),
    ("NIP {} sudah terdaftar{}.", "NIP {} is already registered{}."),
    ("NIP {} sudah terdaftar.", "NIP {} is already registered."),
    (" atas nama {}", " to {}"),
    ("Atasan langsung wajib dipilih.", "Choose a direct superior."),
    (
        "Pejabat tidak dapat menjadi atasan langsung dirinya sendiri.",
        "An official cannot be their own direct superior.",
    ),
    ("{} tidak aktif; pilih atasan langsung yang aktif.", "{} is inactive; choose an active direct superior."),
    (
        "{} berada di bawah pejabat ini, sehingga tidak dapat menjadi atasannya.",
        "{} reports to this official, so cannot be their superior.",
    ),
    (
        "Data pejabat ini telah diubah oleh pengguna lain sejak Anda membukanya. Muat ulang halaman untuk melihat data terbaru, lalu ulangi perubahan Anda.",
        "Someone else has changed this official's data since you opened it. Reload the page to see the latest data, then make your changes again.",
    ),
    (
        "Pejabat ini masih menjadi atasan langsung {} pejabat aktif. Ganti atasan langsung mereka terlebih dahulu.",
        "This official is still the direct superior of {} active official(s). Change their direct superior first.",
    ),
    (
        "Pejabat nonaktif tidak dapat dimutasi; aktifkan kembali dahulu.",
        "An inactive official cannot be transferred; reactivate them first.",
    ),
    (
        "TMT mutasi harus sesudah TMT jabatan sekarang ({}).",
        "The transfer effective date must be after the current position's effective date ({}).",
    ),
    // server/pacts.rs
    (
        "Belum ada templat Pakta Integritas. Buat templat terlebih dahulu.",
        "There is no Integrity Pact template yet. Create the template first.",
    ),
    (
        "Pejabat ini belum memiliki atasan langsung (pihak kedua).",
        "This official has no direct superior (second party) yet.",
    ),
    (
        "Pakta ini telah diubah oleh pengguna lain sejak Anda membukanya. Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi.",
        "Someone else has changed this pact since you opened it. Reload the page to see the latest changes, then try again.",
    ),
    ("Tahun anggaran tidak valid.", "Invalid budget year."),
    ("Pejabat nonaktif tidak dapat dibuatkan pakta.", "A pact cannot be made for an inactive official."),
    (
        "{} tidak memiliki atasan langsung (pihak kedua), jadi tidak ada pakta yang dapat ditandatangani.",
        "{} has no direct superior (second party), so there is no pact to sign.",
    ),
    (
        "{} sudah memiliki pakta tahun {}. Buka pakta tersebut untuk mengubah atau merevisinya.",
        "{} already has a pact for {}. Open that pact to change or revise it.",
    ),
    (
        "Pakta ini sudah dibekukan untuk ditandatangani dan tidak dapat diubah lagi. Untuk mengoreksinya, batalkan atau buat versi revisi.",
        "This pact is frozen for signing and can no longer be changed. To correct it, cancel it or create a revised version.",
    ),
    ("Pakta belum lengkap: {} Lengkapi di penyunting indikator.", "The pact is incomplete: {} Complete it in the indicator editor."),
    (
        "Pejabat ini belum memiliki atasan langsung (pihak kedua). Lengkapi data pejabat terlebih dahulu.",
        "This official has no direct superior (second party) yet. Complete the official's data first.",
    ),
    ("Pakta ini tidak sedang menunggu tanda tangan.", "This pact is not awaiting signatures."),
    (
        "Isi pakta tidak cocok lagi dengan hash yang dibekukan; penandatanganan dihentikan. Hubungi admin BKPSDM.",
        "The pact's content no longer matches its frozen hash; signing has been stopped. Contact the BKPSDM admin.",
    ),
    ("{} sudah menandatangani pakta ini.", "{} has already signed this pact."),
    ("Masukkan kata sandi Anda untuk menandatangani.", "Enter your password to sign."),
    ("Kata sandi salah. Tanda tangan tidak dibubuhkan.", "Wrong password. The pact was not signed."),
    ("Pilih pihak yang menandatangani.", "Choose the signing party."),
    ("Tanggal tanda tangan wajib diisi (YYYY-MM-DD).", "Enter the signing date (YYYY-MM-DD)."),
    ("Tanggal tanda tangan tidak boleh di masa depan.", "The signing date cannot be in the future."),
    ("Tuliskan alasan pembatalan.", "Write the reason for cancelling."),
    ("Alasan paling banyak 500 karakter.", "The reason may be at most 500 characters."),
    ("Versi pakta ini tidak dapat dibatalkan.", "This pact version cannot be cancelled."),
    ("Pilih alasan revisi.", "Choose the reason for the revision."),
    ("Catatan paling banyak 500 karakter.", "The note may be at most 500 characters."),
    (
        "Versi {} masih {}; selesaikan atau batalkan dahulu sebelum membuat revisi.",
        "Version {} is still {}; finish or cancel it before creating a revision.",
    ),
    ("Judul wajib diisi (paling banyak 200 karakter).", "Enter a title (at most 200 characters)."),
    ("Tuliskan paling sedikit satu butir pakta integritas.", "Write at least one integrity pact clause."),
    ("Teks terlalu panjang (paling banyak 20.000 karakter).", "The text is too long (at most 20.000 characters)."),
    // server/policy.rs
    (
        "Sudah ada versi kebijakan TPP yang berlaku mulai {}.",
        "A TPP policy version effective from {} already exists.",
    ),
    (
        "Versi kebijakan TPP baru saja ditambahkan orang lain. Muat ulang lalu coba lagi.",
        "Someone else has just added a TPP policy version. Reload and try again.",
    ),
    // server/tpp_recap_pdf.rs
    ("Pilih perangkat daerah untuk rekapitulasi.", "Choose an agency for the summary."),
    ("Tidak ada perangkat daerah berkode {}.", "No agency has the code {}."),
    (
        "Belum ada hasil perhitungan TPP TW {} {} untuk {}: jalankan perhitungan terlebih dahulu.",
        "No TPP calculation results for Q{} {} for {} yet: run the calculation first.",
    ),
    // server/tpp_run.rs (the TPP calculation and lock)
    (
        "TW {} {} sudah dikunci: hasil dan realisasinya tidak dapat diubah lagi. Perbaikan dilakukan melalui koreksi.",
        "Q{} {} is locked: its results and realisations can no longer be changed. Fix them through a correction.",
    ),
    (
        "Perhitungan TPP TW {} {} sedang berjalan. Tunggu sampai selesai, lalu muat ulang halaman.",
        "The TPP calculation for Q{} {} is running. Wait until it finishes, then reload the page.",
    ),
    ("Belum ada kebijakan TPP yang berlaku untuk triwulan ini.", "No TPP policy is in force for this quarter yet."),
    ("TW {} {} sudah dikunci.", "Q{} {} is already locked."),
    ("Jalankan perhitungan TPP TW {} {} sebelum menguncinya.", "Run the TPP calculation for Q{} {} before locking it."),
    ("realisasi atau rating perilaku belum lengkap", "realisations or behaviour rating incomplete"),
    (
        "Nilai {}, predikat {}, faktor {}%, potongan kehadiran {}%, hukuman disiplin {}%.",
        "Score {}, grade {}, factor {}%, attendance deduction {}%, disciplinary sanction {}%.",
    ),
    // server/accounts.rs and api/accounts.rs (disabling accounts, changing one's own password)
    ("Anda tidak dapat menonaktifkan akun Anda sendiri.", "You cannot disable your own account."),
    ("Kata sandi sekarang salah.", "The current password is wrong."),
    ("Kata sandi sekarang wajib diisi.", "The current password is required."),
    ("Kata sandi baru harus berbeda dari yang sekarang.", "The new password must differ from the current one."),
    (
        "Centang konfirmasi: menonaktifkan akun langsung mengakhiri semua sesinya.",
        "Tick the confirmation: disabling an account ends all its sessions at once.",
    ),
    ("Ganti kata sandi Anda terlebih dahulu.", "Change your password first."),
];
