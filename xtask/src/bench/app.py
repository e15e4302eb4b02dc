import ctypes, json, os, shutil, socket, statistics, subprocess, sys, tempfile, threading, time
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
# A debug build answers the save dialog from DPODESK_TEST_SAVE_PATH; a release build has no such
# hook, so the bench answers its native dialog as a user would (`SaveDialog`).
report_hook = os.environ.get("DPODESK_BENCH_REPORT") == "1"

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
    found = []
    for p in app_tree(roots):
        rollup = smaps_rollup(p)
        found.append({"pid": p, "name": open(f"/proc/{p}/comm").read().strip(), "pss_kib": rollup.get("Pss", 0),
                      "pss_anon_kib": rollup.get("Pss_Anon", 0), "pss_file_kib": rollup.get("Pss_File", 0)})
    return found

def smaps_rollup(pid):
    """The process's PSS and its anonymous (heap, stacks) and file-backed (libraries) parts, KiB."""
    found = {}
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            parts = line.split()
            if len(parts) == 3 and parts[0].endswith(":") and parts[2] == "kB":
                found[parts[0][:-1]] = int(parts[1])
    except (OSError, ValueError):
        pass
    return found

# A timed action, measured in the page: from the click to the result being in the DOM (`ready`, a
# JavaScript expression) and one frame drawn after it, so WebDriver's own round trips and polling
# are not counted. `setup` declares what `ready` needs. Returns milliseconds.
TIMED_CLICK = """
const done = arguments[arguments.length - 1];
const target = document.querySelector(arguments[0]);
if (!target) { done({error: 'nothing matches ' + arguments[0]}); return; }
%s
const ready = () => (%s);
let finished = false;
let observer = null;
const started = performance.now();
const finish = () => {
  if (finished || !ready()) return;
  finished = true;
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => done({ms: performance.now() - started,
                                                     at: performance.timeOrigin + performance.now()})));
};
observer = new MutationObserver(finish);
observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
target.scrollIntoView({block: 'center'});
target.click();
"""

def timed_click(driver, selector, ready, setup="", ended=None):
    answer = driver.execute_async_script(TIMED_CLICK % (setup, ready), selector)
    if not answer or "error" in answer:
        raise RuntimeError((answer or {}).get("error", "no answer from the page"))
    if ended is not None:
        ended.append(answer["at"])
    return answer["ms"]

def exists(element_id):
    return f"document.getElementById('{element_id}') !== null"

# A save is done when the save state has gone to "saving" and back to "saved" after the click.
SAVE_SETUP = "let sawSaving = false;"
SAVE_READY = ("(() => { const c = (document.getElementById('save-state') || {}).className || '';"
              " if (c.includes('state-saving')) sawSaving = true;"
              " return sawSaving && c.includes('state-saved'); })()")
# An answer to change in the open section: another option of a single or multiple choice.
ANSWER = ("#wizard .question[data-kind=single_choice] input[type=radio]:not(:checked):not(:disabled),"
          " #wizard .question[data-kind=ynp] button[aria-pressed=false]:not(:disabled)")

def click_id(driver, element_id, timeout=60):
    element = WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        EC.element_to_be_clickable((By.ID, element_id)))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element

