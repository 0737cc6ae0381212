"""Small deterministic stand-ins for real robot policies, written to export cleanly with torch 1.13 / opset 14.

Every shape is static (batch 1): reshapes use Python ints fixed at construction, attention is plain
matmul + softmax (no ``nn.MultiheadAttention`` / ``nn.TransformerEncoderLayer`` fast paths), so the
exported graphs hold only basic ONNX ops (Conv, MatMul, Softmax, LayerNorm's decomposition, ...).
Weights are random (PyTorch default init under a fixed seed, plus a few explicit normal inits); the
outputs are O(1), which is all the runtime tests need.
"""

from __future__ import annotations

import math

import torch
import torch.nn as nn
import torch.nn.functional as F


# --------------------------------------------------------------------------------------------------
# shared blocks
# --------------------------------------------------------------------------------------------------


class Attention(nn.Module):
    """Multi-head attention with static sequence lengths."""

    def __init__(self, d_model: int, n_heads: int, len_q: int, len_kv: int):
        super().__init__()
        assert d_model % n_heads == 0
        self.d_model, self.n_heads, self.d_head = d_model, n_heads, d_model // n_heads
        self.len_q, self.len_kv = len_q, len_kv
        self.scale = 1.0 / math.sqrt(self.d_head)
        self.q = nn.Linear(d_model, d_model)
        self.k = nn.Linear(d_model, d_model)
        self.v = nn.Linear(d_model, d_model)
        self.o = nn.Linear(d_model, d_model)

    def forward(self, xq: torch.Tensor, xkv: torch.Tensor) -> torch.Tensor:
        h, dh = self.n_heads, self.d_head
        q = self.q(xq).reshape(1, self.len_q, h, dh).transpose(1, 2)  # [1, h, Lq, dh]
        k = self.k(xkv).reshape(1, self.len_kv, h, dh).transpose(1, 2)  # [1, h, Lk, dh]
        v = self.v(xkv).reshape(1, self.len_kv, h, dh).transpose(1, 2)
        att = torch.matmul(q * self.scale, k.transpose(2, 3))  # [1, h, Lq, Lk]
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(1, self.len_q, self.d_model)
        return self.o(y)


class FeedForward(nn.Module):
    def __init__(self, d_model: int, d_ff: int, act: str = "relu"):
        super().__init__()
        self.l1 = nn.Linear(d_model, d_ff)
        self.l2 = nn.Linear(d_ff, d_model)
        self.act = nn.ReLU() if act == "relu" else nn.GELU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.l2(self.act(self.l1(x)))


class EncoderLayer(nn.Module):
    """Post-norm transformer encoder layer (ACT's default ``pre_norm=False``)."""

    def __init__(self, d_model: int, n_heads: int, d_ff: int, length: int):
        super().__init__()
        self.attn = Attention(d_model, n_heads, length, length)
        self.ff = FeedForward(d_model, d_ff)
        self.n1 = nn.LayerNorm(d_model)
        self.n2 = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
        x = self.n1(x + self.attn(x + pos, x + pos))
        return self.n2(x + self.ff(x))


class DecoderLayer(nn.Module):
    def __init__(self, d_model: int, n_heads: int, d_ff: int, len_q: int, len_mem: int):
        super().__init__()
        self.self_attn = Attention(d_model, n_heads, len_q, len_q)
        self.cross_attn = Attention(d_model, n_heads, len_q, len_mem)
        self.ff = FeedForward(d_model, d_ff)
        self.n1 = nn.LayerNorm(d_model)
        self.n2 = nn.LayerNorm(d_model)
        self.n3 = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, mem: torch.Tensor) -> torch.Tensor:
        x = self.n1(x + self.self_attn(x, x))
        x = self.n2(x + self.cross_attn(x, mem))
        return self.n3(x + self.ff(x))


class PreNormBlock(nn.Module):
    """Pre-norm self-attention block (used by the flow velocity net)."""

    def __init__(self, d_model: int, n_heads: int, d_ff: int, length: int):
        super().__init__()
        self.n1 = nn.LayerNorm(d_model)
        self.attn = Attention(d_model, n_heads, length, length)
        self.n2 = nn.LayerNorm(d_model)
        self.ff = FeedForward(d_model, d_ff, act="gelu")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.n1(x)
        x = x + self.attn(y, y)
        return x + self.ff(self.n2(x))


# --------------------------------------------------------------------------------------------------
# 1. ACT-like chunking transformer
# --------------------------------------------------------------------------------------------------


