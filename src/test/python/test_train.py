"""Training with the NAS-Bench-201 recipe on the synthetic task, on CPU."""

import math

import pytest
import torch
from torch import nn

from mtnas_trainer.cells import parse_nb201
from mtnas_trainer.data import synthetic
from mtnas_trainer.nb201 import Network, parameter_count
from mtnas_trainer.train import train_and_evaluate, inference_latency_ms

CELL = parse_nb201("|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|")


@pytest.fixture(scope="module")
def task():
    # One task (pattern_seed 0): training and validation samples drawn with different seeds.
    return synthetic(512, 4, 16, seed=0), synthetic(256, 4, 16, seed=1)


def small_network(seed=0):
    torch.manual_seed(seed)
    return Network(CELL, 4, channels=8, cells_per_stage=1)


def test_synthetic_task_is_learnt_well_above_chance_in_two_epochs(task):
    train, val = task
    model = small_network()
    result = train_and_evaluate(model, train, val, epochs=2, batch_size=32, seed=0)
    assert not result["diverged"] and result["diverged_at"] is None
    assert result["val_accuracy"] >= 60.0, result  # chance is 25 %
    assert math.isfinite(result["val_loss"]) and result["val_loss"] < math.log(4)
    assert result["params"] == parameter_count(model)
    assert result["epochs_run"] == 2 and result["train_seconds"] > 0


def test_same_seed_same_result_other_seed_other_run(task):
    train, val = task
    a = train_and_evaluate(small_network(), train, val, epochs=1, batch_size=64, seed=5)
    b = train_and_evaluate(small_network(), train, val, epochs=1, batch_size=64, seed=5)
    c = train_and_evaluate(small_network(), train, val, epochs=1, batch_size=64, seed=6)
    assert a["val_accuracy"] == b["val_accuracy"] and a["val_loss"] == b["val_loss"]
    assert a["train_loss"] == b["train_loss"]
    assert c["train_loss"] != a["train_loss"]  # the seed drives the batch order


def test_huge_learning_rate_is_reported_as_diverged(task):
    train, val = task
    result = train_and_evaluate(small_network(), train, val, epochs=3, batch_size=32, lr=1e6)
    assert result["diverged"], result
    assert set(result["diverged_at"]) == {"epoch", "step"}
    assert result["val_accuracy"] is None and result["val_loss"] is None


class NaNAfter(nn.Module):
    """Wraps a network and poisons its output from the given forward call on."""

    def __init__(self, net, call):
        super().__init__()
        self.net, self.call, self.calls = net, call, 0

    def forward(self, x):
        self.calls += 1
        y = self.net(x)
        return y * float("nan") if self.calls > self.call else y


@pytest.mark.parametrize("check_every", [1, 4])
def test_injected_nan_stops_training_at_its_step(task, check_every):
    train, val = task
    model = NaNAfter(small_network(), call=20)  # 16 steps per epoch: call 21 is epoch 1, step 4
    result = train_and_evaluate(model, train, val, epochs=3, batch_size=32, check_every=check_every)
    assert result["diverged"]
    assert result["diverged_at"] == {"epoch": 1, "step": 4}
    assert result["epochs_run"] == 1
    # Stopped at the first check after the NaN (every step, or at steps 3, 7, ... of an epoch).
    assert model.calls == (21 if check_every == 1 else 24)


def test_uint8_and_float_inputs_and_amp_off_on_cpu(task):
    train, val = task
    as_float = lambda d: (d.images.float() / 255.0, d.labels)
    r = train_and_evaluate(small_network(), as_float(train), as_float(val), epochs=1, batch_size=64,
                           amp=False, channels_last=False, compile=False)
    assert not r["diverged"] and 0.0 <= r["val_accuracy"] <= 100.0


def test_inference_latency_is_positive_and_leaves_eval_mode():
    model = small_network()
    ms = inference_latency_ms(model, (3, 16, 16), "cpu", repeats=5)
    assert ms > 0 and not model.training


def test_cpu_bf16_autocast_and_channels_last_paths_run(task):
    train, val = task
    r = train_and_evaluate(small_network(), train, val, epochs=1, batch_size=64, amp=True,
                           channels_last=True)
    assert not r["diverged"] and math.isfinite(r["val_loss"])


@pytest.mark.skipif(hasattr(torch, "compile"), reason="checks the fallback where torch.compile is absent")
def test_compile_falls_back_with_a_warning_on_pytorch_1():
    train, val = synthetic(64, 4, 16, seed=0), synthetic(32, 4, 16, seed=1)
    with pytest.warns(UserWarning, match="torch.compile is not available"):
        r = train_and_evaluate(small_network(), train, val, epochs=1, batch_size=32, compile=True)
    assert not r["diverged"]
