#!/usr/bin/env python3
"""Independent PyTorch reference for `hpt parity`.

Trains ONE hpt trial (a config.json-style TrainConfig) in PyTorch, from the initial weights hpt
wrote and on the batch indices hpt drew, and records per step the loss, every tensor's gradient
and every tensor's value after the optimizer step, for hpt to compare with its own run.

What this file must NOT do is read hpt's rule table: the parameterization is derived here, on
its own, the way microsoft/mup does it (set_base_shapes: a dimension is "infinite" when it
differs between the model at the base width and at twice the base width; MuReadout; MuAdam /
MuSGD), plus the depth rules of CompleteP (Dey et al. 2025, Table 1) / Bordelon et al. 2023.
Only the config (sizes, options, base shape, parameterization NAME) comes from hpt.

Conventions that are hpt's documented model definition, not scaling rules (README, "The model"):
convolutions use TensorFlow-style SAME padding; He init (gain 2) for weights fed by a ReLU/GELU,
LeCun (gain 1) otherwise; learned embeddings start as N(0, 1) like nn.Embedding; Adam is
torch.optim.Adam, momentum is torch.optim.SGD(nesterov=True).

With --teacher-forced every step starts from hpt's own tensors after its previous step, and the
optimizer step consumes hpt's gradient (its state is this file's own): each step's forward,
backward and update are checked on their own, and float32 rounding cannot compound.

Run by Debian's python3 with python3-torch. Output (in --exchange): torch-<dtype>.json (losses,
tensor list, init check) and grads-<dtype>.bin / params-<dtype>.bin (float64, little-endian,
step-major, tensors in the json's order, each flattened in hpt's layout).
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

# Faults a test can inject to prove the comparison catches a broken rule (never used otherwise).
FAULTS = ("readout-mult", "hidden-adam-lr", "branch-mult", "dl4j-adam-eps", "input-sgd-lr")


# ----------------------------------------------------------------------------- parameterization

def depth_exponent(name):
    """alpha of the branch multiplier beta * m_L^-alpha for an hpt parameterization name."""
    if name == "sp" or name == "mup":
        return 0.0
    if name == "mup-depth":
        return 0.5
    if name == "completep":
        return 1.0
    if name.startswith("mup-alpha"):
        return float(name[len("mup-alpha"):])
    raise ValueError("unknown parameterization " + name)


def uses_mup(name):
    return name != "sp"


class Dims:
    """Which dims of each parameter are 'infinite' (mup's infshape), from base and delta models."""

    def __init__(self, target, base, delta):
        self.info = {}
        b, d = dict(base.named_parameters()), dict(delta.named_parameters())
        for n, p in target.named_parameters():
            bs, ds = b[n].shape, d[n].shape
            inf = [bs[i] != ds[i] for i in range(p.dim())]
            mult = [p.shape[i] / bs[i] if inf[i] else 1.0 for i in range(p.dim())]
            self.info[n] = (inf, mult)

    def ninf(self, n):
        return sum(self.info[n][0])

    def width_mult(self, n):
        """mup's InfShape.width_mult: the multiplier of the last infinite dim (the fan-in of a matrix)."""
        inf, mult = self.info[n]
        for i in reversed(range(len(inf))):
            if inf[i]:
                return mult[i]
        return 1.0

    def fanin_fanout_ratio(self, n):
        inf, mult = self.info[n]
        return mult[1] / mult[0]


def param_groups(model, dims, cfg, fault):
    """One torch param group per tensor: lr, eps, weight decay as mup/CompleteP prescribe."""
    opt = cfg["optimizer"]
    pname = cfg["parameterization"]
    mup = uses_mup(pname)
    alpha = depth_exponent(pname)
    arch = arch_cfg(cfg)
    m_l = arch["depth"] / arch["baseDepth"]
    adam = opt["kind"] == "ADAM"
    groups = []
    for n, p in model.named_parameters():
        lr_mult, eps_mult = 1.0, 1.0
        if mup:
            k = dims.ninf(n)
            if adam:
                # MuAdam: matrix-like (2 infinite dims) lr / width_mult; CompleteP Table 1: eps / m_N too
                if k == 2:
                    if fault != "hidden-adam-lr":
                        lr_mult /= dims.width_mult(n)
                    eps_mult /= dims.width_mult(n)
            else:
                # MuSGD: vector-like lr * width_mult, matrix-like lr / (fanin_mult / fanout_mult)
                if k == 1:
                    if not (fault == "input-sgd-lr" and n.startswith("stem")):
                        lr_mult *= dims.width_mult(n)
                elif k == 2:
                    lr_mult /= dims.fanin_fanout_ratio(n)
        if alpha > 0 and model.in_branch(n):
            # CompleteP Table 1 (Adam) / Bordelon et al. code (SGD), for tensors inside residual branches
            if adam:
                lr_mult *= m_l ** (alpha - 1)
                eps_mult *= m_l ** (-alpha)
            else:
                lr_mult *= m_l ** (2 * alpha - 1)
        decay = opt["weightDecay"] if p.dim() >= 2 else 0.0  # weights and embeddings, not biases/norms
        groups.append({"params": [p], "name": n, "lr": opt["lr"] * lr_mult, "base_lr": opt["lr"] * lr_mult,
                       "eps": opt["epsilon"] * eps_mult,
                       # lr * wd the same at every shape (mup's MuAdam/MuSGD weight-decay rule, generalised)
                       "weight_decay": decay / lr_mult})
    return groups


def arch_cfg(cfg):
    return cfg["resnet"] if cfg["arch"] == "resnet" else cfg["vit"]


# ----------------------------------------------------------------------------- models

def same_padding(h, w, k, stride):
    """TensorFlow SAME padding (what DL4J's ConvolutionMode.Same does): total rows and columns to add."""
    return max((math.ceil(h / stride) - 1) * stride + k - h, 0), max((math.ceil(w / stride) - 1) * stride + k - w, 0)


def same_pad(x, k, stride):
    """SAME-padded copy of x: the extra pixel goes right/bottom."""
    ph, pw = same_padding(x.shape[-2], x.shape[-1], k, stride)
    return F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))


