// Starts a WebDriver session in one of the three engines, each with Debian's browser and driver:
// Chromium (chromedriver), Firefox ESR (geckodriver from crates.io) and WebKitGTK (WebKitWebDriver
// + MiniBrowser inside Xvfb, because WebKitGTK needs a display even for automation).
// Every start has a time limit: a driver that cannot reach its browser (WebKit without a display)
// otherwise hangs with no error. A start that fails throws; the runner counts that as a failure.

import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Builder, Capabilities, logging } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import firefox from 'selenium-webdriver/firefox.js';

// Never let Selenium Manager look for (or download) a driver: every path below is explicit, and a
// missing one must fail loudly, not turn into a silent "ran nothing".
process.env.SE_OFFLINE = 'true';

const HOME = os.homedir();
export const PATHS = {
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  chromedriver: process.env.CHROMEDRIVER || '/usr/bin/chromedriver',
  firefox: process.env.FIREFOX || '/usr/bin/firefox-esr',
  geckodriver: process.env.GECKODRIVER || [path.join(HOME, '.cargo', 'bin', 'geckodriver'), '/usr/bin/geckodriver', '/usr/local/bin/geckodriver'].find((p) => fs.existsSync(p)) || path.join(HOME, '.cargo', 'bin', 'geckodriver'),
  webkitdriver: process.env.WEBKIT_DRIVER || '/usr/bin/WebKitWebDriver',
  minibrowser: process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  xvfbRun: '/usr/bin/xvfb-run',
};

export const ENGINES = ['chromium', 'firefox', 'webkit'];
const START_TIMEOUT = Number(process.env.BROWSERS_START_TIMEOUT || 90000);

function need(file, what, fix) {
  if (!fs.existsSync(file)) throw new Error(`${what} is missing (${file}): ${fix}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function waitStatus(url, ms, child, log) {
  const end = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the driver exited (code ${child.exitCode}): ${log().slice(-2000)}`);
    try {
      const r = await fetch(`${url}/status`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > end) throw new Error(`the driver did not answer ${url}/status within ${ms / 1000} s: ${log().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills a detached child's whole process group (xvfb-run starts Xvfb and the driver beneath it). */
function killGroup(child) {
  if (!child || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}

/**
 * Starts `engine` and returns { engine, driver, version, downloads, quit() }.
 * downloads: the folder the browser saves downloads to (null where the engine offers no setting).
 */
export async function startEngine(engine, { lang = 'de-DE' } = {}) {
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), `browsers-${engine}-dl-`));
  if (engine === 'chromium') {
    need(PATHS.chromium, 'Chromium', 'run `make setup` (apt-get install chromium)');
    need(PATHS.chromedriver, 'ChromeDriver', 'run `make setup` (apt-get install chromium-driver)');
    const opts = new chrome.Options()
      .setChromeBinaryPath(PATHS.chromium)
      .addArguments('--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--lang=${lang}`, '--window-size=1280,900')
      .setUserPreferences({ 'download.default_directory': downloads, 'download.prompt_for_download': false, 'intl.accept_languages': lang });
    // the browser's own console (network errors, CSP reports) for Page.assertClean
    const prefs = new logging.Preferences();
    prefs.setLevel(logging.Type.BROWSER, logging.Level.ALL);
    opts.setLoggingPrefs(prefs);
    const service = new chrome.ServiceBuilder(PATHS.chromedriver);
    const driver = await withTimeout(new Builder().forBrowser('chrome').setChromeOptions(opts).setChromeService(service).build(), START_TIMEOUT, 'Chromium');
    return session(engine, driver, downloads);
  }
  if (engine === 'firefox') {
    need(PATHS.firefox, 'Firefox ESR', 'run `make setup` (apt-get install firefox-esr)');
    need(PATHS.geckodriver, 'geckodriver', 'run `make setup` (cargo install geckodriver)');
    const opts = new firefox.Options()
      .setBinary(PATHS.firefox)
      .addArguments('-headless')
      .setPreference('intl.accept_languages', lang)
      .setPreference('browser.download.folderList', 2)
      .setPreference('browser.download.dir', downloads)
      .setPreference('browser.download.useDownloadDir', true)
      .setPreference('browser.download.always_ask_before_handling_new_types', false)
      .setPreference('browser.download.manager.showWhenStarting', false)
      .setPreference('browser.helperApps.neverAsk.saveToDisk', 'text/csv,application/json,text/plain')
      .setPreference('app.update.enabled', false)
      .setPreference('datareporting.policy.dataSubmissionEnabled', false)
      .setPreference('browser.shell.checkDefaultBrowser', false)
      .windowSize({ width: 1280, height: 900 });
    const service = new firefox.ServiceBuilder(PATHS.geckodriver);
    const driver = await withTimeout(new Builder().forBrowser('firefox').setFirefoxOptions(opts).setFirefoxService(service).build(), START_TIMEOUT, 'Firefox');
    return session(engine, driver, downloads);
  }
  if (engine === 'webkit') {
    need(PATHS.webkitdriver, 'WebKitWebDriver', 'run `make setup` (apt-get install webkit2gtk-driver)');
    need(PATHS.minibrowser, 'MiniBrowser', 'run `make setup` (apt-get install webkit2gtk-driver)');
    need(PATHS.xvfbRun, 'xvfb-run', 'run `make setup` (apt-get install xvfb xauth)');
    const port = await freePort();
    let out = '';
    // A display of its own, unless the caller already gave one (e.g. `xvfb-run make test`).
    const cmd = process.env.DISPLAY ? [PATHS.webkitdriver, `--port=${port}`] : [PATHS.xvfbRun, '-a', '-s', '-screen 0 1280x1024x24', PATHS.webkitdriver, `--port=${port}`];
    // MiniBrowser saves downloads to the XDG download folder (else $HOME): point it at ours.
    const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'browsers-webkit-xdg-'));
    fs.writeFileSync(path.join(xdg, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
    const child = spawn(cmd[0], cmd.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_CONFIG_HOME: xdg, LANG: lang.replace('-', '_') + '.UTF-8', LANGUAGE: lang.replace('-', '_') } });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitStatus(url, 30000, child, () => out);
      const caps = new Capabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: PATHS.minibrowser, args: ['--automation'] },
      });
      const driver = await withTimeout(new Builder().usingServer(url).withCapabilities(caps).build(), START_TIMEOUT, `WebKit (driver log: ${out.slice(-500)})`);
      const s = await session(engine, driver, downloads);
      const quit = s.quit;
      s.quit = async () => {
        await quit();
        killGroup(child);
        fs.rmSync(xdg, { recursive: true, force: true });
      };
      return s;
    } catch (e) {
      killGroup(child);
      throw e;
    }
  }
  throw new Error(`unknown engine ${engine} (one of ${ENGINES.join(', ')})`);
}

async function session(engine, driver, downloads) {
  const caps = await driver.getCapabilities();
  const sessionId = (await driver.getSession()).getId();
  // The silent-pass pitfall: a run must have a real session with a real browser behind it.
  if (!sessionId) throw new Error(`${engine}: no WebDriver session`);
  const version = caps.get('browserVersion') || caps.get('version') || '?';
  await driver.manage().setTimeouts({ script: 30000, pageLoad: 30000, implicit: 0 });
  return {
    engine,
    driver,
    version,
    browserName: caps.get('browserName'),
    downloads,
    async quit() {
      await driver.quit().catch(() => {});
      fs.rmSync(downloads, { recursive: true, force: true });
    },
  };
}
