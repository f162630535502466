"""The article importer: parsing saved web articles, the command, and the admin view."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageLogEntry, Revision

from articles.importer.parser import ImportInputError, decode, parse_article
from articles.models import MechanismPage, Person, Reference

SAMPLES = Path(__file__).parent / "import_samples"


def parse(name, title=None):
    return parse_article(decode((SAMPLES / name).read_bytes(), name), title=title)


# --- Parsing --------------------------------------------------------------------------------


def test_parse_numbered_article_finds_title_metadata_and_headings():
    article = parse("numbered_faq.txt")

    assert article.title == "How Glial Cells May Keep Pain Going"
    assert (article.author, article.reviewed_by, article.reviewer_credentials) == (
        "Morgan Ellis",
        "Dr. Lena Hart",
        "MD",
    )
    assert article.updated.isoformat() == "2025-03-04"
    assert article.headings == [
        "What Glial Cells Are",
        "The Immune System's Involvement",
        "What Researchers Still Need to Learn",
    ]
    assert "How Glial Cells May Keep Pain Going" not in article.body_text  # the repeated title


def test_parse_gathers_all_three_bullet_styles_into_one_list():
    article = parse("numbered_faq.txt")

    (bullets,) = [block for block in article.blocks if block["type"] == "bullet_list"]
    assert bullets["value"]["items"] == [
        "Microglia, which act as the immune guards of the brain",
        "Astrocytes, star-shaped cells that manage chemical messengers",
        "Oligodendrocytes, which wrap nerve fibres in myelin",
    ]


def test_parse_numbered_faqs_keep_whole_answers_that_wrap():
    article = parse("numbered_faq.txt")

    assert [faq["question"] for faq in article.faqs] == [
        "Are glial cells the cause of fibromyalgia?",
        "Can a blood test find overactive glial cells?",
        "Will calming glial cells cure the condition?",
    ]
    assert article.faqs[0]["answer"] == (
        "They may be one part of the cause. Most researchers think several things work "
        "together, including genes, sleep and stress."
    )
    assert article.faqs[2]["answer"].endswith("before anyone can say.")


def test_parse_bare_faq_questions_with_and_without_question_marks():
    article = parse("bare_faq.txt")

    assert [faq["question"] for faq in article.faqs] == [
        "Why do I wake up tired even after a full night",
        "Can sleeping pills fix the problem",
        "Does a nap during the day help?",
    ]
    assert article.faqs[1]["answer"] == (
        "Some medicines help for a short time. They do not always give you the deep sleep "
        "your body needs, so talk to your doctor first."
    )
    assert (article.author, article.updated.isoformat()) == ("Priya Natarajan", "2026-01-12")
    assert article.headings == ["Why Deep Sleep Matters", "Habits That Can Help"]


def test_parse_references_join_wrapped_citations_and_keep_a_doi_link():
    numbered = parse("numbered_faq.txt")
    bare = parse("bare_faq.txt")

    assert [ref.citation[:20] for ref in numbered.references] == [
        "Graeber MB, Christie",
        "Tambuyzer BR, Ponsae",
    ]
    assert numbered.references[1].doi == "10.1000/example.42"
    assert bare.references[0].citation == (
        "Sample AB, Example CD. A made-up study of sleep and next-day pain. Journal of Test "
        "Data. 2020;1(1):1-10."
    )
    assert len(bare.references) == 2


def test_parse_drops_boilerplate_and_reports_each_line():
    article = parse("numbered_faq.txt")

    reasons = {line.reason for line in article.dropped}
    assert reasons == {
        "share prompt",
        "call to action",
        "photo credit",
        "other posts",
        "feedback prompt",
        "comments",
        "copy protection",
        "store link",
        "bare URL",
    }
    assert len(article.dropped) == 13
    everything_kept = article.body_text + json.dumps(article.faqs)
    for gone in ("Click here", "Related Posts", "Leave a Reply", "Unsplash", "helpful", "store"):
        assert gone not in everything_kept


def test_parse_whole_article_on_one_line_still_yields_title_metadata_and_references():
    article = parse("one_line.txt")

    assert article.title == "Neutrophils and Nerve Pain"
    assert article.author == "Casey Moreno"
    assert (article.reviewed_by, article.reviewer_credentials) == ("Dr. Omar Said", "PhD")
    assert article.updated.isoformat() == "2026-06-02"
    assert [ref.citation[:8] for ref in article.references] == ["Light KC", "Yasui M,"]
    assert article.headings == ["What the Studies Found"]
    assert article.faqs[0]["question"] == "Are neutrophils harmful?"


def test_parse_markdown_headings_lists_and_faqs_without_markup():
    article = parse("markdown_article.md")

    assert article.title == "The Gut and the Brain"
    assert article.author == "Jordan Blake"
    assert article.headings == ["How the gut talks to the brain", "What is being studied"]
    assert article.faqs == [
        {
            "question": "Can diet change my symptoms?",
            "answer": "It might. Good studies in fibromyalgia are still rare, so be careful "
            "of big promises.",
        }
    ]
    assert "**" not in article.body_text and "](" not in article.body_text
    assert "called the microbiome." in article.body_text


def test_parse_title_option_replaces_the_title_line():
    article = parse("bare_faq.txt", title="Sleep matters")

    assert article.title == "Sleep matters"
    assert "Sleep and Fibromyalgia" not in article.body_text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "the file is empty"),
        ("binary.txt", "this looks like a binary file, not text"),
        ("latin1.txt", "the file is not UTF-8 text"),
    ],
)
def test_decode_rejects_bad_files_with_the_reason(name, reason):
    with pytest.raises(ImportInputError) as error:
        decode((SAMPLES / name).read_bytes(), name)

    assert str(error.value).startswith(f"{name}: {reason}")


# --- The command ----------------------------------------------------------------------------


def counts():
    return (
        MechanismPage.objects.count(),
        Revision.objects.count(),
        Reference.objects.count(),
        Person.objects.count(),
        PageLogEntry.objects.count(),
    )


@pytest.mark.django_db
def test_import_creates_a_draft_in_clinical_review_with_references_and_people(demo, capsys):
    call_command("import_article", str(SAMPLES / "numbered_faq.txt"))

    page = MechanismPage.objects.get(title="How Glial Cells May Keep Pain Going")
    assert not page.live
    assert page.get_parent().slug == "mechanisms"
    assert (
        page.workflow_in_progress and page.current_workflow_state.workflow.name == "Clinical review"
    )
    assert len(page.faq_items()) == 3
    assert page.author.name == "Morgan Ellis"
    assert str(page.clinical_reviewer) == "Dr. Lena Hart, MD"
    assert page.last_reviewed.isoformat() == "2025-03-04"
    assert page.references.count() == 2
    assert Reference.objects.get(citation__startswith="Tambuyzer").doi == "10.1000/example.42"
    assert PageLogEntry.objects.filter(page=page, action="articles.import").count() == 1
    out = capsys.readouterr().out
    assert "created “How Glial Cells May Keep Pain Going”" in out
    assert "dropped: Leave a Reply (comments)" in out


@pytest.mark.django_db
def test_reimporting_the_same_title_adds_a_revision_and_never_a_duplicate(demo):
    call_command("import_article", str(SAMPLES / "bare_faq.txt"))
    page = MechanismPage.objects.get(title="Sleep and Fibromyalgia")
    revisions = page.revisions.count()

    call_command("import_article", str(SAMPLES / "bare_faq.txt"), "--json")

    assert MechanismPage.objects.filter(title__iexact="sleep and fibromyalgia").count() == 1
    assert page.revisions.count() == revisions + 1


@pytest.mark.django_db
def test_import_with_publish_goes_live_and_is_logged_as_an_import(demo):
    call_command("import_article", str(SAMPLES / "markdown_article.md"), "--publish")

    page = MechanismPage.objects.get(title="The Gut and the Brain")
    assert page.live
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"articles.import", "wagtail.publish"} <= actions


@pytest.mark.django_db
def test_dry_run_changes_nothing_and_json_has_every_field(demo, capsys):
    before = counts()

    call_command("import_article", str(SAMPLES / "numbered_faq.txt"), "--dry-run", "--json")

    assert counts() == before
    (result,) = json.loads(capsys.readouterr().out)
    assert result["url"] is None
    assert result["status"] == "created"
    assert set(result) >= {
        "warnings",
        "title",
        "url",
        "status",
        "headings",
        "faqs",
        "references",
        "author",
        "reviewed_by",
        "updated",
        "body_text",
        "dropped",
    }
    assert result["updated"] == "2025-03-04"
    assert result["faqs"][1] == {
        "question": "Can a blood test find overactive glial cells?",
        "answer": "No. Standard blood tests cannot see them. Research teams use special brain "
        "scans instead.",
    }


@pytest.mark.django_db
def test_bad_files_are_reported_the_good_ones_imported_and_exit_is_one(demo, capsys):
    files = [
        SAMPLES / "empty.txt",
        SAMPLES / "bare_faq.txt",
        SAMPLES / "binary.txt",
        SAMPLES / "latin1.txt",
        SAMPLES / "missing.txt",
    ]

    with pytest.raises(CommandError) as error:
        call_command("import_article", *map(str, files))

    assert error.value.returncode == 1
    assert "4 of 5 file(s) could not be imported" in str(error.value)
    err = capsys.readouterr().err
    assert f"error: {SAMPLES / 'empty.txt'}: the file is empty" in err
    assert f"error: {SAMPLES / 'binary.txt'}: this looks like a binary file" in err
    assert f"error: {SAMPLES / 'latin1.txt'}: the file is not UTF-8 text" in err
    assert f"error: {SAMPLES / 'missing.txt'}: cannot be read (No such file or directory)" in err
    assert "Traceback" not in err
    assert MechanismPage.objects.filter(title="Sleep and Fibromyalgia").exists()
    assert not MechanismPage.objects.filter(title__icontains="caf").exists()


@pytest.mark.django_db
def test_import_refuses_a_parent_that_is_not_a_mechanisms_section(demo):
    with pytest.raises(CommandError, match="is not a mechanisms section"):
        call_command("import_article", str(SAMPLES / "bare_faq.txt"), "--parent", "/about/")
    with pytest.raises(CommandError, match="there is no page at that address"):
        call_command("import_article", str(SAMPLES / "bare_faq.txt"), "--parent", "/nowhere/")
    with pytest.raises(CommandError, match="--title can only be used when importing one file"):
        call_command("import_article", "a.txt", "b.txt", "--title", "T")


# --- The admin view (see test_importer_preview.py for the preview step) ---------------------


def upload(name, content=None):
    data = (SAMPLES / name).read_bytes() if content is None else content
    return SimpleUploadedFile(name, data, content_type="text/plain")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.txt", None, "The file is not UTF-8 text"),
        ("empty.txt", b"   \n", "The file is empty"),
        ("notes.pdf", b"%PDF-1.4", "Upload a .txt or .md file."),
    ],
)
def test_admin_import_view_rejects_bad_files_and_creates_nothing(
    client, editor, demo, name, content, message
):
    from articles.models import MechanismIndexPage

    client.force_login(editor)
    before = counts()

    response = client.post(
        "/admin/import-article/",
        {"file": upload(name, content), "parent": MechanismIndexPage.objects.get().pk},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("patient", 302), ("moderator", 302), ("editor", 200)],
)
def test_admin_import_view_is_for_staff_who_can_add_articles_only(client_as, demo, role, expected):
    response = client_as(role).get("/admin/import-article/")

    assert response.status_code == expected
