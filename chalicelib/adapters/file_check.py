"""The FileInspector port on well-kept libraries: Pillow for pictures, pypdf for PDFs.

Both are imported on first use (a request that carries files), never at cold start.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from chalicelib.domain.uploads import MAX_PIXELS, FileRefused

# The formats Pillow may open for each declared type (a phone's multi-picture JPEG is MPO).
_FORMATS = {"image/jpeg": ("JPEG",), "image/png": ("PNG",)}
_ALLOWED = {"image/jpeg": {"JPEG", "MPO"}, "image/png": {"PNG"}}


class LibraryFileInspector:
    """Pictures: decoded whole by Pillow (a truncated or corrupt one is `file_damaged`),
    turned upright (`ImageOps.exif_transpose`), saved again in their own format with only the
    pixels, the ICC profile, the resolution and (PNG) transparency: no EXIF, XMP, GPS, IPTC,
    comments or text chunks. A JPEG keeps its quantisation tables and chroma subsampling, so
    the copy looks like the original. PDFs: opened by pypdf and refused unless it finds at
    least one page; a password-protected one is `pdf_encrypted`. `max_pixels` bounds the
    decoded size (`image_too_large`)."""

    def __init__(self, max_pixels: int = MAX_PIXELS) -> None:
        self._max_pixels = max_pixels

    def clean(self, content_type: str, data: bytes) -> bytes:
        if content_type == "application/pdf":
            _check_pdf(data)
            return data
        if content_type in _FORMATS:
            return self._clean_picture(content_type, data)
        raise FileRefused("file_damaged")

    def _clean_picture(self, content_type: str, data: bytes) -> bytes:
        from PIL import Image, ImageOps, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data), formats=_FORMATS[content_type]) as image:
                if image.format not in _ALLOWED[content_type]:
                    raise FileRefused("file_damaged")
                width, height = image.size
                if width * height > self._max_pixels:
                    raise FileRefused("image_too_large")
                image.load()  # decodes everything: a truncated or corrupt file raises here
                info = {str(k): v for k, v in image.info.items()}
                # in place: the sideways pixels are freed before the upright ones are encoded
                ImageOps.exif_transpose(image, in_place=True)
                return _encode(image, info)
        except FileRefused:
            raise
        except Image.DecompressionBombError:
            raise FileRefused("image_too_large") from None
        except UnidentifiedImageError:
            raise FileRefused("file_damaged") from None
        except Exception:  # whatever a damaged file makes Pillow raise is a refusal
            raise FileRefused("file_damaged") from None


def _encode(image: Any, info: dict[str, Any]) -> bytes:
    """`image` saved in its own format with nothing of its `info` (as read: `info`) but the
    colour profile, the resolution and the transparency: Pillow writes a comment or an EXIF
    block it finds in `image.info`, so that is replaced, not trusted."""
    from PIL import JpegImagePlugin

    keep: dict[str, Any] = {}
    if info.get("icc_profile"):
        keep["icc_profile"] = info["icc_profile"]
    if info.get("dpi"):
        keep["dpi"] = info["dpi"]
    image.info = {k: info[k] for k in ("transparency",) if k in info}
    buf = io.BytesIO()
    if image.format in ("JPEG", "MPO"):
        if getattr(image, "quantization", None):
            keep["qtables"] = image.quantization
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling != -1 and image.mode in ("RGB", "YCbCr"):
            keep["subsampling"] = sampling
        if info.get("progressive") or info.get("progression"):
            keep["progressive"] = True
        out = image if image.mode in ("L", "RGB", "CMYK") else image.convert("RGB")
        out.save(buf, "JPEG", **keep)
    else:
        image.save(buf, "PNG", **keep)
    return buf.getvalue()


def _check_pdf(data: bytes) -> None:
    """pypdf must open it and find a page; its warnings about odd but readable files stay
    out of the log (they may quote the file)."""
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                    raise FileRefused("pdf_encrypted")
            except DependencyError:
                # AES without a crypto library: the structure parsed, the pages stay sealed
                # until a reader with the (empty) user password opens them.
                return
        if len(reader.pages) < 1:
            raise FileRefused("file_damaged")
    except FileRefused:
        raise
    except Exception:
        raise FileRefused("file_damaged") from None
