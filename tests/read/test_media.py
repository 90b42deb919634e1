"""read.media and site.media: the verdict on a medium and the clean copy the site publishes."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from recettes.read.media import MAX_PIXELS, clean_image, judge
from recettes.site.media import PublishedMedia


def encoded(fmt: str, images: list[Image.Image], **options: object) -> bytes:
    out = io.BytesIO()
    images[0].save(out, fmt, save_all=len(images) > 1, append_images=images[1:], **options)
    return out.getvalue()


def frames(count: int, size: tuple[int, int] = (12, 8)) -> list[Image.Image]:
    return [Image.new("RGB", size, (60 * i % 256, 20, 200)) for i in range(count)]


class TestCleanImage:
    def test_animation_is_kept(self) -> None:
        """An animated GIF or WebP keeps all its frames, its timing and its loop."""
        for fmt in ("GIF", "WEBP"):
            data = encoded(fmt, frames(3), duration=[70, 80, 90], loop=0)
            with Image.open(io.BytesIO(clean_image(data))) as clean:
                durations = []
                for index in range(clean.n_frames):
                    clean.seek(index)
                    clean.load()
                    durations.append(clean.info["duration"])
                assert ([70, 80, 90], 0) == (durations, clean.info["loop"])

    def test_comments_are_removed(self) -> None:
        """JPEG and GIF comments are not copied (Pillow would copy them from ``info``)."""
        for fmt, count in (("JPEG", 1), ("GIF", 1), ("GIF", 3)):
            data = encoded(fmt, frames(count), comment=b"h12a-commentaire")
            assert b"h12a-commentaire" in data
            assert b"h12a-commentaire" not in clean_image(data)

    def test_transparency_is_kept(self) -> None:
        image = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
        with Image.open(io.BytesIO(clean_image(encoded("PNG", [image])))) as clean:
            assert (0, 0, 0, 0) == clean.convert("RGBA").getpixel((1, 1))


class TestJudge:
    def test_the_limit_is_on_pixels_not_bytes(self) -> None:
        """Just under the limit passes; the same width one row taller does not."""
        width = 8_000
        height = MAX_PIXELS // width
        small = encoded("PNG", [Image.new("1", (width, height))])
        assert judge(small, "a.png").ok
        big = encoded("PNG", [Image.new("1", (width, height + 1))])
        assert "pixels" == judge(big, "b.png").kind

    def test_extension_case_does_not_matter(self) -> None:
        assert judge(encoded("JPEG", frames(1)), "PHOTO.JPG").ok


class TestPublishedMedia:
    def test_cache_follows_the_name(self, tmp_path: Path) -> None:
        """The same PNG bytes published as a.png are not published under a .jpg name: the
        clean copy is keyed by content and extension, so the verdict is never skipped."""
        media = PublishedMedia(tmp_path)
        data = encoded("PNG", frames(1))
        assert media.clean(data, "media/a.png", "a.png") is not None
        assert media.clean(data, "media/a.jpg", "a.jpg") is None

    def test_undecodable_pixels_are_reported(self, tmp_path: Path) -> None:
        """A JPEG whose header reads but whose data is cut: not published, an R100 error."""
        data = encoded("JPEG", [Image.effect_noise((64, 64), 90).convert("RGB")])
        cut = data[: len(data) // 2]
        assert judge(cut, "x.jpg").ok  # the header is sound: only decoding finds it
        media = PublishedMedia(tmp_path)
        assert media.clean(cut, "media/x.jpg", "recipes/r/media/x.jpg") is None
        assert ["recipes/r/media/x.jpg:1:1: R100"] == [f"{p.location()}: {p.code.name}" for p in media.problems]

    def test_prune_removes_unused_copies(self, tmp_path: Path) -> None:
        first = PublishedMedia(tmp_path)
        old = first.clean(encoded("PNG", frames(1)), "a.png", "a.png")
        second = PublishedMedia(tmp_path)
        kept = second.clean(encoded("GIF", frames(1)), "b.gif", "b.gif")
        second.prune()
        assert old is not None and kept is not None
        assert (False, True) == (old.exists(), kept.exists())
