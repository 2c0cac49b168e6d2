"""The trainer process of the Java process evaluator: `python3 -m mtnas_trainer.worker`.

Protocol (proto/mtnas/v1/trainer.proto, proto3 JSON mapping, lowerCamelCase keys, one JSON object
per line, UTF-8):

* on start the worker writes one TrainerMessageProto with a hello:
  {"hello": {"torchVersion": "1.13.0", "device": "cpu"}}   (device: "cuda" when CUDA is usable)
* then, for every line of stdin (a TrainRequestProto), exactly one line, in request order:
  {"result": {"jobId": "j1", "scored": {"valAccuracy": 71.2, "valLoss": 0.8, "trainSeconds": 1.5,
              "params": 12345, "flops": 678900.0, "latencyMs": 0.9, "proxies": {"synflow": 3.1}}}}
  or
  {"result": {"jobId": "j1", "failure": {"kind": "invalid", "reason": "..."}}}
  kind: invalid (unparsable line -> jobId "", unknown space/proxy/dataset, malformed cell, data
  errors), diverged (NaN/inf loss; the reason names epoch and step), out_of_memory, crashed
  (anything else; reason = exception type and message). Non-finite doubles are written as the
  proto3 JSON strings "NaN", "Infinity", "-Infinity" (naswot gives -Infinity for a cell with no
  path from input to output). valAccuracy is in percent; flops are plain FLOPs, not millions;
  with trainNetwork false valAccuracy, valLoss and trainSeconds are 0.
* EOF on stdin: exit 0.

Nothing else ever reaches stdout: the protocol stream is a private duplicate of fd 1, and fd 1 /
sys.stdout are pointed at stderr, where logs and warnings go.

Data sets are loaded per request and cached in the process (a few, keyed by their spec). Splits:
training on the train split; validation on the test split (cifar*, mnist, fashion_mnist), the val
split (medmnist); a plain npz (keys images, labels) is split deterministically, the last fifth for
validation. synthetic: syntheticImages (default 1024) training images of syntheticSize (default
16), seed syntheticSeed; validation a quarter as many with seed syntheticSeed + 1; numClasses
default 10; the class patterns are fixed (pattern_seed 0).

TEST HOOKS (for fault tests of the Java side only; inert unless the variable is set):
  MTNAS_TRAINER_FAULT=exit-on-job:<jobId>  the process dies with os._exit(3) when that job arrives
  MTNAS_TRAINER_FAULT=hang-on-job:<jobId>  the process sleeps forever when that job arrives
  MTNAS_TRAINER_FAULT=nan-on-job:<jobId>   the network's output is made NaN for that job, so
                                           training reports it diverged (epoch 0, step 0)
"""

import json
import math
import os
import sys
import time
import traceback
import warnings
from collections import OrderedDict

import torch

from . import data as data_mod
from .cells import CellFormatError, parse_nb201, parse_transnas
from .nb201 import Network, flops as count_flops, parameter_count
from .train import inference_latency_ms, train_and_evaluate
from .zero_cost import grad_norm, naswot, synflow

PROXIES = ("synflow", "naswot", "grad_norm")
SPACES = {"nb201": parse_nb201, "transnas-micro": parse_transnas}
PROXY_BATCH = 64
LATENCY_REPEATS = 5
DATASET_CACHE_SIZE = 4


class InvalidRequest(ValueError):
    """A request that cannot be run as given."""


class Diverged(Exception):
    pass


# ------------------------------------------------------------------------------- request fields

def _field(obj, camel, default):
    """A field in the proto3 JSON mapping: lowerCamelCase, or the original snake_case name."""
    if not isinstance(obj, dict):
        return default
    snake = "".join("_" + c.lower() if c.isupper() else c for c in camel)
    value = obj.get(camel, obj.get(snake))
    return default if value is None else value


def _number(obj, name, default, convert, what):
    """A numeric field; zero (proto3's "unset") takes the default."""
    value = _field(obj, name, 0)
    try:
        value = convert(value)
    except (TypeError, ValueError):
        raise InvalidRequest(f"{name}: expected {what}, got {value!r}") from None
    return default if value == 0 else value


def _int(obj, name, default):
    return _number(obj, name, default, int, "an integer")


def _float(obj, name, default):
    return _number(obj, name, default, float, "a number")


def _str(obj, name, default=""):
    value = _field(obj, name, "")
    if not isinstance(value, str):
        raise InvalidRequest(f"{name}: expected a string, got {value!r}")
    return value or default


def _tristate(obj, name):
    value = _str(obj, name, "auto").lower()
    if value not in ("auto", "on", "off"):
        raise InvalidRequest(f"{name} {value!r}: expected auto, on or off")
    return {"auto": None, "on": True, "off": False}[value]


# ------------------------------------------------------------------------------------ data sets

_datasets = OrderedDict()


