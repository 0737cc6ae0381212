#!/usr/bin/python3
"""Reference outputs for ChunkRT's image preprocessing (io.chunkrt.fusion.image), written to models/preprocessing/.

Every expected array is computed here by the libraries policies are trained and run with, never by ChunkRT's
own formulas:

* conversions and normalization: torchvision ``to_tensor`` (v / 255 in float32), LeRobot's ``x * 2 - 1``
  (SigLIP's [-1, 1]), torchvision ``Normalize`` / LeRobot's mean_std and min_max formulas in float32;
* crops: torchvision ``CenterCrop`` and ``crop``;
* bilinear: torch ``F.interpolate(mode="bilinear", align_corners=False)`` (= torchvision ``Resize`` with
  antialias=False on tensors), on float [0, 1] images as LeRobot's pi0/SmolVLA do;
* area: OpenCV ``cv2.resize(..., interpolation=cv2.INTER_AREA)`` (Diffusion Policy's real-robot transform), on
  float32 images, plus OpenCV uint8 outputs for the real frames;
* letterbox: LeRobot's two ``resize_with_pad`` variants, re-typed here from lerobot's source with torch ops:
  SmolVLA's (pad left/top with 0) and openpi's ``resize_with_pad_torch`` (centered, clamped; rounded on uint8);
* JPEG/PNG decoding: PIL (Debian's libjpeg-turbo and zlib).

The small test images are synthetic (seeded). The real-image cases read the decoded LeRobot wrist frames from
../shared/testdata/golden/video_frames when that folder exists and store only the expected outputs; the Java tests
read the same raw frames and skip when the folder is absent.

Needs Debian's python3-torch (1.13), python3-torchvision, python3-opencv, python3-pil, python3-numpy. Runs in a
few seconds; the output is byte-identical from run to run (``--check`` regenerates into a temporary folder and
compares).
"""

from __future__ import annotations

import argparse
import filecmp
import io
import json
import os
import sys
import tempfile

import cv2
import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812
import torchvision
import torchvision.transforms.functional as TF  # noqa: N812
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "preprocessing")
FRAMES = os.path.join(HERE, "..", "..", "shared", "testdata", "golden", "video_frames")
FRAME_NAMES = ["so101_wrist_frame0", "so101_wrist_frame100", "so101_wrist_frame1781"]

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
EPS = 1e-8
# per-channel stats of the card-normalization cases (in the scaled pixel space)
MEAN_STD = {"mean": [0.52, 0.47, 0.39], "std": [0.27, 0.22, 0.25]}
MIN_MAX = {"min": [-0.9, -1.0, -0.8], "max": [0.95, 1.0, 0.9]}
DEPTH_MEAN_STD = {"mean": [0.031], "std": [0.012]}


# ------------------------------------------------------------------------------------------------ images


def synthetic_rgb(h: int, w: int, seed: int) -> np.ndarray:
    """Gradients, a few sharp-edged shapes and per-pixel noise: smooth and high-frequency content together."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.zeros((h, w, 3), np.float64)
    img[..., 0] = 255 * x / (w - 1)
    img[..., 1] = 255 * y / (h - 1)
    img[..., 2] = 127.5 + 127.5 * np.sin(x / 3.1) * np.cos(y / 4.7)
    for _ in range(6):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(3, min(h, w) / 3)
        color = rng.uniform(0, 255, 3)
        mask = (x - cx) ** 2 + (y - cy) ** 2 < r * r
        img[mask] = color
    img += rng.normal(0, 18, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def natural_rgb(h: int, w: int, seed: int) -> np.ndarray:
    """A camera-like 640x480 scene for the decode benchmark: soft shading, textured regions, objects, sensor noise."""
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.empty((h, w, 3), np.float64)
    img[..., 0] = 90 + 60 * (y / h) + 20 * np.sin(x / 37.0)
    img[..., 1] = 80 + 50 * (x / w) + 15 * np.cos(y / 23.0)
    img[..., 2] = 70 + 40 * ((x + y) / (w + h))
    # a wood-like table texture in the lower half
    table = y > h * 0.55
    grain = 25 * np.sin(x / 5.0 + 3 * np.sin(y / 17.0)) + 10 * np.sin(x / 1.7)
    img[table] = np.stack([150 + grain, 105 + 0.7 * grain, 60 + 0.4 * grain], -1)[table]
    for _ in range(9):
        cx, cy = rng.uniform(0, w), rng.uniform(h * 0.3, h)
        rx, ry = rng.uniform(15, 80), rng.uniform(10, 60)
        color = rng.uniform(20, 235, 3)
        d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
        shade = np.clip(1.15 - 0.35 * d, 0.6, 1.15)[..., None]
        mask = d < 1
        img[mask] = (color * shade)[mask]
    img += rng.normal(0, 4, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def to_tensor(hwc: np.ndarray) -> torch.Tensor:
    """torchvision's to_tensor: HWC uint8 -> CHW float32 in [0, 1]."""
    return TF.to_tensor(hwc)


