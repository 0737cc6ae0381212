"""Writers for LeRobot-style checkpoint folders (no LeRobot install needed).

Two layouts exist in the wild:

* LeRobot >= 0.4 ("processor" layout): ``config.json`` + ``model.safetensors`` + ``policy_preprocessor.json``
  / ``policy_postprocessor.json`` describing processor pipelines, with the normalization statistics in
  per-step state files ``policy_preprocessor_step_3_normalizer_processor.safetensors`` and
  ``policy_postprocessor_step_0_unnormalizer_processor.safetensors`` (keys ``<feature>.<stat>``).
  Both state files hold the *whole* dataset stats dict (the normalizer steps are built with
  ``stats=dataset_stats``), so they also carry features the policy does not use (``timestamp``,
  ``frame_index`` ...) and a ``count`` stat; images' stats have shape [3, 1, 1].
* LeRobot <= 0.3 ("legacy" layout): ``config.json`` + ``model.safetensors`` whose normalization lives in
  buffers of the policy's ``Normalize``/``Unnormalize`` modules:
  ``normalize_inputs.buffer_<feature with . -> _>.<stat>``, ``normalize_targets.buffer_action.<stat>``,
  ``unnormalize_outputs.buffer_action.<stat>`` - only the stats of each feature's mode (mean/std or
  min/max), next to the network weights.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Mapping

import numpy as np

from artifact_io import save_safetensors, write_text

PRE_STATE = "policy_preprocessor_step_3_normalizer_processor.safetensors"
POST_STATE = "policy_postprocessor_step_0_unnormalizer_processor.safetensors"

# Per-frame bookkeeping columns every LeRobot dataset has; their stats end up in the normalizer files.
_BOOKKEEPING = {
    "timestamp": {"min": 0.0, "max": 19.96, "mean": 9.98, "std": 5.7764},
    "frame_index": {"min": 0.0, "max": 499.0, "mean": 249.5, "std": 144.3372},
    "episode_index": {"min": 0.0, "max": 49.0, "mean": 24.5, "std": 14.4309},
    "index": {"min": 0.0, "max": 24999.0, "mean": 12499.5, "std": 7216.8784},
    "task_index": {"min": 0.0, "max": 0.0, "mean": 0.0, "std": 0.0},
}
_FRAME_COUNT = 25000.0


def _json(obj: Any, indent: int) -> str:
    return json.dumps(obj, indent=indent) + "\n"


def _feature_json(features: Mapping[str, Mapping[str, Any]]) -> Dict[str, Any]:
    return {k: {"type": v["type"], "shape": list(v["shape"])} for k, v in features.items()}


def processor_state(stats: Mapping[str, Mapping[str, np.ndarray]], features: Mapping[str, Mapping[str, Any]]
                    ) -> Dict[str, np.ndarray]:
    """Flat ``<feature>.<stat>`` float32 dict as LeRobot's normalizer ``state_dict()`` saves it."""
    flat: Dict[str, np.ndarray] = {}
    for feature, named in stats.items():
        visual = features.get(feature, {}).get("type") == "VISUAL"
        for stat, vec in named.items():
            arr = np.asarray(vec, dtype=np.float32).reshape(-1)
            flat[f"{feature}.{stat}"] = arr.reshape(-1, 1, 1) if visual else arr
        flat[f"{feature}.count"] = np.asarray([_FRAME_COUNT], dtype=np.float32)
    for feature, named in _BOOKKEEPING.items():
        for stat, v in named.items():
            flat[f"{feature}.{stat}"] = np.asarray([v], dtype=np.float32)
        flat[f"{feature}.count"] = np.asarray([_FRAME_COUNT], dtype=np.float32)
    return flat


def write_processor_checkpoint(out_dir: str, config: Mapping[str, Any], stats, model_tensors: Mapping[str, np.ndarray]
                               ) -> None:
    """LeRobot >= 0.4 folder: config.json, model.safetensors, pre/postprocessor JSON + state files."""
    inputs = _feature_json(config["input_features"])
    outputs = _feature_json(config["output_features"])
    norm_map = dict(config["normalization_mapping"])
    device = config.get("device", "cuda")
    pre = {
        "name": "policy_preprocessor",
        "steps": [
            {"registry_name": "rename_observations_processor", "config": {"rename_map": {}}},
            {"registry_name": "to_batch_processor", "config": {}},
            {"registry_name": "device_processor", "config": {"device": device, "float_dtype": None}},
            {
                "registry_name": "normalizer_processor",
                "config": {"eps": 1e-08, "features": {**inputs, **outputs}, "norm_map": norm_map},
                "state_file": PRE_STATE,
            },
        ],
    }
    post = {
        "name": "policy_postprocessor",
        "steps": [
            {
                "registry_name": "unnormalizer_processor",
                "config": {"eps": 1e-08, "features": outputs, "norm_map": norm_map},
                "state_file": POST_STATE,
            },
            {"registry_name": "device_processor", "config": {"device": "cpu", "float_dtype": None}},
        ],
    }
    write_text(os.path.join(out_dir, "config.json"), _json(config, 4))
    write_text(os.path.join(out_dir, "policy_preprocessor.json"), _json(pre, 2))
    write_text(os.path.join(out_dir, "policy_postprocessor.json"), _json(post, 2))
    all_features = {**config["input_features"], **config["output_features"]}
    state = processor_state(stats, all_features)
    save_safetensors(os.path.join(out_dir, PRE_STATE), state)
    save_safetensors(os.path.join(out_dir, POST_STATE), state)
    save_safetensors(os.path.join(out_dir, "model.safetensors"), model_tensors, metadata={"format": "pt"})


