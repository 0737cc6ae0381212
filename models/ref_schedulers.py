"""Reference DDPM / DDIM samplers and the flow-matching Euler loop, in float32 torch.

The schedulers follow diffusers' ``DDPMScheduler`` (variance_type ``fixed_small``, no thresholding) and
``DDIMScheduler`` (``use_clipped_model_output=False``) step by step, with the same float32 tensor
arithmetic in the same order, so that the reference outputs are what diffusers (and LeRobot's
``DiffusionPolicy.conditional_sample``) would produce for the same network and the same injected noise.
diffusers itself is not installed here; this is a re-implementation, not a copy.

Float32 details a re-implementation must match to the last bits (they are far below the 1e-4 test
tolerance, but they explain any ulp-level difference):

* ``betas``: ``linear`` = ``torch.linspace(beta_start, beta_end, T, dtype=float32)``;
  ``scaled_linear`` = ``torch.linspace(beta_start**0.5, beta_end**0.5, T, dtype=float32) ** 2``;
  ``squaredcos_cap_v2`` = betas computed in Python doubles (``min(1 - abar(t2)/abar(t1), 0.999)``) and
  then rounded once to float32.
* ``alphas = 1 - betas`` in float32; ``alphas_cumprod = torch.cumprod(alphas)``. On CPU torch accumulates
  a float32 cumprod in *double* and rounds each partial product to float32.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, List, Optional

import numpy as np
import torch


@dataclass(frozen=True)
class DiffusionConfig:
    scheduler: str  # "ddpm" | "ddim"
    num_train_timesteps: int
    num_inference_steps: int
    beta_schedule: str  # "linear" | "scaled_linear" | "squaredcos_cap_v2"
    beta_start: float
    beta_end: float
    prediction_type: str  # "epsilon" | "sample"
    clip_sample: bool
    clip_sample_range: float
    set_alpha_to_one: bool
    steps_offset: int
    timestep_spacing: str  # "leading" | "trailing" | "linspace"
    eta: float

    def noise_rows(self) -> int:
        """K of the injected-noise file: the initial sample plus one row per step when steps draw noise."""
        draws = self.scheduler == "ddpm" or (self.scheduler == "ddim" and self.eta > 0)
        return 1 + (self.num_inference_steps if draws else 0)


def betas_for_alpha_bar(num_diffusion_timesteps: int, max_beta: float = 0.999) -> torch.Tensor:
    """GLIDE's cosine schedule (``squaredcos_cap_v2``), in Python doubles, rounded once to float32."""

    def alpha_bar(t: float) -> float:
        return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2

    betas = []
    for i in range(num_diffusion_timesteps):
        t1 = i / num_diffusion_timesteps
        t2 = (i + 1) / num_diffusion_timesteps
        betas.append(min(1 - alpha_bar(t2) / alpha_bar(t1), max_beta))
    return torch.tensor(betas, dtype=torch.float32)


def make_betas(cfg: DiffusionConfig) -> torch.Tensor:
    T = cfg.num_train_timesteps
    if cfg.beta_schedule == "linear":
        return torch.linspace(cfg.beta_start, cfg.beta_end, T, dtype=torch.float32)
    if cfg.beta_schedule == "scaled_linear":
        return torch.linspace(cfg.beta_start**0.5, cfg.beta_end**0.5, T, dtype=torch.float32) ** 2
    if cfg.beta_schedule == "squaredcos_cap_v2":
        return betas_for_alpha_bar(T)
    raise ValueError(cfg.beta_schedule)


def inference_timesteps(cfg: DiffusionConfig) -> np.ndarray:
    """diffusers' ``set_timesteps`` (DDPM and DDIM share it) for the three spacings."""
    T, N = cfg.num_train_timesteps, cfg.num_inference_steps
    if N > T:
        raise ValueError("num_inference_steps > num_train_timesteps")
    if cfg.timestep_spacing == "linspace":
        ts = np.linspace(0, T - 1, N).round()[::-1].copy().astype(np.int64)
    elif cfg.timestep_spacing == "leading":
        step_ratio = T // N
        ts = (np.arange(0, N) * step_ratio).round()[::-1].copy().astype(np.int64)
        ts += cfg.steps_offset
    elif cfg.timestep_spacing == "trailing":
        step_ratio = T / N
        ts = np.round(np.arange(T, 0, -step_ratio)).astype(np.int64)
        ts -= 1
    else:
        raise ValueError(cfg.timestep_spacing)
    return ts