def actions(driver, result):
    """Save, submit and sign off, re-open, compare and start, each timed in the page; the first
    failure ends the list and is kept with the figures taken before it."""
    timed = result["actions_ms"] = {}
    try:
        timed["save"] = [timed_click(driver, ANSWER, SAVE_READY, SAVE_SETUP) for _ in range(3)]
        click_id(driver, "atab-review")
        click_id(driver, "submit-review")
        WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "submit-confirm")))
        timed["submit"] = [timed_click(driver, "#submit-confirm",
                                       "document.querySelector('#assessment-status.status-in_review') !== null")]
        WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "signoff-name"))).send_keys("Bench Reviewer")
        driver.find_element(By.ID, "signoff-role").send_keys("DPO")
        for box in driver.find_elements(By.CSS_SELECTOR, "#attestations input[type=checkbox]"):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()
        for box in driver.find_elements(By.ID, "signoff-with-reservations"):
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()
        timed["sign_off"] = [timed_click(driver, "#signoff-submit",
                                         "document.querySelector('#assessment-status.status-approved') !== null")]
        WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "reopen")))
        timed["reopen"] = [timed_click(driver, "#reopen",
                                       "(document.getElementById('assessment-version') || {}).textContent?.trim().endsWith(' 2')")]
        if not driver.find_elements(By.ID, "compare-previous"):
            click_id(driver, "atab-review")
        WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "compare-previous")))
        timed["diff"] = [timed_click(driver, "#compare-previous", exists("diff-title"))]
        report(driver, result)
        # Start: a new PIA for the same client, from its page.
        click_id(driver, "nav-clients")
        client = WebDriverWait(driver, 300).until(EC.element_to_be_clickable(
            (By.XPATH, f"//button[contains(@class,'entry-link')][strong[normalize-space(.)='{big_client}']]")))
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", client)
        client.click()
        click_id(driver, "new-assessment")
        click_id(driver, "na-template-pia")
        title = "Bench start"
        WebDriverWait(driver, 60).until(EC.element_to_be_clickable((By.ID, "na-title"))).send_keys(title)
        timed["start"] = [timed_click(driver, "#na-create",
                                      f"(document.getElementById('wizard-title') || {{}}).textContent === '{title}'")]
    except Exception as e:  # the figures so far are kept; the table says what stopped the rest
        result["actions_error"] = f"{type(e).__name__}: {e}".splitlines()[0]
    for name, values in timed.items():
        print(f"  {name}: " + ", ".join(f"{v:.0f} ms" for v in values), flush=True)

REPORT_SAVED = "(document.getElementById('report-saved') || {}).textContent?.includes('report.pdf')"
# Done when the progress has shown and the saved file is named after it (a report saved before
# stays on the page until the click clears it).
REPORT_SETUP = "let sawBusy = false;"
REPORT_READY = f"(() => {{ if (document.getElementById('report-progress')) sawBusy = true; return sawBusy && {REPORT_SAVED}; }})()"

class SaveDialog(threading.Thread):
    """Answers the release build's native save dialog (GTK, found by its title) as a user would:
    focus it, type the file's path into its name field, press Return — through libxdo (the app's
    own build dependency libxdo-dev) with XTEST under the private Xvfb. Keeps the wall-clock time
    (ms) of each Return, so the wait after the dialog can be told from the dialog itself."""

    class Search(ctypes.Structure):
        _fields_ = [("title", ctypes.c_char_p), ("winclass", ctypes.c_char_p),
                    ("winclassname", ctypes.c_char_p), ("winname", ctypes.c_char_p),
                    ("pid", ctypes.c_int), ("max_depth", ctypes.c_long), ("only_visible", ctypes.c_int),
                    ("screen", ctypes.c_int), ("require", ctypes.c_int), ("searchmask", ctypes.c_uint),
                    ("desktop", ctypes.c_long), ("limit", ctypes.c_uint)]

    SEARCH_NAME, SEARCH_ONLYVISIBLE = 1 << 2, 1 << 4

    def __init__(self, display, path, title="Save report"):
        super().__init__(daemon=True)
        self.lib = ctypes.CDLL("libxdo.so.3")
        self.lib.xdo_new.restype = ctypes.c_void_p
        self.lib.xdo_new.argtypes = [ctypes.c_char_p]
        for name in ("xdo_focus_window", "xdo_enter_text_window", "xdo_send_keysequence_window",
                     "xdo_search_windows"):
            getattr(self.lib, name).restype = ctypes.c_int
        self.xdo = ctypes.c_void_p(self.lib.xdo_new(display.encode()))
        if not self.xdo:
            raise RuntimeError("libxdo could not open the display")
        # A search walks the window tree while the dialog may be closing: Xlib's default handler
        # would end this script on the BadWindow of a window gone mid-walk. Ignored instead (the
        # search just misses that window); the handler is kept referenced while the script runs.
        x11 = ctypes.CDLL("libX11.so.6")
        SaveDialog.on_x_error = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(lambda _d, _e: 0)
        x11.XSetErrorHandler(SaveDialog.on_x_error)
        self.path, self.title = path, title.encode()
        self.returned, self.closed = [], []
        self.stop = threading.Event()

    def find(self):
        search = self.Search(winname=self.title, max_depth=-1, only_visible=1,
                             searchmask=self.SEARCH_NAME | self.SEARCH_ONLYVISIBLE)
        found = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint(0)
        self.lib.xdo_search_windows(self.xdo, ctypes.byref(search), ctypes.byref(found), ctypes.byref(count))
        return found[0] if count.value else None

    def run(self):
        while not self.stop.is_set():
            window = self.find()
            if window is None:
                self.stop.wait(0.02)
                continue
            if os.path.exists(self.path):
                os.remove(self.path)  # a file there would make the dialog ask to overwrite it
            self.stop.wait(0.3)  # the dialog maps before its name field takes keys (not a timing)
            self.lib.xdo_focus_window(self.xdo, ctypes.c_ulong(window))
            self.lib.xdo_send_keysequence_window(self.xdo, 0, b"ctrl+a", 2000)
            self.lib.xdo_enter_text_window(self.xdo, 0, self.path.encode(), 2000)
            self.returned.append(time.time() * 1000)
            self.lib.xdo_send_keysequence_window(self.xdo, 0, b"Return", 2000)
            while self.find() is not None and not self.stop.is_set():
                self.stop.wait(0.02)
            self.closed.append(time.time() * 1000)