# ------------------------------------------------------------------------------------------------ the pipeline


def scale(x: torch.Tensor, mode: str) -> torch.Tensor:
    return x * 2.0 - 1.0 if mode == "symmetric" else x


def normalize(x: torch.Tensor, mode: str, stats) -> torch.Tensor:
    """LeRobot's formulas (normalize_processor.py) in float32, per channel."""
    if mode == "identity":
        return x
    if mode == "imagenet":
        return TF.normalize(x, IMAGENET_MEAN, IMAGENET_STD)
    if mode == "mean_std":
        mean = torch.tensor(stats["mean"], dtype=torch.float32)[:, None, None]
        std = torch.tensor(stats["std"], dtype=torch.float32)[:, None, None]
        return (x - mean) / (std + EPS)
    if mode == "min_max":
        lo = torch.tensor(stats["min"], dtype=torch.float32)[:, None, None]
        hi = torch.tensor(stats["max"], dtype=torch.float32)[:, None, None]
        denom = hi - lo
        denom = torch.where(denom == 0, torch.tensor(EPS, dtype=torch.float32), denom)
        return 2 * (x - lo) / denom - 1
    raise ValueError(mode)


def bilinear(x: torch.Tensor, h: int, w: int) -> torch.Tensor:
    return F.interpolate(x[None], size=(h, w), mode="bilinear", align_corners=False)[0]


