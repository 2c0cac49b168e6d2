"""The trainer worker process end to end: JSON lines in on stdin, JSON lines out on stdout."""

import json
import math
import os
import subprocess
import sys

import pytest

from conftest import ROOT

CELL = "|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|nor_conv_3x3~2|"


def start(fault=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src" / "main" / "python"))
    env.pop("MTNAS_TRAINER_FAULT", None)
    if fault:
        env["MTNAS_TRAINER_FAULT"] = fault
    proc = subprocess.Popen([sys.executable, "-m", "mtnas_trainer.worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    hello = json.loads(proc.stdout.readline())
    assert set(hello) == {"hello"}
    return proc, hello["hello"]


def ask(proc, request):
    line = request if isinstance(request, str) else json.dumps(request)
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    reply = proc.stdout.readline()
    assert reply, f"worker closed stdout; stderr: {proc.stderr.read()}"
    message = json.loads(reply)
    assert set(message) == {"result"}, message
    return message["result"]


def finish(proc):
    proc.stdin.close()
    rest = proc.stdout.read()
    rc = proc.wait(timeout=30)
    proc.stderr.close()
    return rc, rest


def job(job_id, architecture=CELL, space="nb201", train=False, proxies=(), **dataset):
    spec = {"kind": "synthetic", "numClasses": 4, "syntheticImages": 256, "syntheticSize": 16,
            "syntheticSeed": 0}
    spec.update(dataset)
    return {"jobId": job_id, "space": space, "architecture": architecture, "dataset": spec,
            "macro": {"channels": 8, "cellsPerStage": 1},
            "train": {"epochs": 1, "batchSize": 32, "seed": 0, "device": "cpu"},
            "proxies": list(proxies), "trainNetwork": train}


@pytest.fixture(scope="module")
def worker():
    proc, hello = start()
    yield proc, hello
    if proc.poll() is None:
        finish(proc)


def test_hello_names_torch_version_and_device(worker):
    _, hello = worker
    import torch
    assert hello["torchVersion"] == torch.__version__
    assert hello["device"] in ("cpu", "cuda")


def test_training_job_is_scored_with_sane_values_and_requested_proxies(worker):
    proc, _ = worker
    result = ask(proc, job("train-1", train=True, proxies=["synflow", "naswot", "grad_norm"]))
    assert result["jobId"] == "train-1"
    scored = result["scored"]
    assert 0.0 <= scored["valAccuracy"] <= 100.0
    assert scored["valAccuracy"] > 25.0  # chance with 4 classes
    assert math.isfinite(scored["valLoss"]) and scored["valLoss"] > 0
    assert scored["trainSeconds"] > 0
    assert isinstance(scored["params"], int) and scored["params"] > 1000
    assert scored["flops"] > scored["params"]
    assert scored["latencyMs"] > 0
    assert set(scored["proxies"]) == {"synflow", "naswot", "grad_norm"}
    assert all(isinstance(v, float) and v > 0 for v in scored["proxies"].values())


def test_proxies_only_job_reports_cost_figures_without_training(worker):
    proc, _ = worker
    scored = ask(proc, job("proxies-1", proxies=["naswot"]))["scored"]
    assert scored["valAccuracy"] == 0 and scored["valLoss"] == 0 and scored["trainSeconds"] == 0
    assert set(scored["proxies"]) == {"naswot"} and scored["params"] > 0 and scored["flops"] > 0


def test_cell_without_a_path_gives_minus_infinity_in_the_proto3_json_form(worker):
    proc, _ = worker
    empty = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"
    scored = ask(proc, job("empty", empty, proxies=["naswot"]))["scored"]
    assert scored["proxies"]["naswot"] == "-Infinity"


def test_transnas_micro_architecture(worker):
    proc, _ = worker
    scored = ask(proc, job("tn-1", "64-41414-3_33_233", space="transnas-micro",
                           proxies=["synflow"]))["scored"]
    assert scored["proxies"]["synflow"] > 0 and scored["params"] > 0


def test_malformed_architecture_is_invalid_and_quoted_then_the_next_job_runs(worker):
    proc, _ = worker
    result = ask(proc, job("bad-cell", "|nor_conv_3x3~0|+|oops|"))
    assert result == {"jobId": "bad-cell", "failure": result["failure"]}
    assert result["failure"]["kind"] == "invalid"
    assert "'|nor_conv_3x3~0|+|oops|'" in result["failure"]["reason"]
    assert "scored" in ask(proc, job("after-bad-cell"))


def test_unknown_space_and_missing_data_are_invalid(worker):
    proc, _ = worker
    assert ask(proc, job("sp", space="darts"))["failure"]["kind"] == "invalid"
    missing = ask(proc, job("np", kind="npz", path="/nonexistent/x.npz"))["failure"]
    assert missing["kind"] == "invalid" and "/nonexistent/x.npz" in missing["reason"]


def test_bad_json_line_is_invalid_with_empty_job_id_and_the_worker_survives(worker):
    proc, _ = worker
    result = ask(proc, "{not json")
    assert result["jobId"] == "" and result["failure"]["kind"] == "invalid"
    assert ask(proc, job("after-bad-json"))["jobId"] == "after-bad-json"


def test_nan_hook_reports_diverged_with_epoch_and_step():
    proc, _ = start("nan-on-job:nan-1")
    result = ask(proc, job("nan-1", train=True))
    assert result["failure"]["kind"] == "diverged"
    assert "epoch 0" in result["failure"]["reason"] and "step 0" in result["failure"]["reason"]
    assert "scored" in ask(proc, job("nan-2", train=True))
    rc, rest = finish(proc)
    assert rc == 0 and rest == ""


def test_exit_hook_kills_the_process_with_a_non_zero_status():
    proc, _ = start("exit-on-job:die")
    assert "scored" in ask(proc, job("before"))
    proc.stdin.write(json.dumps(job("die")) + "\n")
    proc.stdin.flush()
    assert proc.stdout.readline() == ""
    assert proc.wait(timeout=30) == 3
    proc.stdin.close()
    proc.stderr.close()


def test_eof_exits_zero_and_nothing_else_reaches_stdout():
    proc, _ = start()
    rc, rest = finish(proc)
    assert rc == 0 and rest == ""


def test_hang_hook_never_answers():
    import select
    proc, _ = start("hang-on-job:stuck")
    proc.stdin.write(json.dumps(job("stuck")) + "\n")
    proc.stdin.flush()
    ready, _, _ = select.select([proc.stdout], [], [], 1.5)
    assert ready == [] and proc.poll() is None
    proc.kill()
    proc.wait(timeout=30)
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        stream.close()
