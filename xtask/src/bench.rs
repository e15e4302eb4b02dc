//! `cargo xtask bench [--no-app | --app-only]`: every benchmark, its peer in the same run, and one
//! summary (`--app-only` measures the app again and reuses the benchmarks' last results).
//!
//! 1. criterion benchmarks of core (`crates/core/benches/`): `scoring`, `reports` (which also
//!    writes each report's HTML and PDF facts to `target/bench-data/`), and `vault` (SQLCipher and
//!    the plain-SQLite peer on the generated 10,000-assessment vault, generated and cached first).
//! 2. the WeasyPrint peer: each report's HTML turned into a PDF by WeasyPrint (PyPI, in the venv
//!    `target/py-venv`), three runs each, the median kept.
//! 3. the desktop app (skipped with `--no-app`): the release build and its `.deb`, their sizes;
//!    under a private Xvfb, process start → unlock screen interactive (the e2e WebDriver polls),
//!    and the proportional set size (PSS, `/proc/PID/smaps_rollup`) summed over the app's process
//!    tree, WebKit's processes included, after unlocking the generated vault and opening its
//!    300-answer assessment.
//!
//! The machine is shared and noisy, so the table shows medians and the ratios measured in the same
//! run; it is printed and written to `target/bench-summary.json`. What each row means is in
//! `docs/benchmarks.md`.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::error::XtaskError;
use crate::setup;
use crate::step::{Step, root};

/// The generated vault's passphrase (generated content only; `crates/core/benches/support`).
const BENCH_PASSPHRASE: &str = "bench harbour lantern forty-seven";
const BIG_TITLE: &str = "大型评估 Large assessment (300 answers)";
/// The client it is filed under (the generator's first).
const BIG_CLIENT: &str = "华东商贸1 Eastern Trading 1";

pub fn run(args: &[String]) -> Result<(), XtaskError> {
    let with_app = !args.iter().any(|a| a == "--no-app");
    // --app-only: measure the app again and print the table with the benchmarks' last results.
    let app_only = args.iter().any(|a| a == "--app-only");
    let benches: &[&str] = if app_only {
        &[]
    } else {
        &["scoring", "reports", "vault"]
    };
    for bench in benches {
        Step::new(&format!("benchmark: {bench} (criterion)"))
            .cargo(&[
                "bench",
                "-p",
                "dpodesk-core",
                "--features",
                "bench",
                "--bench",
                bench,
            ])
            .run()?;
    }
    let weasy = if app_only {
        read_json(&data_dir().join("weasyprint.json")).unwrap_or(Value::Null)
    } else {
        weasyprint_peer()?
    };
    let app = if with_app {
        match app_figures() {
            Ok(app) => app,
            Err(e) => json!({ "error": e.to_string() }),
        }
    } else {
        json!({ "error": "skipped (--no-app)" })
    };
    let summary = summarize(&weasy, &app);
    let out = root().join("target/bench-summary.json");
    std::fs::write(
        &out,
        serde_json::to_string_pretty(&summary).unwrap_or_default(),
    )
    .map_err(|source| spawn_error("write target/bench-summary.json", source))?;
    println!("\nwritten: {}", out.display());
    Ok(())
}

fn spawn_error(what: &str, source: std::io::Error) -> XtaskError {
    XtaskError::Spawn {
        program: what.to_owned(),
        source,
    }
}

fn data_dir() -> PathBuf {
    root().join("target/bench-data")
}