class ActLike(nn.Module):
    """Shared conv backbone for two cameras + a state token -> transformer encoder -> decoder with
    ``chunk`` learned queries -> linear head. Inputs are already normalized."""

    def __init__(self, state_dim: int = 14, action_dim: int = 14, chunk: int = 100, height: int = 48,
                 width: int = 64, d_model: int = 64, n_heads: int = 4, d_ff: int = 128, n_enc: int = 2,
                 n_dec: int = 1):
        super().__init__()
        self.chunk, self.action_dim, self.d_model = chunk, action_dim, d_model
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(32, 48, 3, stride=1, padding=1), nn.ReLU(),
        )
        self.proj = nn.Conv2d(48, d_model, 1)  # like ACT's input_proj after the ResNet
        fh, fw = height // 8, width // 8
        self.tokens_per_cam = fh * fw
        self.n_tokens = 1 + 2 * self.tokens_per_cam
        self.state_proj = nn.Linear(state_dim, d_model)
        self.pos = nn.Parameter(torch.randn(self.n_tokens, d_model) * 0.1)
        self.cam_embed = nn.Parameter(torch.randn(2, d_model) * 0.1)
        self.encoder = nn.ModuleList(EncoderLayer(d_model, n_heads, d_ff, self.n_tokens) for _ in range(n_enc))
        self.queries = nn.Parameter(torch.randn(chunk, d_model) * 0.5)
        self.decoder = nn.ModuleList(
            DecoderLayer(d_model, n_heads, d_ff, chunk, self.n_tokens) for _ in range(n_dec))
        self.head = nn.Linear(d_model, action_dim)

    def _camera_tokens(self, img: torch.Tensor, cam: int) -> torch.Tensor:
        f = self.proj(self.backbone(img))  # [1, d, fh, fw]
        f = f.reshape(1, self.d_model, self.tokens_per_cam).transpose(1, 2)  # [1, fh*fw, d]
        return f + self.cam_embed[cam]

    def forward(self, state: torch.Tensor, top: torch.Tensor, wrist: torch.Tensor) -> torch.Tensor:
        s = self.state_proj(state).reshape(1, 1, self.d_model)
        x = torch.cat([s, self._camera_tokens(top, 0), self._camera_tokens(wrist, 1)], dim=1)
        pos = self.pos.reshape(1, self.n_tokens, self.d_model)
        for layer in self.encoder:
            x = layer(x, pos)
        q = self.queries.reshape(1, self.chunk, self.d_model)
        for layer in self.decoder:
            q = layer(q, x)
        return self.head(q)  # [1, chunk, action_dim]


# --------------------------------------------------------------------------------------------------
# 2. Diffusion-Policy-like 1-D conditional UNet (epsilon prediction)
# --------------------------------------------------------------------------------------------------


class SinusoidalPosEmb(nn.Module):
    """Diffusion Policy's timestep embedding: [sin(t w_k), cos(t w_k)], w_k = 10000^(-k/(half-1))."""

    def __init__(self, dim: int):
        super().__init__()
        half = dim // 2
        freqs = torch.exp(torch.arange(half, dtype=torch.float32) * -(math.log(10000.0) / (half - 1)))
        self.register_buffer("freqs", freqs, persistent=False)

    def forward(self, t: torch.Tensor) -> torch.Tensor:  # t: float [1]
        arg = t.reshape(1, 1) * self.freqs.reshape(1, -1)
        return torch.cat([arg.sin(), arg.cos()], dim=-1)


