"""Scanning: what a scanned code means (payloads, GS1, interpretation) and how codes get off a
camera frame (decoders, camera, debounce, synthetic frames).

Keep this package import-light: the app imports it at start. Only ``decoders``,
``decoder_alternatives``, ``camera`` and ``frames`` import OpenCV, NumPy or zxing-cpp, and
nothing here imports them for you.
"""