fn read_json(path: &Path) -> Option<Value> {
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

/// criterion's median of one benchmark, in nanoseconds.
fn median_ns(id: &str) -> Option<f64> {
    let path = root()
        .join("target/criterion")
        .join(id)
        .join("new/estimates.json");
    read_json(&path)?["median"]["point_estimate"].as_f64()
}

fn duration(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn bytes(n: f64) -> String {
    if n >= 1024.0 * 1024.0 {
        format!("{:.1} MiB", n / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KiB", n / 1024.0)
    }
}

/// Installs WeasyPrint (pinned, `tests/bench-requirements.txt`) and times it on every report.
fn weasyprint_peer() -> Result<Value, XtaskError> {
    setup::install_apt_packages(setup::BENCH_PACKAGES)?;
    let python = setup::install_python_tools()?;
    let requirements = root().join("tests/bench-requirements.txt");
    let stamp = root().join("target/py-venv/installed-bench-requirements.txt");
    let wanted = std::fs::read_to_string(&requirements).unwrap_or_default();
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        Step::new("install the benchmark's Python tools (WeasyPrint)")
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
        std::fs::write(&stamp, wanted).map_err(|e| spawn_error("write venv stamp", e))?;
    }
    let facts = data_dir().join("reports-facts.json");
    let out = data_dir().join("weasyprint.json");
    Step::new("the WeasyPrint peer: each report's HTML to PDF, median of 3 runs")
        .program(&python)
        .args(&["-c", WEASYPRINT_SCRIPT])
        .args(&[&facts.to_string_lossy(), "3", &out.to_string_lossy()])
        .run()?;
    Ok(read_json(&out).unwrap_or(Value::Null))
}

const WEASYPRINT_SCRIPT: &str = r#"
import json, statistics, sys, time
from weasyprint import HTML
facts = json.load(open(sys.argv[1]))
runs = int(sys.argv[2])
result = {}
for name in sorted(facts):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        document = HTML(filename=facts[name]["html"]).render()
        pdf = document.write_pdf()
        times.append(time.perf_counter() - start)
    result[name] = {"median_ns": statistics.median(times) * 1e9, "runs": runs,
                    "pdf_bytes": len(pdf), "pages": len(document.pages)}
    print(f"  {name}: {statistics.median(times):.2f} s, {len(document.pages)} pages, {len(pdf) // 1024} KiB", flush=True)
json.dump(result, open(sys.argv[3], "w"))
"#;

/// The release app: sizes, start time and memory (each failure says why, in the table).
fn app_figures() -> Result<Value, XtaskError> {
    setup::check_prerequisites()?;
    let packages: Vec<&str> = setup::APP_PACKAGES
        .iter()
        .chain(setup::TEST_PACKAGES)
        .copied()
        .collect();
    setup::install_apt_packages(&packages)?;
    setup::install_ui_packages()?;
    let tauri_driver = setup::install_tauri_driver()?;
    let python = setup::install_python_tools()?;
    Step::new("build the UI").npm(&["run", "build"]).run()?;
    // The Tauri bundler builds the release app itself (`cargo build --release` with its own
    // settings) and bundles that binary; without it, a plain release build is measured.
    let deb = build_deb();
    if deb.is_err() {
        Step::new("build the release app (LTO)")
            .cargo(&["build", "--release", "-p", "dpodesk-app"])
            .run()?;
    }
    let app = root().join("target/release/dpodesk-app");
    let binary = std::fs::metadata(&app).map(|m| m.len()).ok();
    let vault = data_dir().join(format!(
        "vault-g{}-{}x{}.dpvault",
        generator_version(),
        env_or("DPODESK_BENCH_ASSESSMENTS", "10000"),
        env_or("DPODESK_BENCH_ANSWERS", "1000000")
    ));
    let out = data_dir().join("app.json");
    let measured = Step::new("app start → unlock screen, and PSS after opening a large assessment")
        .program(&python)
        .args(&["-c", APP_SCRIPT])
        .args(&[
            &app.to_string_lossy(),
            &tauri_driver.to_string_lossy(),
            &vault.to_string_lossy(),
            &out.to_string_lossy(),
        ])
        .env("DPODESK_BENCH_PASSPHRASE", BENCH_PASSPHRASE)
        .env("DPODESK_BENCH_BIG_TITLE", BIG_TITLE)
        .env("DPODESK_BENCH_BIG_CLIENT", BIG_CLIENT)
        .run();
    let mut figures = read_json(&out).unwrap_or_else(|| json!({}));
    if let Err(e) = measured {
        figures["error"] = json!(e.to_string());
    }
    figures["binary_bytes"] = json!(binary);
    match deb {
        Ok((path, size)) => {
            figures["deb_bytes"] = json!(size);
            figures["deb"] = json!(path.display().to_string());
        }
        Err(e) => figures["deb_error"] = json!(e.to_string()),
    }
    Ok(figures)
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// The generator's version, read from its source so the cached file name always matches.
fn generator_version() -> String {
    std::fs::read_to_string(root().join("crates/core/benches/support/mod.rs"))
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.contains("const GENERATOR_VERSION"))?;
            let value = line.split('=').nth(1)?;
            Some(value.trim().trim_end_matches(';').trim().to_owned())
        })
        .unwrap_or_else(|| "0".to_owned())
}

