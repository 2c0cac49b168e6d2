"""Training throughput of a reference NAS-Bench-201 cell at CIFAR shape (C=16, N=5, 32x32, 10
classes, batch 256) on synthetic data: images per second for one epoch, after a warm-up epoch.
A benchmark, not a test. Run: /usr/bin/python3 -m mtnas_trainer.bench [--device cuda] [--images N]
from src/main/python; every option of train_and_evaluate (amp, channels_last, compile) can be
switched to compare against the plain fp32 eager loop."""

import argparse
import json

import torch

from .cells import parse_nb201
from .data import synthetic
from .nb201 import Network
from .train import train_and_evaluate

# The best cell of CIFAR-10 in NAS-Bench-201 (arch_index 6111).
REFERENCE = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--device", default="cpu")
    p.add_argument("--images", type=int, default=2048)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--amp", choices=["auto", "on", "off"], default="off")
    p.add_argument("--channels-last", choices=["auto", "on", "off"], default="off")
    p.add_argument("--compile", action="store_true")
    a = p.parse_args(argv)
    flag = {"auto": None, "on": True, "off": False}
    train = synthetic(a.images, num_classes=10, size=32, seed=1)
    val = synthetic(256, num_classes=10, size=32, seed=2)
    results = []
    for run in ("warm-up", "measured"):
        net = Network(parse_nb201(REFERENCE), 10)
        r = train_and_evaluate(net, train, val, epochs=1, batch_size=a.batch_size, device=a.device,
                               amp=flag[a.amp], channels_last=flag[a.channels_last], compile=a.compile or None)
        results.append(r)
    r = results[-1]
    print(json.dumps({
        "torch": torch.__version__, "device": a.device, "threads": torch.get_num_threads(),
        "images": a.images, "batch_size": a.batch_size, "amp": a.amp, "channels_last": a.channels_last,
        "compile": a.compile, "train_seconds": round(r["train_seconds"], 3),
        "images_per_second": round(a.images / r["train_seconds"], 1)}))


if __name__ == "__main__":
    main()
