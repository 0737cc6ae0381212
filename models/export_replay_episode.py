#!/usr/bin/python3
"""Writes models/replay_episode/: an ACT/ALOHA HDF5 episode whose recorded actions the act_like policy produced
in torch, and the card that replays it, so ChunkRT's replay can be checked against an independent run of the
same policy (docs/replay.md, acceptance: MAE below 1e-6).

Episode (ACT's record_sim_episodes.py layout, root attribute sim=True), T = 200 frames at 50 Hz (4 s):
  /observations/qpos          float64 [T, 14]  qpos[t, j] = mean_j + 0.8 std_j sin(2 pi f_j t / 50 + phi_j),
                                                rounded to float32 (so float32(qpos) is exact), act_like's
                                                observation.state stats; f_j = 0.35 + 0.05 j Hz, phi_j = 0.7 j
  /observations/images/top    uint8 [T, 48, 64, 3]  a drifting smooth pattern (formula in images())
  /observations/images/wrist  uint8 [T, 48, 64, 3]  another one, chunked (1, 48, 64, 3), gzip 4 like ALOHA
  /action                     float64 [T, 14]

Recorded actions. A policy sees the observation of frame k and its command goes out at frame k + 1: inference
takes time (ChunkRT's loop polls a chunk at the next control tick at the earliest; a real robot the same).
With one action per chunk executed (queue, n_action_steps 1, hold interpolation), the command at frame k + 1
is the first action of the chunk computed from frame k. So:
  action[0]     = qpos[0]                       (no chunk yet: the arm holds where it is)
  action[k + 1] = unnormalize(act_like(normalize(obs[k])))[0, 0, :]   for k = 0 .. T - 2
computed by the torch ActLike network that export_models.py exports to act_like.onnx (same seed, checked
against act_like/reference/onnx_output.action.npy), with LeRobot mean_std normalization in float32 and
images as to_tensor's v / 255.

replay_episode/card.yaml is act_like's card with that executor (queue, n_action_steps 1, hold; 50 Hz / 50 Hz),
pointing at ../act_like/act_like.onnx.

Run with Debian's python3-torch, python3-h5py and numpy:  /usr/bin/python3 models/export_replay_episode.py
Rerunning gives the same bytes (--check compares with the committed files).
"""
import argparse
import math
import os
import sys
import tempfile

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

import export_models as em  # noqa: E402
import policy_nets as nets  # noqa: E402

T = 200
FPS = 50
H, W = 48, 64


def states(stats) -> np.ndarray:
    mean = np.asarray(stats["mean"], dtype=np.float64)
    std = np.asarray(stats["std"], dtype=np.float64)
    t = np.arange(T, dtype=np.float64)[:, None]
    j = np.arange(14, dtype=np.float64)[None, :]
    q = mean + 0.8 * std * np.sin(2 * math.pi * (0.35 + 0.05 * j) * t / FPS + 0.7 * j)
    return q.astype(np.float32).astype(np.float64)