def weight_init(model, n, gain, mup_on, zero_readout, init_scale, base_width):
    """A weight's init: gain/fan_in (He or LeCun); the readout: SP 1/fan_in, muP the base model's
    1/base_fan_in (what mup's MuReadout rescaling leaves), or exactly 0 with a zero readout."""
    fan_in = dict(model.named_parameters())[n][0].numel()
    if n.startswith("readout"):
        if mup_on and zero_readout:
            return ("const", 0.0)
        base_fan_in = fan_in * base_width / model.a["width"] if mup_on else fan_in
        return ("std", init_scale * math.sqrt(1.0 / base_fan_in))
    return ("std", init_scale * math.sqrt(gain / fan_in))


class SameConv(nn.Conv2d):
    def forward(self, x):
        k, stride = self.kernel_size[0], self.stride[0]
        ph, pw = same_padding(x.shape[-2], x.shape[-1], k, stride)
        if ph % 2 == 0 and pw % 2 == 0:  # symmetric SAME padding: conv2d's own padding, no padded copy (same numbers)
            return F.conv2d(x, self.weight, self.bias, self.stride, (ph // 2, pw // 2))
        return F.conv2d(same_pad(x, k, stride), self.weight, self.bias, self.stride)


class ResBlock(nn.Module):
    def __init__(self, w, bn, bias):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(w, eps=1e-5) if bn else None
        self.conv1 = SameConv(w, w, 3, bias=bias)
        self.bn2 = nn.BatchNorm2d(w, eps=1e-5) if bn else None
        self.conv2 = SameConv(w, w, 3, bias=bias)

    def forward(self, h, mult):
        x = F.relu(self.bn1(h) if self.bn1 is not None else h)
        x = self.conv1(x)
        x = F.relu(self.bn2(x) if self.bn2 is not None else x)
        return h + mult * self.conv2(x)


class ResNet(nn.Module):
    """hpt's ResNet: stem -> stages of blocks h + m * conv(relu([bn] conv(relu([bn] h)))) -> relu -> avg pool -> readout."""

    def __init__(self, a, channels, classes):
        super().__init__()
        self.a = a
        bias = a["convBias"]
        self.stem = SameConv(channels, a["width"], 3, bias=bias)
        self.transitions = nn.ModuleList()
        self.stages = nn.ModuleList()
        w = a["width"]
        for s in range(a["stages"]):
            if s > 0:
                self.transitions.append(SameConv(w, 2 * w, 3, stride=2, bias=bias))
                w *= 2
            self.stages.append(nn.ModuleList([ResBlock(w, a["batchNorm"], bias) for _ in range(a["depth"] // a["stages"])]))
        self.readout = nn.Linear(w, classes)

    def in_branch(self, n):
        return n.startswith("stages.")

    def forward(self, x, branch_mult, readout_mult):
        h = self.stem(x)
        for s, blocks in enumerate(self.stages):
            if s > 0:
                h = self.transitions[s - 1](h)
            for b in blocks:
                h = b(h, branch_mult)
        z = F.relu(h).mean(dim=(2, 3))
        return self.readout(z * readout_mult)  # mup's MuReadout scales the readout's INPUT: its bias is unscaled

    def hpt_names(self):
        """torch name -> (hpt tensor name, how to turn the torch tensor into hpt's layout)."""
        out = {}
        conv = lambda t: t
        dense = lambda t: t.t()

        def c(prefix, layer):
            out[prefix + ".weight"] = (layer + "/W", conv)
            if self.a["convBias"]:
                out[prefix + ".bias"] = (layer + "/b", conv)

        c("stem", "stem")
        block = 0
        for s, blocks in enumerate(self.stages):
            if s > 0:
                c("transitions.%d" % (s - 1), "transition%d" % s)
            for i in range(len(blocks)):
                p = "stages.%d.%d" % (s, i)
                c(p + ".conv1", "block%d_conv1" % block)
                c(p + ".conv2", "block%d_conv2" % block)
                for bn in ("bn1", "bn2"):
                    if self.a["batchNorm"]:
                        out[p + "." + bn + ".weight"] = ("block%d_%s/gamma" % (block, bn), conv)
                        out[p + "." + bn + ".bias"] = ("block%d_%s/beta" % (block, bn), conv)
                block += 1
        out["readout.weight"] = ("readout/W", dense)
        out["readout.bias"] = ("readout/b", conv)
        return out

    def expected_init(self, n, mup_on, zero_readout, init_scale, base_width):
        """(kind, value): the init hpt's model definition + the parameterization call for (std or constant)."""
        if n.endswith(".bias"):
            return ("const", 0.0)
        if ".bn" in n:
            return ("const", 1.0)
        gain = 2.0 if (".conv1" in n or ".conv2" in n) else 1.0  # block convs read ReLU outputs
        return weight_init(self, n, gain, mup_on, zero_readout, init_scale, base_width)


def erf_gelu(x):
    return F.gelu(x)  # exact (erf) GELU, PyTorch's default


class Attention(nn.Module):
    def __init__(self, n, heads, head_dim):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(n, n) for _ in range(4))
        self.heads, self.head_dim = heads, head_dim

    def forward(self, x, scale):
        b, t, n = x.shape
        split = lambda z: z.view(b, t, self.heads, self.head_dim).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.softmax((q @ k.transpose(-1, -2)) * scale, dim=-1)
        return self.o((att @ v).transpose(1, 2).reshape(b, t, n))


class VitBlock(nn.Module):
    def __init__(self, n, heads, head_dim, hidden):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(n, eps=1e-5), nn.LayerNorm(n, eps=1e-5)
        self.attn = Attention(n, heads, head_dim)
        self.fc1, self.fc2 = nn.Linear(n, hidden), nn.Linear(hidden, n)

    def forward(self, h, mult, scale):
        h = h + mult * self.attn(self.ln1(h), scale)
        return h + mult * self.fc2(erf_gelu(self.fc1(self.ln2(h))))


class Vit(nn.Module):
    """hpt's ViT: patch embedding + positional embedding -> pre-norm blocks -> final LN -> mean / class token -> readout."""

    def __init__(self, a, channels, size, classes):
        super().__init__()
        self.a = a
        n, p = a["width"], a["patch"]
        self.head_dim = a["headValue"] if a["heads"] == "FIXED_DIM" else n // a["headValue"]
        heads = n // self.head_dim
        tokens = (size // p) ** 2 + (1 if a["classToken"] else 0)
        self.patch = nn.Conv2d(channels, n, p, stride=p)
        self.cls = nn.Parameter(torch.zeros(1, 1, n)) if a["classToken"] else None
        self.pos = nn.Parameter(torch.zeros(1, tokens, n))
        self.blocks = nn.ModuleList([VitBlock(n, heads, self.head_dim, a["mlpRatio"] * n) for _ in range(a["depth"])])
        self.lnf = nn.LayerNorm(n, eps=1e-5)
        self.readout = nn.Linear(n, classes)

    def in_branch(self, n):
        return n.startswith("blocks.")

    def forward(self, x, branch_mult, readout_mult, attn_scale):
        t = self.patch(x).flatten(2).transpose(1, 2)
        if self.cls is not None:
            t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], dim=1)
        h = t + self.pos
        for b in self.blocks:
            h = b(h, branch_mult, attn_scale)
        f = self.lnf(h)
        z = f[:, 0] if self.cls is not None else f.mean(dim=1)
        return self.readout(z * readout_mult)

    def hpt_names(self):
        out = {}
        ident = lambda t: t
        dense = lambda t: t.t()
        patch = lambda t: t.reshape(t.shape[0], -1).t()  # [n, C, p, p] -> hpt's [C*p*p, n]
        out["patch.weight"] = ("trunk/patchW", patch)
        out["patch.bias"] = ("trunk/patchb", ident)
        if self.cls is not None:
            out["cls"] = ("trunk/cls", ident)
        out["pos"] = ("trunk/pos", ident)
        for i in range(len(self.blocks)):
            p, h = "blocks.%d." % i, "trunk/b%d" % i
            for ln in ("ln1", "ln2"):
                out[p + ln + ".weight"] = (h + ln + "g", ident)
                out[p + ln + ".bias"] = (h + ln + "b", ident)
            for m in "qkvo":
                out[p + "attn." + m + ".weight"] = (h + m + "W", dense)
                out[p + "attn." + m + ".bias"] = (h + m + "b", ident)
            for fc in ("fc1", "fc2"):
                out[p + fc + ".weight"] = (h + fc + "W", dense)
                out[p + fc + ".bias"] = (h + fc + "b", ident)
        out["lnf.weight"] = ("trunk/lnfg", ident)
        out["lnf.bias"] = ("trunk/lnfb", ident)
        out["readout.weight"] = ("readout/W", dense)
        out["readout.bias"] = ("readout/b", ident)
        return out

    def expected_init(self, n, mup_on, zero_readout, init_scale, base_width):
        if n.endswith(".bias"):
            return ("const", 0.0)
        if ".ln" in n or n.startswith("lnf"):
            return ("const", 1.0)
        if n in ("pos", "cls"):
            return ("std", init_scale * 1.0)  # like nn.Embedding: N(0, 1)
        if n.endswith("attn.q.weight") and mup_on and self.a["zeroQuery"]:
            return ("const", 0.0)
        gain = 2.0 if n.endswith("fc2.weight") else 1.0  # fc2 reads GELU outputs
        return weight_init(self, n, gain, mup_on, zero_readout, init_scale, base_width)


def build(cfg, width, channels, size, classes):
    a = dict(arch_cfg(cfg))
    a["width"] = width
    if cfg["arch"] == "resnet":
        return ResNet(a, channels, classes)
    return Vit(a, channels, size, classes)


def forward_multipliers(cfg, fault):
    a = arch_cfg(cfg)
    pname = cfg["parameterization"]
    m_n = a["width"] / a["baseWidth"]
    m_l = a["depth"] / a["baseDepth"]
    alpha = depth_exponent(pname)
    branch = a["branchBeta"] * (1.0 if fault == "branch-mult" else m_l ** (-alpha))
    readout = a["outputMult"] / (m_n if uses_mup(pname) and fault != "readout-mult" else 1.0)
    attn = None
    if cfg["arch"] == "vit":
        d = a["headValue"] if a["heads"] == "FIXED_DIM" else a["width"] // a["headValue"]
        d0 = a["headValue"] if a["heads"] == "FIXED_DIM" else a["baseWidth"] // a["headValue"]
        # muP: attn_mult / d_head, normalised to SP's attn_mult / sqrt(d_head) at the base head dim
        attn = a["attnMult"] * (math.sqrt(d0) / d if uses_mup(pname) else 1 / math.sqrt(d))
    return branch, readout, attn


# ----------------------------------------------------------------------------- data, schedule

def read_idx(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    magic, n = struct.unpack(">ii", raw[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">ii", raw[8:16])
        return np.frombuffer(raw, np.uint8, offset=16).reshape(n, 1, rows, cols)
    return np.frombuffer(raw, np.uint8, offset=8).astype(np.int64)


def load_train(data_dir, with_test=False):
    """The raw training split, normalised per channel with its own statistics (float64); with_test: also the
    test split, normalised with the training split's statistics (hpt's ChannelNormalizer)."""
    x = torch.from_numpy(read_idx(os.path.join(data_dir, "train-images-idx3-ubyte.gz")).astype(np.float64) / 255.0)
    y = torch.from_numpy(read_idx(os.path.join(data_dir, "train-labels-idx1-ubyte.gz")))
    mean = x.mean(dim=(0, 2, 3), keepdim=True)
    std = x.std(dim=(0, 2, 3), keepdim=True)  # train-split statistics only
    if not with_test:
        return (x - mean) / std, y
    xt = torch.from_numpy(read_idx(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")).astype(np.float64) / 255.0)
    yt = torch.from_numpy(read_idx(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")))
    return (x - mean) / std, y, (xt - mean) / std, yt


def hpt_images(ex, x_ref):
    """hpt's normalised images of the rows the batches use (it holds them in float32), checked against ours.

    Training then uses hpt's exact numbers, so the comparison starts from identical batches."""
    rows = np.fromfile(os.path.join(ex, "rows.bin"), dtype="<i4")
    img = np.fromfile(os.path.join(ex, "images.bin"), dtype="<f4").reshape((len(rows),) + tuple(x_ref.shape[1:]))
    worst = float(np.abs(img.astype(np.float64) - x_ref[torch.from_numpy(rows.astype(np.int64))].numpy()).max())
    if worst > 1e-5:
        sys.exit("parity reference: hpt's normalised images differ from the raw files normalised here by %.3g "
                 "(more than float32 rounding): the data path differs" % worst)
    x = x_ref.clone()
    x[torch.from_numpy(rows.astype(np.int64))] = torch.from_numpy(img.astype(np.float64))
    return x, worst


def schedule_factor(s, step, total):
    """hpt's documented schedule: linear warm-up (step+1)/warmup, then constant / cosine / linear to finalFraction."""
    warm, final = s["warmupSteps"], s["finalFraction"]
    if warm > 0 and step < warm:
        return (step + 1.0) / warm
    t = min(1.0, max(0.0, (step - warm) / max(1, total - warm)))
    if s["kind"] == "CONSTANT":
        return 1.0
    if s["kind"] == "COSINE":
        return final + (1 - final) * 0.5 * (1 + math.cos(math.pi * t))
    return final + (1 - final) * (1 - t)


class Dl4jEpsAdam(torch.optim.Adam):
    """Only for the 'dl4j-adam-eps' fault: epsilon added to sqrt(v) before bias correction."""

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            b1, b2 = g["betas"]
            for p in g["params"]:
                st = self.state[p]
                if not st:
                    st["t"], st["m"], st["v"] = 0, torch.zeros_like(p), torch.zeros_like(p)
                st["t"] += 1
                st["m"].mul_(b1).add_(p.grad, alpha=1 - b1)
                st["v"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)
                a = g["lr"] * math.sqrt(1 - b2 ** st["t"]) / (1 - b1 ** st["t"])
                p.addcdiv_(st["m"], st["v"].sqrt().add_(g["eps"]), value=-a)


def make_optimizer(groups, opt, fault):
    if opt["kind"] == "ADAM":
        betas = (opt["beta1"], opt["beta2"])
        if fault == "dl4j-adam-eps":
            return Dl4jEpsAdam(groups, betas=betas)
        if opt["weightDecay"] > 0 and opt["decoupledWeightDecay"]:
            return torch.optim.AdamW(groups, betas=betas)
        return torch.optim.Adam(groups, betas=betas)
    if opt["momentum"] > 0:
        return torch.optim.SGD(groups, momentum=opt["momentum"], nesterov=True)
    return torch.optim.SGD(groups)


# ----------------------------------------------------------------------------- main

def load_values(model, names, values, dtype):
    """Copies hpt's tensors (by hpt name, in hpt's layout) into the torch model."""
    with torch.no_grad():
        for n, p in model.named_parameters():
            hn, to_hpt = names[n]
            t = torch.from_numpy(np.asarray(values[hn]).copy()).to(dtype)
            mapped = tuple(s for s in to_hpt(p).shape if s != 1)
            if mapped != tuple(s for s in t.shape if s != 1) and t.numel() != p.numel():  # hpt keeps vectors as [1, n]
                sys.exit("parity reference: shape of %s: hpt %s, torch %s" % (hn, tuple(t.shape), tuple(to_hpt(p).shape)))
            probe = to_hpt(torch.arange(p.numel(), dtype=torch.float64).reshape(p.shape)).reshape(-1).long()
            flat = torch.empty(p.numel(), dtype=dtype)
            flat[probe] = t.reshape(-1)
            p.copy_(flat.reshape(p.shape))


def hpt_steps(ex, init_index, steps, which):
    """hpt's tensors after each of its steps ("params") or its gradient at each step ("grads"), by hpt name."""
    with open(os.path.join(ex, "hpt.json")) as f:
        j = json.load(f)
    sizes = [t["size"] for t in j["tensors"]]
    raw = np.fromfile(os.path.join(ex, which + "-hpt.bin"), dtype="<f8").reshape(steps, sum(sizes))
    shapes = {t["name"]: t["shape"] for t in init_index}
    out, off = [], np.cumsum([0] + sizes)
    for s in range(steps):
        out.append({t["name"]: raw[s, off[i]:off[i + 1]].reshape(shapes[t["name"]]) for i, t in enumerate(j["tensors"])})
    return out


def check_init(model, names, init, cfg):
    """Each of hpt's initial tensors against the init this file derives: exact constants, stds within sampling error."""
    a = arch_cfg(cfg)
    mup_on = uses_mup(cfg["parameterization"])
    rows = []
    for n, p in model.named_parameters():
        hn, _ = names[n]
        v = init[hn]
        kind, want = model.expected_init(n, mup_on, a["zeroReadout"], a["initScale"], a["baseWidth"])
        if kind == "const":
            got = float(np.abs(v - want).max())
            ok = got == 0.0
            rows.append({"tensor": hn, "rule": "= %g" % want, "measured": "max |x - %g| = %.3g" % (want, got), "ok": ok})
        else:
            got = float(np.sqrt(np.mean(v.astype(np.float64) ** 2)))
            # the sample std of n normals has relative sd 1/sqrt(2n): allow 6 of those
            tol = 6.0 / math.sqrt(2.0 * v.size)
            ok = abs(got / want - 1) <= tol
            rows.append({"tensor": hn, "rule": "std %.5g" % want, "measured": "std %.5g (tol %.0f%%)" % (got, 100 * tol),
                         "ok": ok})
    return rows


def read_init(ex):
    with open(os.path.join(ex, "init.json")) as f:
        init_index = json.load(f)
    raw = np.fromfile(os.path.join(ex, "init.bin"), dtype="<f8")
    init, off = {}, 0
    for t in init_index:
        k = int(np.prod(t["shape"]))
        init[t["name"]] = raw[off:off + k].reshape(t["shape"])
        off += k
    return init_index, init


def bench_trial(ex, cfg, dtype, warm):
    """`hpt bench --trial`: the whole trial as a PyTorch user would run it, timed from model build to the end of
    the test-split evaluation (the loss read every step, as hpt records it). Data loading is not timed, nor is hpt's.
    warm: train the same trial once untimed first in this process, as every trial but the first of a sweep script
    runs (allocator and oneDNN primitive caches filled)."""
    x_ref, y_all, x_test, y_test = load_train(cfg["data"]["dataDir"], with_test=True)
    x_all, _ = hpt_images(ex, x_ref)
    x_all, x_test = x_all.to(dtype), x_test.to(dtype)
    _, init = read_init(ex)
    batches = torch.from_numpy(np.fromfile(os.path.join(ex, "batches.bin"), dtype="<i4")
                               .reshape(cfg["steps"], cfg["batch"]).astype(np.int64))
    o = cfg["optimizer"]
    if o["kind"] == "SGD" and o["weightDecay"] > 0 and o["decoupledWeightDecay"]:
        sys.exit("bench: decoupled weight decay with SGD is not benchmarked (torch has no built-in form of it)")
    if warm:
        timed_trial(cfg, dtype, o, x_all, y_all, x_test, y_test, init, batches)
    timed = timed_trial(cfg, dtype, o, x_all, y_all, x_test, y_test, init, batches)
    timed["warm"] = warm
    print(json.dumps(timed))


def timed_trial(cfg, dtype, o, x_all, y_all, x_test, y_test, init, batches):
    channels, size, classes = x_all.shape[1], x_all.shape[2], 10
    a = arch_cfg(cfg)
    t0 = time.perf_counter()
    model = build(cfg, a["width"], channels, size, classes)
    dims = Dims(model, build(cfg, a["baseWidth"], channels, size, classes),
                build(cfg, 2 * a["baseWidth"], channels, size, classes))  # what mup's set_base_shapes costs too
    load_values(model, model.hpt_names(), init, dtype)
    groups = param_groups(model, dims, cfg, None)
    optim = make_optimizer(groups, o, None)
    branch, readout, attn = forward_multipliers(cfg, None)

    def forward(x):
        return model(x, branch, readout, attn) if attn is not None else model(x, branch, readout)

    model.train()
    losses = []
    for step in range(cfg["steps"]):
        idx = batches[step]
        for g in optim.param_groups:
            g["lr"] = g["base_lr"] * schedule_factor(cfg["schedule"], step, cfg["steps"])
        optim.zero_grad(set_to_none=True)
        loss = F.cross_entropy(forward(x_all[idx]), y_all[idx])
        loss.backward()
        optim.step()
        losses.append(loss.item())
        if not math.isfinite(losses[-1]):
            break
    t1 = time.perf_counter()
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(y_test), 500):
            z = forward(x_test[i:i + 500])
            loss_sum += F.cross_entropy(z, y_test[i:i + 500], reduction="sum").item()
            correct += int((z.argmax(dim=1) == y_test[i:i + 500]).sum())
    t2 = time.perf_counter()
    return {"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": len(losses),
            "trainSeconds": t1 - t0, "evalSeconds": t2 - t1, "wallSeconds": t2 - t0,
            "finalLoss": losses[-1], "testLoss": loss_sum / len(y_test), "testAccuracy": correct / len(y_test)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exchange", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--fault", choices=FAULTS, default=None)
    ap.add_argument("--dtype", choices=("float32", "float64"), required=True)
    ap.add_argument("--teacher-forced", action="store_true",
                    help="start every step from hpt's own tensors after its previous step (hpt.json, params-hpt.bin)")
    ap.add_argument("--bench", action="store_true", help="time the whole trial (hpt bench --trial); writes nothing")
    ap.add_argument("--bench-warm", action="store_true", help="--bench: train the trial once untimed first")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    ex = args.exchange
    with open(os.path.join(ex, "case.json")) as f:
        case = json.load(f)
    cfg = case["config"]
    dtype = torch.float64 if args.dtype == "float64" else torch.float32
    torch.set_default_dtype(dtype)
    if args.bench:
        bench_trial(ex, cfg, dtype, args.bench_warm)
        return
    if cfg["data"]["dataset"] != "fashion-mnist":
        sys.exit("parity reference: only fashion-mnist is supported, got " + cfg["data"]["dataset"])
    x_ref, y_all = load_train(cfg["data"]["dataDir"])
    x_all, data_diff = hpt_images(ex, x_ref)
    x_all = x_all.to(dtype)
    channels, size, classes = x_all.shape[1], x_all.shape[2], 10
    a = arch_cfg(cfg)

    model = build(cfg, a["width"], channels, size, classes)
    dims = Dims(model, build(cfg, a["baseWidth"], channels, size, classes),
                build(cfg, 2 * a["baseWidth"], channels, size, classes))
    names = model.hpt_names()

    init_index, init = read_init(ex)
    missing = sorted(set(init) ^ {names[n][0] for n, _ in model.named_parameters()})
    if missing:
        sys.exit("parity reference: tensors differ between hpt and the reference: " + ", ".join(missing))
    init_rows = check_init(model, names, init, cfg)
    load_values(model, names, init, dtype)

    batches = np.fromfile(os.path.join(ex, "batches.bin"), dtype="<i4").reshape(cfg["steps"], cfg["batch"])
    groups = param_groups(model, dims, cfg, args.fault)
    optim = make_optimizer(groups, cfg["optimizer"], args.fault)
    branch, readout, attn = forward_multipliers(cfg, args.fault)
    order = [n for n, _ in model.named_parameters()]
    params = dict(model.named_parameters())

    def flat(n, t):
        return names[n][1](t.detach()).reshape(-1).to(torch.float64).numpy()

    forced = hpt_steps(ex, init_index, cfg["steps"], "params") if args.teacher_forced else None
    forced_grads = hpt_steps(ex, init_index, cfg["steps"], "grads") if args.teacher_forced else None
    losses = []
    model.train()
    with open(os.path.join(ex, "grads-%s.bin" % args.dtype), "wb") as gf, \
            open(os.path.join(ex, "params-%s.bin" % args.dtype), "wb") as pf:
        for step in range(cfg["steps"]):
            if forced is not None and step > 0:
                load_values(model, names, forced[step - 1], dtype)  # the optimizer's own state carries on
            idx = torch.from_numpy(batches[step].astype(np.int64))
            xb, yb = x_all[idx], y_all[idx]
            for g in optim.param_groups:
                g["lr"] = g["base_lr"] * schedule_factor(cfg["schedule"], step, cfg["steps"])
            optim.zero_grad(set_to_none=False)
            logits = model(xb, branch, readout, attn) if attn is not None else model(xb, branch, readout)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            losses.append(loss.item())
            for n in order:
                gf.write(flat(n, params[n].grad).astype("<f8").tobytes())
            if forced_grads is not None:
                # the optimizer step is judged on its own: it consumes hpt's gradient (float32 rounding in the
                # backward pass is the gradient check's business; Adam would turn it into +-lr in near-zero elements)
                with torch.no_grad():
                    for n in order:
                        hn, to_hpt = names[n]
                        probe = to_hpt(torch.arange(params[n].numel(), dtype=torch.float64).reshape(params[n].shape)).reshape(-1).long()
                        g = torch.empty(params[n].numel(), dtype=dtype)
                        g[probe] = torch.from_numpy(np.asarray(forced_grads[step][hn]).reshape(-1).copy()).to(dtype)
                        params[n].grad.copy_(g.reshape(params[n].shape))
            if cfg["optimizer"]["kind"] == "SGD" and cfg["optimizer"]["weightDecay"] > 0 and cfg["optimizer"]["decoupledWeightDecay"]:
                with torch.no_grad():  # decoupled decay for SGD: p -= lr * wd * p before the step (torch has none built in)
                    for g in optim.param_groups:
                        g["params"][0].mul_(1 - g["lr"] * g["weight_decay"])
                    saved = [g["weight_decay"] for g in optim.param_groups]
                    for g in optim.param_groups:
                        g["weight_decay"] = 0.0
                optim.step()
                for g, w in zip(optim.param_groups, saved):
                    g["weight_decay"] = w
            else:
                optim.step()
            for n in order:
                pf.write(flat(n, params[n]).astype("<f8").tobytes())
    out = {"torch": torch.__version__, "imagesMaxAbsDiff": data_diff, "threads": torch.get_num_threads(), "dtype": args.dtype,
           "tensors": [{"name": names[n][0], "size": int(params[n].numel())} for n in order],
           "losses": losses, "init": init_rows,
           "multipliers": {"branch": branch, "readout": readout, "attention": attn},
           "groups": [{"tensor": names[g["name"]][0], "lr": g["base_lr"], "eps": g["eps"]} for g in groups]}
    with open(os.path.join(ex, "torch-%s.json" % args.dtype), "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