def area_cv2(x: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """cv2 INTER_AREA on the float32 image (HWC for OpenCV)."""
    hwc = x.permute(1, 2, 0).numpy()
    out = cv2.resize(hwc, (w, h), interpolation=cv2.INTER_AREA)
    if out.ndim == 2:
        out = out[..., None]
    return torch.from_numpy(np.ascontiguousarray(out)).permute(2, 0, 1)


def letterbox_smolvla(x: torch.Tensor, h: int, w: int, pad_value: float = 0.0) -> torch.Tensor:
    """lerobot resize_with_pad (SmolVLA): bilinear to fit, pad on the left and top."""
    img = x[None]
    cur_h, cur_w = img.shape[2:]
    ratio = max(cur_w / w, cur_h / h)
    rh, rw = int(cur_h / ratio), int(cur_w / ratio)
    resized = F.interpolate(img, size=(rh, rw), mode="bilinear", align_corners=False)
    pad_h, pad_w = max(0, h - rh), max(0, w - rw)
    return F.pad(resized, (pad_w, 0, pad_h, 0), value=pad_value)[0]


def letterbox_openpi(x: torch.Tensor, h: int, w: int) -> torch.Tensor:
    """openpi resize_with_pad_torch (LeRobot pi0/pi05): bilinear to fit, clamp, centered padding with 0.
    On uint8 input the resized image is rounded and clamped to uint8 as openpi does."""
    img = x[None]
    cur_h, cur_w = img.shape[2:]
    ratio = max(cur_w / w, cur_h / h)
    rh, rw = int(cur_h / ratio), int(cur_w / ratio)
    if img.dtype == torch.uint8:
        resized = F.interpolate(img.float(), size=(rh, rw), mode="bilinear", align_corners=False)
        resized = torch.round(resized).clamp(0, 255).to(torch.uint8)
    else:
        resized = F.interpolate(img, size=(rh, rw), mode="bilinear", align_corners=False).clamp(0.0, 1.0)
    pad_h0, rem_h = divmod(h - rh, 2)
    pad_w0, rem_w = divmod(w - rw, 2)
    return F.pad(resized, (pad_w0, pad_w0 + rem_w, pad_h0, pad_h0 + rem_h), mode="constant", value=0)[0]


def preprocess(hwc: np.ndarray, case: dict) -> torch.Tensor:
    """The reference pipeline: to_tensor, crop, resize, channel order, scale, normalize."""
    if hwc.dtype == np.uint16:
        x = torch.from_numpy(hwc.astype(np.float32) / np.float32(65535.0)).permute(2, 0, 1).contiguous()
    else:
        x = to_tensor(hwc)
    crop = case.get("crop")
    if crop is not None:
        if crop.get("centered", True):
            x = TF.center_crop(x, [crop["height"], crop["width"]])
        else:
            x = TF.crop(x, crop["top"], crop["left"], crop["height"], crop["width"])
    h, w, resize = case["height"], case["width"], case["resize"]
    if resize == "bilinear":
        x = bilinear(x, h, w)
    elif resize == "area":
        x = area_cv2(x, h, w)
    elif resize == "letterbox":
        x = letterbox_smolvla(x, h, w)
    elif resize == "letterbox_center":
        x = letterbox_openpi(x, h, w)
    else:
        assert x.shape[1:] == (h, w), (case["name"], x.shape)
    if case.get("channels", 3) == 3 and x.shape[0] == 1:
        x = x.expand(3, -1, -1).contiguous()
    if case.get("channel_order", "rgb") == "bgr":
        x = x.flip(0)
    x = scale(x, case["scale"])
    return normalize(x, case["normalization"], case.get("stats")).contiguous()


# ------------------------------------------------------------------------------------------------ writers


def save(name: str, array) -> None:
    if isinstance(array, torch.Tensor):
        array = array.numpy()
    array = np.ascontiguousarray(array)
    assert array.dtype in (np.float32, np.uint8, np.uint16), array.dtype
    with open(os.path.join(OUT, name), "wb") as f:
        np.save(f, array, allow_pickle=False)


def save_image(name: str, hwc: np.ndarray, **kw) -> None:
    buf = io.BytesIO()
    mode = {3: "RGB", 4: "RGBA"}.get(hwc.shape[2]) if hwc.ndim == 3 else ("I;16" if hwc.dtype == np.uint16 else "L")
    Image.fromarray(hwc, mode=mode).save(buf, **kw)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buf.getvalue())


def conversion_tables() -> list:
    """normalize(scale(v / 255)) for every 8-bit v and channel: the whole table a raw 8-bit pixel can hit."""
    v = torch.arange(256, dtype=torch.uint8).reshape(1, 1, 256).expand(3, 1, 256).contiguous()
    x = v.float().div(255)  # to_tensor's arithmetic
    tables = []
    for scale_mode, norm, stats in [("unit", "identity", None), ("symmetric", "identity", None), ("unit", "imagenet", None),
                                    ("unit", "mean_std", MEAN_STD), ("symmetric", "min_max", MIN_MAX),
                                    ("symmetric", "mean_std", MEAN_STD)]:
        name = f"table.{scale_mode}.{norm}.npy"
        save(name, normalize(scale(x, scale_mode), norm, stats).reshape(3, 256))
        tables.append({"file": name, "scale": scale_mode, "normalization": norm, "stats": stats})
    return tables


