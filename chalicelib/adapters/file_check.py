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
    the copy looks like the original. PDFs: rewritten by pypdf from their pages alone, with
    no JavaScript, OpenAction, Launch actions, embedded files or bytes outside the document
    (`_clean_pdf`); a password-protected or AES-encrypted one is `pdf_encrypted`.
    `max_pixels` bounds the decoded size (`image_too_large`).

    `clean(content_type, data)` works on bytes alone (no upload record, no ticket): any
    server-side intake of a file (a channel's attachment) can call it."""

    def __init__(self, max_pixels: int = MAX_PIXELS) -> None:
        self._max_pixels = max_pixels

    def clean(self, content_type: str, data: bytes) -> bytes:
        if content_type == "application/pdf":
            return _clean_pdf(data)
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


# Annotations that carry or play a file, a movie, a sound or rich media: dropped whole.
_FILE_ANNOTATIONS = frozenset(
    {"/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia", "/3D"}
)
# The only actions a kept annotation may still do: open a web address, go to a page of the
# same file. JavaScript, Launch, SubmitForm, ImportData, GoToR/GoToE (other files) go.
_SAFE_ACTIONS = frozenset({"/URI", "/GoTo"})


def _clean_pdf(data: bytes) -> bytes:
    """The PDF rewritten by pypdf from its pages alone (issue 17, point 16): a new document
    with each page's content, resources and annotations, and nothing of the original's
    catalogue (no OpenAction, document JavaScript, embedded files, forms, outlines, metadata)
    nor any byte outside its objects (an HTML page before or after it, a second document
    appended). On each page, `/AA` (actions on open/close) goes, annotations that carry a
    file or media go, and an annotation's action stays only if it opens a web address or a
    page of the same document. Not encrypted.

    FileRefused: `file_damaged` unless pypdf opens it and finds a page; `pdf_encrypted` when
    it needs a password, or is encrypted with AES (PDF 1.6+): the Lambda zip carries no AES
    library (the 8 MiB budget), and refusing such files here too keeps `make run` and AWS
    alike (issue 17, point 17). RC4-encrypted files that open without a password are
    decrypted by pypdf's own code and stored unencrypted. pypdf's warnings about odd but
    readable files stay out of the log (they may quote the file)."""
    from pypdf import PasswordType, PdfReader, PdfWriter
    from pypdf.errors import DependencyError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            if _uses_aes(reader.trailer["/Encrypt"].get_object()):
                raise FileRefused("pdf_encrypted")
            if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise FileRefused("pdf_encrypted")
        if len(reader.pages) < 1:
            raise FileRefused("file_damaged")
        writer = PdfWriter()
        for page in reader.pages:
            _strip_actions(writer.add_page(page))
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except FileRefused:
        raise
    except DependencyError:
        raise FileRefused("pdf_encrypted") from None
    except Exception:
        raise FileRefused("file_damaged") from None


def _uses_aes(encrypt: Any) -> bool:
    """Whether a PDF's /Encrypt dictionary names AES (ISO 32000-2, 7.6.3): V 5 is AES-256
    only; V 4 uses the crypt filters its /StmF, /StrF and /EFF name (CFM /AESV2 or /AESV3)."""
    version = int(encrypt.get("/V", 0))
    if version >= 5:
        return True
    if version != 4:
        return False
    filters = encrypt.get("/CF", {})
    for name in (encrypt.get("/StmF"), encrypt.get("/StrF"), encrypt.get("/EFF")):
        if name and name != "/Identity":
            method = filters.get(name, {}).get("/CFM")
            if method in ("/AESV2", "/AESV3"):
                return True
    return False


def _strip_actions(page: Any) -> None:
    """In place on a page of the new document: no /AA, no file or media annotations, no
    annotation action but a web address or a page of this document."""
    from pypdf.generic import ArrayObject, NameObject

    page.pop(NameObject("/AA"), None)
    annots = page.get("/Annots")
    if annots is None:
        return
    kept = ArrayObject()
    for ref in annots.get_object():
        annot = ref.get_object()
        if annot.get("/Subtype") in _FILE_ANNOTATIONS:
            continue
        annot.pop(NameObject("/AA"), None)
        action = annot.get("/A")
        if action is not None and action.get_object().get("/S") not in _SAFE_ACTIONS:
            annot.pop(NameObject("/A"), None)
        kept.append(ref)
    page[NameObject("/Annots")] = kept
