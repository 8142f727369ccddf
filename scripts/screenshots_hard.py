"""Hard-to-read codes in the REAL window (scripts/screenshots_hard.sh starts Xvfb + openbox):
the scan screen's camera on a white-on-dark, soft location label the first attempt cannot read
(the harder reader on the other thread reads it), then "Code uit foto lezen…" (Ctrl+Shift+O,
typed with xdotool, the path typed into Qt's file dialog) on a blurred product label photo and
on a photo without a code, then a handheld scanner's burst to show the scan field still has
the keys. Each picture is the whole screen.

    .venv/bin/python scripts/screenshots_hard.py --out FOLDER [--lang en]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import screenshots_signin as signin

LOCATION = "GNK-MAG"


def hard_frames(text: str, size: tuple[int, int] = (640, 480)):  # type: ignore[no-untyped-def]
    """A camera view of ``text``'s label that the first attempt misses and a harder one reads
    within the camera's budget (the first such picture of a few: deterministic)."""
    import cv2
    import numpy as np

    from carma_logistiek.scanning import harder
    from tests.support.hard_images import SCALE, _code_image, inverted

    code = _code_image("qr", text, False, SCALE)
    for seed in range(40):
        image = cv2.resize(inverted(code, "qr", np.random.default_rng(seed), seed), size,
                           interpolation=cv2.INTER_AREA)
        if harder.first_attempt(image).codes:
            continue
        if harder.read_harder(image, budget_s=0.3).texts == [text]:
            return image
    raise SystemExit("no hard camera picture of the label among the generated ones")


def blurred_photo(path: Path, text: str) -> Path:
    import cv2
    import numpy as np

    from carma_logistiek.scanning import harder
    from tests.support.hard_images import SCALE, _code_image, blurred

    code = _code_image("qr", text, False, SCALE)
    for seed in range(40):
        image = blurred(code, "qr", np.random.default_rng(seed), seed)
        if not harder.first_attempt(image).codes and harder.read_still(image).texts == [text]:
            cv2.imwrite(str(path), image)
            return path
    raise SystemExit("no blurred photo of the label among the generated ones")


class HardTour(signin.AccessTour):
    def choose_in_file_dialog(self, path: Path, picture: str | None = None) -> None:
        """Ctrl+Shift+O, then type ``path`` into Qt's file dialog and press Enter. The dialog
        runs its own event loop until it closes, so the typing (and the picture of the dialog)
        is done by a shell started beforehand, not by this loop."""
        import shlex
        import subprocess

        shoot = (f"import -window root {shlex.quote(str(self.out / picture))}.png; "
                 if picture else "")
        script = (f"sleep 2.5; {shoot}xdotool type --delay 8 {shlex.quote(str(path))}; "
                  "sleep 0.3; xdotool key Return")
        helper = subprocess.Popen(["sh", "-c", script])
        self.keys("key", "ctrl+shift+o")
        while helper.poll() is None:
            self.pump(50)
        if picture:
            print("saved", picture, flush=True)

    def run(self) -> None:
        from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
        from tests.support.frames import write_video
        from tests.support.hard_images import make_image
        from ui.camera.worker import CameraSettings

        home = Path(os.environ["CARMA_HOME"])
        self.wait(lambda: self.window.rail.isEnabled())
        self.idle()
        self.keys("key", "ctrl+3")
        screen = self.window.screen_named("scan")
        self.wait(lambda: self.window.current_screen() is screen)
        self.shot("80-scannen")

        location = encode_label(LabelPayload(LabelKind.LOCATION, LOCATION))
        video = write_video(home / "hard.avi", [hard_frames(location)] * 200, fps=20)
        screen.restart_camera(CameraSettings(source=str(video)))
        self.wait(lambda: screen.location_code == LOCATION, 60_000)
        self.pump(300)
        self.shot("81-camera-moeilijk-etiket-gelezen")
        worker = screen.camera.worker
        print("camera:", worker.easy_frames, "easy frames,", worker.hard_attempts,
              "hard attempts,", worker.hard_reads, "hard reads", flush=True)
        screen.camera.stop()

        label = encode_label(LabelPayload(LabelKind.PRODUCT, "DT-SPK"))
        photo = blurred_photo(home / "wazig-etiket.png", label)
        entries = screen.pickup.entries
        before = len(entries)
        self.choose_in_file_dialog(photo, picture="82-foto-kiezen")
        self.wait(lambda: not screen.photo.busy and len(entries) > before, 60_000)
        self.shot("83-foto-gelezen")

        empty = home / "geen-code.png"
        import cv2

        cv2.imwrite(str(empty), make_image(None, "phone", 0, 2).image)
        self.choose_in_file_dialog(empty)
        self.wait(lambda: not screen.photo.busy and screen.feedback_state == "refused", 60_000)
        self.shot("84-foto-zonder-code")

        count = len(entries)
        self.burst(encode_label(LabelPayload(LabelKind.PRODUCT, "DT-SPK")))
        self.wait(lambda: len(entries) > count or screen.feedback_state == "ok", 30_000)
        self.shot("85-scanner-burst")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("screenshots_hard.py needs an X display (scripts/screenshots_hard.sh)")
        return 2
    os.environ.setdefault("CARMA_HOME", tempfile.mkdtemp(prefix="carma-hard-shots-"))
    tour = HardTour(Path(options.out), options.lang, None)
    try:
        tour.run()
    finally:
        tour.finish()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