def synthetic_cases() -> list:
    rgb = synthetic_rgb(48, 64, seed=7)
    save("rgb_64x48.npy", rgb)
    rng = np.random.RandomState(11)
    depth = (rng.uniform(400, 3000, (30, 40)) + 300 * np.sin(np.mgrid[0:30, 0:40][1] / 4.0)).astype(np.uint16)
    depth[5:9, 10:14] = 65535  # saturated sensor pixels
    depth[20:22, :] = 0        # invalid depth
    save("depth_40x30.npy", depth)
    gray = rgb[..., 1].copy()  # the mono8 source: the green plane

    exact, resize = 0.0, 1e-3
    cases = [
        # conversions and normalization: exact
        dict(name="none_unit_identity", height=48, width=64, resize="none", scale="unit", normalization="identity", tolerance=exact),
        dict(name="none_symmetric_imagenet", height=48, width=64, resize="none", scale="symmetric", normalization="imagenet", tolerance=exact),
        dict(name="none_unit_imagenet", height=48, width=64, resize="none", scale="unit", normalization="imagenet", tolerance=exact),
        dict(name="none_unit_mean_std_bgr", height=48, width=64, resize="none", scale="unit", normalization="mean_std", stats=MEAN_STD,
             channel_order="bgr", tolerance=exact),
        dict(name="none_symmetric_min_max", height=48, width=64, resize="none", scale="symmetric", normalization="min_max", stats=MIN_MAX,
             tolerance=exact),
        dict(name="centercrop_30x40", height=30, width=40, resize="none", scale="unit", normalization="identity",
             crop={"height": 30, "width": 40}, tolerance=exact),
        # (48 - 23) / 2 = 12.5 and (64 - 41) / 2 = 11.5: Python's round() halves to even, 12 for both
        dict(name="centercrop_23x41_half_pixel", height=23, width=41, resize="none", scale="symmetric", normalization="identity",
             crop={"height": 23, "width": 41}, tolerance=exact),
        dict(name="fixedcrop_32x32", height=32, width=32, resize="none", scale="unit", normalization="imagenet",
             crop={"height": 32, "width": 32, "top": 5, "left": 7, "centered": False}, tolerance=exact),
        # resizes: within 1e-3
        dict(name="bilinear_half", height=24, width=32, resize="bilinear", scale="unit", normalization="identity", tolerance=resize),
        dict(name="bilinear_30x50_imagenet", height=30, width=50, resize="bilinear", scale="unit", normalization="imagenet", tolerance=resize),
        dict(name="bilinear_up_80x96", height=80, width=96, resize="bilinear", scale="symmetric", normalization="identity", tolerance=resize),
        dict(name="bilinear_same_size", height=48, width=64, resize="bilinear", scale="unit", normalization="mean_std", stats=MEAN_STD,
             tolerance=exact),
        dict(name="area_half", height=24, width=32, resize="area", scale="unit", normalization="identity", tolerance=resize),
        dict(name="area_20x28_mean_std", height=20, width=28, resize="area", scale="unit", normalization="mean_std", stats=MEAN_STD,
             tolerance=resize),
        dict(name="area_up_60x80", height=60, width=80, resize="area", scale="unit", normalization="identity", tolerance=resize),
        dict(name="area_mixed_40x96", height=40, width=96, resize="area", scale="unit", normalization="identity", tolerance=resize),
        dict(name="letterbox_smolvla_32x32", height=32, width=32, resize="letterbox", scale="symmetric", normalization="identity",
             tolerance=resize),
        dict(name="letterbox_smolvla_24x40_tall", height=40, width=24, resize="letterbox", scale="symmetric", normalization="identity",
             tolerance=resize),
        dict(name="letterbox_smolvla_32x64_wide", height=32, width=64, resize="letterbox", scale="symmetric", normalization="identity",
             crop={"height": 48, "width": 48}, tolerance=resize),
        dict(name="letterbox_openpi_32x32", height=32, width=32, resize="letterbox_center", scale="symmetric", normalization="identity",
             tolerance=resize),
        dict(name="letterbox_openpi_41x50_wide", height=41, width=80, resize="letterbox_center", scale="unit", normalization="imagenet",
             tolerance=resize),
        dict(name="centercrop_40x40_bilinear_24x24", height=24, width=24, resize="bilinear", scale="unit", normalization="imagenet",
             crop={"height": 40, "width": 40}, tolerance=resize),
        dict(name="centercrop_40x40_area_16x16_bgr", height=16, width=16, resize="area", scale="symmetric", normalization="identity",
             crop={"height": 40, "width": 40}, channel_order="bgr", tolerance=resize),
    ]
    for c in cases:
        c["source"] = "rgb_64x48.npy"
        c["channels"] = 3
        save(f"case.{c['name']}.npy", preprocess(rgb, c))

    mono = [
        dict(name="mono8_gray_1ch", height=48, width=64, resize="none", scale="unit", normalization="identity", channels=1,
             source="rgb_64x48.npy:green", tolerance=exact),
        dict(name="mono8_replicated_3ch_imagenet", height=48, width=64, resize="none", scale="unit", normalization="imagenet", channels=3,
             source="rgb_64x48.npy:green", tolerance=exact),
        dict(name="mono8_bilinear_1ch", height=20, width=30, resize="bilinear", scale="symmetric", normalization="identity", channels=1,
             source="rgb_64x48.npy:green", tolerance=resize),
    ]
    for c in mono:
        src = gray[..., None] if c["channels"] == 1 else np.array(Image.fromarray(gray, mode="L").convert("RGB"))
        save(f"case.{c['name']}.npy", preprocess(src, c))
    depth_cases = [
        dict(name="depth16_unit", height=30, width=40, resize="none", scale="unit", normalization="identity", channels=1,
             source="depth_40x30.npy", tolerance=exact),
        dict(name="depth16_mean_std", height=30, width=40, resize="none", scale="unit", normalization="mean_std", stats=DEPTH_MEAN_STD,
             channels=1, source="depth_40x30.npy", tolerance=exact),
        dict(name="depth16_area_15x20", height=15, width=20, resize="area", scale="unit", normalization="identity", channels=1,
             source="depth_40x30.npy", tolerance=resize),
        dict(name="depth16_bilinear_12x16_mean_std", height=12, width=16, resize="bilinear", scale="unit", normalization="mean_std",
             stats=DEPTH_MEAN_STD, channels=1, source="depth_40x30.npy", tolerance=resize),
    ]
    for c in depth_cases:
        save(f"case.{c['name']}.npy", preprocess(depth[..., None], c))
    return cases + mono + depth_cases


