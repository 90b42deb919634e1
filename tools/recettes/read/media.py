"""Media: the files of a recipe's ``media/`` folder, judged by their content, never their name.

The one rule of what may be published as a medium: a JPEG, PNG, GIF or WebP image that Pillow
identifies from its bytes, whose extension says the same format, of at most ``MAX_PIXELS``
pixels (read from the header, before any pixel is decoded), with no markup hidden in it.
Everything else is refused with a French message saying what the file is and how to fix it:
SVG (it can hold script: convert it to PNG), PDF (it can hold script, forms and hidden data, and
its metadata cannot be stripped here), HTML, Markdown and any other file. ``Verdict.kind`` names
the fault, which ``read.media_checks`` maps to a code: ``extension`` (R101: the name says an
image format the content is not, e.g. an HTML page named ``.jpg``), ``pixels`` (R102) and
``refused`` (R100, anything else).

Sources of the limits: Pillow's decompression bomb check (``Image.MAX_IMAGE_PIXELS``, set here
for the whole process, so that nothing else we run decodes more either) and its format
identification from the first bytes (``Image.open(..., formats=...)``, then ``verify``).

``clean_image`` gives the bytes that are published: the image decoded and encoded again with
nothing but its pixels (and colour profile), so no EXIF (GPS position, camera serial), XMP,
comment or data appended after the image reaches the site, whatever the file held.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
}
"""Accepted formats (Pillow's names) and the extensions that may carry each."""

MAX_PIXELS = 40_000_000
"""Pixels of one image (width × height): 40 megapixels, more than any camera photo needs (a
page shows 1,600 pixels across); checked from the header, before decoding."""
MAX_FRAME_PIXELS = 200_000_000
"""Pixels of all the frames of an animated GIF or WebP together."""
CLEANER_VERSION = "2"
"""Changes when ``clean_image`` encodes differently: cached clean copies are made again."""

Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses (DecompressionBombError) past twice this

_MARKUP = re.compile(rb"<(?:script|html|body|iframe|svg|object|embed|\?php|!doctype)[\s>/]|javascript:",
                     re.IGNORECASE)
_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")
_PILLOW_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP"}
_IMAGE_EXTENSIONS = {extension: _PILLOW_NAMES[name] for name, extensions in FORMATS.items() for extension in extensions}


@dataclass(frozen=True)
class Verdict:
    """What a medium is: its format when it may be published, else why not (French) and how to
    fix it. ``kind`` names the fault for callers: ``refused``, ``extension``, ``pixels``."""

    format: str | None
    message: str = ""
    hint: str = ""
    kind: str = ""

    @property
    def ok(self) -> bool:
        return self.format is not None and not self.message


_CONVERT = "convertissez-la en PNG ou JPEG (« Exporter » ou « Enregistrer sous » dans un logiciel d’images)"
_ONLY_IMAGES = "media/ ne contient que des images JPEG, PNG, GIF ou WebP"


def judge(data: bytes, name: str) -> Verdict:
    """The verdict on the medium ``name`` (its path, for the extension) holding ``data``."""
    extension = posixpath.splitext(name)[1].lower()
    if not data:
        return Verdict(None, "fichier vide", f"Supprimez-le, ou remplacez-le par l’image voulue : {_ONLY_IMAGES}.",
                       "refused")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                found = image.format or ""
                width, height = image.size
                frames = int(getattr(image, "n_frames", 1) or 1)
                if width * height <= MAX_PIXELS and width * height * frames <= MAX_FRAME_PIXELS:
                    image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        sizes = re.search(r"\((\d+) pixels\)", str(exc))
        count = f"{int(sizes.group(1)) / 1e6:.0f} millions de pixels" if sizes else "trop de pixels"
        return _too_big(count, "")
    except UnidentifiedImageError:
        return _not_an_image(data, extension)
    except Exception as exc:  # Pillow raises many kinds on a broken file (OSError, SyntaxError...)
        return Verdict(None, f"image illisible ou tronquée ({type(exc).__name__})",
                       "Ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en PNG ou JPEG.", "refused")
    label = _PILLOW_NAMES[found]
    if width * height > MAX_PIXELS:
        return _too_big(f"{width} × {height} pixels", "")
    if width * height * frames > MAX_FRAME_PIXELS:
        return _too_big(f"{frames} images de {width} × {height} pixels", " animée")
    if extension not in FORMATS[found]:
        shown = f"« {extension} »" if extension else "absente"
        proper = posixpath.splitext(posixpath.basename(name))[0] + FORMATS[found][0]
        return Verdict(None, f"extension {shown} trompeuse : le contenu est une image {label}",
                       f"Renommez le fichier en « {proper} » et corrigez son lien dans la recette : "
                       "le format se lit dans le contenu, l’extension doit dire le même.", "extension")
    if _MARKUP.search(data):
        return Verdict(None, f"image {label} contenant du code (HTML ou script) caché",
                       "Ouvrez l’image dans un logiciel d’images et exportez-la de nouveau en PNG ou JPEG : "
                       "seule l’image sera gardée.", "refused")
    return Verdict(found)


def _too_big(size: str, animated: str) -> Verdict:
    return Verdict(None, f"image{animated} trop grande ({size}) : plus que la limite de "
                   f"{MAX_PIXELS // 1_000_000} millions de pixels",
                   "Réduisez-la avant de l’ajouter : 1 600 pixels de large suffisent pour le guide.", "pixels")


def _not_an_image(data: bytes, extension: str) -> Verdict:
    """Name what the file is, from its first bytes, and say how to fix it. A file whose name
    says image (``.jpg``...) but whose content is something else is a misleading extension."""
    what, hint = _detected(data, extension)
    if extension in _IMAGE_EXTENSIONS:
        return Verdict(None, f"extension « {extension} » trompeuse : le contenu est {what}, pas une image "
                       f"{_IMAGE_EXTENSIONS[extension]}", hint, "extension")
    named = f" (extension « {extension} »)" if extension else ""
    return Verdict(None, f"fichier refusé{named} : le contenu est {what} ; seules les images JPEG, PNG, GIF "
                   "et WebP sont publiées", hint, "refused")


def _detected(data: bytes, extension: str) -> tuple[str, str]:
    """What the content of a file that is not an accepted image is (« un document PDF »), read
    from its first bytes, and how to fix it."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head or (head.startswith(b"<?xml") and b"<svg" in data[:65536].lower()):
        return ("un dessin SVG (il peut contenir du script)",
                "Les SVG ne sont pas publiés : convertissez-le en PNG (Inkscape : Fichier › Exporter en PNG, "
                "ou ouvrez-le dans un navigateur et faites une capture), puis liez le fichier .png.")
    if head.startswith(b"%pdf-") or data[:1024].find(b"%PDF-") >= 0:
        return ("un document PDF (il peut contenir du script et des données cachées)",
                "Mettez l’essentiel dans les sections de la recette, ou citez le document dans « sources » "
                "avec son adresse https:// ; pour une affiche, exportez-la en PNG ou JPEG.")
    if head.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<script")) or _MARKUP.search(data[:4096]):
        return ("une page HTML ou du script", f"Supprimez ce fichier : {_ONLY_IMAGES}. Un texte va dans une "
                "section de la recette.")
    if data.startswith(_SIGNATURES) or data[8:12] == b"WEBP":
        return ("une image tronquée ou abîmée (son en-tête ne se lit pas)",
                "Ouvrez-la dans un logiciel d’images et enregistrez-la de nouveau en PNG ou JPEG.")
    other = _other_image(data)
    if other:
        return (f"une image {other}", f"Les formats publiés sont JPEG, PNG, GIF et WebP : "
                f"{_CONVERT}.")
    try:
        data[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return ("un fichier de type inconnu", f"Supprimez-le, ou s’il s’agit d’une image, {_CONVERT}.")
    kind = {".md": "du Markdown", ".markdown": "du Markdown", ".js": "du code JavaScript",
            ".mjs": "du code JavaScript", ".css": "une feuille de style"}.get(extension, "du texte")
    return (kind, f"Mettez ce texte dans une section de la recette : {_ONLY_IMAGES}.")


def _other_image(data: bytes) -> str:
    """The name of an image format Pillow knows but we do not publish (BMP, TIFF, ICO...)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                return str(image.format or "")
    except Exception:
        return "HEIC" if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1") else ""


def clean_image(data: bytes) -> bytes:
    """The image ``data`` (already judged ``ok``) encoded again with its pixels only: no EXIF
    (GPS position, camera serial), XMP, comment or trailing bytes; the colour profile stays.
    The EXIF orientation of a still image is applied to the pixels, so a photo keeps its way
    up; a JPEG keeps its quantisation (``quality="keep"``) when not rotated. Raises what Pillow
    raises on pixels it cannot decode (``OSError``, ``ValueError``)."""
    with Image.open(io.BytesIO(data), formats=list(FORMATS)) as image:
        found = image.format or ""
        info = dict(image.info)
        animated = int(getattr(image, "n_frames", 1) or 1) > 1
        upright: Image.Image = image
        if not animated and image.getexif().get(0x0112, 1) not in (None, 1):
            upright = ImageOps.exif_transpose(image)
        durations = []  # each frame's own (WebP tells it only once the frame is loaded)
        for frame in ImageSequence.Iterator(image) if animated else ():
            frame.load()
            durations.append(frame.info.get("duration", 100))
        if animated:
            image.seek(0)
        # Pillow's encoders read metadata from ``info`` too (JPEG and GIF comments, PNG text):
        # only what the pixels need is passed, explicitly.
        image.info, upright.info = {}, {}
        extra: dict[str, object] = {}
        if info.get("icc_profile"):
            extra["icc_profile"] = info["icc_profile"]
        if found == "JPEG":
            extra |= {"quality": "keep", "subsampling": "keep"} if upright is image else {"quality": 90}
        if animated:
            extra |= {"save_all": True, "duration": durations, "loop": info.get("loop", 0)}
        if "transparency" in info and found in ("PNG", "GIF"):
            extra["transparency"] = info["transparency"]
        if found == "WEBP":
            extra |= {"quality": 90, "lossless": bool(info.get("lossless"))}
        out = io.BytesIO()
        upright.save(out, found, **extra)
        return out.getvalue()
