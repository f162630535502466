"""Uploads: only editors upload (images, documents), limited in type and size; pages show
re-encoded renditions, never the uploaded bytes. Members have no upload at all."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def png(width=40, height=30, extra=b""):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 80, 80)).save(buffer, "PNG")
    return buffer.getvalue() + extra


def upload(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_editors_upload_a_real_image(client, editor):
    client.force_login(editor)

    response = upload(client, "glia.png", png())

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="glia.png").exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("drawing.svg", b'<svg onload="alert(1)"></svg>', "image/svg+xml", "Not a supported"),
        ("fake.png", b"<script>alert(1)</script>", "image/png", "Not a valid"),
        ("page.html", b"<html></html>", "text/html", "Not a supported"),
    ],
)
def test_unsafe_or_fake_images_are_refused(client, editor, name, content, content_type, message):
    client.force_login(editor)

    response = upload(client, name, content, content_type)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_image_model().objects.exists()


def test_oversized_images_are_refused(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    client.force_login(editor)

    response = upload(client, "big.png", png(extra=b"\0" * 4096))

    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_images_with_too_many_pixels_are_refused(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    client.force_login(editor)

    response = upload(client, "huge.png", png(width=50, height=50))

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()


def test_pages_show_a_re_encoded_rendition_not_the_upload(client, editor):
    client.force_login(editor)
    upload(client, "glia.png", png(extra=b"TRAILING-PAYLOAD"))
    image = get_image_model().objects.get()

    rendition = image.get_rendition("width-20")

    with rendition.file.open("rb") as stored:
        data = stored.read()
    assert b"TRAILING-PAYLOAD" not in data
    assert PILImage.open(io.BytesIO(data)).size == (20, 15)


@pytest.mark.parametrize("role", ["anonymous", "patient", "moderator"])
def test_only_editors_may_upload(client_as, role):
    response = upload(client_as(role), "glia.png", png())

    assert response.status_code in (302, 403)
    assert not get_image_model().objects.exists()
