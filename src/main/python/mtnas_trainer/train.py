"""Training and evaluation with the NAS-Bench-201 recipe: SGD with Nesterov momentum 0.9, weight
decay 5e-4, learning rate 0.1 annealed by a per-step cosine schedule to 0 over the epochs,
cross-entropy loss, batch 256. The data sets live on the device whole; every batch is an index
tensor into them (no DataLoader, no workers). On CPU a seed gives identical results.

Runs on PyTorch 1.13 and 2.x: torch.compile, bf16 autocast and channels_last are feature-detected
and only used where the installed PyTorch and the device have them.

A NaN or infinite loss stops training; train_and_evaluate then returns diverged=True with the
epoch and step where it happened (and val_accuracy / val_loss None) instead of raising."""

import math
import statistics
import time
import warnings

import torch
from torch import nn

from .data import normalise, channel_stats
from .nb201 import parameter_count


def _synchronise(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _amp_dtype(device, amp):
    """The autocast dtype to use, or None for full precision."""
    if amp is None:
        amp = device.type == "cuda"
    if not amp or not hasattr(torch, "autocast"):
        return None
    if device.type == "cuda":
        bf16 = getattr(torch.cuda, "is_bf16_supported", lambda: False)
        return torch.bfloat16 if bf16() else torch.float16
    if device.type == "cpu":
        return torch.bfloat16  # the only dtype CPU autocast takes
    return None


def _autocast(device, dtype):
    if dtype is None:
        return _NullContext()
    return torch.autocast(device_type=device.type, dtype=dtype)


class _NullContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _grad_scaler(device, dtype):
    if dtype is not torch.float16:
        return None
    if hasattr(torch, "amp") and hasattr(torch.amp, "GradScaler"):
        return torch.amp.GradScaler("cuda")
    return torch.cuda.amp.GradScaler()


def _prepare(images, mean, std, device, memory_format):
    x = normalise(images, mean, std) if images.dtype == torch.uint8 else images.float()
    x = x.to(device)
    if memory_format is not None:
        x = x.contiguous(memory_format=memory_format)
    return x


def _split(data):
    images, labels = data[0], data[1]
    if images.dim() != 4:
        raise ValueError(f"images must be N x C x H x W, got shape {tuple(images.shape)}")
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    return images, labels.to(torch.int64)


def train_and_evaluate(model, train_set, val_set, epochs, batch_size=256, lr=0.1, momentum=0.9,
                       weight_decay=5e-4, nesterov=True, seed=0, device="cpu", amp=None,
                       channels_last=None, compile=None, check_every=None):
    """Trains model in place on train_set = (images, labels) and evaluates it on val_set.

    uint8 images are scaled to [0, 1] and normalised per channel with the training set's mean and
    std; float images are used as they are. amp (None: on for CUDA), channels_last (None: on for
    CUDA) and compile (None: off) fall back to plain execution where unsupported. The loss is
    checked for NaN/inf every check_every steps (None: every step on CPU, every 20 on GPU, where
    each check is a synchronisation) and at the end of every epoch.

    Returns {val_accuracy (percent), val_loss, train_loss, train_seconds, params, epochs_run,
    diverged, diverged_at ({epoch, step} or None)}."""
    device = torch.device(device)
    torch.manual_seed(seed)
    train_images, train_labels = _split(train_set)
    val_images, val_labels = _split(val_set)
    if epochs < 1:
        raise ValueError(f"epochs must be >= 1, got {epochs}")
    if len(train_images) < 2:
        raise ValueError("need at least 2 training images")

    if channels_last is None:
        channels_last = device.type == "cuda"
    memory_format = torch.channels_last if channels_last and hasattr(torch, "channels_last") else None
    dtype = _amp_dtype(device, amp)
    scaler = _grad_scaler(device, dtype)
    if check_every is None:
        check_every = 1 if device.type == "cpu" else 20

    mean, std = channel_stats(train_images) if train_images.dtype == torch.uint8 else (None, None)
    x_train = _prepare(train_images, mean, std, device, memory_format)
    y_train = train_labels.to(device)
    x_val = _prepare(val_images, mean, std, device, memory_format)
    y_val = val_labels.to(device)

    model.to(device)
    if memory_format is not None:
        model.to(memory_format=memory_format)
    net = model
    if compile:
        if hasattr(torch, "compile"):
            net = torch.compile(model)
        else:
            warnings.warn("torch.compile is not available in this PyTorch; training uncompiled")

    n = len(x_train)
    steps_per_epoch = math.ceil(n / batch_size)
    if n % batch_size == 1:
        steps_per_epoch -= 1  # a batch of one cannot train BatchNorm; drop it
    total_steps = epochs * steps_per_epoch
    optimiser = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum,
                                weight_decay=weight_decay, nesterov=nesterov)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: 0.5 * (1.0 + math.cos(math.pi * min(step, total_steps) / total_steps)))
    criterion = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(seed)

    result = {"params": parameter_count(model), "diverged": False, "diverged_at": None,
              "val_accuracy": None, "val_loss": None, "train_loss": None, "epochs_run": 0}
    _synchronise(device)
    start = time.perf_counter()
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(n, generator=generator).to(device)
        losses = []
        checked = 0
        for step in range(steps_per_epoch):
            idx = order[step * batch_size:(step + 1) * batch_size]
            with _autocast(device, dtype):
                loss = criterion(net(x_train[idx]), y_train[idx])
            losses.append(loss.detach().float())
            bad = None
            if (step + 1) % check_every == 0 or step == steps_per_epoch - 1:
                finite = torch.isfinite(torch.stack(losses[checked:]))
                if not bool(finite.all()):
                    bad = checked + int((~finite).nonzero()[0, 0])
                checked = len(losses)
            if bad is not None:
                _synchronise(device)
                result.update(diverged=True, diverged_at={"epoch": epoch, "step": bad},
                              train_seconds=time.perf_counter() - start, epochs_run=epoch)
                return result
            optimiser.zero_grad(set_to_none=True)
            if scaler is not None:
                scaler.scale(loss).backward()
                scaler.step(optimiser)
                scaler.update()
            else:
                loss.backward()
                optimiser.step()
            schedule.step()
        result["train_loss"] = float(torch.stack(losses).mean())
        result["epochs_run"] = epoch + 1
    _synchronise(device)
    result["train_seconds"] = time.perf_counter() - start

    val_loss, val_accuracy = evaluate(net, x_val, y_val, batch_size, device, dtype)
    if not math.isfinite(val_loss):
        result.update(diverged=True, diverged_at={"epoch": epochs - 1, "step": "validation"})
        return result
    result.update(val_loss=val_loss, val_accuracy=val_accuracy)
    return result