class DDPM:
    """diffusers ``DDPMScheduler`` with ``variance_type="fixed_small"``, no thresholding."""

    def __init__(self, cfg: DiffusionConfig):
        self.cfg = cfg
        self.betas = make_betas(cfg)
        self.alphas = 1.0 - self.betas
        self.alphas_cumprod = torch.cumprod(self.alphas, dim=0)
        self.one = torch.tensor(1.0)
        self.num_inference_steps = cfg.num_inference_steps
        self.timesteps = inference_timesteps(cfg)

    def previous_timestep(self, t: int) -> int:
        # not the next entry of `timesteps`: diffusers always steps back by T // N (matters for linspace)
        return t - self.cfg.num_train_timesteps // self.num_inference_steps

    def _get_variance(self, t: int) -> torch.Tensor:
        prev_t = self.previous_timestep(t)
        alpha_prod_t = self.alphas_cumprod[t]
        alpha_prod_t_prev = self.alphas_cumprod[prev_t] if prev_t >= 0 else self.one
        current_beta_t = 1 - alpha_prod_t / alpha_prod_t_prev
        variance = (1 - alpha_prod_t_prev) / (1 - alpha_prod_t) * current_beta_t
        return torch.clamp(variance, min=1e-20)

    def step(self, model_output: torch.Tensor, t: int, sample: torch.Tensor, variance_noise: torch.Tensor) -> torch.Tensor:
        cfg = self.cfg
        prev_t = self.previous_timestep(t)
        alpha_prod_t = self.alphas_cumprod[t]
        alpha_prod_t_prev = self.alphas_cumprod[prev_t] if prev_t >= 0 else self.one
        beta_prod_t = 1 - alpha_prod_t
        beta_prod_t_prev = 1 - alpha_prod_t_prev
        current_alpha_t = alpha_prod_t / alpha_prod_t_prev
        current_beta_t = 1 - current_alpha_t

        if cfg.prediction_type == "epsilon":
            pred_original_sample = (sample - beta_prod_t ** (0.5) * model_output) / alpha_prod_t ** (0.5)
        elif cfg.prediction_type == "sample":
            pred_original_sample = model_output
        else:
            raise ValueError(cfg.prediction_type)

        if cfg.clip_sample:
            pred_original_sample = pred_original_sample.clamp(-cfg.clip_sample_range, cfg.clip_sample_range)

        pred_original_sample_coeff = (alpha_prod_t_prev ** (0.5) * current_beta_t) / beta_prod_t
        current_sample_coeff = current_alpha_t ** (0.5) * beta_prod_t_prev / beta_prod_t
        pred_prev_sample = pred_original_sample_coeff * pred_original_sample + current_sample_coeff * sample

        if t > 0:  # the noise of the last step (t == 0) is drawn by the caller's file but not used
            variance = (self._get_variance(t) ** 0.5) * variance_noise
            pred_prev_sample = pred_prev_sample + variance
        return pred_prev_sample


