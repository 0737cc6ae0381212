#!/usr/bin/env python3
"""Builds, exports and writes reference outputs for ChunkRT's small deterministic test policies.

Run from anywhere:   /usr/bin/python3 models/export_models.py

Needs only Debian's python3-torch (1.13), python3-onnx (1.12) and python3-numpy; no network. Everything
under models/ that this script owns is rewritten: the four ONNX models with their policy cards, the
reference tensors under models/<model>/reference/, and the LeRobot checkpoint fixtures under
models/lerobot_fixtures/. Re-running gives byte-identical files (checked with --check-determinism).
See models/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from typing import Dict, List, Mapping, Sequence

sys.dont_write_bytecode = True  # keep models/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

import artifact_io as aio  # noqa: E402
import lerobot_checkpoints as lrc  # noqa: E402
import policy_nets as nets  # noqa: E402
import ref_schedulers as rs  # noqa: E402
from artifact_io import f32, save_npy, stats_yaml, yaml_flow_list, yaml_scalar  # noqa: E402

OPSET = 14
EPS = 1e-8
ACT_MIN_STD = 1e-2

ALOHA_JOINTS = [
    f"{side}_{j}"
    for side in ("left", "right")
    for j in ("waist", "shoulder", "elbow", "forearm_roll", "wrist_angle", "wrist_rotate", "gripper")
]
SIX_JOINTS = [f"joint_{i}" for i in range(1, 7)]

# LeRobot's ACTConfig refuses temporal_ensemble_coeff together with n_action_steps > 1; the fixtures follow
# the project brief (100, matching act_like/card.yaml). Set to 1 for a config LeRobot itself would load.
ACT_FIXTURE_N_ACTION_STEPS = 100


# ==================================================================================================
# deterministic stats
# ==================================================================================================


def dyadic(x, bits: int = 10) -> np.ndarray:
    """Rounds to a multiple of 2**-bits: exact in float32 and short in decimal (e.g. 0.431640625)."""
    s = float(2**bits)
    return (np.round(np.asarray(x, dtype=np.float64) * s) / s).astype(np.float32)


def mean_std_stats(rng: np.random.RandomState, n: int, mean_lo: float, mean_hi: float, std_lo: float,
                   std_hi: float) -> Dict[str, np.ndarray]:
    mean = dyadic(rng.uniform(mean_lo, mean_hi, n))
    std = dyadic(rng.uniform(std_lo, std_hi, n))
    lo = dyadic(mean - rng.uniform(2.0, 3.0, n) * std)
    hi = dyadic(mean + rng.uniform(2.0, 3.0, n) * std)
    return {"mean": mean, "std": std, "min": lo, "max": hi}


def min_max_stats(rng: np.random.RandomState, n: int, lo_lo: float, lo_hi: float, span_lo: float, span_hi: float,
                  constant_dims: Sequence[int] = ()) -> Dict[str, np.ndarray]:
    lo = dyadic(rng.uniform(lo_lo, lo_hi, n))
    hi = dyadic(lo + rng.uniform(span_lo, span_hi, n))
    mean = dyadic(lo + (hi - lo) * rng.uniform(0.35, 0.65, n))
    std = dyadic((hi - lo) * rng.uniform(0.15, 0.3, n))
    for d in constant_dims:  # a joint that never moved in the dataset: min == max, std == 0
        hi[d] = lo[d]
        mean[d] = lo[d]
        std[d] = np.float32(0.0)
    assert np.all(hi >= lo)
    return {"mean": mean, "std": std, "min": lo, "max": hi}


def image_stats(rng: np.random.RandomState) -> Dict[str, np.ndarray]:
    return {
        "mean": dyadic(rng.uniform(0.35, 0.55, 3)),
        "std": dyadic(rng.uniform(0.18, 0.30, 3)),
        "min": np.zeros(3, dtype=np.float32),
        "max": np.ones(3, dtype=np.float32),
    }


# ==================================================================================================
# normalization (LeRobot normalize_processor.py, float32 torch, same operation order)
# ==================================================================================================


def _stat(stats: Mapping[str, np.ndarray], key: str, image: bool) -> torch.Tensor:
    t = torch.from_numpy(np.asarray(stats[key], dtype=np.float32).copy())
    return t.reshape(-1, 1, 1) if image else t


def normalize(x: torch.Tensor, mode: str, stats, variant: str = "lerobot", image: bool = False) -> torch.Tensor:
    if mode == "identity":
        return x
    if mode == "mean_std":
        mean, std = _stat(stats, "mean", image), _stat(stats, "std", image)
        if variant == "act_original":
            return (x - mean) / torch.clamp(std, min=ACT_MIN_STD)
        return (x - mean) / (std + EPS)
    if mode in ("min_max", "quantiles", "quantile10"):
        lo_key, hi_key = {"min_max": ("min", "max"), "quantiles": ("q01", "q99"), "quantile10": ("q10", "q90")}[mode]
        lo, hi = _stat(stats, lo_key, image), _stat(stats, hi_key, image)
        denom = hi - lo
        denom = torch.where(denom == 0, torch.tensor(EPS, dtype=torch.float32), denom)
        return 2 * (x - lo) / denom - 1
    raise ValueError(mode)


def unnormalize(y: torch.Tensor, mode: str, stats, variant: str = "lerobot") -> torch.Tensor:
    if mode == "identity":
        return y
    if mode == "mean_std":
        mean, std = _stat(stats, "mean", False), _stat(stats, "std", False)
        if variant == "act_original":
            return y * torch.clamp(std, min=ACT_MIN_STD) + mean
        return y * std + mean
    if mode in ("min_max", "quantiles", "quantile10"):
        lo_key, hi_key = {"min_max": ("min", "max"), "quantiles": ("q01", "q99"), "quantile10": ("q10", "q90")}[mode]
        lo, hi = _stat(stats, lo_key, False), _stat(stats, hi_key, False)
        denom = hi - lo
        denom = torch.where(denom == 0, torch.tensor(EPS, dtype=torch.float32), denom)
        if mode == "min_max":
            return (y + 1) / 2 * denom + lo
        return (y + 1.0) * denom / 2.0 + lo
    raise ValueError(mode)


# ==================================================================================================
# export
# ==================================================================================================

REPORT: List[str] = []


def export_onnx(model: torch.nn.Module, args, input_names, output_names, path: str) -> str:
    """torch.onnx.export (opset 14, static shapes, constant folding) -> file; returns its sha256."""
    model.eval()
    buf = io.BytesIO()
    with torch.no_grad():
        torch.onnx.export(model, tuple(args), buf, input_names=list(input_names), output_names=list(output_names),
                          opset_version=OPSET, do_constant_folding=True, export_params=True)
    data = buf.getvalue()
    proto = onnx.load_from_string(data)
    onnx.checker.check_model(proto, full_check=True)
    got_in = [i.name for i in proto.graph.input]
    got_out = [o.name for o in proto.graph.output]
    assert got_in == list(input_names), (got_in, input_names)
    assert got_out == list(output_names), (got_out, output_names)
    aio.write_bytes(path, data)
    return aio.sha256_hex(data)


def seeded(seed: int) -> torch.Generator:
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def build(model_cls, seed: int, **kw) -> torch.nn.Module:
    torch.manual_seed(seed)
    m = model_cls(**kw)
    m.eval()
    return m


def max_abs(x) -> float:
    return float(np.max(np.abs(np.asarray(x))))


# ==================================================================================================
# cards
# ==================================================================================================


def state_input(name: str, joints, history: int, normalization: str) -> List[str]:
    return [
        f"  - name: {name}",
        f"    feature: {name}",
        "    type: state",
        f"    joints: {yaml_flow_list(joints)}",
        f"    history: {history}",
        f"    normalization: {normalization}",
    ]


def image_input(name: str, camera: str, c: int, h: int, w: int, normalization: str) -> List[str]:
    return [
        f"  - name: {name}",
        f"    feature: {name}",
        "    type: image",
        f"    camera: {camera}",
        "    history: 1",
        f"    normalization: {normalization}",
        "    image:",
        f"      channels: {c}",
        f"      height: {h}",
        f"      width: {w}",
        "      resize: bilinear",
        "      scale: unit",
    ]


def card_text(*, name: str, kind: str, onnx_file: str, sha: str, inputs: List[str], out_name: str, joints,
              horizon: int, out_norm: str, variant: str, stats, policy_hz: int, control_hz: int,
              execution: Mapping[str, object], extra: List[str] = ()) -> str:
    lines = [
        f"# Generated by models/export_models.py - do not edit; re-run the script instead.",
        f"name: {name}",
        f"kind: {kind}",
        "model:",
        f"  file: {onnx_file}",
        f"  sha256: {sha}",
        "inputs:",
        *inputs,
        "output:",
        f"  name: {out_name}",
        "  feature: action",
        f"  joints: {yaml_flow_list(joints)}",
        f"  horizon: {horizon}",
        "  semantics: absolute",
        f"  normalization: {out_norm}",
        "normalization:",
        f"  variant: {variant}",
        f"  eps: {yaml_scalar(EPS)}",
        *stats_yaml(stats),
        "rates:",
        f"  policy_hz: {policy_hz}",
        f"  control_hz: {control_hz}",
        "execution:",
        *[f"  {k}: {yaml_scalar(v)}" for k, v in execution.items()],
        *extra,
    ]
    return "\n".join(lines) + "\n"


def diffusion_section(d: rs.DiffusionConfig) -> List[str]:
    return [
        "diffusion:",
        "  sample_input: sample",
        "  timestep_input: timestep",
        f"  scheduler: {d.scheduler}",
        f"  num_train_timesteps: {d.num_train_timesteps}",
        f"  num_inference_steps: {d.num_inference_steps}",
        f"  beta_schedule: {d.beta_schedule}",
        f"  beta_start: {yaml_scalar(d.beta_start)}",
        f"  beta_end: {yaml_scalar(d.beta_end)}",
        f"  prediction_type: {d.prediction_type}",
        f"  clip_sample: {yaml_scalar(d.clip_sample)}",
        f"  clip_sample_range: {yaml_scalar(d.clip_sample_range)}",
        f"  set_alpha_to_one: {yaml_scalar(d.set_alpha_to_one)}",
        f"  steps_offset: {d.steps_offset}",
        f"  timestep_spacing: {d.timestep_spacing}",
        f"  eta: {yaml_scalar(d.eta)}",
    ]


def flow_section(num_steps: int, convention: str) -> List[str]:
    return [
        "flow:",
        "  sample_input: x_t",
        "  time_input: time",
        f"  num_steps: {num_steps}",
        f"  time_convention: {convention}",
    ]


def check_card(path: str) -> None:
    """Parses the card back (PyYAML when present) and checks every stats value is float32-exact."""
    try:
        import yaml  # python3-yaml; optional
    except ImportError:  # pragma: no cover
        return
    with open(path, "r", encoding="utf-8") as f:
        card = yaml.safe_load(f)
    assert isinstance(card["normalization"]["eps"], float)
    for feature, named in card["stats"].items():
        for stat, vec in named.items():
            for v in vec:
                assert isinstance(v, float), (path, feature, stat, v)
                assert float(np.float32(v)) == v, (path, feature, stat, v)
    if "diffusion" in card:
        for k in ("beta_start", "beta_end", "clip_sample_range", "eta"):
            assert isinstance(card["diffusion"][k], float), (path, k)


def write_card(path: str, text: str) -> None:
    aio.write_text(path, text)
    check_card(path)


def write_reference_readme(path: str, text: str) -> None:
    aio.write_text(path, " ".join(text.split()) + "\n")


# ==================================================================================================
# 1. act_like
# ==================================================================================================

ACT_STATS_SEED = 101


def act_stats() -> Dict[str, Dict[str, np.ndarray]]:
    rng = np.random.RandomState(ACT_STATS_SEED)
    state = mean_std_stats(rng, 14, -0.6, 0.6, 0.04, 0.5)
    action = mean_std_stats(rng, 14, -0.6, 0.6, 0.04, 0.5)
    top = image_stats(rng)
    wrist = image_stats(rng)
    return {
        "observation.state": state,
        "observation.images.top": top,
        "observation.images.wrist": wrist,
        "action": action,
    }


def export_act_like(root: str) -> Dict[str, Dict[str, np.ndarray]]:
    folder = os.path.join(root, "act_like")
    ref = os.path.join(folder, "reference")
    stats = act_stats()
    model = build(nets.ActLike, 1001)

    g = seeded(1002)
    st = stats["observation.state"]
    raw_state = torch.from_numpy(st["mean"]) + torch.from_numpy(st["std"]) * torch.randn(1, 14, generator=g)
    raw_top = torch.rand(1, 3, 48, 64, generator=g)
    raw_wrist = torch.rand(1, 3, 48, 64, generator=g)
    n_state = normalize(raw_state, "mean_std", st)
    n_top = normalize(raw_top, "mean_std", stats["observation.images.top"], image=True)
    n_wrist = normalize(raw_wrist, "mean_std", stats["observation.images.wrist"], image=True)

    names = ["observation.state", "observation.images.top", "observation.images.wrist"]
    sha = export_onnx(model, (n_state, n_top, n_wrist), names, ["action"], os.path.join(folder, "act_like.onnx"))
    with torch.no_grad():
        out = model(n_state, n_top, n_wrist)
    action = unnormalize(out, "mean_std", stats["action"])

    for n, raw, norm in zip(names, (raw_state, raw_top, raw_wrist), (n_state, n_top, n_wrist)):
        save_npy(os.path.join(ref, f"input.{n}.npy"), raw)
        save_npy(os.path.join(ref, f"onnx_input.{n}.npy"), norm)
    save_npy(os.path.join(ref, "onnx_output.action.npy"), out)
    save_npy(os.path.join(ref, "action.npy"), action)
    write_reference_readme(os.path.join(ref, "README"), """
        Reference tensors for act_like.onnx (card.yaml). input.<name>.npy are the raw observations (state in
        joint units, images float32 CHW in [0,1]); onnx_input.<name>.npy are the same after the card's
        normalization (LeRobot mean_std, eps 1e-8, per-channel image stats); onnx_output.action.npy is the
        network output [1,100,14] for exactly those onnx_input tensors (one forward pass, torch float32) and
        action.npy is that output unnormalized with the action mean/std: the chunk the runtime should return.
        All float32 little-endian .npy v1.0, C order; tolerance 1e-4.""")

    inputs = (state_input("observation.state", ALOHA_JOINTS, 1, "mean_std")
              + image_input("observation.images.top", "top", 3, 48, 64, "mean_std")
              + image_input("observation.images.wrist", "wrist", 3, 48, 64, "mean_std"))
    write_card(os.path.join(folder, "card.yaml"), card_text(
        name="act_like", kind="chunk", onnx_file="act_like.onnx", sha=sha, inputs=inputs, out_name="action",
        joints=ALOHA_JOINTS, horizon=100, out_norm="mean_std", variant="lerobot", stats=stats,
        policy_hz=50, control_hz=50,
        execution={"executor": "temporal_ensembling", "n_action_steps": 100, "temporal_ensemble_coeff": 0.01}))
    REPORT.append(f"act_like: max|onnx_output| {max_abs(out):.4f}, max|action| {max_abs(action):.4f}")
    return stats


# ==================================================================================================
# 2. unet_denoiser
# ==================================================================================================

UNET_STATS_SEED = 202
UNET_CONSTANT_STATE_DIM = 3  # joint_4 never moved: min == max (exercises LeRobot's eps substitution)


def unet_stats() -> Dict[str, Dict[str, np.ndarray]]:
    rng = np.random.RandomState(UNET_STATS_SEED)
    state = min_max_stats(rng, 6, -1.5, -0.2, 0.6, 2.2, constant_dims=[UNET_CONSTANT_STATE_DIM])
    action = min_max_stats(rng, 6, -1.5, -0.2, 0.6, 2.2)
    return {"observation.state": state, "action": action}


def diffusion_variants() -> Dict[str, rs.DiffusionConfig]:
    base = dict(num_train_timesteps=100, beta_schedule="squaredcos_cap_v2", beta_start=0.0001, beta_end=0.02,
                prediction_type="epsilon", clip_sample=True, clip_sample_range=1.0, set_alpha_to_one=True,
                steps_offset=0, timestep_spacing="leading", eta=0.0)
    D = rs.DiffusionConfig
    return {
        "card": D(scheduler="ddpm", num_inference_steps=100, **base),
        "card_ddim10": D(scheduler="ddim", num_inference_steps=10, **base),
        "card_ddim100": D(scheduler="ddim", num_inference_steps=100, **base),
        "card_ddpm_linear": D(**{**base, "scheduler": "ddpm", "num_inference_steps": 20, "beta_schedule": "linear",
                                 "prediction_type": "sample", "clip_sample": False,
                                 "timestep_spacing": "linspace", "steps_offset": 0}),
        "card_ddim_scaled": D(**{**base, "scheduler": "ddim", "num_inference_steps": 25,
                                 "beta_schedule": "scaled_linear", "timestep_spacing": "leading",
                                 "steps_offset": 1, "set_alpha_to_one": False, "eta": 0.0}),
    }


def export_unet(root: str):
    folder = os.path.join(root, "unet_denoiser")
    ref = os.path.join(folder, "reference")
    stats = unet_stats()
    model = build(nets.UnetDenoiser, 2001)
    st = stats["observation.state"]

    g = seeded(2002)
    lo, hi = torch.from_numpy(st["min"]), torch.from_numpy(st["max"])
    raw_state = lo + (hi - lo) * (0.05 + 0.9 * torch.rand(1, 2, 6, generator=g))
    raw_state[..., UNET_CONSTANT_STATE_DIM] = lo[UNET_CONSTANT_STATE_DIM]  # exactly the constant value
    n_state = normalize(raw_state, "min_max", st)
    assert torch.all(n_state[..., UNET_CONSTANT_STATE_DIM] == -1.0)

    # one single forward pass for the graph check
    sample = torch.randn(1, 16, 6, generator=g)
    timestep = torch.tensor([42], dtype=torch.int64)
    names = ["sample", "timestep", "observation.state"]
    sha = export_onnx(model, (sample, timestep, n_state), names, ["model_output"],
                      os.path.join(folder, "unet_denoiser.onnx"))
    with torch.no_grad():
        out = model(sample, timestep, n_state)
    save_npy(os.path.join(ref, "input.observation.state.npy"), raw_state)
    save_npy(os.path.join(ref, "onnx_input.observation.state.npy"), n_state)
    save_npy(os.path.join(ref, "onnx_input.sample.npy"), sample)
    save_npy(os.path.join(ref, "onnx_input.timestep.npy"), timestep)
    save_npy(os.path.join(ref, "onnx_output.model_output.npy"), out)
    REPORT.append(f"unet_denoiser: max|onnx_output| {max_abs(out):.4f}")

    def net(x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return model(x, t, n_state)

    inputs = state_input("observation.state", SIX_JOINTS, 2, "min_max")
    a_lo, a_hi = stats["action"]["min"], stats["action"]["max"]
    for i, (variant, d) in enumerate(diffusion_variants().items()):
        noise = torch.randn(d.noise_rows(), 16, 6, generator=seeded(2100 + i))
        final, timesteps, alphas_cumprod = rs.diffusion_sample(d, net, noise)
        action = unnormalize(final, "min_max", stats["action"])
        save_npy(os.path.join(ref, f"{variant}.noise.npy"), noise)
        save_npy(os.path.join(ref, f"{variant}.timesteps.npy"), timesteps)
        save_npy(os.path.join(ref, f"{variant}.alphas_cumprod.npy"), alphas_cumprod)
        save_npy(os.path.join(ref, f"{variant}.action.npy"), action)
        a = action.numpy()[0]
        assert np.all(np.isfinite(a))
        span = a_hi - a_lo
        outside = float(np.max(np.maximum(a - a_hi, a_lo - a) / span))
        REPORT.append(f"unet_denoiser {variant}: {d.scheduler} N={d.num_inference_steps} K={noise.shape[0]} "
                      f"timesteps {timesteps[:3].tolist()}..{timesteps[-2:].tolist()}, max|action| {max_abs(a):.4f}, "
                      f"max excursion beyond [min,max] {max(outside, 0.0):.3f} of the range")
        name = "unet_denoiser" if variant == "card" else f"unet_denoiser_{variant[len('card_'):]}"
        write_card(os.path.join(folder, f"{variant}.yaml"), card_text(
            name=name, kind="diffusion", onnx_file="unet_denoiser.onnx", sha=sha, inputs=inputs,
            out_name="model_output", joints=SIX_JOINTS, horizon=16, out_norm="min_max", variant="lerobot",
            stats=stats, policy_hz=10, control_hz=10, execution={"executor": "queue", "n_action_steps": 8},
            extra=diffusion_section(d)))

    write_reference_readme(os.path.join(ref, "README"), """
        Reference tensors for unet_denoiser.onnx. input.observation.state.npy is the raw [1,2,6] observation
        (two steps; joint_4 sits exactly at its constant min == max so LeRobot's eps substitution maps it to
        -1); onnx_input.observation.state.npy is it min_max-normalized, used for every call below.
        onnx_input.sample.npy / onnx_input.timestep.npy (int64 [1], value 42) with it give
        onnx_output.model_output.npy, one forward pass. For each card variant V (card, card_ddim10,
        card_ddim100, card_ddpm_linear, card_ddim_scaled): V.noise.npy is float32 [K,16,6] (row 0 the initial
        sample x_T, row 1+i the variance noise of step i; K = 1 + steps for DDPM, 1 for DDIM with eta 0),
        V.timesteps.npy the int64 timesteps fed to the network in order (as an int64 tensor of shape [1]),
        V.alphas_cumprod.npy the float32 alphas_cumprod of the variant's beta schedule (diffusers / torch CPU
        arithmetic), and V.action.npy the final sample of the diffusers-equivalent loop unnormalized with the
        action min/max, float32 [1,16,6]. DDPM adds variance noise only for t > 0, so the last noise row is
        unused; DDPM/DDIM's previous timestep is always t - num_train_timesteps // num_inference_steps.""")
    return stats, diffusion_variants()["card"]


