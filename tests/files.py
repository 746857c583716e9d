"""Small real files for upload tests, made here with Pillow and pypdf: a corpus of the
pictures phones, scanners and print shops produce, and PDFs good and bad."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PIL import Image


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


def _pdf() -> bytes:
    """A real one-page PDF, as pypdf writes it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)  # A4 in points
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF = _pdf()


def encrypted_pdf(user_password: str) -> bytes:
    """PDF encrypted with RC4-128 (readable without a crypto library); an empty user password
    is the common 'no printing' kind that opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(PDF)))
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def text_pdf(text: str = "Surat Permohonan Audiensi", pages: int = 2) -> bytes:
    """A PDF of `pages` A4 pages, each writing `text` (and its page number) in Helvetica."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        content = StreamObject()
        content.set_data(f"BT /F1 18 Tf 72 720 Td ({text} {number}) Tj ET".encode())
        page[NameObject("/Contents")] = writer._add_object(content)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


HTML = b"<html><body><script>alert(document.cookie)</script></body></html>\n"


def hostile_pdf() -> bytes:
    """text_pdf() carrying what a PDF reader or a browser may run: document JavaScript, a
    JavaScript OpenAction, an embedded program, a Launch link, a page's on-open action and an
    HTML page appended after %%EOF (a PDF/HTML polyglot); one harmless web link too."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    def action(kind: str, **values: str) -> DictionaryObject:
        d = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for k, v in values.items():
            d[NameObject(f"/{k}")] = TextStringObject(v)
        return d

    def link(act: DictionaryObject) -> DictionaryObject:
        return DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Link"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 100, 100)]),
                NameObject("/A"): act,
            }
        )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.add_attachment("payload.exe", b"MZ\x90\x00payload-bytes")  # /Names /EmbeddedFiles
    names: Any = writer._root_object["/Names"].get_object()
    names[NameObject("/JavaScript")] = DictionaryObject(
        {
            NameObject("/Names"): ArrayObject(
                [
                    TextStringObject("startup"),
                    writer._add_object(action("/JavaScript", JS="app.alert('names-js')")),
                ]
            )
        }
    )
    writer._root_object[NameObject("/OpenAction")] = action("/JavaScript", JS="app.alert(1)")
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject(
        {NameObject("/O"): action("/JavaScript", JS="app.alert('page-open')")}
    )
    page[NameObject("/Annots")] = ArrayObject(
        [
            writer._add_object(link(action("/Launch", F="cmd.exe"))),
            writer._add_object(link(action("/URI", URI="https://birokesra.kalbarprov.go.id/"))),
        ]
    )
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue() + HTML


def aes_pdf(user_password: str) -> bytes:
    """text_pdf() encrypted with AES-256 (PDF 2.0); an empty user password opens it without
    asking (the 'no printing' kind)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="pemilik", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- a corpus of real-world pictures -------------------------------------------------------


def _jpeg(image: Image.Image, **params: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", **params)
    return buf.getvalue()


def halves(size: tuple[int, int] = (40, 20), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: where each colour ends up tells the orientation."""
    from PIL import Image

    width, height = size
    image = Image.new("RGB", size, (220, 20, 20))
    image.paste((20, 20, 220), (width // 2, 0, width, height))
    return image.convert(mode) if mode != "RGB" else image


def _secret_exif() -> Image.Exif:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "KameraMerk"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (0.0, 1.0, 48.0), "E", (109.0, 20.0, 24.0)
    return exif


def jpeg_with_fill_bytes() -> bytes:
    """A valid JPEG whose DQT marker is preceded by fill bytes (0xFF), as ITU T.81 B.1.1.2
    allows; walking segments by hand read them as a marker."""
    data = _jpeg(halves())
    at = data.index(b"\xff\xdb")
    return data[:at] + b"\xff\xff\xff" + data[at:]


def progressive_jpeg_with_app1_between_scans() -> bytes:
    """A progressive JPEG with an APP1 (XMP naming a person) between its first and second
    scans: copying everything after the first scan kept it."""
    data = _jpeg(halves((64, 64)), progressive=True, quality=90)
    first = data.index(b"\xff\xda")
    second = data.index(b"\xff\xda", first + 2)
    payload = b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Budi Santoso, Jl. Gajah Mada</x:xmpmeta>"
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return data[:second] + segment + data[second:]


def phone_photo_orientation_6() -> bytes:
    """What a phone held upright writes: pixels stored sideways (40x20, red left, blue
    right) and EXIF Orientation 6 (rotate 90 degrees clockwise to show), plus GPS."""
    exif = _secret_exif()
    exif[0x0112] = 6
    return _jpeg(halves(), exif=exif, quality=95)


def png_with_text_chunks() -> bytes:
    """tEXt, zTXt and iTXt chunks and an eXIf chunk, on a palette picture with
    transparency."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Santoso")
    info.add_text("Comment", "NIK 6171010101010001", zip=True)
    info.add_itxt("Description", "Alamat: Jl. Gajah Mada", lang="id")
    image = halves((16, 8)).convert("P")
    buf = io.BytesIO()
    image.save(buf, "PNG", pnginfo=info, exif=_secret_exif(), transparency=0)
    return buf.getvalue()


def cmyk_jpeg() -> bytes:
    """A print-shop CMYK JPEG (Adobe APP14) with EXIF and a comment."""
    return _jpeg(halves(mode="CMYK"), exif=_secret_exif(), comment=b"secret comment")


def icc_profile() -> bytes:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    data: bytes = profile.tobytes()
    return data


def icc_jpeg() -> bytes:
    """A camera JPEG with an sRGB ICC profile (APP2) and EXIF with GPS."""
    return _jpeg(halves(), icc_profile=icc_profile(), exif=_secret_exif())


def icc_png() -> bytes:
    """A PNG with an iCCP chunk and a text chunk."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Budi Santoso")
    buf = io.BytesIO()
    halves().save(buf, "PNG", icc_profile=icc_profile(), pnginfo=info)
    return buf.getvalue()
