//! The safety contract (`safety.md`), attack by attack, through the binary: each test is one
//! item of issue 11 as an attacker would try it, and failed on version 0.1.

mod common;
use common::{REFERENCE, fixture, one_rule_pack, run, smplan_with_config, stderr, stdout, write};

use std::path::Path;

/// `smplan --no-config lint --format concise -q ARGS` in `dir`.
fn concise(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let base = ["--no-config", "lint", "--format", "concise", "-q"];
    run(dir, &[&base[..], args].concat())
}

/// No control character but line breaks and tabs: nothing that a terminal or log acts on.
fn assert_no_controls(what: &str, text: &str) {
    let bad: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| smplan::sanitize::is_unsafe(*c) && !matches!(c, '\n' | '\t'))
        .collect();
    assert!(bad.is_empty(), "{what}: raw controls {bad:?} in\n{text}");
}

const OSC52: &str = r#""\u001b]52;c;ZXZpbA==\u0007\u001b[2J" = 1"#;

// ---- 1. terminal escapes -------------------------------------------------------------------

#[test]
fn escapes_in_keys_never_reach_the_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", format!("{OSC52}\n{}", fixture(REFERENCE)));
    for format in ["pretty", "concise", "github"] {
        let (code, out, err) = run(d, &["--no-config", "lint", "--format", format, "."]);
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert_no_controls(format, &out);
        assert!(
            out.contains("␛]52;c;ZXZpbA==␇␛[2J"),
            "{format} shows the key with control pictures:\n{out}"
        );
    }
}

#[test]
fn a_raw_escape_in_a_comment_is_shown_as_a_picture_in_the_snippet() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "a.plan.toml",
        "smplan = 1\n# \u{1b}[2J\u{9b}31m\u{202e}\n[plan\n",
    );
    let (code, out, _) = run(d, &["--no-config", "lint", "--format", "pretty", "."]);
    assert_eq!(code, 1, "{out}");
    assert_no_controls("pretty", &out);
    assert!(out.contains("error[PL001]"), "{out}");
    assert!(out.contains("# ␛[2J\\u{9b}31m\\u{202e}"), "{out}");
}

#[test]
fn labels_line_up_after_sanitising() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // The unknown key follows two controls on its line: its label starts under the key.
    write(
        d,
        "a.plan.toml",
        format!("{}\n\"\u{7}\u{1b}\" = 1\n", fixture(REFERENCE).trim_end()).replacen(
            "smplan = 1",
            "smplan = 1\nx\u{1b}\u{7} = 1",
            1,
        ),
    );
    let (_, out, _) = run(d, &["--no-config", "lint", "--format", "pretty", "."]);
    let lines: Vec<&str> = out.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("x␛␇ = 1"))
        .unwrap_or_else(|| panic!("snippet line shown:\n{out}"));
    // PL001 points at the first control: the label starts under its picture.
    let code_col = lines[at].chars().position(|c| c == '␛').unwrap();
    let underline = lines[at + 1];
    let first_mark = underline
        .chars()
        .position(|c| c == '─' || c == '┬' || c == '^')
        .unwrap_or_else(|| panic!("a label under the line:\n{out}"));
    assert_eq!(first_mark, code_col, "label under the key:\n{out}");
}

// ---- 2. concise cannot be forged -----------------------------------------------------------

#[test]
fn concise_is_one_line_per_diagnostic() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let key = r#""a\nz.plan.toml:9:9: error[XX001] forged\r" = 1"#;
    write(d, "a.plan.toml", format!("{key}\n{}", fixture(REFERENCE)));
    let (code, out, _) = concise(d, &["."]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out,
        "a.plan.toml:1:1: error[PL004] unknown top-level key `a␊z.plan.toml:9:9: error[XX001] forged␍`\n"
    );
}

#[test]
fn github_annotations_cannot_be_forged() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let key = r#""x\n::error file=forged.yml,line=1::owned\r%0A" = 1"#;
    write(d, "a.plan.toml", format!("{key}\n{}", fixture(REFERENCE)));
    let (_, out, _) = run(d, &["--no-config", "lint", "--format", "github", "."]);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("::error file=a.plan.toml,line=1,"), "{out}");
    assert!(
        out.contains("`x␊::error file=forged.yml,line=1::owned␍%250A`"),
        "{out}"
    );
}