class Conv1dBlock(nn.Sequential):
    def __init__(self, cin: int, cout: int, k: int, groups: int = 8):
        super().__init__(nn.Conv1d(cin, cout, k, padding=k // 2), nn.GroupNorm(groups, cout), nn.Mish())


class CondResBlock1d(nn.Module):
    """Two conv blocks with FiLM (scale and bias) from the global conditioning in between."""

    def __init__(self, cin: int, cout: int, cond_dim: int, k: int = 5):
        super().__init__()
        self.cout = cout
        self.b1 = Conv1dBlock(cin, cout, k)
        self.b2 = Conv1dBlock(cout, cout, k)
        self.film = nn.Sequential(nn.Mish(), nn.Linear(cond_dim, 2 * cout))
        self.res = nn.Conv1d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x: torch.Tensor, cond: torch.Tensor) -> torch.Tensor:
        h = self.b1(x)
        f = self.film(cond).reshape(1, 2, self.cout, 1)
        h = f[:, 0] * h + f[:, 1]
        h = self.b2(h)
        return h + self.res(x)


class UnetDenoiser(nn.Module):
    """``model_output = eps(sample [1,H,A], timestep int64 [1], observation.state [1,n_obs,D])``."""

    def __init__(self, horizon: int = 16, action_dim: int = 6, n_obs_steps: int = 2, state_dim: int = 6,
                 dims=(32, 64), t_dim: int = 32, k: int = 5):
        super().__init__()
        self.horizon, self.action_dim = horizon, action_dim
        self.obs_flat = n_obs_steps * state_dim
        d0, d1 = dims
        self.t_emb = nn.Sequential(SinusoidalPosEmb(t_dim), nn.Linear(t_dim, 4 * t_dim), nn.Mish(),
                                   nn.Linear(4 * t_dim, t_dim))
        cond = t_dim + self.obs_flat
        self.down0 = CondResBlock1d(action_dim, d0, cond, k)
        self.downsample = nn.Conv1d(d0, d0, 3, stride=2, padding=1)
        self.down1 = CondResBlock1d(d0, d1, cond, k)
        self.mid = CondResBlock1d(d1, d1, cond, k)
        self.up1 = CondResBlock1d(2 * d1, d0, cond, k)
        self.upsample = nn.ConvTranspose1d(d0, d0, 4, stride=2, padding=1)
        self.up0 = CondResBlock1d(2 * d0, d0, cond, k)
        self.final = nn.Sequential(Conv1dBlock(d0, d0, k), nn.Conv1d(d0, action_dim, 1))

    def forward(self, sample: torch.Tensor, timestep: torch.Tensor, state: torch.Tensor) -> torch.Tensor:
        x = sample.transpose(1, 2)  # [1, A, H]
        cond = torch.cat([self.t_emb(timestep.to(torch.float32)), state.reshape(1, self.obs_flat)], dim=-1)
        h0 = self.down0(x, cond)  # [1, d0, H]
        h1 = self.down1(self.downsample(h0), cond)  # [1, d1, H/2]
        m = self.mid(h1, cond)
        u = self.upsample(self.up1(torch.cat([m, h1], dim=1), cond))  # [1, d0, H]
        u = self.up0(torch.cat([u, h0], dim=1), cond)
        return self.final(u).transpose(1, 2)  # [1, H, A]


# --------------------------------------------------------------------------------------------------
# 3. Flow-matching velocity field
# --------------------------------------------------------------------------------------------------


class FlowTimeEmbedding(nn.Module):
    """pi0's sine-cosine embedding of a continuous time in [0, 1] (periods 4e-3 .. 4)."""

    def __init__(self, dim: int, min_period: float = 4e-3, max_period: float = 4.0):
        super().__init__()
        fraction = torch.linspace(0.0, 1.0, dim // 2, dtype=torch.float64)
        period = min_period * (max_period / min_period) ** fraction
        self.register_buffer("scaling", (2 * math.pi / period).to(torch.float32), persistent=False)

    def forward(self, t: torch.Tensor) -> torch.Tensor:  # [1]
        arg = t.reshape(1, 1) * self.scaling.reshape(1, -1)
        return torch.cat([arg.sin(), arg.cos()], dim=-1)


class FlowVelocity(nn.Module):
    """``velocity = v(x_t [1,H,A], time float32 [1], observation.state [1,D])``: per-step tokens with a
    learned position embedding, conditioned additively on time and state, two pre-norm attention blocks."""

    def __init__(self, chunk: int = 50, action_dim: int = 6, state_dim: int = 6, d_model: int = 64,
                 n_heads: int = 4, d_ff: int = 128, n_layers: int = 2):
        super().__init__()
        self.chunk, self.d_model = chunk, d_model
        self.in_proj = nn.Linear(action_dim, d_model)
        self.pos = nn.Parameter(torch.randn(chunk, d_model) * 0.2)
        self.time = nn.Sequential(FlowTimeEmbedding(d_model), nn.Linear(d_model, d_model), nn.SiLU(),
                                  nn.Linear(d_model, d_model))
        self.state = nn.Linear(state_dim, d_model)
        self.blocks = nn.ModuleList(PreNormBlock(d_model, n_heads, d_ff, chunk) for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.out = nn.Linear(d_model, action_dim)

    def forward(self, x_t: torch.Tensor, time: torch.Tensor, state: torch.Tensor) -> torch.Tensor:
        cond = self.time(time) + self.state(state)  # [1, d]
        x = self.in_proj(x_t) + self.pos.reshape(1, self.chunk, self.d_model) + cond.reshape(1, 1, self.d_model)
        for blk in self.blocks:
            x = blk(x)
        return self.out(self.norm(x))  # [1, H, A]


# --------------------------------------------------------------------------------------------------
# 4. MLP actor
# --------------------------------------------------------------------------------------------------


class MlpActor(nn.Module):
    def __init__(self, state_dim: int = 12, action_dim: int = 6, hidden: int = 64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(state_dim, hidden), nn.Tanh(), nn.Linear(hidden, hidden), nn.Tanh(),
                                 nn.Linear(hidden, action_dim))

    def forward(self, state: torch.Tensor) -> torch.Tensor:
        return self.net(state)