def legacy_buffers(config: Mapping[str, Any], stats) -> Dict[str, np.ndarray]:
    """``normalize_inputs`` / ``normalize_targets`` / ``unnormalize_outputs`` buffers of LeRobot <= 0.3."""
    mode_stats = {"MEAN_STD": ("mean", "std"), "MIN_MAX": ("min", "max")}
    out: Dict[str, np.ndarray] = {}

    def add(module: str, features: Mapping[str, Mapping[str, Any]]) -> None:
        for feature, ft in features.items():
            mode = config["normalization_mapping"].get(ft["type"], "IDENTITY")
            if mode == "IDENTITY":
                continue
            for stat in mode_stats[mode]:
                arr = np.asarray(stats[feature][stat], dtype=np.float32).reshape(-1)
                if ft["type"] == "VISUAL":
                    arr = arr.reshape(-1, 1, 1)
                out[f"{module}.buffer_{feature.replace('.', '_')}.{stat}"] = arr

    add("normalize_inputs", config["input_features"])
    add("normalize_targets", config["output_features"])
    add("unnormalize_outputs", config["output_features"])
    return out


def write_legacy_checkpoint(out_dir: str, config: Mapping[str, Any], stats, model_tensors: Mapping[str, np.ndarray]
                            ) -> None:
    """LeRobot <= 0.3 folder: config.json + model.safetensors (weights and normalization buffers)."""
    tensors = dict(model_tensors)
    tensors.update(legacy_buffers(config, stats))
    write_text(os.path.join(out_dir, "config.json"), _json(config, 4))
    save_safetensors(os.path.join(out_dir, "model.safetensors"), tensors, metadata={"format": "pt"})


# --------------------------------------------------------------------------------------------------
# configs
# --------------------------------------------------------------------------------------------------


def _common_head(input_features, output_features, n_obs_steps: int, type_name: str) -> Dict[str, Any]:
    return {
        "type": type_name,
        "n_obs_steps": n_obs_steps,
        "input_features": input_features,
        "output_features": output_features,
        "device": "cuda",
        "use_amp": False,
        "push_to_hub": False,
        "repo_id": None,
        "private": None,
        "tags": None,
        "license": None,
    }


def act_config(state_dim: int, action_dim: int, image_shape, cameras, chunk_size: int, n_action_steps: int,
               temporal_ensemble_coeff) -> Dict[str, Any]:
    inputs: Dict[str, Any] = {"observation.state": {"type": "STATE", "shape": [state_dim]}}
    for cam in cameras:
        inputs[f"observation.images.{cam}"] = {"type": "VISUAL", "shape": list(image_shape)}
    cfg = _common_head(inputs, {"action": {"type": "ACTION", "shape": [action_dim]}}, 1, "act")
    cfg.update({
        "pretrained_path": None,
        "chunk_size": chunk_size,
        "n_action_steps": n_action_steps,
        "normalization_mapping": {"VISUAL": "MEAN_STD", "STATE": "MEAN_STD", "ACTION": "MEAN_STD"},
        "vision_backbone": "resnet18",
        "pretrained_backbone_weights": "ResNet18_Weights.IMAGENET1K_V1",
        "replace_final_stride_with_dilation": False,
        "pre_norm": False,
        "dim_model": 512,
        "n_heads": 8,
        "dim_feedforward": 3200,
        "feedforward_activation": "relu",
        "n_encoder_layers": 4,
        "n_decoder_layers": 1,
        "use_vae": True,
        "latent_dim": 32,
        "n_vae_encoder_layers": 4,
        "temporal_ensemble_coeff": temporal_ensemble_coeff,
        "dropout": 0.1,
        "kl_weight": 10.0,
        "optimizer_lr": 1e-05,
        "optimizer_weight_decay": 0.0001,
        "optimizer_lr_backbone": 1e-05,
    })
    return cfg


def diffusion_config(state_dim: int, action_dim: int, horizon: int, n_obs_steps: int, n_action_steps: int,
                     d) -> Dict[str, Any]:
    inputs = {"observation.state": {"type": "STATE", "shape": [state_dim]}}
    cfg = _common_head(inputs, {"action": {"type": "ACTION", "shape": [action_dim]}}, n_obs_steps, "diffusion")
    cfg.update({
        "pretrained_path": None,
        "horizon": horizon,
        "n_action_steps": n_action_steps,
        "normalization_mapping": {"VISUAL": "MEAN_STD", "STATE": "MIN_MAX", "ACTION": "MIN_MAX"},
        "drop_n_last_frames": horizon - n_action_steps - n_obs_steps + 1,
        "vision_backbone": "resnet18",
        "crop_shape": [84, 84],
        "crop_is_random": True,
        "pretrained_backbone_weights": None,
        "use_group_norm": True,
        "spatial_softmax_num_keypoints": 32,
        "use_separate_rgb_encoder_per_camera": False,
        "down_dims": [32, 64],
        "kernel_size": 5,
        "n_groups": 8,
        "diffusion_step_embed_dim": 32,
        "use_film_scale_modulation": True,
        "noise_scheduler_type": "DDPM",
        "num_train_timesteps": d.num_train_timesteps,
        "beta_schedule": d.beta_schedule,
        "beta_start": d.beta_start,
        "beta_end": d.beta_end,
        "prediction_type": d.prediction_type,
        "clip_sample": d.clip_sample,
        "clip_sample_range": d.clip_sample_range,
        "num_inference_steps": None,
        "do_mask_loss_for_padding": False,
        "optimizer_lr": 0.0001,
        "optimizer_betas": [0.95, 0.999],
        "optimizer_eps": 1e-08,
        "optimizer_weight_decay": 1e-06,
        "scheduler_name": "cosine",
        "scheduler_warmup_steps": 500,
    })
    return cfg