def report(driver, result):
    """Version 2's bilingual PDF: click to the saved file named on the page. A debug build saves
    where its dialog hook says; on a release build `SaveDialog` answers the native dialog, and the
    time kept is from its Return to the saved file named (the user's wait once they have chosen
    where), the whole click to saved file beside it. A vault without a signer's profile asks for
    one first; then the report after it is the one timed. A failure is kept and the actions go on."""
    dialog = None if report_hook else SaveDialog(display, report_path)
    try:
        driver.set_script_timeout(120)
        if dialog:
            dialog.start()
        ended = []
        click_id(driver, "atab-reports")
        click_id(driver, "report-lang-bi")
        ms = timed_click(driver, "#report-generate",
                         f"{REPORT_READY} || document.getElementById('profile-prompt') !== null", REPORT_SETUP, ended)
        if driver.find_elements(By.ID, "profile-prompt"):
            driver.find_element(By.ID, "profile-prompt-name").send_keys("Bench Reviewer")
            click_id(driver, "profile-prompt-save")
            WebDriverWait(driver, 300).until(lambda d: d.execute_script(f"return {REPORT_SAVED};"))
            ended.clear()
            ms = timed_click(driver, "#report-generate", REPORT_READY, REPORT_SETUP, ended)
        if dialog:
            result["report_click_to_saved_ms"] = ms
            ms = ended[-1] - dialog.returned[-1]
            # Wall-clock times (ms since the epoch) to line up with the shell's marks at the end.
            page = driver.execute_script(
                "const at = (n) => { const e = performance.getEntriesByName('dpodesk:' + n).pop();"
                " return e ? performance.timeOrigin + e.startTime : null; };"
                " return {answered: at('report-answered'), drawn: at('report-drawn')};")
            result["report_dialog_closed_ms"] = dialog.closed[-1] - dialog.returned[-1] if dialog.closed else None
            result["report_marks"] = {"return_pressed": dialog.returned[-1], "page_answered": page["answered"],
                                      "page_drawn": page["drawn"], "frame_after": ended[-1]}
        result["report_ms"] = ms
        pages = driver.execute_script("return (document.getElementById('report-saved') || {}).textContent || '';")
        result["report_saved"] = " ".join(pages.split())
        print(f"  report: {ms:.0f} ms ({os.path.getsize(report_path) // 1024} KiB; {result['report_saved']})", flush=True)
    except Exception as e:
        result["report_error"] = f"{type(e).__name__}: {e}".splitlines()[0]
    finally:
        driver.set_script_timeout(300)
        if dialog:
            dialog.stop.set()
            dialog.join(timeout=5)
            window = dialog.find()
            if window is not None:  # left open by a failure: closed so the actions after can go on
                dialog.lib.xdo_focus_window(dialog.xdo, ctypes.c_ulong(window))
                dialog.lib.xdo_send_keysequence_window(dialog.xdo, 0, b"Escape", 2000)

def shell_marks(log_path):
    """The shell's marks (`dpodesk-timing at <what> <ms since the epoch>`), the last of each."""
    found = {}
    try:
        for line in open(log_path, errors="replace"):
            parts = line.split("dpodesk-timing at ", 1)
            if len(parts) == 2:
                what, at = parts[1].rstrip().rsplit(" ", 1)
                found[what] = float(at)
    except (OSError, ValueError):
        pass
    return found