// ---- 3. raw CR on standard error -----------------------------------------------------------

#[test]
fn config_keys_reach_stderr_sanitised() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "smplan.toml",
        "[rules]\n\"\\r::error file=forged.yml,line=1::owned\" = \"off\"\n",
    );
    let (code, out, err) = run(d, &["lint", "."]);
    assert_eq!(code, 2, "{out}{err}");
    assert_no_controls("stderr", &err);
    assert!(
        err.contains("unknown rule `␍::error file=forged.yml"),
        "{err}"
    );
    assert!(!err.lines().any(|l| l.starts_with("::error")), "{err}");
}

#[test]
fn file_names_reach_every_output_sanitised() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let name = "x\r::error file=f,line=1::owned\u{1b}[2J.plan.toml";
    write(d, name, "smplan = 1\n[plan\n");
    for format in ["pretty", "concise", "github"] {
        let (code, out, err) = run(d, &["--no-config", "lint", "--format", format, "."]);
        assert_eq!(code, 1, "{format}: {out}{err}");
        assert_no_controls(format, &out);
        assert!(out.contains("x␍"), "{format}: {out}");
    }
    // A missing path named on the command line, on standard error.
    let (code, _, err) = run(d, &["--no-config", "lint", "nope\r\u{1b}[2J.plan.toml"]);
    assert_eq!(code, 2);
    assert_no_controls("stderr", &err);
    assert!(err.contains("nope␍␛[2J.plan.toml"), "{err}");
}

// ---- 4. writes never follow a planted symlink ----------------------------------------------