# ==================================================================================================
# 3. flow_velocity
# ==================================================================================================

FLOW_STATS_SEED = 303
FLOW_STEPS = 10


def flow_stats() -> Dict[str, Dict[str, np.ndarray]]:
    rng = np.random.RandomState(FLOW_STATS_SEED)
    return {"observation.state": mean_std_stats(rng, 6, -1.0, 1.0, 0.05, 0.7),
            "action": mean_std_stats(rng, 6, -1.0, 1.0, 0.05, 0.7)}


def export_flow(root: str) -> None:
    folder = os.path.join(root, "flow_velocity")
    ref = os.path.join(folder, "reference")
    stats = flow_stats()
    model = build(nets.FlowVelocity, 3001)
    st = stats["observation.state"]

    g = seeded(3002)
    raw_state = torch.from_numpy(st["mean"]) + torch.from_numpy(st["std"]) * torch.randn(1, 6, generator=g)
    n_state = normalize(raw_state, "mean_std", st)
    x_t = torch.randn(1, 50, 6, generator=g)
    t = torch.tensor([0.3], dtype=torch.float32)
    names = ["x_t", "time", "observation.state"]
    sha = export_onnx(model, (x_t, t, n_state), names, ["velocity"], os.path.join(folder, "flow_velocity.onnx"))
    with torch.no_grad():
        out = model(x_t, t, n_state)
    save_npy(os.path.join(ref, "input.observation.state.npy"), raw_state)
    save_npy(os.path.join(ref, "onnx_input.observation.state.npy"), n_state)
    save_npy(os.path.join(ref, "onnx_input.x_t.npy"), x_t)
    save_npy(os.path.join(ref, "onnx_input.time.npy"), t)
    save_npy(os.path.join(ref, "onnx_output.velocity.npy"), out)
    REPORT.append(f"flow_velocity: max|onnx_output| {max_abs(out):.4f}")

    def velocity(x: torch.Tensor, tt: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return model(x, tt, n_state)

    noise = torch.randn(1, 50, 6, generator=seeded(3100))
    inputs = state_input("observation.state", SIX_JOINTS, 1, "mean_std")
    for convention in ("noise_at_one", "noise_at_zero"):
        x, times = rs.flow_euler(FLOW_STEPS, convention, velocity, noise)
        action = unnormalize(x, "mean_std", stats["action"])
        save_npy(os.path.join(ref, f"euler_{convention}.noise.npy"), noise)
        save_npy(os.path.join(ref, f"euler_{convention}.times.npy"), times)
        save_npy(os.path.join(ref, f"euler_{convention}.action.npy"), action)
        assert np.all(np.isfinite(action.numpy()))
        REPORT.append(f"flow_velocity {convention}: times {times[0]:.3f}..{times[-1]:.3f}, "
                      f"max|action| {max_abs(action):.4f}")
        card_file = "card.yaml" if convention == "noise_at_one" else f"card_{convention}.yaml"
        name = "flow_velocity" if convention == "noise_at_one" else f"flow_velocity_{convention}"
        write_card(os.path.join(folder, card_file), card_text(
            name=name, kind="flow", onnx_file="flow_velocity.onnx", sha=sha, inputs=inputs, out_name="velocity",
            joints=SIX_JOINTS, horizon=50, out_norm="mean_std", variant="lerobot", stats=stats,
            policy_hz=10, control_hz=50, execution={"executor": "queue", "n_action_steps": 25},
            extra=flow_section(FLOW_STEPS, convention)))

    write_reference_readme(os.path.join(ref, "README"), """
        Reference tensors for flow_velocity.onnx. input.observation.state.npy is the raw [1,6] state and
        onnx_input.observation.state.npy its mean_std normalization (used for every call below).
        onnx_input.x_t.npy, onnx_input.time.npy (float32 [1], 0.3) and it give onnx_output.velocity.npy,
        one forward pass. euler_noise_at_one.* follows card.yaml (LeRobot pi0: x = noise, t = 1.0,
        dt = -1/10, while t >= -dt/2: x += dt * v(x, t); t += dt) and euler_noise_at_zero.* follows
        card_noise_at_zero.yaml (t from 0.0, dt = +1/10, while t <= 1 - dt/2). .noise.npy is the initial
        sample (float32 [1,50,6], the same for both), .times.npy the float32 times handed to the network in
        order (t accumulated as a Python double, then cast), .action.npy the final x unnormalized with the
        action mean/std, float32 [1,50,6].""")


# ==================================================================================================
# 4. mlp_actor
# ==================================================================================================

MLP_STATS_SEED = 404
MLP_TINY_STD_DIM = 5


def mlp_stats() -> Dict[str, Dict[str, np.ndarray]]:
    rng = np.random.RandomState(MLP_STATS_SEED)
    state = mean_std_stats(rng, 12, -0.8, 0.8, 0.05, 0.9)
    state["std"][MLP_TINY_STD_DIM] = np.float32(0.001)  # below ACT's 1e-2 floor: clipping matters
    m = state["mean"][MLP_TINY_STD_DIM]
    state["min"][MLP_TINY_STD_DIM] = dyadic(m - 0.00390625)
    state["max"][MLP_TINY_STD_DIM] = dyadic(m + 0.00390625)
    action = mean_std_stats(rng, 6, -0.5, 0.5, 0.1, 1.2)
    return {"observation.state": state, "action": action}


def export_mlp(root: str) -> None:
    folder = os.path.join(root, "mlp_actor")
    ref = os.path.join(folder, "reference")
    stats = mlp_stats()
    model = build(nets.MlpActor, 4001)
    st = stats["observation.state"]
    g = seeded(4002)
    raw_state = torch.from_numpy(st["mean"]) + torch.from_numpy(st["std"]) * torch.randn(1, 12, generator=g)
    raw_state[0, MLP_TINY_STD_DIM] = float(st["mean"][MLP_TINY_STD_DIM]) + 0.0025  # 2.5 std; 0.25 after clipping
    n_state = normalize(raw_state, "mean_std", st, variant="act_original")
    sha = export_onnx(model, (n_state,), ["observation.state"], ["action"], os.path.join(folder, "mlp_actor.onnx"))
    with torch.no_grad():
        out = model(n_state)
    action = unnormalize(out, "mean_std", stats["action"], variant="act_original")
    save_npy(os.path.join(ref, "input.observation.state.npy"), raw_state)
    save_npy(os.path.join(ref, "onnx_input.observation.state.npy"), n_state)
    save_npy(os.path.join(ref, "onnx_output.action.npy"), out)
    save_npy(os.path.join(ref, "action.npy"), action)
    lerobot_norm = normalize(raw_state, "mean_std", st, variant="lerobot")
    REPORT.append(f"mlp_actor: max|onnx_output| {max_abs(out):.4f}, max|action| {max_abs(action):.4f}; "
                  f"state[{MLP_TINY_STD_DIM}] normalized {float(n_state[0, MLP_TINY_STD_DIM]):.4f} (act_original) "
                  f"vs {float(lerobot_norm[0, MLP_TINY_STD_DIM]):.4f} (lerobot)")
    write_reference_readme(os.path.join(ref, "README"), """
        Reference tensors for mlp_actor.onnx (card.yaml, normalization variant act_original).
        input.observation.state.npy is the raw [1,12] state; onnx_input.observation.state.npy is
        (x - mean) / max(std, 1e-2) - state dimension 5 has std 0.001, so the clipping changes its value
        tenfold; onnx_output.action.npy is the network output [1,6] for that input and action.npy the output
        unnormalized as y * max(std, 1e-2) + mean. Float32 .npy, tolerance 1e-4.""")
    write_card(os.path.join(folder, "card.yaml"), card_text(
        name="mlp_actor", kind="chunk", onnx_file="mlp_actor.onnx", sha=sha,
        inputs=state_input("observation.state", [f"joint_{i}" for i in range(1, 13)], 1, "mean_std"),
        out_name="action", joints=SIX_JOINTS, horizon=1, out_norm="mean_std", variant="act_original",
        stats=stats, policy_hz=50, control_hz=200, execution={"executor": "queue", "n_action_steps": 1}))


# ==================================================================================================
# LeRobot fixtures
# ==================================================================================================


def small_weights(seed: int, shapes: Mapping[str, Sequence[int]]) -> Dict[str, np.ndarray]:
    g = seeded(seed)
    return {k: (0.1 * torch.randn(*s, generator=g)).numpy().astype(np.float32) for k, s in shapes.items()}


def write_fixtures(root: str, act: Dict[str, Dict[str, np.ndarray]], unet: Dict[str, Dict[str, np.ndarray]],
                   ddpm: rs.DiffusionConfig) -> None:
    base = os.path.join(root, "lerobot_fixtures")
    cfg = lrc.act_config(14, 14, (3, 48, 64), ("top", "wrist"), chunk_size=100,
                         n_action_steps=ACT_FIXTURE_N_ACTION_STEPS, temporal_ensemble_coeff=0.01)
    weights = small_weights(5001, {"model.action_head.weight": (14, 8), "model.action_head.bias": (14,),
                                   "model.encoder_robot_state_input_proj.weight": (8, 14)})
    lrc.write_processor_checkpoint(os.path.join(base, "act_v04"), cfg, act, weights)
    lrc.write_legacy_checkpoint(os.path.join(base, "act_legacy"), cfg, act, weights)

    dcfg = lrc.diffusion_config(6, 6, horizon=16, n_obs_steps=2, n_action_steps=8, d=ddpm)
    dweights = small_weights(5002, {"diffusion.unet.final_conv.1.weight": (6, 8, 1),
                                    "diffusion.unet.final_conv.1.bias": (6,)})
    lrc.write_processor_checkpoint(os.path.join(base, "diffusion_v04"), dcfg, unet, dweights)

    # self-check: what a reader gets back equals the card stats bit for bit
    pre = aio.read_safetensors(os.path.join(base, "act_v04", lrc.PRE_STATE))
    for feature, named in act.items():
        for stat, vec in named.items():
            assert np.array_equal(pre[f"{feature}.{stat}"].reshape(-1), vec), (feature, stat)
    assert pre["observation.images.top.std"].shape == (3, 1, 1)
    legacy = aio.read_safetensors(os.path.join(base, "act_legacy", "model.safetensors"))
    assert np.array_equal(legacy["normalize_inputs.buffer_observation_images_wrist.std"].reshape(-1),
                          act["observation.images.wrist"]["std"])
    REPORT.append(f"lerobot fixtures: act_v04 state keys {len(pre)}, act_legacy keys {len(legacy)}")


# ==================================================================================================
# main
# ==================================================================================================


def generate(root: str) -> None:
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    act = export_act_like(root)
    unet, ddpm = export_unet(root)
    export_flow(root)
    export_mlp(root)
    write_fixtures(root, act, unet, ddpm)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=HERE, help="output root (default: the models/ folder)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and compare byte for byte with the files under --out "
                         "(exit 1 on any difference); writes nothing under --out")
    args = ap.parse_args()
    t0 = time.time()
    if args.check:
        import tempfile
        out = os.path.abspath(args.out)
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp)
            bad = []
            for p in sorted(set(aio.WRITTEN)):
                rel = os.path.relpath(p, tmp)
                with open(p, "rb") as f_new:
                    new = f_new.read()
                old_path = os.path.join(out, rel)
                if not os.path.exists(old_path):
                    bad.append(f"missing  {rel}")
                    continue
                with open(old_path, "rb") as f_old:
                    if f_old.read() != new:
                        bad.append(f"differs  {rel}")
            for line in bad:
                print(line)
            print(f"{len(set(aio.WRITTEN)) - len(bad)} of {len(set(aio.WRITTEN))} files identical")
            return 1 if bad else 0
    generate(os.path.abspath(args.out))
    if not args.quiet:
        print(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}, opset {OPSET}")
        for line in REPORT:
            print(line)
        total = 0
        for p in sorted(set(aio.WRITTEN)):
            n = os.path.getsize(p)
            total += n
            print(f"{n:>9}  {os.path.relpath(p, os.path.abspath(args.out))}")
        print(f"{total:>9}  total ({len(set(aio.WRITTEN))} files) in {time.time() - t0:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
