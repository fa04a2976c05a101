//! `efa-rechner --help` shows every command with an example, and each example runs as shown (with
//! the built binary first on PATH) and succeeds.

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_efa-rechner");

fn help() -> String {
    let out = Command::new(BIN).arg("--help").output().expect("runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The example lines: the indented line after each "Example:".
fn examples(help: &str) -> Vec<String> {
    let lines: Vec<&str> = help.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].trim() == "Example:")
        .map(|w| w[1].trim().to_string())
        .collect()
}

#[test]
fn every_command_has_an_example_that_runs() {
    let help = help();
    let examples = examples(&help);
    for command in ["allocate", "plan", "metadata"] {
        assert!(
            help.contains(&format!("  efa-rechner {command}")),
            "--help lists {command}"
        );
        let example = examples
            .iter()
            .find(|e| e.contains(&format!("efa-rechner {command}")))
            .unwrap_or_else(|| panic!("--help has an example for {command}"));
        let dir = Path::new(BIN).parent().expect("a directory");
        let path = format!(
            "{}:{}",
            dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = Command::new("sh")
            .args(["-c", example])
            .env("PATH", path)
            .output()
            .expect("sh runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{example}\nexit {:?}\n{stdout}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!stdout.contains("\"error\""), "{example}\n{stdout}");
        match command {
            "allocate" => assert!(stdout.contains("\"total\":\"1000000.00\""), "{stdout}"),
            "plan" => assert!(stdout.starts_with('\u{feff}'), "German Excel CSV: {stdout}"),
            _ => assert!(stdout.contains("\"errorCodes\""), "{stdout}"),
        }
    }
    for flag in ["--version", "--help"] {
        assert!(
            help.contains(&format!("efa-rechner {flag}")),
            "--help lists {flag}"
        );
    }
}

#[test]
fn version_is_the_crate_version() {
    let out = Command::new(BIN).arg("--version").output().expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("efa-rechner {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn no_command_prints_the_usage_and_fails() {
    let out = Command::new(BIN).output().expect("runs");
    assert_eq!(out.status.code(), Some(64));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage:"));
}
