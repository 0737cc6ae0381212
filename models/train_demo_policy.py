#!/usr/bin/env python3
"""Trains demo_reach: a small behaviour-cloned chunk policy that drives a simulated 6-joint arm to a target.

Run from anywhere:   /usr/bin/python3 models/train_demo_policy.py           (about 30-60 s on 1 core)
                     /usr/bin/python3 models/train_demo_policy.py --check   (regenerates into a temp folder and
                                                                              compares byte for byte)

Needs only Debian's python3-torch (1.13, CPU), python3-onnx (1.12) and python3-numpy; no network. Writes
models/demo_reach/ (ONNX model, policy card, reference tensors). Everything is seeded and runs on one thread,
so re-running gives byte-identical files. See models/README.md, section "Trained demo policy".

The simulated arm (ChunkRT's Java reach demo mirrors it; all in doubles here):

* 6 joints joint_1..joint_6, position limits [-2.5, 2.5] rad.
* First-order tracking of the commanded position, tau = 0.05 s, integrated exactly at the control rate
  (50 Hz, dt = 1/50 s):  x <- cmd + (x - cmd) * exp(-dt / tau), then clamped to the limits.
* The policy runs at 10 Hz. Each action is held (zero-order hold, no interpolation) for the 5 control steps
  of its 0.1 s slot.
* Episode: start pose q0 and target q* uniform in [-1.5, 1.5]^6. Observation = [q (6), q* (6)].
* Scripted expert, from the pose q it is given: a_1 = q + clip(0.5 (q* - q), -0.15, 0.15),
  a_{k+1} = a_k + clip(0.5 (q* - a_k), -0.15, 0.15), k = 1..9.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from typing import Dict, List, Tuple

sys.dont_write_bytecode = True  # keep models/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import onnx  # noqa: E402
import torch  # noqa: E402

import artifact_io as aio  # noqa: E402
from artifact_io import save_npy, stats_yaml, yaml_flow_list, yaml_scalar  # noqa: E402
from export_models import EPS, check_card, export_onnx, normalize, state_input, unnormalize, \
    write_reference_readme  # noqa: E402

NAME = "demo_reach"

# ---- the simulated arm and the task ---------------------------------------------------------------
N = 6                      # joints
LIMIT = 2.5                # joint position limits [-LIMIT, LIMIT] rad
TAU = 0.05                 # first-order tracking time constant, s
POLICY_HZ = 10
CONTROL_HZ = 50
STEPS_PER_ACTION = CONTROL_HZ // POLICY_HZ   # 5 control steps per action (zero-order hold)
H = 10                     # chunk length
GAIN = 0.5                 # expert: fraction of the remaining error per action
MAX_STEP = 0.15            # expert: largest change per action (0.15 rad / 0.1 s = 1.5 rad/s)
START_RANGE = 1.5          # q0 and q* uniform in [-START_RANGE, START_RANGE]^N
DECAY = math.exp(-(1.0 / CONTROL_HZ) / TAU)  # exp(-0.4)

JOINTS = [f"joint_{i}" for i in range(1, N + 1)]
STATE_NAMES = JOINTS + [f"target_{i}" for i in range(1, N + 1)]

# ---- training data --------------------------------------------------------------------------------
DATA_SEED = 7001
N_EPISODES = 400
EPISODE_TICKS = 40          # 4 s at 10 Hz -> 16,000 (observation, chunk) pairs
NOISE_PROB = 0.3            # chance per tick that the pose the policy sees is perturbed
NOISE_SIGMA = 0.02          # rad

VAL_SEED = 7002
N_VAL_EPISODES = 50

# ---- model and training ---------------------------------------------------------------------------
MODEL_SEED = 7003
SHUFFLE_SEED = 7004
HIDDEN = 256
BATCH = 256
EPOCHS = 6
PASS_BIAS = 4.0             # init: hidden units that carry the inputs are relu(x + PASS_BIAS)
N_HINGES = 120              # init: hidden units that are hinges of one joint's error q*_i - q_i
HINGE_T_MAX = 2.0           # init: their thresholds are uniform in [0, HINGE_T_MAX) rad
LR = 1e-4                   # the output layer starts at the least-squares fit; 1e-3 first throws it far off
LR_FINAL = 1e-6             # cosine decay from LR to LR_FINAL over all steps

# ---- closed-loop test -----------------------------------------------------------------------------
TEST_SEED = 7005
N_TEST = 20
TEST_TICKS = 100            # 10 s at 10 Hz
SUCCESS_TOL = 0.05          # rad, max |q - q*| at the end


# ==================================================================================================
# simulation (float64)
# ==================================================================================================


def expert_chunk(q: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The scripted expert's [H, N] chunk of absolute joint targets from pose q."""
    out = np.empty((H, N), dtype=np.float64)
    a = q
    for k in range(H):
        a = a + np.clip(GAIN * (target - a), -MAX_STEP, MAX_STEP)
        out[k] = a
    return out


