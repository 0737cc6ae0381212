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

It also writes models/replay_so101/: so101_like.onnx and its card, a small random chunk policy shaped for the SO-101
LeRobot dataset of the shared test data (joints j0..j5, one wrist camera 640x360 resized by area to 64x36, 10-step
chunks at 30 Hz), so replay tests run a LeRobot episode with its AV1 video through fusion and the policy. Its stats
are set by hand near that robot's pose (the dataset barely moves); its weights are random (seed 5001).

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


SO101_JOINTS = [f"j{i}" for i in range(6)]


class So101Like(torch.nn.Module):
    """state [1, 6] + wrist image [1, 3, 36, 64] (both normalized) -> chunk [1, 10, 6]: a conv encoder, then an MLP."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Sequential(
            torch.nn.Conv2d(3, 8, 3, stride=2, padding=1), torch.nn.ReLU(),
            torch.nn.Conv2d(8, 16, 3, stride=2, padding=1), torch.nn.ReLU(),
            torch.nn.AdaptiveAvgPool2d((3, 4)))
        self.mlp = torch.nn.Sequential(torch.nn.Linear(16 * 12 + 6, 64), torch.nn.ReLU(), torch.nn.Linear(64, 60))

    def forward(self, state: torch.Tensor, wrist: torch.Tensor) -> torch.Tensor:
        f = self.conv(wrist).reshape(1, 16 * 12)
        return self.mlp(torch.cat([f, state], dim=1)).reshape(1, 10, 6)


def so101_stats():
    pose = np.array([-0.3917, -1.7452, 1.5771, 0.9905, -0.1381, 0.4849], dtype=np.float64)
    state = {"mean": em.dyadic(pose), "std": em.dyadic(np.full(6, 0.125)),
             "min": em.dyadic(pose - 0.5), "max": em.dyadic(pose + 0.5)}
    action = {"mean": em.dyadic(pose + np.array([0, -0.0254, 0.1529, 0, 0, 0])), "std": em.dyadic(np.full(6, 0.0625)),
              "min": em.dyadic(pose - 0.5), "max": em.dyadic(pose + 0.5)}
    image = {"mean": em.dyadic(np.array([0.871, 0.868, 0.843])), "std": em.dyadic(np.array([0.125, 0.125, 0.125])),
             "min": np.zeros(3, dtype=np.float32), "max": np.ones(3, dtype=np.float32)}
    return {"observation.state": state, "observation.images.wrist": image, "action": action}


def write_so101(root: str) -> None:
    os.makedirs(root, exist_ok=True)
    model = em.build(So101Like, 5001)
    stats = so101_stats()
    g = em.seeded(5002)
    state = em.normalize(torch.randn(1, 6, generator=g), "mean_std", stats["observation.state"])
    wrist = em.normalize(torch.rand(1, 3, 36, 64, generator=g), "mean_std", stats["observation.images.wrist"], image=True)
    sha = em.export_onnx(model, (state, wrist), ["observation.state", "observation.images.wrist"], ["action"],
                         os.path.join(root, "so101_like.onnx"))
    inputs = (em.state_input("observation.state", SO101_JOINTS, 1, "mean_std")
              + [line.replace("resize: bilinear", "resize: area")
                 for line in em.image_input("observation.images.wrist", "wrist", 3, 36, 64, "mean_std")])
    text = em.card_text(
        name="so101_like", kind="chunk", onnx_file="so101_like.onnx", sha=sha, inputs=inputs, out_name="action",
        joints=SO101_JOINTS, horizon=10, out_norm="mean_std", variant="lerobot", stats=stats, policy_hz=30, control_hz=30,
        execution={"executor": "queue", "n_action_steps": 5, "interpolation": "linear"})
    with open(os.path.join(root, "card.yaml"), "w") as f:
        f.write(text.replace("models/export_models.py", "models/export_replay_episode.py"))


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
    folders = {"replay_episode": write, "replay_so101": write_so101}
    if args.check:
        bad = []
        with tempfile.TemporaryDirectory() as tmp:
            for folder, writer in folders.items():
                writer(os.path.join(tmp, folder))
                for n in sorted(os.listdir(os.path.join(tmp, folder))):
                    new, old = os.path.join(tmp, folder, n), os.path.join(HERE, folder, n)
                    if not os.path.exists(old) or open(new, "rb").read() != open(old, "rb").read():
                        bad.append(f"{folder}/{n}")
        print("differs: " + ", ".join(bad) if bad else "identical")
        return 1 if bad else 0
    for folder, writer in folders.items():
        writer(os.path.join(HERE, folder))
        for n in sorted(os.listdir(os.path.join(HERE, folder))):
            print(f"{os.path.getsize(os.path.join(HERE, folder, n)):>9}  {folder}/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