/// The `.deb` from the Tauri bundler (`@tauri-apps/cli`, a devDependency of ui/).
fn build_deb() -> Result<(PathBuf, u64), XtaskError> {
    // Run from the workspace root, where the CLI finds src-tauri/tauri.conf.json (from ui/ it
    // does not); the release build it asks cargo for is the one already made.
    Step::new("bundle the .deb (tauri build --bundles deb)")
        .program(root().join("ui/node_modules/.bin/tauri"))
        .args(&["build", "--bundles", "deb"])
        .run()?;
    let dir = root().join("target/release/bundle/deb");
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| spawn_error("read target/release/bundle/deb", e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let path = newest.ok_or_else(|| XtaskError::Prerequisite("no .deb was bundled".to_owned()))?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok((path, size))
}

/// Drives the release app like tests/e2e/conftest.py does: private Xvfb, tauri-driver, a temporary
/// data folder holding a copy of the generated vault. Start: from asking for the session (which
/// launches the app) to the unlock screen's passphrase field being clickable — an upper bound that
/// includes WebKitWebDriver's own session set-up; median of three launches. Memory: PSS summed over
/// the app's process tree after unlocking and opening the 300-answer assessment.
const APP_SCRIPT: &str = r#"
import json, os, shutil, socket, statistics, subprocess, sys, tempfile, time
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

app, tauri_driver, vault, out = sys.argv[1:5]
passphrase = os.environ["DPODESK_BENCH_PASSPHRASE"]
big_title = os.environ["DPODESK_BENCH_BIG_TITLE"]
big_client = os.environ["DPODESK_BENCH_BIG_CLIENT"]

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def wait_port(port, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("tauri-driver exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.02)
    raise TimeoutError("tauri-driver did not listen")

def children():
    tree = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                stat = open(f"/proc/{pid}/stat").read()
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                tree.setdefault(ppid, []).append(int(pid))
            except (OSError, ValueError, IndexError):
                pass
    return tree

def app_roots():
    roots = set()
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                if os.path.realpath(f"/proc/{pid}/exe") == os.path.realpath(app):
                    roots.add(int(pid))
            except OSError:
                pass
    return roots

def app_tree(roots):
    tree = children()
    found, stack = set(), list(roots)
    while stack:
        pid = stack.pop()
        if pid not in found:
            found.add(pid)
            stack.extend(tree.get(pid, []))
    return sorted(found)

def processes(roots):
    return [{"pid": p, "name": open(f"/proc/{p}/comm").read().strip(), "pss_kib": pss_kib(p)}
            for p in app_tree(roots)]

def pss_kib(pid):
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0

work = tempfile.mkdtemp(prefix="dpodesk-bench-app-")
read_end, write_end = os.pipe()
xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(write_end)
display = ":" + os.fdopen(read_end).readline().strip()
result = {"start_ms": [], "vault": vault if os.path.isfile(vault) else None}
try:
    data = os.path.join(work, "data", "org.dpodesk.desktop")
    os.makedirs(data)
    if os.path.isfile(vault):
        shutil.copyfile(vault, os.path.join(data, "vault.dpvault"))
    for run in range(3):
        env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=os.path.join(work, "data"),
                   XDG_CONFIG_HOME=os.path.join(work, "config"), XDG_CACHE_HOME=os.path.join(work, "cache"),
                   LANG="en_US.UTF-8", LC_ALL="", TMPDIR=work)
        port, native = free_port(), free_port()
        log = open(os.path.join(work, "tauri-driver.log"), "ab")
        bridge = subprocess.Popen([tauri_driver, "--port", str(port), "--native-port", str(native)],
                                  env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_port(native, bridge)
            wait_port(port, bridge)
            options = ArgOptions()
            options.set_capability("browserName", "wry")
            options.set_capability("tauri:options", {"application": app})
            connection = RemoteConnection(client_config=ClientConfig(remote_server_addr=f"http://127.0.0.1:{port}"))
            before = app_roots()
            started = time.monotonic()
            driver = webdriver.Remote(command_executor=connection, options=options)
            mine = set()
            try:
                WebDriverWait(driver, 60, poll_frequency=0.01).until(
                    EC.element_to_be_clickable((By.ID, "passphrase")))
                result["start_ms"].append((time.monotonic() - started) * 1000)
                print(f"  start {run + 1}: {result['start_ms'][-1]:.0f} ms", flush=True)
                mine = app_roots() - before
                if run == 0:
                    time.sleep(2)  # let the page settle before reading memory (not a timing)
                    idle = processes(mine)
                    result["unlock_screen_pss_kib"] = sum(p["pss_kib"] for p in idle)
                    result["unlock_screen_processes"] = idle
                if run == 2 and result["vault"]:
                    field = driver.find_element(By.ID, "passphrase")
                    field.send_keys(passphrase)
                    driver.find_element(By.ID, "submit").click()
                    t = time.monotonic()
                    WebDriverWait(driver, 300).until(EC.element_to_be_clickable((By.ID, "lock")))
                    result["unlock_ms"] = (time.monotonic() - t) * 1000
                    # Through the client's page (the big assessment is filed under the first client).
                    WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "nav-clients"))).click()
                    client = WebDriverWait(driver, 300).until(EC.element_to_be_clickable(
                        (By.XPATH, f"//button[contains(@class,'entry-link')][strong[normalize-space(.)='{big_client}']]")))
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", client)
                    client.click()
                    link = WebDriverWait(driver, 300).until(EC.element_to_be_clickable(
                        (By.XPATH, f"//table[contains(@class,'assessment-table')]//button[normalize-space(.)='{big_title}']")))
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", link)
                    t = time.monotonic()
                    link.click()
                    WebDriverWait(driver, 300).until(EC.visibility_of_element_located((By.ID, "wizard-title")))
                    result["open_assessment_ms"] = (time.monotonic() - t) * 1000
                    time.sleep(2)  # let the page settle before reading memory (not a timing)
                    result["processes"] = processes(mine)
                    result["pids"] = len(result["processes"])
                    result["pss_kib"] = sum(p["pss_kib"] for p in result["processes"])
                    for p in result["processes"]:
                        print(f"    {p['name']}: {p['pss_kib'] / 1024:.0f} MiB", flush=True)
                    print(f"  PSS over {result['pids']} processes: {result['pss_kib'] / 1024:.0f} MiB", flush=True)
            finally:
                driver.quit()
                # The app this session launched, should it outlive its driver.
                for pid in app_tree(mine):
                    try:
                        os.kill(pid, 15)
                    except OSError:
                        pass
        finally:
            bridge.terminate()
            try:
                bridge.wait(timeout=10)
            except subprocess.TimeoutExpired:
                bridge.kill()
            log.close()
    result["start_ms_median"] = statistics.median(result["start_ms"])
