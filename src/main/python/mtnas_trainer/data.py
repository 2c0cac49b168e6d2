"""Data sets from local files, as tensors ready to live on the training device.

Every loader returns a Dataset(images, labels): images a uint8 tensor N x C x H x W (the synthetic
generator also gives uint8), labels an int64 tensor of N class indices. Nothing is ever downloaded:
a missing or corrupt file raises DataError, whose message names the file and what is wrong."""

import gzip
import pickle
import struct
from collections import namedtuple
from pathlib import Path

import numpy as np
import torch


class DataError(ValueError):
    """A data file that is missing or not what its format promises; the message names the file."""


Dataset = namedtuple("Dataset", ["images", "labels"])
Dataset.__doc__ = "images: uint8/float tensor N x C x H x W; labels: int64 tensor of N class indices."
Dataset.num_classes = property(lambda self: int(self.labels.max()) + 1 if len(self.labels) else 0)

CIFAR_MEAN = {10: (0.4914, 0.4822, 0.4465), 100: (0.5071, 0.4865, 0.4409)}
CIFAR_STD = {10: (0.2470, 0.2435, 0.2616), 100: (0.2673, 0.2564, 0.2762)}


# ---------------------------------------------------------------------------------------- checks

def _check_labels(path, labels, n, num_classes):
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1:
        raise DataError(f"{path}: labels have shape {labels.shape}, expected one class index per image")
    if labels.dtype.kind not in "iub":
        if labels.dtype.kind == "f" and np.all(np.isfinite(labels)) and np.all(labels == np.round(labels)):
            labels = labels.astype(np.int64)
        else:
            raise DataError(f"{path}: labels have dtype {labels.dtype}, expected integer class indices")
    if len(labels) != n:
        raise DataError(f"{path}: length mismatch, {n} images but {len(labels)} labels")
    if len(labels):
        lo, hi = int(labels.min()), int(labels.max())
        if lo < 0 or (num_classes is not None and hi >= num_classes):
            bound = f"0..{num_classes - 1}" if num_classes is not None else ">= 0"
            raise DataError(f"{path}: labels out of range, found {lo}..{hi}, expected {bound}")
    return torch.from_numpy(labels.astype(np.int64))


def _images_tensor(path, images):
    images = np.asarray(images)
    if images.dtype.kind not in "uif":
        raise DataError(f"{path}: images have dtype {images.dtype}, expected numbers")
    if images.dtype.kind == "f":
        if not np.all(np.isfinite(images)):
            raise DataError(f"{path}: images contain NaN or infinite values")
        return torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
    if images.dtype != np.uint8:
        if images.size and (images.min() < 0 or images.max() > 255):
            raise DataError(f"{path}: integer images outside 0..255")
        images = images.astype(np.uint8)
    return torch.from_numpy(np.ascontiguousarray(images))


def _require(path):
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found (nothing is downloaded; put the data set there)")
    return path


# ----------------------------------------------------------------------------------- CIFAR pickle

class _NumpyOnlyUnpickler(pickle.Unpickler):
    """The CIFAR batches hold only dicts, lists, bytes and numpy arrays; refuse any other class so
    a hostile pickle cannot run code."""

    ALLOWED = {
        ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
        ("numpy.core.multiarray", "scalar"), ("numpy._core.multiarray", "scalar"),
        ("numpy", "ndarray"), ("numpy", "dtype"),
    }

    def find_class(self, module, name):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to load {module}.{name}")


def _load_cifar_batch(path, label_key, num_classes):
    path = _require(path)
    try:
        with open(path, "rb") as f:
            batch = _NumpyOnlyUnpickler(f, encoding="bytes").load()
    except Exception as e:  # truncated, not a pickle, forbidden class...
        raise DataError(f"{path}: not a readable CIFAR python pickle batch ({type(e).__name__}: {e})") from None
    if not isinstance(batch, dict):
        raise DataError(f"{path}: expected a dict, found {type(batch).__name__}")
    for key in (b"data", label_key):
        if key not in batch:
            raise DataError(f"{path}: missing key {key!r}; keys are {sorted(batch)}")
    data = np.asarray(batch[b"data"])
    if data.ndim != 2 or data.shape[1] != 3 * 32 * 32:
        raise DataError(f"{path}: wrong shape, b'data' is {data.shape}, expected N x 3072")
    if data.dtype != np.uint8:
        raise DataError(f"{path}: b'data' has dtype {data.dtype}, expected uint8")
    labels = _check_labels(path, batch[label_key], len(data), num_classes)
    images = torch.from_numpy(np.ascontiguousarray(data.reshape(-1, 3, 32, 32)))
    return images, labels


