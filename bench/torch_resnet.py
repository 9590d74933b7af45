#!/usr/bin/env python3
"""PyTorch reference for `hpt bench --torch`: the same ResNet as hptransfer's ResNetBuilder
(stem conv3x3 -> stages of blocks h + (1/sqrt L) * conv(relu([bn] conv(relu([bn] h)))) ->
stride-2 width-doubling transitions -> relu -> global avg pool -> linear), SGD, random data,
batch 128, fp32. Prints "img/s <value>" as its last line.

Run with Debian's python3-torch (its convolutions use oneDNN; its matmul uses reference BLAS,
which this conv-dominated model barely touches)."""
import argparse
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, w, mult, bn):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(w) if bn else None
        self.conv1 = nn.Conv2d(w, w, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(w) if bn else None
        self.conv2 = nn.Conv2d(w, w, 3, padding=1)
        self.mult = mult

    def forward(self, h):
        x = F.relu(self.bn1(h) if self.bn1 is not None else h)
        x = self.conv1(x)
        x = F.relu(self.bn2(x) if self.bn2 is not None else x)
        return h + self.mult * self.conv2(x)


class ResNet(nn.Module):
    def __init__(self, width, depth, stages, bn, classes=10):
        super().__init__()
        layers = [nn.Conv2d(3, width, 3, padding=1)]
        w = width
        for s in range(stages):
            if s > 0:
                layers.append(nn.Conv2d(w, 2 * w, 3, stride=2, padding=1))
                w *= 2
            layers += [Block(w, 1 / math.sqrt(depth), bn) for _ in range(depth // stages)]
        self.body = nn.Sequential(*layers)
        self.fc = nn.Linear(w, classes)

    def forward(self, x):
        return self.fc(F.relu(self.body(x)).mean(dim=(2, 3)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--width", type=int, default=32)
    p.add_argument("--depth", type=int, default=4)
    p.add_argument("--stages", type=int, default=1)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--size", type=int, default=32)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--batch-norm", dest="bn", action="store_true")
    p.add_argument("--no-batch-norm", dest="bn", action="store_false")
    p.set_defaults(bn=False)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = ResNet(a.width, a.depth, a.stages, a.bn)
    opt = torch.optim.SGD(model.parameters(), lr=1e-4)
    x = torch.randn(a.batch, 3, a.size, a.size)
    y = torch.arange(a.batch) % 10
    for i in range(a.warmup + a.steps):
        if i == a.warmup:
            t0 = time.perf_counter()
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
    sec = time.perf_counter() - t0
    print(f"torch {torch.__version__} threads {torch.get_num_threads()}")
    print(f"img/s {a.steps * a.batch / sec:.1f}")


if __name__ == "__main__":
    main()