finally:
    xvfb.terminate()
    xvfb.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
    json.dump(result, open(out, "w"))
"#;

struct Row {
    area: &'static str,
    case: String,
    ours: String,
    peer: String,
    ratio: String,
    goal: String,
    met: Option<bool>,
}

fn mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "",
    }
}

const VAULT_CASES: [(&str, &str, bool); 8] = [
    ("unlock", "unlock (key derivation: deliberate)", false),
    ("save_answer", "save one answer", true),
    ("load_300_answers", "load an assessment, 300 answers", true),
    ("list_assessments", "list the assessments", true),
    ("search_zh2_common", "search 同意 (2 chars, common)", true),
    ("search_zh2_rare", "search 名单 (2 chars, rare)", true),
    ("search_zh_long", "search 个人信息保护影响评估", true),
    ("search_latin", "search \"unticked consent\"", true),
];

/// `n` with thousands separators, as the table prints counts.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn summarize(weasy: &Value, app: &Value) -> Value {
    let mut rows = Vec::new();
    let mut json_vault = Vec::new();
    // The list row names the fixture's real size (a reduced fixture is allowed for trials).
    let assessments = read_json(&data_dir().join("vault-facts.json"))
        .and_then(|facts| facts["assessments"].as_u64())
        .map_or_else(|| "all".to_owned(), grouped);
    for (id, label, goal) in VAULT_CASES.iter().copied().chain([(
        "like_scan_zh2_rare",
        "LIKE scan 名单 (not used; compare)",
        false,
    )]) {
        let ours = median_ns(&format!("vault/{id}/sqlcipher"));
        let peer = median_ns(&format!("vault/{id}/plain"));
        let ratio = ours.zip(peer).map(|(a, b)| a / b);
        let met = if goal { ratio.map(|r| r <= 1.5) } else { None };
        let case = if id == "list_assessments" {
            format!("list {assessments} assessments")
        } else {
            label.to_owned()
        };
        rows.push(Row {
            area: "vault",
            case,
            ours: ours.map(duration).unwrap_or_else(|| "—".into()),
            peer: peer
                .map(|p| format!("{} plain", duration(p)))
                .unwrap_or_default(),
            ratio: ratio.map(|r| format!("{r:.2}×")).unwrap_or_default(),
            goal: if goal {
                "≤ 1.5×".into()
            } else {
                String::new()
            },
            met,
        });
        json_vault.push(json!({ "case": id, "sqlcipher_ns": ours, "plain_ns": peer, "ratio": ratio, "goal_met": met }));
    }

    let facts = read_json(&data_dir().join("reports-facts.json")).unwrap_or(Value::Null);
    let mut json_reports = Vec::new();
    if let Some(cases) = facts.as_object() {
        for (name, fact) in cases {
            let ours = median_ns(&format!("reports/{name}"));
            let size = fact["pdf_bytes"].as_f64();
            let pages = fact["pages"].as_u64().unwrap_or(0);
            let w = &weasy[name];
            let (w_ns, w_size) = (w["median_ns"].as_f64(), w["pdf_bytes"].as_f64());
            let speed = ours.zip(w_ns).map(|(a, b)| b / a);
            let size_ratio = size.zip(w_size).map(|(a, b)| a / b);
            let speed_met = speed.map(|s| s >= 10.0);
            let size_met = size_ratio.map(|z| z <= 1.0 / 3.0);
            let met = speed_met.zip(size_met).map(|(a, b)| a && b);
            rows.push(Row {
                area: "reports",
                case: format!("{name} ({pages} p.)"),
                ours: format!(
                    "{} {}",
                    ours.map(duration).unwrap_or_else(|| "—".into()),
                    size.map(bytes).unwrap_or_default()
                ),
                peer: format!(
                    "WeasyPrint {} {} ({} p.)",
                    w_ns.map(duration).unwrap_or_else(|| "—".into()),
                    w_size.map(bytes).unwrap_or_default(),
                    w["pages"].as_u64().unwrap_or(0)
                ),
                ratio: format!(
                    "{} faster, {} size",
                    speed.map(|s| format!("{s:.0}×")).unwrap_or_default(),
                    size_ratio.map(|z| format!("{z:.2}")).unwrap_or_default()
                ),
                goal: format!("≥ 10× {}, ≤ 0.33 {}", mark(speed_met), mark(size_met)),
                met: None,
            });
            json_reports.push(json!({
                "case": name, "pages": pages, "render_ns": ours, "pdf_bytes": size,
                "weasyprint_ns": w_ns, "weasyprint_pdf_bytes": w_size,
                "weasyprint_pages": w["pages"], "speed_ratio": speed, "size_ratio": size_ratio,
                "speed_goal_met": speed_met, "size_goal_met": size_met, "goal_met": met,
            }));
        }
    }

    let scoring = median_ns("scoring/score_200_questions");
    rows.push(Row {
        area: "scoring",
        case: "score 200 questions".into(),
        ours: scoring.map(duration).unwrap_or_else(|| "—".into()),
        peer: String::new(),
        ratio: String::new(),
        goal: "< 1 ms".into(),
        met: scoring.map(|s| s < 1e6),
    });

    let app_row = |case: &str, value: Option<String>, goal: &str, met: Option<bool>| Row {
        area: "app",
        case: case.to_owned(),
        ours: value.unwrap_or_else(|| {
            app["error"]
                .as_str()
                .map_or("—".to_owned(), |e| format!("not measured: {e}"))
        }),
        peer: String::new(),
        ratio: String::new(),
        goal: goal.to_owned(),
        met,
    };
    let start = app["start_ms_median"].as_f64();
    rows.push(app_row(
        "start → unlock screen interactive",
        start.map(|s| format!("{s:.0} ms (median of 3)")),
        "< 1 s",
        start.map(|s| s < 1000.0),
    ));
    let pss = app["pss_kib"].as_f64();
    rows.push(app_row(
        "PSS after unlock + large assessment",
        pss.map(|k| format!("{:.0} MiB over {} processes", k / 1024.0, app["pids"])),
        "< 150 MB",
        pss.map(|k| k * 1024.0 < 150e6),
    ));
    if let Some(kib) = app["unlock_screen_pss_kib"].as_f64() {
        rows.push(app_row(
            "PSS at the unlock screen (baseline)",
            Some(format!("{:.0} MiB", kib / 1024.0)),
            "",
            None,
        ));
    }
    if let Some(processes) = app["processes"].as_array() {
        let parts: Vec<String> = processes
            .iter()
            .map(|p| {
                format!(
                    "{} {:.0}",
                    p["name"].as_str().unwrap_or("?"),
                    p["pss_kib"].as_f64().unwrap_or(0.0) / 1024.0
                )
            })
            .collect();
        rows.push(app_row(
            "  PSS by process (MiB)",
            Some(parts.join(", ")),
            "",
            None,
        ));
    }
    if let Some(ms) = app["unlock_ms"].as_f64() {
        rows.push(app_row(
            "unlock in the app (10,000 assessments)",
            Some(format!("{ms:.0} ms")),
            "",
            None,
        ));
    }
    if let Some(ms) = app["open_assessment_ms"].as_f64() {
        rows.push(app_row(
            "open the 300-answer assessment in the app",
            Some(format!("{ms:.0} ms")),
            "",
            None,
        ));
    }
    rows.push(app_row(
        "release binary",
        app["binary_bytes"].as_f64().map(bytes),
        "",
        None,
    ));
    rows.push(app_row(
        ".deb (Tauri bundler)",
        app["deb_bytes"]
            .as_f64()
            .map(bytes)
            .or_else(|| app["deb_error"].as_str().map(|e| format!("not built: {e}"))),
        "",
        None,
    ));

    print_table(&rows);
    json!({
        "fixture": read_json(&data_dir().join("vault-facts.json")),
        "vault": json_vault,
        "reports": json_reports,
        "scoring": { "score_200_questions_ns": scoring, "goal_met": scoring.map(|s| s < 1e6) },
        "app": app,
        "rows": rows.iter().map(|r| json!({
            "area": r.area, "case": r.case, "ours": r.ours, "peer": r.peer,
            "ratio": r.ratio, "goal": r.goal, "met": r.met,
        })).collect::<Vec<_>>(),
    })
}

