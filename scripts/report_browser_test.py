#!/usr/bin/env python3
"""report_browser_test.py - renders the report in headless Chromium and checks it.

Talks to Debian's `chromium` over the DevTools protocol on a pipe
(--remote-debugging-pipe: NUL-separated JSON on fds 3 and 4, no websocket, standard
library only). Checks, from the rendered DOM once the page and its media have
loaded: every <img> decoded (naturalWidth > 0), every <audio> has metadata and a
duration and no error, every link and source is relative and names a file that
exists, and the pass/fail counts shown equal those of the JUnit file (parsed here
again). Saves a full-page screenshot. Then proves it can fail: a copy of the page
with an image and a WAV deleted and a count changed must fail each check.
Usage: report_browser_test.py --page DIR/index.html --junit FILE --shot PNG
Exit 0 when the page passes and the broken copy fails.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

PROBE = r"""
(async () => {
  const media = [...document.querySelectorAll('audio')];
  const settle = a => new Promise(res => {
    if (a.readyState >= 1 || a.error) return res();
    a.addEventListener('loadedmetadata', res, {once: true});
    a.addEventListener('error', res, {once: true});
    setTimeout(res, 10000);
  });
  await Promise.all(media.map(settle));
  await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
  const txt = id => { const e = document.getElementById(id); return e ? e.textContent : null; };
  return JSON.stringify({
    images: [...document.images].map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0})),
    audio: media.map(a => ({src: a.getAttribute('src'), ready: a.readyState,
                            error: a.error ? a.error.code : 0, duration: a.duration})),
    links: [...document.querySelectorAll('[href],[src]')].map(e => e.getAttribute('href') || e.getAttribute('src')),
    counts: {total: txt('junit-total'), pass: txt('junit-pass'), fail: txt('junit-fail')},
    height: document.documentElement.scrollHeight,
  });
})()
"""


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe."""

    def __init__(self, profile):
        r_cmd, w_cmd = os.pipe()     # we write commands -> chromium's fd 3
        r_res, w_res = os.pipe()     # chromium's fd 4 -> we read
        exe = shutil.which("chromium") or shutil.which("chromium-browser")
        if not exe:
            sys.exit("browser-test: chromium not found (scripts/deps.sh report)")

        def fds():   # 3 and 4 inheritable (dup2); every other pipe end is CLOEXEC
            hi = os.dup(r_cmd), os.dup(w_res)   # a pipe end may itself be fd 3 or 4
            os.dup2(hi[0], 3)
            os.dup2(hi[1], 4)
        self.p = subprocess.Popen(
            [exe, "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--user-data-dir=" + profile, "--no-first-run", "--mute-audio",
             "--autoplay-policy=no-user-gesture-required", "--allow-file-access-from-files",
             "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        os.close(r_cmd)
        os.close(w_res)
        self.w = os.fdopen(w_cmd, "wb", buffering=0)
        self.r = os.fdopen(r_res, "rb", buffering=0)
        self.buf = b""
        self.n = 0

    def _read(self):
        while b"\0" not in self.buf:
            chunk = self.r.read(65536)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.n += 1
        m = {"id": self.n, "method": method, "params": params}
        if session:
            m["sessionId"] = session
        self.w.write(json.dumps(m).encode() + b"\0")
        while True:
            r = self._read()
            if r.get("id") == self.n:
                if "error" in r:
                    raise RuntimeError("%s: %s" % (method, r["error"]))
                return r["result"]

    def close(self):
        """Ask the browser to quit (no wait for an answer), kill it after 10 s."""
        try:
            self.w.write(json.dumps({"id": 0, "method": "Browser.close"}).encode() + b"\0")
        except OSError:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()


def render(b, page, shot=None):
    """Load the page in a new tab, run the probe, optionally save a screenshot."""
    url = "file://" + os.path.abspath(page)
    tid = b.call("Target.createTarget", url="about:blank")["targetId"]
    s = b.call("Target.attachToTarget", targetId=tid, flatten=True)["sessionId"]
    b.call("Page.enable", s)
    b.call("Emulation.setDeviceMetricsOverride", s, width=1280, height=900,
           deviceScaleFactor=1, mobile=False)
    b.call("Page.navigate", s, url=url)
    t0 = time.time()
    while b.call("Runtime.evaluate", s, expression="document.readyState")["result"]["value"] \
            != "complete":
        if time.time() - t0 > 30:
            raise RuntimeError("page did not load in 30 s")
        time.sleep(0.1)
    r = b.call("Runtime.evaluate", s, expression=PROBE, awaitPromise=True, returnByValue=True)
    dom = json.loads(r["result"]["value"])
    if shot:
        img = b.call("Page.captureScreenshot", s, format="png", captureBeyondViewport=True,
                     clip={"x": 0, "y": 0, "width": 1280, "height": dom["height"], "scale": 1})
        with open(shot, "wb") as f:
            f.write(base64.b64decode(img["data"]))
    b.call("Target.closeTarget", targetId=tid)
    return dom


def junit_counts(path):
    root = ET.parse(path).getroot()
    cases = list(root.iter("testcase"))
    fail = sum(1 for c in cases if c.find("failure") is not None or c.find("error") is not None)
    skipped = sum(1 for c in cases if c.find("skipped") is not None)
    return {"total": len(cases), "pass": len(cases) - fail - skipped, "fail": fail}


def problems(dom, page, junit):
    """Every way the rendered page is wrong; empty when it is right."""
    bad = []
    root = os.path.dirname(os.path.abspath(page))
    for i in dom["images"]:
        if not i["ok"]:
            bad.append("image not loaded: %s" % i["src"])
    for a in dom["audio"]:
        if a["error"] or a["ready"] < 1 or not a["duration"] or a["duration"] <= 0:
            bad.append("audio not loaded: %s (readyState %s, error %s)"
                       % (a["src"], a["ready"], a["error"]))
    for link in dom["links"]:
        u = urlparse(link)
        if u.scheme or link.startswith("/"):
            bad.append("not a relative link: %s" % link)
        elif u.path and not os.path.exists(os.path.join(root, unquote(u.path))):
            bad.append("link to a missing file: %s" % link)
    want = junit_counts(junit)
    for k, v in want.items():
        shown = (dom["counts"].get(k) or "").strip()
        if shown != str(v):
            bad.append("%s count shown %r, JUnit says %d" % (k, shown, v))
    return bad


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--page", required=True)
    p.add_argument("--junit", required=True)
    p.add_argument("--shot", required=True)
    p.add_argument("--min-images", type=int, default=1)
    p.add_argument("--min-audio", type=int, default=1)
    a = p.parse_args()
    tmp = tempfile.mkdtemp(prefix="gs-browser-")

    def too_long(*_):
        raise RuntimeError("no answer from chromium in 180 s")
    signal.signal(signal.SIGALRM, too_long)
    signal.alarm(180)   # a bounded wait: a hung browser fails the test, then is stopped
    b = Browser(os.path.join(tmp, "profile"))
    ok = True
    try:
        dom = render(b, a.page, a.shot)
        bad = problems(dom, a.page, a.junit)
        if len(dom["images"]) < a.min_images or len(dom["audio"]) < a.min_audio:
            bad.append("%d images and %d audio players, expected at least %d and %d"
                       % (len(dom["images"]), len(dom["audio"]), a.min_images, a.min_audio))
        c = dom["counts"]
        print("browser-test: %d images, %d audio players, %d links, counts shown total %s pass %s "
              "fail %s; screenshot %s (%d px high)"
              % (len(dom["images"]), len(dom["audio"]), len(dom["links"]), c["total"], c["pass"],
                 c["fail"], a.shot, dom["height"]))
        for m in bad:
            print("browser-test: FAIL: " + m)
        ok = not bad
        # the planted faults: a broken copy must fail every check
        broken = os.path.join(tmp, "broken")
        shutil.copytree(os.path.dirname(os.path.abspath(a.page)), broken)
        page2 = os.path.join(broken, "index.html")
        img = next((i["src"] for i in dom["images"]), None)
        wav = next((x["src"] for x in dom["audio"]), None)
        for f in (img, wav):
            if f:
                os.remove(os.path.join(broken, f))
        with open(page2) as f:
            text = f.read()
        with open(page2, "w") as f:
            f.write(text.replace('id="junit-fail"', 'id="junit-fail-x"', 1)
                    .replace('id="junit-pass"', 'id="junit-fail"', 1))
        bad2 = problems(render(b, page2), page2, a.junit)
        for what, key in (("deleted image", "image not loaded"), ("deleted WAV", "audio not loaded"),
                          ("wrong count", "count shown")):
            if (what == "deleted image" and not img) or (what == "deleted WAV" and not wav):
                continue
            if any(key in m for m in bad2):
                print("browser-test: planted %s: caught" % what)
            else:
                print("browser-test: FAIL: planted %s not caught (%s)" % (what, bad2))
                ok = False
    except RuntimeError as e:
        print("browser-test: FAIL: %s" % e)
        ok = False
    finally:
        signal.alarm(0)
        b.close()
        shutil.rmtree(tmp, ignore_errors=True)
    print("browser-test: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