def load_cifar10(root, train=True):
    """CIFAR-10 python version: root holds data_batch_1..5 and test_batch (cifar-10-batches-py)."""
    root = Path(root)
    names = [f"data_batch_{i}" for i in range(1, 6)] if train else ["test_batch"]
    parts = [_load_cifar_batch(root / n, b"labels", 10) for n in names]
    return Dataset(torch.cat([p[0] for p in parts]), torch.cat([p[1] for p in parts]))


def load_cifar100(root, train=True):
    """CIFAR-100 python version: root holds train and test (cifar-100-python), fine labels."""
    images, labels = _load_cifar_batch(Path(root) / ("train" if train else "test"), b"fine_labels", 100)
    return Dataset(images, labels)


# ---------------------------------------------------------------------------------- MNIST IDX

IDX_IMAGES_MAGIC = 2051
IDX_LABELS_MAGIC = 2049


def _read_maybe_gz(path):
    path = _require(path)
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, ValueError) as e:
            raise DataError(f"{path}: corrupt gzip ({e})") from None
    return path, raw


def read_idx(path, expected_magic):
    """An IDX file (optionally gzipped) as a numpy uint8 array; the magic number is checked."""
    path, raw = _read_maybe_gz(path)
    if len(raw) < 8:
        raise DataError(f"{path}: truncated IDX header ({len(raw)} bytes)")
    magic = struct.unpack(">i", raw[:4])[0]
    if magic != expected_magic:
        kind = "images" if expected_magic == IDX_IMAGES_MAGIC else "labels"
        raise DataError(f"{path}: wrong magic number {magic}, expected {expected_magic} (IDX {kind})")
    ndim = raw[3]
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{path}: truncated IDX header")
    dims = struct.unpack(f">{ndim}i", raw[4:header])
    size = int(np.prod(dims)) if dims else 0
    if len(raw) - header != size:
        raise DataError(f"{path}: wrong size, header says {dims} = {size} bytes of data, "
                        f"file has {len(raw) - header}")
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(dims)


def load_idx(images_path, labels_path, num_classes=10):
    images = read_idx(images_path, IDX_IMAGES_MAGIC)
    labels = read_idx(labels_path, IDX_LABELS_MAGIC)
    if images.ndim != 3:
        raise DataError(f"{images_path}: wrong shape {images.shape}, expected N x rows x cols")
    if labels.ndim != 1:
        raise DataError(f"{labels_path}: wrong shape {labels.shape}, expected N")
    labels = _check_labels(labels_path, labels, len(images), num_classes)
    return Dataset(torch.from_numpy(images.copy()).unsqueeze(1), labels)


def load_mnist(root, train=True):
    """MNIST or Fashion-MNIST: root holds {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]."""
    root = Path(root)
    prefix = "train" if train else "t10k"

    def find(stem):
        for name in (stem, stem + ".gz", stem.replace("-idx", ".idx")):
            if (root / name).is_file():
                return root / name
        return root / stem  # reported missing by the reader

    return load_idx(find(f"{prefix}-images-idx3-ubyte"), find(f"{prefix}-labels-idx1-ubyte"))


load_fashion_mnist = load_mnist


# ------------------------------------------------------------------------------------------ npz

