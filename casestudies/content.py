"""Markdown to safe HTML, and checks on uploaded images."""

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote",
                "code", "pre", "br", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
MAX_IMAGE_BYTES = 2 * 1024 * 1024
# Recognised by their first bytes, not by the name or the type the browser claims.
IMAGE_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
IMAGE_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
                    "image/webp": ".webp"}


def render_markdown(text: str):
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"},
                      link_rel="noopener noreferrer nofollow")
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def image_type(upload) -> str:
    """The image's MIME type, or ValidationError in plain English."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError("The image must be smaller than 2 MB")
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    for signature, mime in IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return mime
    raise ValidationError("The image must be a PNG, JPEG, GIF or WebP file")