def codec_files() -> dict:
    """Small JPEG/PNG files with PIL's decoding of them, and the 640x480 JPEG the decode benchmark uses."""
    rgb = synthetic_rgb(64, 96, seed=3)
    save_image("jpeg_96x64_q90.jpg", rgb, format="JPEG", quality=90)
    save("jpeg_96x64_q90.decoded.npy", np.array(Image.open(os.path.join(OUT, "jpeg_96x64_q90.jpg")).convert("RGB")))
    gray = rgb[..., 1].copy()
    save_image("jpeg_gray_96x64_q90.jpg", gray, format="JPEG", quality=90)
    save("jpeg_gray_96x64_q90.decoded.npy", np.asarray(Image.open(os.path.join(OUT, "jpeg_gray_96x64_q90.jpg"))))
    small = synthetic_rgb(30, 40, seed=5)
    save_image("png_rgb_40x30.png", small, format="PNG")
    save("png_rgb_40x30.decoded.npy", np.asarray(Image.open(os.path.join(OUT, "png_rgb_40x30.png"))))
    alpha = np.concatenate([small, (np.arange(30 * 40) % 256).astype(np.uint8).reshape(30, 40, 1)], axis=2)
    save_image("png_rgba_40x30.png", alpha, format="PNG")
    save("png_rgba_40x30.decoded.npy", np.asarray(Image.open(os.path.join(OUT, "png_rgba_40x30.png"))))
    depth = np.load(os.path.join(OUT, "depth_40x30.npy"))
    save_image("png_depth16_40x30.png", depth, format="PNG")
    decoded16 = np.asarray(Image.open(os.path.join(OUT, "png_depth16_40x30.png"))).astype(np.uint16)
    assert np.array_equal(decoded16, depth)
    bench = natural_rgb(480, 640, seed=1)
    save_image("bench_640x480_q90.jpg", bench, format="JPEG", quality=90)
    return {
        "jpeg": [{"file": "jpeg_96x64_q90.jpg", "decoded": "jpeg_96x64_q90.decoded.npy", "encoding": "rgb8"},
                 {"file": "jpeg_gray_96x64_q90.jpg", "decoded": "jpeg_gray_96x64_q90.decoded.npy", "encoding": "mono8"}],
        "png": [{"file": "png_rgb_40x30.png", "decoded": "png_rgb_40x30.decoded.npy", "encoding": "rgb8"},
                {"file": "png_rgba_40x30.png", "decoded": "png_rgba_40x30.decoded.npy", "encoding": "rgba8"},
                {"file": "png_depth16_40x30.png", "decoded": "depth_40x30.npy", "encoding": "mono16"}],
        "benchmark_jpeg": "bench_640x480_q90.jpg",
    }