/// Terminal cells of a string: CJK characters take two.
fn cells(text: &str) -> usize {
    text.chars()
        .map(|c| if matches!(u32::from(c), 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6) { 2 } else { 1 })
        .sum()
}

fn print_table(rows: &[Row]) {
    let header = [
        "area",
        "case",
        "DPO Desk (median)",
        "peer (median)",
        "ratio",
        "goal",
        "",
    ];
    let cols: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.area.to_owned(),
                r.case.clone(),
                r.ours.clone(),
                r.peer.clone(),
                r.ratio.clone(),
                r.goal.clone(),
                mark(r.met).to_owned(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| cells(h)).collect();
    for row in &cols {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cells(cell));
        }
    }
    let line = |values: Vec<&str>| {
        let mut out = String::new();
        for (v, w) in values.iter().zip(&widths) {
            out.push_str(v);
            out.extend(std::iter::repeat_n(' ', w - cells(v) + 2));
        }
        println!("{}", out.trim_end());
    };
    println!("\n==> benchmark summary (medians; ratios from the same run)\n");
    line(header.to_vec());
    for row in &cols {
        line(row.iter().map(String::as_str).collect());
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn counts_are_printed_with_thousands_separators() {
        assert_eq!(grouped(300), "300");
        assert_eq!(grouped(10_000), "10,000");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
