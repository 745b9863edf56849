#!/usr/bin/env python3
"""Redraw an `attest sample` independently: python3 redraw-sample.py SEED ROWS SIZE
prints the population row numbers (from 1) the sample holds. See docs/audit.md#sampling."""
import sys

M = 2**64
def splitmix64(state):  # yields SplitMix64 outputs (Steele, Lea, Flood 2014)
    while True:
        state = (state + 0x9E3779B97F4A7C15) % M
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % M
        yield z ^ (z >> 31)

def below(gen, bound):  # uniform in [0, bound): reject outputs under 2^64 mod bound
    while True:
        r = next(gen)
        if r >= (M - bound) % bound:
            return r % bound

seed, count, size = (int(a) for a in sys.argv[1:4])
rows, gen = list(range(count)), splitmix64(seed)
if size < count:  # partial Fisher-Yates; a size >= count takes every row
    for i in range(size):
        j = i + below(gen, count - i)
        rows[i], rows[j] = rows[j], rows[i]
    rows = rows[:size]
print(" ".join(str(r + 1) for r in sorted(rows)))