#[cfg(unix)]
#[test]
fn writes_never_follow_a_symlink_at_a_predictable_name() {
    // 24,000 symlinks: on a disk-backed /tmp each takes a millisecond, in memory microseconds.
    let tmp = if Path::new("/dev/shm").is_dir() {
        tempfile::tempdir_in("/dev/shm")
    } else {
        tempfile::tempdir()
    }
    .unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", fixture(REFERENCE));
    write(d, "victim.txt", "precious\n");
    // 0.1 wrote `.NAME.PID.tmp` with a plain write: plant that name for the next process ids.
    let pid = std::process::id();
    let pid_max: u32 = std::fs::read_to_string("/proc/sys/kernel/pid_max")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(4_194_304);
    for name in ["report.txt", "out.md", "new.plan.toml"] {
        for p in (pid + 1..pid + 8000).map(|p| p % pid_max) {
            let _ = std::os::unix::fs::symlink(
                d.join("victim.txt"),
                d.join(format!(".{name}.{p}.tmp")),
            );
        }
    }
    let (code, out, err) = run(
        d,
        &[
            "--no-config",
            "lint",
            "--output",
            "report.txt",
            "a.plan.toml",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = run(
        d,
        &["--no-config", "report", "--output", "out.md", "a.plan.toml"],
    );
    assert_eq!(code, 0, "{out}{err}");
    write(d, "new.plan.toml", "old\n");
    let (code, out, err) = run(d, &["--no-config", "init", "--force", "new.plan.toml"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("victim.txt")).unwrap(),
        "precious\n"
    );
    assert!(
        std::fs::read_to_string(d.join("report.txt"))
            .unwrap()
            .contains("Checked 1 file")
    );
    assert!(
        std::fs::read_to_string(d.join("out.md"))
            .unwrap()
            .starts_with('#')
    );
    assert!(
        std::fs::read_to_string(d.join("new.plan.toml"))
            .unwrap()
            .contains("smplan = 1")
    );
    // Nothing is left behind but what was planted.
    let stray: Vec<String> = std::fs::read_dir(d)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".smplan-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_symlink_is_written_through_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", fixture(REFERENCE));
    write(d, "real/report.txt", "old\n");
    std::fs::set_permissions(
        d.join("real/report.txt"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    std::os::unix::fs::symlink("real/report.txt", d.join("link.txt")).unwrap();
    let (code, out, err) = run(
        d,
        &["--no-config", "lint", "--output", "link.txt", "a.plan.toml"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        std::fs::symlink_metadata(d.join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let target = d.join("real/report.txt");
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("Checked 1 file")
    );
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

// ---- 5. reporters never re-read a file -----------------------------------------------------

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_pl002_without_reading_it() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.plan.toml")).unwrap();
    for format in ["pretty", "concise"] {
        let (code, out, err) = run(
            d,
            &["--no-config", "lint", "--format", format, "zero.plan.toml"],
        );
        assert_eq!(code, 1, "{out}{err}");
        assert!(
            out.contains("cannot read the file: it is a device, not a regular file"),
            "{format}: {out}"
        );
    }
    let (code, _, err) = run(d, &["--no-config", "graph", "zero.plan.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("it is a device"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_sparse_huge_plan_is_refused_by_its_size() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = std::fs::File::create(d.join("sparse.plan.toml")).unwrap();
    f.set_len(2 << 30).unwrap();
    let (code, out, _) = run(d, &["--no-config", "lint", "--format", "pretty", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the file is 2147483648 bytes, over the limit of 4194304 bytes"),
        "{out}"
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn a_baseline_that_is_a_fifo_or_a_device_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", fixture(REFERENCE));
    mkfifo(&d.join("bl.toml"));
    write(d, "smplan.toml", "baseline = \"bl.toml\"\n");
    let (code, _, err) = run(d, &["lint", "a.plan.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bl.toml`: it is a FIFO, not a regular file"),
        "{err}"
    );
    std::os::unix::fs::symlink("/dev/zero", d.join("zero.toml")).unwrap();
    write(d, "smplan.toml", "baseline = \"zero.toml\"\n");
    let (code, _, err) = run(d, &["lint", "a.plan.toml"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("zero.toml`: it is a device, not a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_an_error_never_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    mkfifo(&d.join("pipe.plan.toml"));
    mkfifo(&d.join("pack.toml"));
    // Named explicitly or met while walking (PL002), as a pack, to test-pack (exit 2).
    let (code, out, _) = concise(d, &["pipe.plan.toml"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "pipe.plan.toml:1:1: error[PL002] cannot read the file: it is a FIFO, not a regular file\n"
    );
    let (code, out, err) = concise(d, &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out,
        "pipe.plan.toml:1:1: error[PL002] cannot read the file: it is a FIFO, not a regular file\n"
    );
    let (code, _, err) = run(d, &["--no-config", "test-pack", "pack.toml"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read rule pack `pack.toml`: it is a FIFO"),
        "{err}"
    );
    write(d, "smplan.toml", "packs = [\"pack.toml\"]\n");
    let (code, _, err) = run(d, &["lint", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("it is a FIFO"), "{err}");
}

#[test]
fn non_utf8_stdin_never_shows_the_file_it_names() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "secret.plan.toml",
        "smplan = 1\ntoken = \"SECRET-TOKEN\"\n",
    );
    let out = smplan_with_config(d)
        .args([
            "--no-config",
            "lint",
            "--stdin-filename",
            "secret.plan.toml",
        ])
        .write_stdin(vec![b's', 0xff, b'\n'])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("error[PL002]"), "{text}");
    assert!(!text.contains("SECRET"), "{text}");
}

// ---- 6. standard input is bounded ----------------------------------------------------------

#[test]
fn standard_input_stops_at_the_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let big = vec![b'#'; 5 << 20];
    let out = smplan_with_config(tmp.path())
        .args(["--no-config", "lint", "--format", "concise", "-q", "-"])
        .write_stdin(big)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "<stdin>:1:1: error[PL002] the input is over the limit of 4194304 bytes (`max_file_bytes`)\n"
    );
}

// ---- 7. test-pack and config are bounded ---------------------------------------------------

#[cfg(unix)]
#[test]
fn test_pack_refuses_a_device() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = run(tmp.path(), &["test-pack", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read rule pack `/dev/zero`: it is a device, not a regular file"),
        "{err}"
    );
}

#[test]
fn a_huge_config_is_refused_by_its_size() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let f = std::fs::File::create(d.join("smplan.toml")).unwrap();
    f.set_len(3 << 30).unwrap();
    let (code, _, err) = run(d, &["lint", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cannot read config file `smplan.toml`: it is 3221225472 bytes, over the limit of 1048576 bytes"),
        "{err}"
    );
}

// ---- 8. max_file_bytes is bounded ----------------------------------------------------------

#[test]
fn max_file_bytes_beyond_one_gib_is_a_config_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", fixture(REFERENCE));
    write(
        d,
        "smplan.toml",
        "[limits]\nmax_file_bytes = 18446744073709551615\n",
    );
    let (code, out, err) = run(d, &["lint", "."]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("`max_file_bytes` must be at most 1073741824 (1 GiB)"),
        "{err}"
    );
    write(d, "smplan.toml", "[limits]\nmax_file_bytes = 1073741824\n");
    let (code, out, err) = run(d, &["lint", "."]);
    assert_eq!(code, 0, "{out}{err}");
}

// ---- 9 and 15. every value is valid TOML ---------------------------------------------------

#[test]
fn integers_beyond_64_bits_and_malformed_numbers_are_pl001() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let reference = fixture(REFERENCE);
    let cases = [
        (
            "target = 1500",
            "target = 99999999999999999999999",
            "31:12",
            "integer `99999999999999999999999` is outside the 64-bit range",
        ),
        (
            "target = 1500",
            "target = 0x",
            "31:12",
            "invalid integer `0x`",
        ),
        (
            "target = 1500",
            "target = 0b",
            "31:12",
            "invalid integer `0b`",
        ),
        (
            "target = 1500",
            "target = 0o",
            "31:12",
            "invalid integer `0o`",
        ),
        (
            "target = 1500",
            "target = 1_0\u{660}",
            "31:12",
            "invalid integer `1_0\u{660}`",
        ),
    ];
    for (from, to, at, message) in cases {
        write(d, "a.plan.toml", reference.replacen(from, to, 1));
        let (code, out, _) = concise(d, &["a.plan.toml"]);
        assert_eq!(code, 1, "{to}: {out}");
        assert_eq!(
            out,
            format!("a.plan.toml:{at}: error[PL001] invalid TOML: {message}\n"),
            "{to}"
        );
    }
    // A value no rule reads is validated too.
    write(
        d,
        "a.plan.toml",
        format!("{}\n[extra]\nx = 0x\n", reference.trim_end()),
    );
    let (_, out, _) = concise(d, &["a.plan.toml"]);
    assert!(
        out.contains("error[PL001] invalid TOML: invalid integer `0x`"),
        "{out}"
    );
}

// ---- 10. pack paths stay inside the project ------------------------------------------------

#[test]
fn pack_paths_outside_the_config_folder_are_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "project/a.plan.toml", fixture(REFERENCE));
    write(d, "outside.toml", "[pack]\nname = \"SECRET-LINE\"\n");
    let project = d.join("project");
    #[cfg(unix)]
    std::os::unix::fs::symlink("../outside.toml", project.join("link.toml")).unwrap();
    let mut cases = vec!["/proc/self/environ", "/etc/passwd", "../outside.toml"];
    if cfg!(unix) {
        cases.push("link.toml");
    }
    for pack in cases {
        if !project.join(pack).exists() {
            continue;
        }
        write(&project, "smplan.toml", format!("packs = [\"{pack}\"]\n"));
        let out = smplan_with_config(&project)
            .env("SMPLAN_TEST_SECRET", "hunter2-secret")
            .args(["lint", "."])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{pack}: {err}");
        assert!(
            err.contains(&format!(
                "rule pack `{pack}` is outside the config file's folder"
            )),
            "{pack}: {err}"
        );
        assert!(!err.contains("hunter2"), "{err}");
        assert!(!err.contains("root:"), "{err}");
        assert!(!err.contains("SECRET-LINE"), "{err}");
    }
}

// ---- 11. PL001 and PL002 cannot be silenced ------------------------------------------------

#[test]
fn invalid_toml_cannot_be_silenced() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "a.plan.toml",
        "# smplan-ignore-file: PL001\nsmplan = 1\n[plan\n",
    );
    let concise = ["lint", "--format", "concise", "-q", "a.plan.toml"];
    // The comment is reported as unused: it can never suppress PL001.
    let expected = "a.plan.toml:1:23: warning[SU001] suppression of `PL001` matched no diagnostic\n\
                    a.plan.toml:3:6: error[PL001] invalid TOML: unclosed table, expected `]`\n";
    for extra in [
        &[][..],
        &["--select", "KP"],
        &["--ignore", "PL"],
        &["--severity", "PL=off"],
    ] {
        let (code, out, err) = run(d, &[&["--no-config"][..], &concise, extra].concat());
        assert_eq!(code, 1, "{extra:?}: {err}");
        // SU001 is off under `--select KP` and `PL=off` passes over PL001 only.
        let pl001: Vec<&str> = out.lines().filter(|l| !l.contains("SU001")).collect();
        assert_eq!(
            pl001,
            [expected.lines().nth(1).unwrap()],
            "{extra:?}: {out}"
        );
    }
    for extra in [
        &["--ignore", "PL001"][..],
        &["--ignore", "invalid-toml"],
        &["--severity", "PL001=off"],
        &["--severity", "PL002=warning"],
    ] {
        let (code, _, err) = run(d, &[&["--no-config"][..], &concise, extra].concat());
        assert_eq!(code, 2, "{extra:?}");
        assert!(
            err.contains("cannot be turned off or lowered"),
            "{extra:?}: {err}"
        );
    }
    for config in [
        "[rules]\nPL001 = \"off\"\n",
        "[rules]\nunreadable-file = \"info\"\n",
        "[[overrides]]\nfiles = [\"*.plan.toml\"]\nrules = { PL001 = \"warning\" }\n",
    ] {
        write(d, "smplan.toml", config);
        let (code, _, err) = run(d, &concise);
        assert_eq!(code, 2, "{config}");
        assert!(
            err.contains("cannot be turned off or lowered"),
            "{config}: {err}"
        );
    }
    // `error` keeps them what they are: allowed.
    write(d, "smplan.toml", "[rules]\nPL001 = \"error\"\n");
    let (code, out, _) = run(d, &concise);
    assert_eq!(code, 1);
    assert_eq!(out, expected);
}

#[test]
fn a_suppression_naming_pl001_is_unused() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(
        d,
        "a.plan.toml",
        format!("# smplan-ignore-file: PL001\n{}", fixture(REFERENCE)),
    );
    let (code, out, _) = concise(d, &["a.plan.toml"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "a.plan.toml:1:23: warning[SU001] suppression of `PL001` matched no diagnostic\n"
    );
}

// ---- 12. --jobs is bounded -----------------------------------------------------------------

#[test]
fn jobs_is_between_1_and_256() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "a.plan.toml", fixture(REFERENCE));
    for bad in ["0", "257", "4096", "65535"] {
        let (code, _, err) = run(d, &["--no-config", "lint", "--jobs", bad, "."]);
        assert_eq!(code, 2, "--jobs {bad}");
        assert!(err.contains("256"), "{err}");
    }
    for good in ["1", "256"] {
        let (code, out, err) = run(d, &["--no-config", "lint", "--jobs", good, "."]);
        assert_eq!(code, 0, "--jobs {good}: {out}{err}");
    }
}

// ---- 13. pack patterns are bounded ---------------------------------------------------------

/// A pack whose rule `TT001` forbids `pattern` in the plan's title.
fn pack(pattern: &str) -> String {
    one_rule_pack(
        "plan",
        "m",
        &format!("pattern = {{ key = \"title\", regex = '{pattern}', forbid = true }}"),
    )
}

#[test]
fn a_pattern_over_64_kib_compiled_is_refused_at_load() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "t.toml", pack("(?:a|b)*a(?:a|b){2000}c"));
    write(d, "smplan.toml", "packs = [\"t.toml\"]\n");
    write(d, "a.plan.toml", fixture(REFERENCE));
    let (code, _, err) = run(d, &["lint", "."]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("invalid regular expression"), "{err}");
    assert!(err.contains("t.toml:10:"), "points into the pack: {err}");
}