def hold(x: np.ndarray, cmd: np.ndarray) -> np.ndarray:
    """Runs the arm for one action slot: STEPS_PER_ACTION control steps tracking a constant command."""
    for _ in range(STEPS_PER_ACTION):
        x = cmd + (x - cmd) * DECAY
        x = np.clip(x, -LIMIT, LIMIT)
    return x


def sample_pose(rng: np.random.RandomState) -> np.ndarray:
    """A pose uniform in the start range, rounded to float32 (so a float32 file reproduces it exactly)."""
    return rng.uniform(-START_RANGE, START_RANGE, N).astype(np.float32).astype(np.float64)


def rollouts(seed: int, episodes: int) -> Tuple[np.ndarray, np.ndarray]:
    """Expert rollouts, replanning every tick and executing a_1. Returns (obs [M, 2N], chunks [M, H, N])."""
    rng = np.random.RandomState(seed)
    obs: List[np.ndarray] = []
    acts: List[np.ndarray] = []
    for _ in range(episodes):
        q0 = sample_pose(rng)
        target = sample_pose(rng)
        x = q0.copy()
        for _ in range(EPISODE_TICKS):
            seen = x.copy()
            if rng.uniform() < NOISE_PROB:  # the policy sees (and the expert labels) a perturbed pose
                seen = seen + rng.normal(0.0, NOISE_SIGMA, N)
            chunk = expert_chunk(seen, target)
            obs.append(np.concatenate([seen, target]))
            acts.append(chunk)
            x = hold(x, chunk[0])
    return np.asarray(obs, dtype=np.float32), np.asarray(acts, dtype=np.float32)


# ==================================================================================================
# model
# ==================================================================================================


class ReachMlp(torch.nn.Module):
    """12 -> 256 -> 256 -> 60 (ReLU), reshaped to [B, H, N]. Normalized in, normalized out."""

    def __init__(self) -> None:
        super().__init__()
        self.net = torch.nn.Sequential(
            torch.nn.Linear(2 * N, HIDDEN), torch.nn.ReLU(),
            torch.nn.Linear(HIDDEN, HIDDEN), torch.nn.ReLU(),
            torch.nn.Linear(HIDDEN, H * N))

    def forward(self, state: torch.Tensor) -> torch.Tensor:
        return self.net(state).reshape(-1, H, N)


def compute_stats(x: np.ndarray) -> Dict[str, np.ndarray]:
    """mean/std/min/max over all samples (last axis = feature), computed in doubles, rounded to float32."""
    flat = x.reshape(-1, x.shape[-1]).astype(np.float64)
    return {
        "mean": flat.mean(axis=0).astype(np.float32),
        "std": flat.std(axis=0).astype(np.float32),
        "min": flat.min(axis=0).astype(np.float32),
        "max": flat.max(axis=0).astype(np.float32),
    }