def real_frame_cases() -> list:
    """Expected outputs for the decoded LeRobot wrist frames (640x360 rgb24) of the shared test data."""
    if not os.path.isdir(FRAMES):
        print(f"note: {FRAMES} is absent; keeping the real-frame references already in {OUT}", file=sys.stderr)
        return json.load(open(os.path.join(OUT, "manifest.json")))["real_frames"]
    out = []

    def frame(name):
        raw = np.fromfile(os.path.join(FRAMES, name + "_640x360_rgb24.raw"), dtype=np.uint8)
        return raw.reshape(360, 640, 3)

    for name in ["so101_wrist_frame0", "so101_wrist_frame1781"]:
        img = frame(name)
        # OpenCV on uint8, as a ROS node would run it: compare within +-1 in 8-bit
        u8 = cv2.resize(img, (224, 224), interpolation=cv2.INTER_LINEAR)
        save(f"real.{name}.bilinear224.cv2.npy", u8)
        out.append(dict(frame=name, name=f"{name}_bilinear224_cv2_u8", height=224, width=224, resize="bilinear", expected_u8=True,
                        file=f"real.{name}.bilinear224.cv2.npy", tolerance=1))
        u8 = cv2.resize(img, (224, 224), interpolation=cv2.INTER_AREA)
        save(f"real.{name}.area224.cv2.npy", u8)
        out.append(dict(frame=name, name=f"{name}_area224_cv2_u8", height=224, width=224, resize="area", expected_u8=True,
                        file=f"real.{name}.area224.cv2.npy", tolerance=1))
    name = "so101_wrist_frame100"
    img = frame(name)
    u8 = letterbox_openpi(torch.from_numpy(img).permute(2, 0, 1).contiguous(), 224, 224).permute(1, 2, 0).contiguous().numpy()
    save(f"real.{name}.letterbox_center224.openpi.npy", u8)
    out.append(dict(frame=name, name=f"{name}_letterbox_center224_openpi_u8", height=224, width=224, resize="letterbox_center",
                    expected_u8=True, file=f"real.{name}.letterbox_center224.openpi.npy", tolerance=1))
    for c in [dict(name=f"{name}_bilinear96_imagenet", height=96, width=96, resize="bilinear", scale="unit", normalization="imagenet"),
              dict(name=f"{name}_area96_mean_std", height=96, width=96, resize="area", scale="unit", normalization="mean_std", stats=MEAN_STD),
              dict(name=f"{name}_letterbox96_smolvla", height=96, width=96, resize="letterbox", scale="symmetric", normalization="identity")]:
        c.update(frame=name, file=f"real.{c['name']}.npy", tolerance=1e-3, channels=3)
        save(c["file"], preprocess(img, c))
        out.append(c)
    return out


def generate(out_dir: str) -> None:
    global OUT
    OUT = out_dir
    os.makedirs(OUT, exist_ok=True)
    manifest = {
        "generator": "models/export_preprocessing_refs.py",
        "versions": {"torch": torch.__version__, "torchvision": torchvision.__version__, "opencv": cv2.__version__,
                     "pil": Image.__version__, "numpy": np.__version__},
        "eps": EPS,
        "tables": conversion_tables(),
        "cases": synthetic_cases(),
        "codecs": codec_files(),
    }
    manifest["real_frames"] = real_frame_cases()
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="regenerate into a temporary folder and compare byte for byte")
    args = ap.parse_args()
    torch.set_num_threads(1)
    if not args.check:
        generate(OUT)
        print(f"wrote {len(os.listdir(OUT))} files to {OUT}")
        return 0
    target = OUT
    with tempfile.TemporaryDirectory() as tmp:
        if not os.path.isdir(FRAMES):
            # real-frame references cannot be regenerated without the shared frames: compare the rest
            os.makedirs(tmp, exist_ok=True)
            with open(os.path.join(tmp, "manifest.json"), "w") as f:
                f.write(open(os.path.join(target, "manifest.json")).read())
        generate(tmp)
        names = sorted(os.listdir(tmp))
        match, mismatch, errors = filecmp.cmpfiles(target, tmp, names, shallow=False)
        for n in mismatch + errors:
            print(f"differs: {n}")
        print(f"{len(match)} of {len(names)} files identical")
        return 0 if not mismatch and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
