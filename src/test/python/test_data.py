"""The local-file loaders on small files written here, and every corruption case's message."""

import gzip
import pickle
import struct

import numpy as np
import pytest
import torch

from mtnas_trainer.data import (DataError, load_cifar10, load_cifar100, load_idx, load_mnist,
                                load_medmnist, load_npz, synthetic, normalise, channel_stats,
                                IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC)


def write_cifar(path, n, label_key=b"labels", num_classes=10, seed=0, override=()):
    rng = np.random.default_rng(seed)
    batch = {b"batch_label": b"x", b"data": rng.integers(0, 256, (n, 3072), dtype=np.uint8),
             label_key: [int(v) for v in rng.integers(0, num_classes, n)]}
    batch.update(override)
    with open(path, "wb") as f:
        pickle.dump(batch, f)
    return batch


def write_idx(path, array, magic, gz=False):
    array = np.asarray(array, dtype=np.uint8)
    raw = struct.pack(">i", magic) + struct.pack(f">{array.ndim}i", *array.shape) + array.tobytes()
    if gz:
        raw = gzip.compress(raw)
    path.write_bytes(raw)


# ------------------------------------------------------------------------------------------- CIFAR

def test_cifar10_reads_five_training_batches_and_the_test_batch(tmp_path):
    batches = [write_cifar(tmp_path / f"data_batch_{i}", 3, seed=i) for i in range(1, 6)]
    test = write_cifar(tmp_path / "test_batch", 4, seed=9)
    images, labels = load_cifar10(tmp_path)
    assert images.shape == (15, 3, 32, 32) and images.dtype == torch.uint8
    assert labels.dtype == torch.int64 and labels.tolist() == sum((b[b"labels"] for b in batches), [])
    # CIFAR rows are R plane, G plane, B plane of 32x32 each.
    assert images[0, 1, 0, 5] == batches[0][b"data"][0, 1024 + 5]
    t = load_cifar10(tmp_path, train=False)
    assert t.images.shape == (4, 3, 32, 32) and t.labels.tolist() == test[b"labels"]


def test_cifar100_uses_fine_labels(tmp_path):
    b = write_cifar(tmp_path / "train", 6, label_key=b"fine_labels", num_classes=100)
    write_cifar(tmp_path / "test", 2, label_key=b"fine_labels", num_classes=100)
    d = load_cifar100(tmp_path)
    assert d.images.shape == (6, 3, 32, 32) and d.labels.tolist() == b[b"fine_labels"]
    assert load_cifar100(tmp_path, train=False).images.shape == (2, 3, 32, 32)


def test_cifar_missing_batch_is_named(tmp_path):
    for i in range(1, 5):
        write_cifar(tmp_path / f"data_batch_{i}", 2)
    with pytest.raises(DataError, match=r"data_batch_5: file not found"):
        load_cifar10(tmp_path)


@pytest.mark.parametrize("override, message", [
    ({b"data": np.zeros((3, 100), dtype=np.uint8)}, r"test_batch: wrong shape, b'data' is \(3, 100\)"),
    ({b"labels": [0, 1, 12]}, r"test_batch: labels out of range, found 0..12, expected 0..9"),
    ({b"labels": [0, 1]}, r"test_batch: length mismatch, 3 images but 2 labels"),
    ({b"data": np.zeros((3, 3072), dtype=np.float32)}, r"test_batch: b'data' has dtype float32"),
])
def test_cifar_corruptions(tmp_path, override, message):
    write_cifar(tmp_path / "test_batch", 3, override=override)
    with pytest.raises(DataError, match=message):
        load_cifar10(tmp_path, train=False)


def test_cifar_missing_key_truncated_and_hostile_pickles(tmp_path):
    p = tmp_path / "test_batch"
    with open(p, "wb") as f:
        pickle.dump({b"data": np.zeros((1, 3072), dtype=np.uint8)}, f)
    with pytest.raises(DataError, match=r"test_batch: missing key b'labels'"):
        load_cifar10(tmp_path, train=False)
    write_cifar(p, 3)
    p.write_bytes(p.read_bytes()[:200])
    with pytest.raises(DataError, match=r"test_batch: not a readable CIFAR python pickle"):
        load_cifar10(tmp_path, train=False)
    with open(p, "wb") as f:
        pickle.dump({b"data": print}, f)  # any class beyond numpy arrays is refused
    with pytest.raises(DataError, match=r"test_batch: .*refusing to load builtins.print"):
        load_cifar10(tmp_path, train=False)


