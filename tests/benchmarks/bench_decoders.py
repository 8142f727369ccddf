"""Decoder comparison on the same synthetic webcam frames: frames per second (one core) and
success rate, at 640x480 and 1280x720, with and without a code in the frame; and whether each
decoder releases the GIL (two threads decoding vs one).

    python -m tests.benchmarks.run decoders
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable

import cv2
import numpy as np

from carma_logistiek.scanning.decoders import FORMATS, DecodedCode, decode_frame, decode_with_zxing
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from tests.benchmarks.common import write_results
from tests.support import decoder_alternatives as alt
from tests.support.frames import make_qr_image, random_conditions, webcam_frame

SIZES = ((640, 480), (1280, 720))
WITH_CODE = int(os.environ.get("CARMA_BENCH_FRAMES", "60"))
WITHOUT_CODE = 20

DECODERS: dict[str, Callable[[np.ndarray], list[DecodedCode]]] = {
    "zxing QR only": lambda f: decode_with_zxing(f, "QRCode"),
    "zxing QR+DM+EAN13+C128 (app)": decode_frame,
    # The easy path as it was before issue 12 (no symbology filter: Micro QR and rMQR came
    # through, no outlines counted), on the same frames as the app's since.
    "zxing 4 formats as before issue 12": lambda f: decode_with_zxing(f, FORMATS),
    "zxing all formats": lambda f: decode_with_zxing(f, None),
    "pyzbar QR+EAN13+C128": alt.decode_with_pyzbar,
    "cv2.QRCodeDetectorAruco": alt.decode_with_opencv_qr,
    "cv2.QRCodeDetector": lambda f: alt.decode_with_opencv_qr(f, aruco=False),
}


def make_frames(size: tuple[int, int]) -> tuple[list[tuple[str, np.ndarray]], list[np.ndarray]]:
    rng = np.random.default_rng(1000 + size[0])
    kinds = (LabelKind.PRODUCT, LabelKind.LOCATION, LabelKind.LOT)
    coded = []
    for i in range(WITH_CODE):
        kind = kinds[i % 3]
        text = encode_label(LabelPayload(kind, f"ART-{i:04d}", f"L{i}" if i % 3 == 2 else None))
        frame = webcam_frame(make_qr_image(text), size, seed=i, **random_conditions(rng))
        coded.append((text, cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)))
    empty = [cv2.cvtColor(webcam_frame(None, size, noise=6, jpeg_quality=80, seed=500 + i),
                          cv2.COLOR_BGR2GRAY) for i in range(WITHOUT_CODE)]
    return coded, empty


def _times(decoder: Callable, frames: list[np.ndarray]) -> list[float]:
    samples = []
    for frame in frames:
        start = time.perf_counter()
        decoder(frame)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _gil_speedup(decoder: Callable, frames: list[np.ndarray], runs: int = 3) -> float:
    """Throughput of two threads over one, best of ``runs``: ~2 on two cores when the decoder
    releases the GIL, ~1 when it holds it (noisy on a shared machine, hence the best run)."""
    return max(_one_gil_run(decoder, frames) for _ in range(runs))


def _one_gil_run(decoder: Callable, frames: list[np.ndarray]) -> float:
    work = frames * 2
    start = time.perf_counter()
    for frame in work:
        decoder(frame)
    one = time.perf_counter() - start
    halves = [work[0::2], work[1::2]]
    threads = [threading.Thread(target=lambda part=part: [decoder(f) for f in part])
               for part in halves]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    two = time.perf_counter() - start
    return round(one / two, 2)


def easy_path_ab(rounds: int = 10) -> dict:
    """The easy path as before issue 12 and now, interleaved on the same frames (each round
    alternates which goes first), median frames per second: machines drift between the rows
    of the table above."""
    figures = {}
    for size in SIZES:
        frames = [frame for _, frame in make_frames(size)[0]]
        before = DECODERS["zxing 4 formats as before issue 12"]
        runs: dict[str, list[float]] = {"before": [], "now": []}
        for number in range(rounds):
            pair = (("before", before), ("now", decode_frame))
            for name, decoder in pair if number % 2 else pair[::-1]:
                start = time.perf_counter()
                for frame in frames:
                    decoder(frame)
                runs[name].append(len(frames) / (time.perf_counter() - start))
        then, now = statistics.median(runs["before"]), statistics.median(runs["now"])
        figures[f"{size[0]}x{size[1]}"] = {"fps_before": round(then, 1),
                                           "fps_now": round(now, 1),
                                           "ratio": round(now / then, 3)}
    return figures


def main() -> dict:
    figures: dict = {"frames_with_code": WITH_CODE, "frames_without_code": WITHOUT_CODE,
                     "cpu_count": os.cpu_count(), "opencv_threads": 1, "results": {}}
    for name in DECODERS:
        try:
            DECODERS[name](np.zeros((8, 8), np.uint8))
        except (ImportError, OSError) as error:  # pyzbar without libzbar0
            figures["results"][name] = {"error": str(error)}
    cv2.setNumThreads(1)  # one core: OpenCV's own threads would blur the comparison
    for size in SIZES:
        coded, empty = make_frames(size)
        label = f"{size[0]}x{size[1]}"
        for name, decoder in DECODERS.items():
            if "error" in figures["results"].get(name, {}):
                continue
            decoder(coded[0][1])  # warm up (detector construction, caches)
            hits = wrong = 0
            for text, frame in coded:
                found = [code.text for code in decoder(frame)]
                hits += text in found
                wrong += any(t != text for t in found)
            with_code = _times(decoder, [frame for _, frame in coded])
            without = _times(decoder, empty)
            entry = figures["results"].setdefault(name, {})
            entry[label] = {
                "success_rate": round(hits / len(coded), 3),
                "wrong_codes": wrong,
                "ms_with_code_median": round(statistics.median(with_code), 2),
                "ms_with_code_p95": round(sorted(with_code)[int(len(with_code) * 0.95) - 1], 2),
                "ms_without_code_median": round(statistics.median(without), 2),
                "fps_with_code": round(1000 / statistics.mean(with_code), 1),
                "fps_without_code": round(1000 / statistics.mean(without), 1),
            }
            if size == SIZES[-1]:
                entry["gil_two_thread_speedup"] = _gil_speedup(
                    decoder, [frame for _, frame in coded[:24]])
    figures["easy_path_ab"] = easy_path_ab()
    write_results("decoders", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