def images(phase: float) -> np.ndarray:
    """[T, H, W, 3] uint8: a smooth pattern drifting over time plus a small checker texture, in 16 levels."""
    t, y, x, c = np.meshgrid(np.arange(T), np.arange(H), np.arange(W), np.arange(3), indexing="ij")
    v = (127.5 + 90 * np.sin(0.21 * x + 0.13 * y + 0.09 * t + 1.1 * c + phase)
         + 30 * np.cos(0.17 * y - 0.05 * t + 0.6 * c * phase) + 6 * (((x // 4) + (y // 4)) % 2))
    # 16 grey levels per channel keep the gzip-compressed file small
    return (np.clip(np.rint(v), 0, 255).astype(np.uint8) // 16 * 16 + 8).astype(np.uint8)


def policy_actions(model, stats, qpos, top, wrist) -> np.ndarray:
    actions = np.zeros((T, 14), dtype=np.float64)
    actions[0] = qpos[0]
    with torch.no_grad():
        for k in range(T - 1):
            state = torch.from_numpy(qpos[k].astype(np.float32)).reshape(1, 14)
            # to_tensor: HWC uint8 -> CHW float32 v / 255
            t_img = torch.from_numpy(top[k].transpose(2, 0, 1).copy()).to(torch.float32).div(255.0).unsqueeze(0)
            w_img = torch.from_numpy(wrist[k].transpose(2, 0, 1).copy()).to(torch.float32).div(255.0).unsqueeze(0)
            n_state = em.normalize(state, "mean_std", stats["observation.state"])
            n_top = em.normalize(t_img, "mean_std", stats["observation.images.top"], image=True)
            n_wrist = em.normalize(w_img, "mean_std", stats["observation.images.wrist"], image=True)
            chunk = em.unnormalize(model(n_state, n_top, n_wrist), "mean_std", stats["action"])
            actions[k + 1] = chunk[0, 0].numpy().astype(np.float64)
    return actions


def check_model_matches_export(model) -> None:
    ref = os.path.join(HERE, "act_like", "reference")
    inputs = [torch.from_numpy(np.load(os.path.join(ref, f"onnx_input.{n}.npy")))
              for n in ("observation.state", "observation.images.top", "observation.images.wrist")]
    expected = np.load(os.path.join(ref, "onnx_output.action.npy"))
    with torch.no_grad():
        got = model(*inputs).numpy()
    if not np.array_equal(got, expected):
        raise SystemExit(f"the rebuilt ActLike differs from act_like/reference (max {np.max(np.abs(got - expected))}); "
                         "re-run export_models.py first")


def card_text(stats) -> str:
    with open(os.path.join(HERE, "act_like", "act_like.onnx"), "rb") as f:
        sha = em.aio.sha256_hex(f.read())
    inputs = (em.state_input("observation.state", em.ALOHA_JOINTS, 1, "mean_std")
              + em.image_input("observation.images.top", "top", 3, H, W, "mean_std")
              + em.image_input("observation.images.wrist", "wrist", 3, H, W, "mean_std"))
    text = em.card_text(
        name="act_like_replay", kind="chunk", onnx_file="../act_like/act_like.onnx", sha=sha, inputs=inputs,
        out_name="action", joints=em.ALOHA_JOINTS, horizon=100, out_norm="mean_std", variant="lerobot", stats=stats,
        policy_hz=FPS, control_hz=FPS,
        execution={"executor": "queue", "n_action_steps": 1, "interpolation": "hold"})
    return text.replace("models/export_models.py", "models/export_replay_episode.py")


README = """\
# replay_episode/

`episode_0.hdf5` is an ACT/ALOHA episode (200 frames at 50 Hz: qpos 14, cameras top and wrist 48x64 RGB,
action 14) whose recorded actions the act_like policy produced in torch, one frame after the observation each
was computed from; `card.yaml` is act_like's card with the executor that commands exactly those actions
(queue, n_action_steps 1, hold interpolation, 50 Hz / 50 Hz). Replaying it with ChunkRT must give commands
within 1e-6 (MAE) of the recorded actions: `chunkrt replay models/replay_episode/episode_0.hdf5 --card
models/replay_episode/card.yaml --out /tmp/replay`. Generated by `models/export_replay_episode.py` (its
docstring states every formula); rerunning it gives the same bytes.
"""


def write(root: str) -> None:
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    stats = em.act_stats()
    model = em.build(nets.ActLike, 1001)
    check_model_matches_export(model)
    qpos = states(stats["observation.state"])
    top = images(0.0)
    wrist = images(2.0)
    action = policy_actions(model, stats, qpos, top, wrist)
    os.makedirs(root, exist_ok=True)
    path = os.path.join(root, "episode_0.hdf5")
    with h5py.File(path, "w", libver="earliest", track_order=False) as f:
        f.attrs["sim"] = True
        obs = f.create_group("observations")
        imgs = obs.create_group("images")
        imgs.create_dataset("top", data=top, chunks=(1, H, W, 3), compression="gzip", compression_opts=4)
        imgs.create_dataset("wrist", data=wrist, chunks=(1, H, W, 3), compression="gzip", compression_opts=4)
        obs.create_dataset("qpos", data=qpos)
        f.create_dataset("action", data=action)
    with open(os.path.join(root, "card.yaml"), "w") as f:
        f.write(card_text(stats))
    with open(os.path.join(root, "README.md"), "w") as f:
        f.write(README)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="regenerate into a temp folder and compare byte for byte")
    args = ap.parse_args()
    out = os.path.join(HERE, "replay_episode")
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            write(tmp)
            bad = [n for n in sorted(os.listdir(tmp))
                   if not os.path.exists(os.path.join(out, n))
                   or open(os.path.join(tmp, n), "rb").read() != open(os.path.join(out, n), "rb").read()]
            print("differs: " + ", ".join(bad) if bad else "identical")
            return 1 if bad else 0
    write(out)
    for n in sorted(os.listdir(out)):
        print(f"{os.path.getsize(os.path.join(out, n)):>9}  replay_episode/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
