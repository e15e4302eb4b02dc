//! Installing what the commands need on Debian/Ubuntu: apt packages, the UI's npm packages,
//! tauri-driver, and the Python test tools in a venv under `target/`. Each installer checks first
//! and does nothing when the tool is already there, so a second run costs seconds.

use std::path::PathBuf;
use std::process::Command;

use crate::error::XtaskError;
use crate::step::{Step, root};

/// What building and running the app needs: Tauri's webkit build packages, and a CJK font so the
/// Chinese UI shows glyphs.
pub const APP_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "libxdo-dev",
    "file",
    "pkg-config",
    "fonts-wqy-microhei",
];

/// What the tests add: a virtual display, the WebKit WebDriver, PDF tools, Python venvs,
/// strace (the offline test traces the CLI's connect calls), and LibreOffice Writer without its
/// GUI (the DOCX reports are converted to PDF headless; `install_apt_packages` passes
/// `--no-install-recommends`, which keeps it to about 245 MB installed on Debian 12).
pub const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "poppler-utils",
    "qpdf",
    "python3-venv",
    "strace",
    "libreoffice-writer-nogui",
];

/// What `cargo xtask bench` adds for its WeasyPrint peer (PyPI, in the venv): pango, and
/// HarfBuzz's subsetter for the fonts it embeds.
pub const BENCH_PACKAGES: &[&str] = &["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"];

const MIN_NODE: (u32, u32) = (20, 19);

/// Checks what the commands cannot install themselves: apt, Node.js ≥ 20.19 with npm.
pub fn check_prerequisites() -> Result<(), XtaskError> {
    println!("==> check prerequisites (Debian/Ubuntu with apt, Node.js >= 20.19, npm)");
    if !Step::probe("apt-get", &["--version"]) {
        return Err(XtaskError::Prerequisite(
            "apt-get not found: these commands support Debian and Ubuntu only".to_owned(),
        ));
    }
    let version = output("node", &["--version"]).ok_or_else(|| {
        XtaskError::Prerequisite("Node.js not found: install Node.js 20.19 or newer".to_owned())
    })?;
    let parsed = parse_node_version(&version);
    if parsed.is_none_or(|v| v < MIN_NODE) {
        return Err(XtaskError::Prerequisite(format!(
            "Node.js {} is too old: install Node.js 20.19 or newer",
            version.trim()
        )));
    }
    if !Step::probe("npm", &["--version"]) {
        return Err(XtaskError::Prerequisite(
            "npm not found: install it with Node.js".to_owned(),
        ));
    }
    Ok(())
}

/// Installs the packages that are not installed yet (with sudo when not root).
pub fn install_apt_packages(packages: &[&str]) -> Result<(), XtaskError> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| !dpkg_installed(p))
        .collect();
    if missing.is_empty() {
        println!("==> system packages: all {} present", packages.len());
        return Ok(());
    }
    let sudo = !is_root();
    if sudo && !Step::probe("sudo", &["--version"]) {
        return Err(XtaskError::Prerequisite(format!(
            "packages missing ({}) and not root without sudo: install them with apt-get",
            missing.join(" ")
        )));
    }
    let apt = |args: &[&str]| {
        let mut all = vec!["apt-get"];
        all.extend_from_slice(args);
        if sudo {
            Step::new("").program("sudo").args(&all)
        } else {
            Step::new("").program("apt-get").args(args)
        }
    };
    println!("==> install system packages: {}", missing.join(" "));
    apt(&["update", "-qq"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(missing.iter().copied());
    apt(&install).env("DEBIAN_FRONTEND", "noninteractive").run()
}

/// `npm ci` in ui/ when node_modules is missing or older than the lock file.
pub fn install_ui_packages() -> Result<(), XtaskError> {
    let ui = root().join("ui");
    let installed = ui.join("node_modules/.package-lock.json");
    let lock = ui.join("package-lock.json");
    let fresh = match (std::fs::metadata(&installed), std::fs::metadata(&lock)) {
        (Ok(a), Ok(b)) => a.modified().ok() >= b.modified().ok(),
        _ => false,
    };
    if fresh {
        println!("==> UI packages: up to date");
        return Ok(());
    }
    Step::new("install the UI packages (npm ci)")
        .npm(&["ci", "--no-audit", "--no-fund"])
        .run()
}

/// tauri-driver, the WebDriver bridge to the app, installed with cargo when absent.
pub fn install_tauri_driver() -> Result<PathBuf, XtaskError> {
    let cargo_bin = cargo_home().join("bin").join("tauri-driver");
    if cargo_bin.is_file() {
        println!("==> tauri-driver: present");
        return Ok(cargo_bin);
    }
    if let Some(path) = output("sh", &["-c", "command -v tauri-driver"]) {
        println!("==> tauri-driver: present");
        return Ok(PathBuf::from(path.trim()));
    }
    Step::new("install tauri-driver (cargo install --locked)")
        .cargo(&["install", "tauri-driver", "--locked"])
        .run()?;
    Ok(cargo_bin)
}

/// A venv under target/ with the Python test tools (Debian's pip refuses system installs).
/// Returns the venv's python.
pub fn install_python_tools() -> Result<PathBuf, XtaskError> {
    let venv = root().join("target/py-venv");
    let python = venv.join("bin/python");
    let requirements = root().join("tests/requirements.txt");
    let stamp = venv.join("installed-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).unwrap_or_default();
    if python.is_file() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str())
    {
        println!("==> Python test tools: up to date");
        return Ok(python);
    }
    // Debian's own python3 (from python3-venv), not whatever else is first on PATH.
    let system_python = if std::path::Path::new("/usr/bin/python3").is_file() {
        "/usr/bin/python3"
    } else {
        "python3"
    };
    Step::new("create the Python venv for the test tools")
        .program(system_python)
        .args(&["-m", "venv", "--clear"])
        .args(&[&venv.to_string_lossy()])
        .run()?;
    Step::new("install the Python test tools (pytest, selenium, sqlcipher3-binary)")
        .program(&python)
        .args(&[
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .args(&[&requirements.to_string_lossy()])
        .run()?;
    std::fs::write(&stamp, wanted).map_err(|source| XtaskError::Spawn {
        program: "write venv stamp".to_owned(),
        source,
    })?;
    Ok(python)
}

fn parse_node_version(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().trim_start_matches('v').split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn dpkg_installed(package: &str) -> bool {
    output("dpkg-query", &["-W", "-f=${Status}", package])
        .is_some_and(|s| s.contains("install ok installed"))
}

fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|uid| uid.trim() == "0")
}

fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        })
}

/// What a command prints on success, or `None`.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::parse_node_version;

    #[test]
    fn node_versions_parse() {
        assert_eq!(parse_node_version("v20.20.2\n"), Some((20, 20)));
        assert_eq!(parse_node_version("v22.1.0"), Some((22, 1)));
        assert_eq!(parse_node_version("garbage"), None);
        assert!(parse_node_version("v20.18.0").is_some_and(|v| v < super::MIN_NODE));
    }
}