# --------------------------------------------------------------------------------------------- IDX

@pytest.mark.parametrize("gz", [False, True])
def test_mnist_idx_plain_and_gzipped(tmp_path, gz):
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (5, 28, 28), dtype=np.uint8)
    labels = np.array([3, 1, 4, 1, 5], dtype=np.uint8)
    suffix = ".gz" if gz else ""
    write_idx(tmp_path / f"t10k-images-idx3-ubyte{suffix}", images, IDX_IMAGES_MAGIC, gz)
    write_idx(tmp_path / f"t10k-labels-idx1-ubyte{suffix}", labels, IDX_LABELS_MAGIC, gz)
    d = load_mnist(tmp_path, train=False)
    assert d.images.shape == (5, 1, 28, 28) and d.images.dtype == torch.uint8
    assert torch.equal(d.images[:, 0], torch.from_numpy(images))
    assert d.labels.tolist() == [3, 1, 4, 1, 5] and d.labels.dtype == torch.int64


def test_idx_corruptions(tmp_path):
    img, lab = tmp_path / "img", tmp_path / "lab"
    write_idx(img, np.zeros((3, 4, 4)), IDX_IMAGES_MAGIC)
    write_idx(lab, np.zeros(3), IDX_LABELS_MAGIC)
    assert load_idx(img, lab).images.shape == (3, 1, 4, 4)

    write_idx(lab, np.zeros(3), IDX_IMAGES_MAGIC)  # images magic on the labels file
    with pytest.raises(DataError, match=r"lab: wrong magic number 2051, expected 2049"):
        load_idx(img, lab)
    write_idx(lab, np.zeros(3), IDX_LABELS_MAGIC)
    with pytest.raises(DataError, match=r"lab: wrong magic number 2049, expected 2051 \(IDX images\)"):
        load_idx(lab, lab)

    img.write_bytes(img.read_bytes()[:-5])
    with pytest.raises(DataError, match=r"img: wrong size, header says \(3, 4, 4\) = 48 bytes of data, file has 43"):
        load_idx(img, lab)
    img.write_bytes(b"\x00\x00")
    with pytest.raises(DataError, match=r"img: truncated IDX header"):
        load_idx(img, lab)

    write_idx(img, np.zeros((3, 4, 4)), IDX_IMAGES_MAGIC)
    write_idx(lab, [0, 1], IDX_LABELS_MAGIC)
    with pytest.raises(DataError, match=r"lab: length mismatch, 3 images but 2 labels"):
        load_idx(img, lab)
    write_idx(lab, [0, 1, 10], IDX_LABELS_MAGIC)
    with pytest.raises(DataError, match=r"lab: labels out of range, found 0..10, expected 0..9"):
        load_idx(img, lab)

    gz = tmp_path / "img.gz"
    gz.write_bytes(gzip.compress(img.read_bytes())[:-8])
    with pytest.raises(DataError, match=r"img.gz: corrupt gzip"):
        load_idx(gz, lab)
    with pytest.raises(DataError, match=r"train-images-idx3-ubyte: file not found"):
        load_mnist(tmp_path / "nowhere")


# --------------------------------------------------------------------------------------------- npz

def test_medmnist_npz_splits(tmp_path):
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 6), ("val", 2), ("test", 3)):
        arrays[f"{split}_images"] = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)  # grayscale
        arrays[f"{split}_labels"] = rng.integers(0, 9, (n, 1))
    p = tmp_path / "pathmnist.npz"
    np.savez(p, **arrays)
    for split, n in (("train", 6), ("val", 2), ("test", 3)):
        d = load_medmnist(p, split)
        assert d.images.shape == (n, 1, 28, 28)
        assert d.labels.tolist() == arrays[f"{split}_labels"][:, 0].tolist()
    rgb = tmp_path / "rgb.npz"
    np.savez(rgb, test_images=np.zeros((2, 28, 28, 3), np.uint8), test_labels=np.array([[1], [2]]))
    assert load_medmnist(rgb, "test").images.shape == (2, 3, 28, 28)
    with pytest.raises(DataError, match=r"rgb.npz: missing key 'train_images'"):
        load_medmnist(rgb, "train")
    np.savez(rgb, test_images=np.zeros((2, 28, 28, 3), np.uint8), test_labels=np.array([[1, 0], [2, 1]]))
    with pytest.raises(DataError, match=r"rgb.npz: labels have shape \(2, 2\)"):
        load_medmnist(rgb, "test")


