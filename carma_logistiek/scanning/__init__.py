"""Scanning: what a scanned code means (payloads, GS1, interpretation) and how codes get off a
camera frame (decoders, camera, debounce). Synthetic frames and the decoders the app does not
use are test tooling: tests/support/frames.py and tests/support/decoder_alternatives.py.

Keep this package import-light: the app imports it at start. Only ``decoders`` and ``camera``
import OpenCV, NumPy or zxing-cpp, and nothing here imports them for you.
"""
