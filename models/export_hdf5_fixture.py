#!/usr/bin/python3
"""Writes models/fixtures/aloha_episode_tiny.hdf5: an episode in the layout of ACT/ALOHA's record_sim_episodes.py.

Layout (as tonyzhaozh/act writes it; root attribute sim=True):
  /observations/qpos              float64 [T, 14]
  /observations/qvel              float64 [T, 14]
  /observations/images/top        uint8   [T, 24, 32, 3]   chunked (1, 24, 32, 3) like ACT
  /observations/images/left_wrist uint8   [T, 24, 32, 3]   chunked, gzip level 4
  /action                         float64 [T, 14]

Values follow closed formulas so tests recompute them (io.chunkrt.replay.hdf5.AlohaEpisodeTest):
  qpos[t, j]   = sin(0.1 t + 0.5 j)
  qvel[t, j]   = cos(0.1 t + 0.5 j)
  action[t, j] = sin(0.1 (t + 1) + 0.5 j)          (the next qpos: a perfect position-tracking demonstrator)
  top[t, y, x, c]        = (7 t + 3 y + 5 x + 11 c) mod 256
  left_wrist[t, y, x, c] = (255 - (7 t + 3 y + 5 x + 11 c)) mod 256
Run with Debian's python3-h5py and numpy:  /usr/bin/python3 models/export_hdf5_fixture.py
"""
import os

import h5py
import numpy as np

T, J, H, W = 20, 14, 24, 32


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "aloha_episode_tiny.hdf5")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    t = np.arange(T, dtype=np.float64)[:, None]
    j = np.arange(J, dtype=np.float64)[None, :]
    qpos = np.sin(0.1 * t + 0.5 * j)
    qvel = np.cos(0.1 * t + 0.5 * j)
    action = np.sin(0.1 * (t + 1) + 0.5 * j)
    tt, yy, xx, cc = np.meshgrid(np.arange(T), np.arange(H), np.arange(W), np.arange(3), indexing="ij")
    pattern = 7 * tt + 3 * yy + 5 * xx + 11 * cc
    top = (pattern % 256).astype(np.uint8)
    wrist = ((255 - pattern) % 256).astype(np.uint8)
    # fixed HDF5 library settings so reruns give the same file layout
    with h5py.File(out, "w", libver="earliest", track_order=False) as root:
        root.attrs["sim"] = True
        obs = root.create_group("observations")
        images = obs.create_group("images")
        images.create_dataset("top", data=top, chunks=(1, H, W, 3))
        images.create_dataset("left_wrist", data=wrist, chunks=(1, H, W, 3), compression="gzip", compression_opts=4)
        obs.create_dataset("qpos", data=qpos)
        obs.create_dataset("qvel", data=qvel)
        root.create_dataset("action", data=action)
    print("wrote", out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
