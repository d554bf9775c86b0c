"""Near-duplicate detection for ingested texts: MinHash over word shingles, with LSH bands.

Pure functions. ``signature(text)`` gives a 64-value MinHash of the text's word 3-shingles (after
the same cleaning the matcher uses: no links, handles or channel boilerplate), or None when the
text is too short to tell a copy from a coincidence. ``band_keys`` cuts a signature into 16 bands
of 4 values; two texts that share any band key are candidates, and ``similarity`` (the share of
equal values, an estimate of the Jaccard similarity of the shingle sets) decides.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

from bot.textnorm import clean_text

__all__ = [
    "BANDS",
    "NEAR_DUPLICATE_SIMILARITY",
    "PERMUTATIONS",
    "band_keys",
    "shingles",
    "signature",
    "signature_from_bytes",
    "similarity",
]

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE_WORDS = 3
MIN_WORDS = 6  # shorter texts are grouped only when they are exactly the same
# Estimated Jaccard similarity of the shingle sets at or above which two texts are copies.
# With 16 bands of 4 rows a pair at 0.5 becomes a candidate with probability 0.64, at 0.7 0.99.
NEAR_DUPLICATE_SIMILARITY = 0.5

_PRIME = (1 << 32) + 15  # smallest prime above 2**32
_MASK32 = np.uint64(0xFFFFFFFF)


def _coefficients(tag: bytes) -> np.ndarray:
    """Fixed 32-bit numbers from a hash, never from an RNG whose stream a library may change:
    signatures are stored and compared across runs and upgrades."""
    return np.array([int.from_bytes(hashlib.blake2b(tag + bytes([i]), digest_size=4).digest(),
                                    "little") for i in range(PERMUTATIONS)], dtype=np.uint64)


# a, b < 2**32 and crc32 values x < 2**32, so a * x + b < 2**64: no uint64 overflow.
_A = _coefficients(b"minhash-a") | np.uint64(1)  # odd, so never 0
_B = _coefficients(b"minhash-b")
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> list[str]:
    """Word 3-shingles of a cleaned, case-folded text; empty when it has too few words."""
    words = _WORD.findall(unicodedata.normalize("NFKC", clean_text(text)).casefold())
    if len(words) < MIN_WORDS:
        return []
    return [" ".join(words[i:i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)]


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (uint32 x 64) of a text, or None when it is too short."""
    found = shingles(text)
    if not found:
        return None
    hashes = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in set(found)), dtype=np.uint64)
    # (a * x + b) mod p for every permutation and shingle
    values = (np.outer(_A, hashes) + _B[:, None]) % np.uint64(_PRIME)
    return (values.min(axis=1) & _MASK32).astype(np.uint32)


def signature_from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (the band number is part of the key)."""
    keys = []
    raw = sig.astype("<u4").tobytes()
    for band in range(BANDS):
        chunk = raw[band * ROWS * 4:(band + 1) * ROWS * 4]
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Share of equal MinHash values: an estimate of the Jaccard similarity of two texts."""
    return float(np.count_nonzero(a == b)) / len(a)