#[test]
fn a_pattern_runs_on_the_first_64_kib_of_a_value() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "t.toml", pack("END$"));
    write(d, "smplan.toml", "packs = [\"t.toml\"]\n");
    let title = |n: usize| format!("title = \"{}END\"", "a".repeat(n));
    let reference = fixture(REFERENCE);
    let old = "title = \"Customer care social media plan 2027\"";
    write(
        d,
        "a.plan.toml",
        reference.replacen(old, &title(64 * 1024 - 3), 1),
    );
    let (_, out, _) = run(d, &["lint", "--format", "concise", "-q", "."]);
    assert!(
        out.contains("warning[TT001]"),
        "within the first 64 KiB: {out}"
    );
    write(
        d,
        "a.plan.toml",
        reference.replacen(old, &title(64 * 1024), 1),
    );
    let (_, out, _) = run(d, &["lint", "--format", "concise", "-q", "."]);
    assert!(!out.contains("TT001"), "past the first 64 KiB: {out}");
}

// ---- 14. walking does not follow symlinks --------------------------------------------------

#[cfg(unix)]
#[test]
fn walking_does_not_follow_symlinked_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    write(d, "outside/secret.plan.toml", "smplan = 1\n[plan\n");
    write(d, "project/a.plan.toml", fixture(REFERENCE));
    std::os::unix::fs::symlink("../outside", d.join("project/linked")).unwrap();
    std::os::unix::fs::symlink("../outside/secret.plan.toml", d.join("project/b.plan.toml"))
        .unwrap();
    let project = d.join("project");
    let (code, out, err) = run(
        &project,
        &["--no-config", "lint", "--format", "concise", "."],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Checked 1 file"), "{out}");
    // Named explicitly, a link is followed.
    let (code, out, _) = run(
        &project,
        &["--no-config", "lint", "--format", "concise", "linked"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("error[PL001]"), "{out}");
}

#[test]
fn pack_text_reaches_rules_explain_and_test_pack_sanitised() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let pack = r#"[pack]
name = "t"

[[rule]]
code = "TT001"
name = "t"
severity = "warning"
summary = "s\u001b[2J"
select = "plan"
message = "m\u001b]0;x\u0007"
require = ["owner"]

[[rule.example]]
expect = []
plan = '''
smplan = 1
[plan]
title = "x"
'''
"#;
    write(d, "t.toml", pack);
    write(
        d,
        "bad.toml",
        pack.replace("expect = []", r#"expect = ["TT001\u001b[2J"]"#),
    );
    write(d, "smplan.toml", "packs = [\"t.toml\"]\n");
    for args in [
        &["rules"][..],
        &["explain", "TT001"],
        &["test-pack", "bad.toml"],
    ] {
        let (_, out, err) = run(d, args);
        assert_no_controls(&format!("{args:?}"), &out);
        assert_no_controls(&format!("{args:?} stderr"), &err);
        let shown = if args[0] == "test-pack" {
            "TT001␛[2J"
        } else {
            "s␛[2J"
        };
        assert!(
            out.contains(shown) || err.contains(shown),
            "{args:?}: {out}{err}"
        );
    }
}

#[test]
fn pretty_and_concise_agree_on_columns_after_escapes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // A raw C1 control and a bidi override are valid inside a TOML string; the error follows.
    write(d, "a.plan.toml", "smplan = 1\nk = \"\u{85}\u{202e}\" x\n");
    let (_, concise, _) = concise(d, &["."]);
    assert!(
        concise.starts_with("a.plan.toml:2:10: error[PL001]"),
        "{concise}"
    );
    let (_, pretty, _) = run(d, &["--no-config", "lint", "--format", "pretty", "."]);
    assert!(pretty.contains("[a.plan.toml:2:10]"), "{pretty}");
    assert!(pretty.contains("k = \"\\u{85}\\u{202e}\" x"), "{pretty}");
    assert_no_controls("pretty", &pretty);
}
