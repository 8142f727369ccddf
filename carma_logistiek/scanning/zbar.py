"""zbar (pyzbar), the second decoder: for linear codes that zxing-cpp gives up on.

Where the library comes from:

- Windows: the pyzbar wheel carries ``libzbar-64.dll`` and ``libiconv.dll`` in its package
  folder and pyzbar loads them from there; build.spec collects them into the bundle's
  ``pyzbar/`` folder, where pyzbar's loader looks too (next to its own ``__file__``).
- Linux: the system library (Debian's libzbar0, ``scripts/system-deps.sh --runtime``). pyzbar
  finds it with ``ctypes.util.find_library("zbar")``, which asks ldconfig's cache (or gcc, or
  ld). The bundle carries its own copy (``_internal/libzbar.so.0``, build.spec), but in the
  bundle that call is *not* pointed at it: PyInstaller redirects ``find_library`` to the bundle
  on Windows only. So where the computer has no libzbar0, pyzbar would find nothing although the
  copy is there. In the bundle this module therefore loads the bundled copy itself, by its
  path, before pyzbar looks (``_bundled_library``); outside the bundle pyzbar's own search runs.

No libzbar at all (a developer machine without libzbar0) is not an error: ``available()`` is
False and ``zbar_decode`` reads nothing.

Imports NumPy (for the picture) and pyzbar only when used: import lazily, like decoders.py.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from carma_logistiek.scanning.decoders import DecodedCode

log = logging.getLogger(__name__)

# zbar's names for the formats we meet, as zxing-cpp names them (DecodedCode.symbology).
# zbar reads no Data Matrix.
SYMBOLOGIES = {"EAN13": "EAN13", "CODE128": "Code128", "QRCODE": "QRCode"}


def _bundled_library() -> Path | None:
    """The libzbar that build.spec put into the PyInstaller bundle (Linux), or None when not
    running from a bundle or the bundle has none."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return None
    folder = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    found = sorted(folder.glob("libzbar.so*"))
    return found[0] if found else None


@functools.cache
def _pyzbar() -> ModuleType | None:
    """pyzbar's decoding module with libzbar loaded, or None when there is no libzbar."""
    try:
        from pyzbar import zbar_library

        bundled = _bundled_library()
        if bundled is not None:
            try:
                library = ctypes.CDLL(str(bundled))
            except OSError as error:  # a dependency missing on this computer
                log.warning("zbar: the bundled %s does not load (%s); trying the system's",
                            bundled, error)
            else:
                # pyzbar.wrapper asks zbar_library.load() once, when it is first imported.
                zbar_library.load = lambda: (library, [])
        from pyzbar import pyzbar
    except (ImportError, OSError) as error:
        log.info("zbar is not available: %s", error)
        return None
    module: ModuleType = pyzbar
    return module


def available() -> bool:
    """Whether zbar can be used here (pyzbar installed and libzbar loaded). Cached."""
    return _pyzbar() is not None


def loaded_library() -> str | None:
    """The name or path libzbar was loaded by (for diagnostics), None when not available."""
    if _pyzbar() is None:
        return None
    from pyzbar import wrapper

    return str(wrapper.LIBZBAR._name) if wrapper.LIBZBAR is not None else None


def zbar_decode(gray: np.ndarray) -> list[DecodedCode]:
    """The EAN-13, Code 128 and QR codes zbar reads in a grayscale picture (uint8, 2-D), as
    DecodedCode with zxing-cpp's symbology names; [] when zbar is not available. zbar does
    its own checks (check digits, QR error correction); callers still check the text."""
    pyzbar = _pyzbar()
    if pyzbar is None:
        return []
    from carma_logistiek.scanning.decoders import DecodedCode

    symbols = [pyzbar.ZBarSymbol.EAN13, pyzbar.ZBarSymbol.CODE128, pyzbar.ZBarSymbol.QRCODE]
    codes = []
    for symbol in pyzbar.decode(gray, symbols=symbols):
        text = symbol.data.decode("utf-8", errors="replace")
        corners = tuple((int(point.x), int(point.y)) for point in symbol.polygon)
        codes.append(DecodedCode(SYMBOLOGIES.get(symbol.type, symbol.type), text, corners))
    return codes