def _load_npz(path):
    path = _require(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            return path, {k: z[k] for k in z.files}
    except Exception as e:
        raise DataError(f"{path}: not a readable .npz ({type(e).__name__}: {e})") from None


def to_nchw(path, images, layout=None):
    """N x H x W (grayscale), N x H x W x C or N x C x H x W -> N x C x H x W. layout 'NHWC' or
    'NCHW' forces the reading of 4-d arrays; by default a last axis of 1 or 3 means NHWC, else an
    axis 1 of 1 or 3 means NCHW, else 4 channels (RGBA) are looked for last, then first."""
    images = np.asarray(images)
    if images.ndim == 3:
        return images[:, None]
    if images.ndim != 4:
        raise DataError(f"{path}: wrong shape, images are {images.shape}, expected N x H x W [x C]")
    if layout is None:
        if images.shape[3] in (1, 3):
            layout = "NHWC"
        elif images.shape[1] in (1, 3):
            layout = "NCHW"
        elif images.shape[3] == 4:
            layout = "NHWC"
        elif images.shape[1] == 4:
            layout = "NCHW"
        else:
            raise DataError(f"{path}: wrong shape, cannot tell channels in {images.shape}; pass layout=")
    if layout == "NHWC":
        return images.transpose(0, 3, 1, 2)
    if layout == "NCHW":
        return images
    raise ValueError(f"layout {layout!r}: expected 'NHWC' or 'NCHW'")


def load_npz(path, num_classes=None, layout=None):
    """A generic .npz with keys images (NHWC, NCHW or NHW) and labels."""
    path, arrays = _load_npz(path)
    for key in ("images", "labels"):
        if key not in arrays:
            raise DataError(f"{path}: missing key {key!r}; keys are {sorted(arrays)}")
    images = to_nchw(path, arrays["images"], layout)
    labels = _check_labels(path, arrays["labels"], len(images), num_classes)
    return Dataset(_images_tensor(path, images), labels)


def load_medmnist(path, split="train", num_classes=None):
    """A MedMNIST .npz (train_images, train_labels, val_..., test_...), single-label tasks."""
    if split not in ("train", "val", "test"):
        raise ValueError(f"split {split!r}: expected train, val or test")
    path, arrays = _load_npz(path)
    for key in (f"{split}_images", f"{split}_labels"):
        if key not in arrays:
            raise DataError(f"{path}: missing key {key!r}; keys are {sorted(arrays)}")
    images = to_nchw(path, arrays[f"{split}_images"], "NHWC")
    labels = _check_labels(path, arrays[f"{split}_labels"], len(images), num_classes)
    return Dataset(_images_tensor(path, images), labels)


# ------------------------------------------------------------------------------------ synthetic

def synthetic(n, num_classes=4, size=16, channels=3, seed=0, noise=0.5, pattern_seed=0):
    """A seeded synthetic data set: each class has its own smooth colour pattern (a random 4x4
    field upsampled to size x size, plus a class colour); an image is its class's pattern, randomly
    shifted by up to 2 pixels, plus Gaussian noise, as uint8. A tiny network learns it above chance
    within an epoch or two on CPU. pattern_seed fixes the classes' patterns, seed the samples: a
    training and a validation set of one task share pattern_seed and differ in seed. The same
    seeds always give the same images and labels."""
    pg = torch.Generator().manual_seed(pattern_seed)
    coarse = torch.randn(num_classes, channels, 4, 4, generator=pg)
    patterns = torch.nn.functional.interpolate(coarse, size=(size, size), mode="bilinear",
                                               align_corners=False)
    patterns = patterns + 0.5 * torch.randn(num_classes, channels, 1, 1, generator=pg)
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, num_classes, (n,), generator=g)
    images = patterns[labels]
    shifts = torch.randint(-2, 3, (n, 2), generator=g)
    for i in range(n):  # a small jitter so the task is not pure template matching
        images[i] = torch.roll(images[i], shifts=(int(shifts[i, 0]), int(shifts[i, 1])), dims=(1, 2))
    images = images + noise * torch.randn(images.shape, generator=g)
    images = (128 + 50 * images).round().clamp(0, 255).to(torch.uint8)
    return Dataset(images, labels.to(torch.int64))


# -------------------------------------------------------------------------------- normalisation

def channel_stats(images):
    """Per-channel mean and std of images in [0, 1] (uint8 images are divided by 255)."""
    x = images.float()
    if images.dtype == torch.uint8:
        x = x / 255.0
    x = x.transpose(0, 1).reshape(x.shape[1], -1)
    return tuple(x.mean(1).tolist()), tuple(x.std(1).clamp_min(1e-6).tolist())


def normalise(images, mean=None, std=None):
    """A float32 tensor (x / 255 for uint8 - mean) / std per channel; mean and std default to the
    images' own statistics (pass the training set's to normalise a validation set)."""
    if mean is None or std is None:
        m, s = channel_stats(images)
        mean = m if mean is None else mean
        std = s if std is None else std
    x = images.float()
    if images.dtype == torch.uint8:
        x = x / 255.0
    shape = (1, -1, 1, 1)
    mean = torch.as_tensor(mean, dtype=torch.float32, device=x.device).reshape(shape)
    std = torch.as_tensor(std, dtype=torch.float32, device=x.device).reshape(shape)
    return (x - mean) / std


normalize = normalise
