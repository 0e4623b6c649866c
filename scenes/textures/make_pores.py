#!/usr/bin/env python3
"""Generates the tiling skin-pore detail maps used by scenes/head.json (numpy; deterministic).

pores-normal.png: tangent-space normal map (OpenGL +Y) of a height field of random pits (pores,
about 0.1-0.2 mm across when tiled at 2 mm) over fine noise; pores-roughness.png: roughness scale,
0.5 = unchanged, higher inside pores. Both tile seamlessly (all features wrap around the edges).
"""
import zlib, struct
import numpy as np

N = 256
rng = np.random.default_rng(7)
y, x = np.mgrid[0:N, 0:N].astype(np.float64)
h = np.zeros((N, N))
pits = np.zeros((N, N))
for _ in range(170):
    cx, cy = rng.uniform(0, N, 2)
    r = rng.uniform(3.0, 6.5)
    dx = (x - cx + N / 2) % N - N / 2
    dy = (y - cy + N / 2) % N - N / 2
    g = np.exp(-(dx * dx + dy * dy) / (2 * r * r))
    h -= rng.uniform(0.6, 1.0) * g
    pits = np.maximum(pits, g)
# fine wrinkle noise: a few random tileable sinusoids
for _ in range(24):
    kx, ky = rng.integers(-12, 13, 2)
    ph = rng.uniform(0, 2 * np.pi)
    h += 0.03 * np.sin(2 * np.pi * (kx * x + ky * y) / N + ph)
gx = (np.roll(h, -1, 1) - np.roll(h, 1, 1)) / 2
gy = (np.roll(h, -1, 0) - np.roll(h, 1, 0)) / 2
s = 2.5
n = np.stack([-gx * s, gy * s, np.ones_like(h)], -1)
n /= np.linalg.norm(n, axis=-1, keepdims=True)
normal = np.clip((n * 0.5 + 0.5) * 255 + 0.5, 0, 255).astype(np.uint8)
rough = np.clip((0.45 + 0.35 * pits) * 255 + 0.5, 0, 255).astype(np.uint8)

def png(path, img):
    h_, w_ = img.shape[:2]
    ch = 1 if img.ndim == 2 else img.shape[2]
    raw = b"".join(b"\x00" + img[r].tobytes() for r in range(h_))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ctype = {1: 0, 3: 2}[ch]
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w_, h_, 8, ctype, 0, 0, 0))
    data += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    open(path, "wb").write(data)

png("pores-normal.png", normal)
png("pores-roughness.png", rough)