def report_split(marks, shell):
    """The wait after the dialog's Return, step by step (ms from the step before): when the shell
    had its answer, had the report drawn, had it kept and written, when the page had the answer,
    showed it, and drew a frame after it. Steps the run has no mark for are left out."""
    steps = [("dialog answered in the shell", shell.get("generate_report: dialog answered")),
             ("report drawn (waited for)", shell.get("generate_report: drawn")),
             ("kept and written, command left", shell.get("generate_report: left")),
             ("answer in the page", marks.get("page_answered")),
             ("page updated", marks.get("page_drawn")),
             ("next frame", marks.get("frame_after"))]
    split, before = [], marks.get("return_pressed")
    for name, at in steps:
        if at is None or before is None:
            continue
        split.append([name, round(at - before, 1)])
        before = at
    return split

def ipc_timings(log_path):
    """The shell's own timings (DPODESK_TIMINGS=1 lines the app wrote to stderr), by command."""
    found = {}
    try:
        for line in open(log_path, errors="replace"):
            parts = line.split("dpodesk-timing ", 1)
            if len(parts) == 2 and parts[1].rstrip().endswith(" ms"):
                what, ms = parts[1].rstrip()[:-3].rsplit(" ", 1)
                found.setdefault(what, []).append(float(ms))
    except (OSError, ValueError):
        pass
    return found

work = tempfile.mkdtemp(prefix="dpodesk-bench-app-")
read_end, write_end = os.pipe()
xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(write_end)
display = ":" + os.fdopen(read_end).readline().strip()
result = {"start_ms": [], "vault": vault if os.path.isfile(vault) else None}
report_path = os.path.join(work, "saved", "report.pdf")
os.makedirs(os.path.dirname(report_path))
try:
    data = os.path.join(work, "data", "org.dpodesk.desktop")
    os.makedirs(data)
    if os.path.isfile(vault):
        shutil.copyfile(vault, os.path.join(data, "vault.dpvault"))
    for run in range(3):
        env = dict(os.environ, DISPLAY=display, XDG_DATA_HOME=os.path.join(work, "data"),
                   XDG_CONFIG_HOME=os.path.join(work, "config"), XDG_CACHE_HOME=os.path.join(work, "cache"),
                   LANG="en_US.UTF-8", LC_ALL="", TMPDIR=work, DPODESK_TIMINGS="1")
        if report_hook:
            env["DPODESK_TEST_SAVE_PATH"] = report_path
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
                    driver.set_script_timeout(300)
                    field = driver.find_element(By.ID, "passphrase")
                    field.send_keys(passphrase)
                    result["unlock_ms"] = timed_click(driver, "#submit", exists("lock"))
                    # Through the client's overview (the big assessment is filed under the first client): its row's step button.
                    click_id(driver, "nav-clients")
                    client = WebDriverWait(driver, 300).until(EC.element_to_be_clickable(
                        (By.XPATH, f"//button[contains(@class,'entry-link')][strong[normalize-space(.)='{big_client}']]")))
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", client)
                    client.click()
                    row = f"//*[@id='client-overview']//tr[contains(normalize-space(.), '{big_title}')]//button[@data-step]"
                    link = WebDriverWait(driver, 300).until(EC.element_to_be_clickable((By.XPATH, row)))
                    driver.execute_script("arguments[0].setAttribute('data-bench', 'open');", link)
                    result["open_assessment_ms"] = timed_click(driver, "[data-bench=open]", exists("wizard-title"))
                    time.sleep(2)  # let the page settle before reading memory (not a timing)
                    result["processes"] = processes(mine)
                    result["pids"] = len(result["processes"])
                    result["pss_kib"] = sum(p["pss_kib"] for p in result["processes"])
                    for p in result["processes"]:
                        print(f"    {p['name']}: {p['pss_kib'] / 1024:.0f} MiB (anonymous {p['pss_anon_kib'] / 1024:.0f},"
                              f" files {p['pss_file_kib'] / 1024:.0f})", flush=True)
                    print(f"  PSS over {result['pids']} processes: {result['pss_kib'] / 1024:.0f} MiB", flush=True)
                    print(f"  unlock {result['unlock_ms']:.0f} ms, open {result['open_assessment_ms']:.0f} ms", flush=True)
                    actions(driver, result)
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
    result["ipc_ms"] = ipc_timings(os.path.join(work, "tauri-driver.log"))
    if "report_marks" in result:
        result["report_split_ms"] = report_split(result["report_marks"],
                                                 shell_marks(os.path.join(work, "tauri-driver.log")))
        print("  the wait after the dialog: " + ", ".join(f"{n} +{ms:.0f}" for n, ms in result["report_split_ms"]),
              flush=True)
    xvfb.terminate()
    xvfb.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
    json.dump(result, open(out, "w"))