def _load_datasets(spec):
    """(train, val, num_classes) for a DatasetSpecProto dict, cached per spec."""
    kind = _str(spec, "kind").lower()
    path = _str(spec, "path")
    num_classes = _int(spec, "numClasses", 0)
    key = (kind, path, num_classes, _int(spec, "syntheticImages", 0), _int(spec, "syntheticSize", 0),
           _int(spec, "syntheticSeed", 0))
    if key in _datasets:
        _datasets.move_to_end(key)
        return _datasets[key]
    if kind != "synthetic" and not path:
        raise InvalidRequest(f"dataset {kind!r}: path is required")
    nc = num_classes or None
    if kind == "synthetic":
        nc = num_classes or 10
        n = _int(spec, "syntheticImages", 1024)
        size = _int(spec, "syntheticSize", 16)
        seed = _int(spec, "syntheticSeed", 0)
        if n < 2 or size < 4 or nc < 2:
            raise InvalidRequest(f"synthetic: need >= 2 images, size >= 4, >= 2 classes; got {n}, {size}, {nc}")
        train = data_mod.synthetic(n, nc, size, seed=seed, pattern_seed=0)
        val = data_mod.synthetic(max(n // 4, 1), nc, size, seed=seed + 1, pattern_seed=0)
    elif kind == "cifar10":
        train, val, nc = data_mod.load_cifar10(path, True), data_mod.load_cifar10(path, False), 10
    elif kind == "cifar100":
        train, val, nc = data_mod.load_cifar100(path, True), data_mod.load_cifar100(path, False), 100
    elif kind in ("mnist", "fashion_mnist"):
        train, val, nc = data_mod.load_mnist(path, True), data_mod.load_mnist(path, False), 10
    elif kind == "medmnist":
        train = data_mod.load_medmnist(path, "train", nc)
        val = data_mod.load_medmnist(path, "val", nc)
    elif kind == "npz":
        if nc is None:
            raise InvalidRequest("dataset npz: numClasses is required")
        whole = data_mod.load_npz(path, nc)
        cut = len(whole.images) - max(len(whole.images) // 5, 1)
        train = data_mod.Dataset(whole.images[:cut], whole.labels[:cut])
        val = data_mod.Dataset(whole.images[cut:], whole.labels[cut:])
    else:
        raise InvalidRequest(f"dataset kind {kind!r}: expected cifar10, cifar100, mnist, "
                             "fashion_mnist, medmnist, npz or synthetic")
    if nc is None:
        nc = max(train.num_classes, val.num_classes)
    if len(train.images) < 2 or len(val.images) < 1:
        raise InvalidRequest(f"dataset {kind!r}: {len(train.images)} training and "
                             f"{len(val.images)} validation images are too few")
    _datasets[key] = (train, val, nc)
    while len(_datasets) > DATASET_CACHE_SIZE:
        _datasets.popitem(last=False)
    return _datasets[key]


# ------------------------------------------------------------------------------------- one job

def _fault(kind, job_id):
    """TEST HOOK: whether MTNAS_TRAINER_FAULT asks for fault `kind` on this job."""
    return os.environ.get("MTNAS_TRAINER_FAULT", "") == f"{kind}-on-job:{job_id}"


def run_job(request):
    """The TrainResultProto outcome ({"scored": ...}) of one request dict; raises on failure."""
    if not isinstance(request, dict):
        raise InvalidRequest(f"expected a JSON object, got {type(request).__name__}")
    job_id = _str(request, "jobId")
    space = _str(request, "space")
    if space not in SPACES:
        raise InvalidRequest(f"space {space!r}: expected one of {', '.join(SPACES)}")
    ops = SPACES[space](_field(request, "architecture", ""))
    proxies = _field(request, "proxies", [])
    if not isinstance(proxies, list) or any(p not in PROXIES for p in proxies):
        raise InvalidRequest(f"proxies {proxies!r}: expected a list of {', '.join(PROXIES)}")
    macro = _field(request, "macro", {})
    channels = _int(macro, "channels", 16)
    cells_per_stage = _int(macro, "cellsPerStage", 5)
    if channels < 1 or cells_per_stage < 1:
        raise InvalidRequest(f"macro: channels {channels} and cellsPerStage {cells_per_stage} must be >= 1")
    settings = _field(request, "train", {})
    epochs = _int(settings, "epochs", 1)
    batch_size = _int(settings, "batchSize", 256)
    lr = _float(settings, "learningRate", 0.1)
    seed = _int(settings, "seed", 0)
    device = _str(settings, "device", "cpu")
    amp = _tristate(settings, "amp")
    channels_last = _tristate(settings, "channelsLast")
    compile_ = bool(_field(settings, "compile", False))
    if epochs < 1 or batch_size < 1 or not lr > 0:
        raise InvalidRequest(f"train: epochs {epochs}, batchSize {batch_size}, learningRate {lr} must be > 0")
    try:
        torch_device = torch.device(device)
    except RuntimeError as e:
        raise InvalidRequest(f"device {device!r}: {e}") from None
    if torch_device.type == "cuda" and not torch.cuda.is_available():
        raise InvalidRequest(f"device {device!r}: CUDA is not available in this process")

    train_set, val_set, num_classes = _load_datasets(_field(request, "dataset", {}))
    input_size = tuple(train_set.images.shape[1:])

    torch.manual_seed(seed)
    model = Network(ops, num_classes, channels, cells_per_stage, in_channels=input_size[0])

    scores = {}
    if proxies:
        batch = min(PROXY_BATCH, len(train_set.images))
        mean, std = data_mod.channel_stats(train_set.images)
        inputs = data_mod.normalise(train_set.images[:batch], mean, std) \
            if train_set.images.dtype == torch.uint8 else train_set.images[:batch].float()
        labels = train_set.labels[:batch]
        for name in proxies:
            torch.manual_seed(seed)
            if name == "synflow":
                scores[name] = synflow(model, input_size)
            elif name == "naswot":
                scores[name] = naswot(model, inputs)
            else:
                scores[name] = grad_norm(model, inputs, labels)
    params = parameter_count(model)
    flops = float(count_flops(model, input_size))
    latency = inference_latency_ms(model, input_size, device=torch_device, repeats=LATENCY_REPEATS,
                                   warmup=2)

    val_accuracy = val_loss = train_seconds = 0.0
    if bool(_field(request, "trainNetwork", False)):
        model.train()
        if _fault("nan", job_id):  # TEST HOOK: NaN outputs make training diverge
            model.register_forward_hook(lambda m, i, out: out * float("nan"))
        result = train_and_evaluate(model, train_set, val_set, epochs, batch_size=batch_size, lr=lr,
                                    seed=seed, device=torch_device, amp=amp,
                                    channels_last=channels_last, compile=compile_)
        if result["diverged"]:
            at = result["diverged_at"] or {}
            raise Diverged(f"loss became NaN or infinite at epoch {at.get('epoch')} step "
                           f"{at.get('step')}")
        val_accuracy = result["val_accuracy"]
        val_loss = result["val_loss"]
        train_seconds = result["train_seconds"]
    return {"scored": {"valAccuracy": val_accuracy, "valLoss": val_loss,
                       "trainSeconds": train_seconds, "params": int(params), "flops": flops,
                       "latencyMs": latency, "proxies": scores}}


def _is_oom(e):
    oom = getattr(torch.cuda, "OutOfMemoryError", None)
    if isinstance(e, MemoryError) or (oom is not None and isinstance(e, oom)):
        return True
    return isinstance(e, RuntimeError) and "out of memory" in str(e)


def handle_line(line):
    """The TrainResultProto dict answering one stdin line."""
    try:
        request = json.loads(line)
    except ValueError as e:
        return {"jobId": "", "failure": {"kind": "invalid", "reason": f"not a JSON object: {e}"}}
    job_id = request.get("jobId", request.get("job_id", "")) if isinstance(request, dict) else ""
    job_id = job_id if isinstance(job_id, str) else str(job_id)
    if _fault("exit", job_id):  # TEST HOOK: a crash of the trainer process
        os._exit(3)
    if _fault("hang", job_id):  # TEST HOOK: a trainer that never answers
        while True:
            time.sleep(3600)
    try:
        outcome = run_job(request)
    except Diverged as e:
        outcome = {"failure": {"kind": "diverged", "reason": str(e)}}
    except Exception as e:  # noqa: BLE001 - every failure becomes a result
        if _is_oom(e):
            kind = "out_of_memory"
            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        elif isinstance(e, (InvalidRequest, CellFormatError, data_mod.DataError, ValueError)):
            kind = "invalid"
        else:
            kind = "crashed"
            traceback.print_exc(file=sys.stderr)
        reason = str(e) if kind == "invalid" else f"{type(e).__name__}: {e}"
        outcome = {"failure": {"kind": kind, "reason": reason}}
    return {"jobId": job_id, **outcome}


def _json_safe(value):
    """Non-finite doubles as the proto3 JSON mapping writes them."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


def main():
    # The protocol owns a private copy of fd 1; everything else written to stdout goes to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    warnings.showwarning = lambda msg, cat, fn, ln, file=None, line=None: sys.stderr.write(
        warnings.formatwarning(msg, cat, fn, ln, line))

    def send(message):
        out.write(json.dumps(_json_safe(message), allow_nan=False, separators=(",", ":")) + "\n")
        out.flush()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    send({"hello": {"torchVersion": torch.__version__, "device": device}})
    for line in sys.stdin:
        if not line.strip():
            continue
        send({"result": handle_line(line)})
    out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