class DDIM:
    """diffusers ``DDIMScheduler`` (``use_clipped_model_output=False``, no thresholding)."""

    def __init__(self, cfg: DiffusionConfig):
        self.cfg = cfg
        self.betas = make_betas(cfg)
        self.alphas = 1.0 - self.betas
        self.alphas_cumprod = torch.cumprod(self.alphas, dim=0)
        self.final_alpha_cumprod = torch.tensor(1.0) if cfg.set_alpha_to_one else self.alphas_cumprod[0]
        self.num_inference_steps = cfg.num_inference_steps
        self.timesteps = inference_timesteps(cfg)

    def _get_variance(self, timestep: int, prev_timestep: int) -> torch.Tensor:
        alpha_prod_t = self.alphas_cumprod[timestep]
        alpha_prod_t_prev = self.alphas_cumprod[prev_timestep] if prev_timestep >= 0 else self.final_alpha_cumprod
        beta_prod_t = 1 - alpha_prod_t
        beta_prod_t_prev = 1 - alpha_prod_t_prev
        return (beta_prod_t_prev / beta_prod_t) * (1 - alpha_prod_t / alpha_prod_t_prev)

    def step(self, model_output: torch.Tensor, timestep: int, sample: torch.Tensor,
             variance_noise: Optional[torch.Tensor]) -> torch.Tensor:
        cfg = self.cfg
        eta = cfg.eta
        prev_timestep = timestep - cfg.num_train_timesteps // self.num_inference_steps
        alpha_prod_t = self.alphas_cumprod[timestep]
        alpha_prod_t_prev = self.alphas_cumprod[prev_timestep] if prev_timestep >= 0 else self.final_alpha_cumprod
        beta_prod_t = 1 - alpha_prod_t

        if cfg.prediction_type == "epsilon":
            pred_original_sample = (sample - beta_prod_t ** (0.5) * model_output) / alpha_prod_t ** (0.5)
            pred_epsilon = model_output
        elif cfg.prediction_type == "sample":
            pred_original_sample = model_output
            pred_epsilon = (sample - alpha_prod_t ** (0.5) * pred_original_sample) / beta_prod_t ** (0.5)
        else:
            raise ValueError(cfg.prediction_type)

        if cfg.clip_sample:
            pred_original_sample = pred_original_sample.clamp(-cfg.clip_sample_range, cfg.clip_sample_range)

        variance = self._get_variance(timestep, prev_timestep)
        std_dev_t = eta * variance ** (0.5)

        pred_sample_direction = (1 - alpha_prod_t_prev - std_dev_t**2) ** (0.5) * pred_epsilon
        prev_sample = alpha_prod_t_prev ** (0.5) * pred_original_sample + pred_sample_direction

        if eta > 0:
            assert variance_noise is not None
            prev_sample = prev_sample + std_dev_t * variance_noise
        return prev_sample


def make_scheduler(cfg: DiffusionConfig):
    return DDPM(cfg) if cfg.scheduler == "ddpm" else DDIM(cfg)


def diffusion_sample(cfg: DiffusionConfig, net: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
                     noise: torch.Tensor):
    """LeRobot's ``conditional_sample`` loop with injected noise.

    ``noise`` is ``[K, H, A]``: row 0 the initial sample x_T, row 1 + i the variance noise of step i.
    ``net(sample [1,H,A], timestep int64 [1])`` returns the model output. Returns (final sample [1,H,A],
    timesteps int64[N]).
    """
    sched = make_scheduler(cfg)
    assert noise.shape[0] == cfg.noise_rows()
    sample = noise[0:1].clone()
    for i, t in enumerate(sched.timesteps.tolist()):
        model_output = net(sample, torch.tensor([t], dtype=torch.int64))
        step_noise = noise[1 + i : 2 + i] if noise.shape[0] > 1 else None
        sample = sched.step(model_output, t, sample, step_noise)
    return sample, sched.timesteps.astype(np.int64), sched.alphas_cumprod


def flow_euler(num_steps: int, convention: str, velocity: Callable[[torch.Tensor, torch.Tensor], torch.Tensor],
               noise: torch.Tensor):
    """Euler integration of a velocity field, LeRobot pi0/SmolVLA style.

    ``noise_at_one``: dt = -1/N, t = 1.0, ``while t >= -dt/2``; ``noise_at_zero``: dt = +1/N, t = 0.0,
    ``while t <= 1 - dt/2``. ``t`` is a Python float accumulated as ``t += dt`` and handed to the network
    as a float32 tensor of shape [1]; ``x += dt * v`` in float32. Returns (x, the float32 times used).
    """
    if convention == "noise_at_one":
        dt = -1.0 / num_steps
        t = 1.0
        keep_going = lambda t: t >= -dt / 2  # noqa: E731
    elif convention == "noise_at_zero":
        dt = 1.0 / num_steps
        t = 0.0
        keep_going = lambda t: t <= 1 - dt / 2  # noqa: E731
    else:
        raise ValueError(convention)
    x = noise.clone()
    times: List[float] = []
    while keep_going(t):
        tt = torch.tensor([t], dtype=torch.float32)
        times.append(float(tt[0]))
        v = velocity(x, tt)
        x = x + dt * v
        t += dt
    assert len(times) == num_steps, (len(times), num_steps)
    return x, np.asarray(times, dtype=np.float32)
