"""Small real files for upload tests, made here (Pillow is a development dependency)."""

from __future__ import annotations

import io

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png() -> bytes:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Santoso")
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buf, "PNG", pnginfo=info)
    return buf.getvalue()


def jpeg_with_gps() -> bytes:
    """A JPEG whose EXIF holds a camera make and a GPS position (Pontianak)."""
    from PIL import Image

    image = Image.new("RGB", (16, 16), (20, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "KameraMerk"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (0.0, 1.0, 48.0)
    gps[3] = "E"
    gps[4] = (109.0, 20.0, 24.0)
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif, comment=b"secret comment")
    return buf.getvalue()