def evaluate(net, x, y, batch_size=256, device="cpu", dtype=None):
    """(mean cross-entropy, accuracy in percent) of net on prepared tensors x, y."""
    device = torch.device(device)
    net.eval()
    loss_sum = torch.zeros((), device=x.device)
    correct = torch.zeros((), dtype=torch.int64, device=x.device)
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            xb, yb = x[i:i + batch_size], y[i:i + batch_size]
            with _autocast(device, dtype):
                logits = net(xb)
            logits = logits.float()
            loss_sum += nn.functional.cross_entropy(logits, yb, reduction="sum")
            correct += (logits.argmax(1) == yb).sum()
    count = max(len(x), 1)
    return float(loss_sum) / count, 100.0 * float(correct) / count


def inference_latency_ms(model, input_size, device="cpu", repeats=30, batch_size=1, warmup=5):
    """Median milliseconds of one forward pass of a batch of batch_size inputs of input_size
    (C, H, W), in eval mode without gradients, after warmup passes (CUDA timed with events)."""
    device = torch.device(device)
    model = model.to(device).eval()
    x = torch.randn(batch_size, *input_size, device=device)
    times = []
    with torch.no_grad():
        for _ in range(warmup):
            model(x)
        _synchronise(device)
        for _ in range(repeats):
            if device.type == "cuda":
                begin, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
                begin.record()
                model(x)
                end.record()
                torch.cuda.synchronize(device)
                times.append(begin.elapsed_time(end))
            else:
                t0 = time.perf_counter()
                model(x)
                times.append(1000.0 * (time.perf_counter() - t0))
    return statistics.median(times)