@pytest.mark.parametrize("shape, expected", [
    ((4, 8, 8, 3), (4, 3, 8, 8)),   # NHWC
    ((4, 3, 8, 8), (4, 3, 8, 8)),   # NCHW
    ((4, 8, 8), (4, 1, 8, 8)),      # grayscale NHW
    ((4, 8, 8, 1), (4, 1, 8, 8)),   # grayscale NHWC
])
def test_generic_npz_layouts(tmp_path, shape, expected):
    images = np.arange(np.prod(shape)).reshape(shape) % 256
    p = tmp_path / "d.npz"
    np.savez(p, images=images.astype(np.uint8), labels=np.array([0, 1, 2, 1]))
    d = load_npz(p)
    assert d.images.shape == expected and d.labels.tolist() == [0, 1, 2, 1]
    if len(shape) == 4 and shape[3] == 3:
        assert d.images[1, 2, 3, 4] == images[1, 3, 4, 2]


def test_generic_npz_float_images_and_corruptions(tmp_path):
    p = tmp_path / "d.npz"
    np.savez(p, images=np.full((2, 3, 4, 4), 0.5, np.float32), labels=np.array([0, 1]))
    d = load_npz(p)
    assert d.images.dtype == torch.float32 and d.images.shape == (2, 3, 4, 4)
    np.savez(p, images=np.zeros((2, 3, 4, 4), np.float32))
    with pytest.raises(DataError, match=r"d.npz: missing key 'labels'"):
        load_npz(p)
    np.savez(p, images=np.zeros((2, 5, 6, 6), np.uint8), labels=[0, 1])
    with pytest.raises(DataError, match=r"d.npz: wrong shape, cannot tell channels"):
        load_npz(p)
    np.savez(p, images=np.zeros((2, 4), np.uint8), labels=[0, 1])
    with pytest.raises(DataError, match=r"d.npz: wrong shape, images are \(2, 4\)"):
        load_npz(p)
    np.savez(p, images=np.zeros((3, 4, 4), np.uint8), labels=[0, 1])
    with pytest.raises(DataError, match=r"d.npz: length mismatch, 3 images but 2 labels"):
        load_npz(p)
    np.savez(p, images=np.zeros((2, 4, 4), np.uint8), labels=[0, -1])
    with pytest.raises(DataError, match=r"d.npz: labels out of range, found -1..0"):
        load_npz(p)
    np.savez(p, images=np.zeros((2, 4, 4), np.uint8), labels=[0, 5])
    with pytest.raises(DataError, match=r"d.npz: labels out of range, found 0..5, expected 0..3"):
        load_npz(p, num_classes=4)
    np.savez(p, images=np.array([[[np.nan]]], np.float32), labels=[0])
    with pytest.raises(DataError, match=r"d.npz: images contain NaN"):
        load_npz(p)
    p.write_bytes(b"not a zip file")
    with pytest.raises(DataError, match=r"d.npz: not a readable .npz"):
        load_npz(p)
    with pytest.raises(DataError, match=r"missing.npz: file not found"):
        load_npz(tmp_path / "missing.npz")


# ------------------------------------------------------------------------- synthetic, normalising

def test_synthetic_is_seeded_and_shaped():
    a, b = synthetic(64, 4, 16, seed=3), synthetic(64, 4, 16, seed=3)
    assert a.images.shape == (64, 3, 16, 16) and a.images.dtype == torch.uint8
    assert torch.equal(a.images, b.images) and torch.equal(a.labels, b.labels)
    assert set(a.labels.tolist()) == {0, 1, 2, 3}
    assert not torch.equal(a.images, synthetic(64, 4, 16, seed=4).images)
    assert synthetic(8, 10, 28, channels=1).images.shape == (8, 1, 28, 28)


def test_normalise_uses_given_or_own_statistics():
    images = synthetic(128, 4, 8, seed=0).images
    x = normalise(images)
    assert x.dtype == torch.float32
    assert torch.allclose(x.mean((0, 2, 3)), torch.zeros(3), atol=1e-4)
    assert torch.allclose(x.std((0, 2, 3)), torch.ones(3), atol=1e-3)
    mean, std = channel_stats(images)
    assert torch.allclose(normalise(images, mean, std), x)
    assert torch.allclose(normalise(torch.full((1, 1, 2, 2), 255, dtype=torch.uint8), (0.5,), (0.5,)),
                          torch.ones(1, 1, 2, 2))
