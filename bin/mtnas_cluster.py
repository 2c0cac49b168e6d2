"""What the cluster benchmarks (bin/bench-chaos, bin/bench-scaleout) share: JVM nodes on 127.0.0.1
with their logs, the API called with the benchmarks' token, progress events read from the logs."""
import datetime, json, os, re, socket, subprocess, sys, time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "mtnas-0.1.0-SNAPSHOT-all.jar")
TOKEN = "bench-cluster-token-0123456789abcdef"
BENCH = os.environ.get("MTNAS_BENCHMARKS", os.path.join(ROOT, "..", "shared", "benchmarks"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(path, pattern, proc, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(path) as f:
            if re.search(pattern, f.read()):
                return
        if proc.poll() is not None:
            sys.exit("%s exited: see %s" % (proc.args[3], path))
        time.sleep(0.05)
    sys.exit("timed out waiting for %r in %s" % (pattern, path))


class Node:
    """One JVM whose output goes to a fresh log file in `logs` each time it starts."""

    def __init__(self, logs, name, args, java_opts=()):
        self.logs, self.name, self.args, self.starts, self.java_opts = logs, name, args, 0, list(java_opts)

    def start(self, ready, heap="512m"):
        self.starts += 1
        self.log = os.path.join(self.logs, "%s-%d.out" % (self.name, self.starts))
        out = open(self.log, "w")
        self.p = subprocess.Popen(["java", "-Xmx" + heap] + self.java_opts + ["-jar", JAR] + self.args, stdout=out, stderr=subprocess.STDOUT,
                                  env=dict(os.environ, MTNAS_API_TOKEN=TOKEN))
        if ready:
            wait_for(self.log, ready, self.p)

    def kill(self):
        self.p.kill()
        self.p.wait()
        return time.time()


def call(base, method, path, body=None, headers=None):
    h = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json", **(headers or {})}
    req = urllib.request.Request(base + path, method=method, data=body and json.dumps(body).encode(), headers=h)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r), r.headers


def events(paths, name):
    """(epoch seconds, event) of every progress line named `name` in the logs."""
    out = []
    for path in paths:
        for line in open(path):
            if '"event":"%s"' % name not in line:
                continue
            try:
                e = json.loads(line)
            except ValueError:
                continue
            stamp = re.sub(r"(\.\d{6})\d*", r"\1", e["ts"]).replace("Z", "+00:00")  # ns -> us
            t = datetime.datetime.fromisoformat(stamp).timestamp()
            out.append((t, e))
    return sorted(out, key=lambda x: x[0])