def init_model(stats: Dict[str, Dict[str, np.ndarray]], obs_n: torch.Tensor) -> ReachMlp:
    """PyTorch's default init, with two thirds of the hidden units given a useful start (the last layer is then
    fitted by least squares, see :func:`fit_last_layer`):

    * hidden-1 units 0..11 carry the inputs: relu(x_j + 4) with x the normalized state (|x| < 4 on the data, so
      the ReLU stays linear), and hidden-2 units 0..11 copy them. The net can start as an affine map of the state.
    * hidden-1 units 12..131 are hinges of one joint's remaining error e_i = q*_i - q_i (rad):
      relu(s * e_i - t), joint i = u mod 6, sign s alternating, threshold t uniform in [0, 2) (seeded), and
      hidden-2 units 12..131 copy them. The expert is piecewise linear in each e_i, so these are a good basis.
    * units 132..255 of both layers keep the default (random) init.
    """
    torch.manual_seed(MODEL_SEED)
    model = ReachMlp()
    l1, l2 = model.net[0], model.net[2]
    std = torch.from_numpy(stats["observation.state"]["std"])
    mean = torch.from_numpy(stats["observation.state"]["mean"])
    assert float(obs_n.abs().max()) < PASS_BIAS
    g = torch.Generator()
    g.manual_seed(MODEL_SEED + 100)
    with torch.no_grad():
        for j in range(2 * N):
            l1.weight[j].zero_()
            l1.weight[j, j] = 1.0
            l1.bias[j] = PASS_BIAS
        for u in range(N_HINGES):
            j, i = 2 * N + u, u % N
            s = 1.0 if (u // N) % 2 == 0 else -1.0
            t = float(torch.rand(1, generator=g)) * HINGE_T_MAX
            # s * (q*_i - q_i) - t with q = x * std + mean (x normalized)
            l1.weight[j].zero_()
            l1.weight[j, N + i] = s * std[N + i]
            l1.weight[j, i] = -s * std[i]
            l1.bias[j] = s * (mean[N + i] - mean[i]) - t
        for j in range(2 * N + N_HINGES):
            l2.weight[j].zero_()
            l2.weight[j, j] = 1.0
            l2.bias[j] = 0.0
    return model


def fit_last_layer(model: ReachMlp, obs_n: torch.Tensor, act_n: torch.Tensor) -> None:
    """Sets the output layer to the least-squares fit (ridge 1e-6, float64) on the hidden-2 features."""
    with torch.no_grad():
        f = model.net[:4](obs_n).double()
        f = torch.cat([f, torch.ones(f.shape[0], 1, dtype=torch.float64)], 1)
        y = act_n.reshape(act_n.shape[0], -1).double()
        w = torch.linalg.solve(f.T @ f + 1e-6 * torch.eye(f.shape[1], dtype=torch.float64), f.T @ y)
        model.net[4].weight.copy_(w[:-1].T.float())
        model.net[4].bias.copy_(w[-1].float())


def train(stats: Dict[str, Dict[str, np.ndarray]], obs_n: torch.Tensor, act_n: torch.Tensor,
          log: List[str]) -> ReachMlp:
    """init_model + least-squares output layer, then Adam on the MSE (all layers, minibatches, cosine-decayed
    learning rate), then a final least-squares refit of the output layer."""
    model = init_model(stats, obs_n)
    model.eval()
    fit_last_layer(model, obs_n, act_n)
    log.append(f"  init + least-squares output layer: mse (normalized) {mse(model, obs_n, act_n):.3e}")
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    m = obs_n.shape[0]
    steps_per_epoch = m // BATCH  # the remainder of each shuffle is dropped
    total = EPOCHS * steps_per_epoch
    g = torch.Generator()
    g.manual_seed(SHUFFLE_SEED)
    step = 0
    model.train()
    for epoch in range(EPOCHS):
        perm = torch.randperm(m, generator=g)
        run = 0.0
        for b in range(steps_per_epoch):
            lr = LR_FINAL + 0.5 * (LR - LR_FINAL) * (1.0 + math.cos(math.pi * step / total))
            for group in opt.param_groups:
                group["lr"] = lr
            idx = perm[b * BATCH:(b + 1) * BATCH]
            loss = torch.nn.functional.mse_loss(model(obs_n[idx]), act_n[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            run += float(loss)
            step += 1
        if epoch % 2 == 1 or epoch == 0:
            log.append(f"  epoch {epoch:3d}  lr {lr:.2e}  mse (normalized, running mean of the epoch) "
                       f"{run / steps_per_epoch:.3e}")
    model.eval()
    log.append(f"  after Adam: mse (normalized) {mse(model, obs_n, act_n):.3e}")
    fit_last_layer(model, obs_n, act_n)
    return model


def mse(model: ReachMlp, obs_n: torch.Tensor, act_n: torch.Tensor) -> float:
    with torch.no_grad():
        return float(torch.nn.functional.mse_loss(model(obs_n), act_n))


# ==================================================================================================
# closed loop
# ==================================================================================================


class TorchPolicy:
    """The card's path in torch: float32 observation -> mean_std (LeRobot) -> network -> unnormalize."""

    def __init__(self, model: ReachMlp, stats: Dict[str, Dict[str, np.ndarray]]) -> None:
        self.model = model
        self.stats = stats

    def chunk(self, q: np.ndarray, target: np.ndarray) -> np.ndarray:
        raw = torch.from_numpy(np.concatenate([q, target]).astype(np.float32)).reshape(1, 2 * N)
        with torch.no_grad():
            y = self.model(normalize(raw, "mean_std", self.stats["observation.state"]))
        return unnormalize(y, "mean_std", self.stats["action"]).numpy()[0].astype(np.float64)


def closed_loop(policy, q0: np.ndarray, target: np.ndarray, n_action_steps: int) -> float:
    """Runs TEST_TICKS action slots. Every n_action_steps slots the policy is queried from the measured pose
    and its first n_action_steps actions are queued; each slot pops one action and holds it for 5 control
    steps. Returns the final max |q - q*|."""
    x = q0.copy()
    queue: List[np.ndarray] = []
    for _ in range(TEST_TICKS):
        if not queue:
            queue = list(policy(x, target)[:n_action_steps])
        x = hold(x, queue.pop(0))
    return float(np.max(np.abs(x - target)))


def test_episodes() -> np.ndarray:
    rng = np.random.RandomState(TEST_SEED)
    eps = []
    for _ in range(N_TEST):
        q0 = sample_pose(rng)
        target = sample_pose(rng)
        eps.append(np.concatenate([q0, target]))
    return np.asarray(eps, dtype=np.float32)


# ==================================================================================================
# card
# ==================================================================================================


def card_text(sha: str, stats: Dict[str, Dict[str, np.ndarray]]) -> str:
    lines = [
        "# Generated by models/train_demo_policy.py - do not edit; re-run the script instead.",
        f"name: {NAME}",
        "kind: chunk",
        "model:",
        f"  file: {NAME}.onnx",
        f"  sha256: {sha}",
        "inputs:",
        *state_input("observation.state", STATE_NAMES, 1, "mean_std"),
        "output:",
        "  name: action",
        "  feature: action",
        f"  joints: {yaml_flow_list(JOINTS)}",
        f"  horizon: {H}",
        "  semantics: absolute",
        "  normalization: mean_std",
        "normalization:",
        "  variant: lerobot",
        f"  eps: {yaml_scalar(EPS)}",
        *stats_yaml(stats),
        "rates:",
        f"  policy_hz: {POLICY_HZ}",
        f"  control_hz: {CONTROL_HZ}",
        "execution:",
        "  executor: queue",
        f"  n_action_steps: {H}",
    ]
    return "\n".join(lines) + "\n"


# ==================================================================================================
# main
# ==================================================================================================


def generate(root: str, log: List[str]) -> None:
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    folder = os.path.join(root, NAME)
    ref = os.path.join(folder, "reference")
    t0 = time.time()

    obs, acts = rollouts(DATA_SEED, N_EPISODES)
    val_obs, val_acts = rollouts(VAL_SEED, N_VAL_EPISODES)
    stats = {"observation.state": compute_stats(obs), "action": compute_stats(acts)}
    assert np.all(stats["observation.state"]["std"] > 0.1) and np.all(stats["action"]["std"] > 0.1)
    log.append(f"data: {obs.shape[0]} samples from {N_EPISODES} episodes ({time.time() - t0:.1f}s); "
               f"validation {val_obs.shape[0]} samples")

    def norm(o, a):
        on = normalize(torch.from_numpy(o), "mean_std", stats["observation.state"])
        an = normalize(torch.from_numpy(a), "mean_std", stats["action"])
        return on.contiguous(), an.contiguous()

    obs_n, act_n = norm(obs, acts)
    val_obs_n, val_act_n = norm(val_obs, val_acts)
    t1 = time.time()
    model = train(stats, obs_n, act_n, log)
    train_mse, val_mse = mse(model, obs_n, act_n), mse(model, val_obs_n, val_act_n)
    with torch.no_grad():
        raw_err = unnormalize(model(val_obs_n), "mean_std", stats["action"]) - torch.from_numpy(val_acts)
    log.append(f"training: {time.time() - t1:.1f}s; final (after the refit) normalized mse train {train_mse:.3e}, "
               f"validation {val_mse:.3e}; validation action error rms {float(raw_err.pow(2).mean().sqrt()):.4f} "
               f"rad, max {float(raw_err.abs().max()):.4f} rad")

    # closed loop: queue of 10 (the card's executor) and replanning every tick with a_1 only
    policy = TorchPolicy(model, stats)
    episodes = test_episodes()
    ep64 = episodes.astype(np.float64)
    final_queue = np.array([closed_loop(policy.chunk, e[:N], e[N:], H) for e in ep64])
    final_a1 = np.array([closed_loop(policy.chunk, e[:N], e[N:], 1) for e in ep64])
    expert_queue = np.array([closed_loop(expert_chunk, e[:N], e[N:], H) for e in ep64])
    initial = np.max(np.abs(ep64[:, :N] - ep64[:, N:]), axis=1)
    for label, v in (("policy, queue of 10", final_queue), ("policy, replan every 0.1 s (a_1)", final_a1),
                     ("expert, queue of 10", expert_queue)):
        log.append(f"closed loop {label}: final max|q - q*| worst {v.max():.4f} mean {v.mean():.4f} rad; "
                   f"{int(np.sum(v < SUCCESS_TOL))}/{N_TEST} below {SUCCESS_TOL}")
    log.append(f"  (initial max|q0 - q*|: mean {initial.mean():.3f}, max {initial.max():.3f} rad)")
    ok = bool(np.all(final_queue < SUCCESS_TOL) and np.all(final_a1 < SUCCESS_TOL))

    # export + references
    ref_raw = torch.from_numpy(episodes[0:1].copy())  # test episode 0's first observation [q0, q*]
    ref_in = normalize(ref_raw, "mean_std", stats["observation.state"])
    sha = export_onnx(model, (ref_in,), ["observation.state"], ["action"], os.path.join(folder, f"{NAME}.onnx"))
    proto = onnx.load(os.path.join(folder, f"{NAME}.onnx"))
    out_shape = [d.dim_value for d in proto.graph.output[0].type.tensor_type.shape.dim]
    in_shape = [d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim]
    assert in_shape == [1, 2 * N] and out_shape == [1, H, N], (in_shape, out_shape)
    with torch.no_grad():
        ref_out = model(ref_in)
    ref_action = unnormalize(ref_out, "mean_std", stats["action"])
    save_npy(os.path.join(ref, "input.observation.state.npy"), ref_raw)
    save_npy(os.path.join(ref, "onnx_input.observation.state.npy"), ref_in)
    save_npy(os.path.join(ref, "onnx_output.action.npy"), ref_out)
    save_npy(os.path.join(ref, "action.npy"), ref_action)
    save_npy(os.path.join(ref, "episodes.npy"), episodes)
    save_npy(os.path.join(ref, "episodes_final_error.npy"), final_queue.astype(np.float32))
    write_reference_readme(os.path.join(ref, "README"), f"""
        Reference tensors for demo_reach.onnx (card.yaml, LeRobot mean_std, eps 1e-8), a policy trained by
        models/train_demo_policy.py to reach a target pose with a simulated 6-joint arm.
        input.observation.state.npy is the raw [1,12] observation [q (6), q* (6)] of test episode 0;
        onnx_input.observation.state.npy is (x - mean) / (std + 1e-8); onnx_output.action.npy is the network
        output [1,10,6] for that input and action.npy the output unnormalized as y * std + mean (absolute joint
        targets, rad). Float32 .npy, tolerance 1e-4.
        episodes.npy f32[{N_TEST},12] holds the {N_TEST} closed-loop test episodes, one row each: start pose
        q0 (6) then target q* (6). episodes_final_error.npy f32[{N_TEST}] is max_i |q_i - q*_i| after 10 s
        with the torch policy in the loop, queue executor with n_action_steps 10: at t = 0, 1, ..., 9 s a chunk
        is inferred from the measured pose, and each of its 10 actions is held for 5 control steps at 50 Hz of
        x = cmd + (x - cmd) * exp(-(1/50) / 0.05), clamped to [-2.5, 2.5], computed in doubles. All episodes end
        below 0.05 rad. Another runtime's float32 arithmetic moves these errors only slightly; compare roughly.""")
    card_path = os.path.join(folder, "card.yaml")
    aio.write_text(card_path, card_text(sha, stats))
    check_card(card_path)
    log.append(f"reference action max|.| {float(ref_action.abs().max()):.4f}; total {time.time() - t0:.1f}s")
    if not ok:
        raise SystemExit("closed-loop check failed: some episode ends at or above "
                         f"{SUCCESS_TOL} rad (queue {final_queue.max():.4f}, a_1 {final_a1.max():.4f})")


class Log(list):
    """Prints each line as it comes (training takes a while)."""

    def append(self, line: str) -> None:
        print(line, flush=True)
        super().append(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=HERE, help="output root (default: the models/ folder)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and compare byte for byte with the files under --out "
                         "(exit 1 on any difference); writes nothing under --out")
    args = ap.parse_args()
    log = Log()
    log.append(f"torch {torch.__version__}, onnx {onnx.__version__}, numpy {np.__version__}")
    out = os.path.abspath(args.out)
    if args.check:
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            generate(tmp, log)
            bad = []
            for p in sorted(set(aio.WRITTEN)):
                rel = os.path.relpath(p, tmp)
                old_path = os.path.join(out, rel)
                with open(p, "rb") as f_new:
                    new = f_new.read()
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
    generate(out, log)
    for p in sorted(set(aio.WRITTEN)):
        print(f"{os.path.getsize(p):>9}  {os.path.relpath(p, out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
