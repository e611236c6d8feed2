"""A publication's PDF is rendered once and stored; live PDFs are rendered every time."""

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import weasyprint

from scorecards import pdf_store
from scorecards.compute.periods import Month
from scorecards.models import Observation, Publication, Scorecard
from scorecards.services.publishing import publish_scorecard

pytestmark = pytest.mark.django_db
PAGE = "/scorecards/corporate-parenting/2020-12/"
PDF = PAGE + "scorecard.pdf"


@pytest.fixture
def demo(published_demo, db):
    """The demo publications (loaded once for the module); each test's changes roll back."""


@pytest.fixture
def renders(monkeypatch):
    """WeasyPrint's render replaced by a counter: each call returns a PDF-looking `render N`."""
    calls = []

    def write_pdf(self, *args, **kwargs):
        calls.append(self)
        return b"%PDF-1.7 render " + str(len(calls)).encode()

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)
    return calls


def stored_files(media_root: Path) -> list[Path]:
    return sorted(path for path in Path(media_root).rglob("*") if path.is_file())


def publication() -> Publication:
    return Publication.objects.filter(scorecard__slug="corporate-parenting", as_at=date(2020, 12, 1)).latest("issue")


def test_the_stored_pdf_is_reused_and_is_what_is_served(client, demo, renders, media_root):
    first = client.get(PDF)
    second = client.get(PDF)
    assert len(renders) == 1
    assert first.status_code == second.status_code == 200
    assert first.content == second.content == b"%PDF-1.7 render 1"
    stored = Path(media_root) / pdf_store.stored_name(publication())
    assert stored_files(media_root) == [stored]
    assert stored.read_bytes() == second.content
    assert stored.name == f"publication-{publication().pk}-{publication().content_hash}.pdf"
    assert second["Cache-Control"] == "public, max-age=300"


def test_a_new_issue_gets_a_new_pdf(client, demo, renders, media_root):
    assert client.get(PDF).content == b"%PDF-1.7 render 1"
    first_issue = publication()
    Observation.objects.filter(indicator__number="6.1", period=date(2020, 12, 1)).update(value=Decimal("640"))
    second_issue, created = publish_scorecard(Scorecard.objects.get(slug="corporate-parenting"), Month.parse("2020-12"))
    assert created and second_issue.issue == first_issue.issue + 1
    response = client.get(PDF)
    assert response.content == b"%PDF-1.7 render 2"
    assert response["Content-Disposition"].endswith(f'-issue-{second_issue.issue}-scorecard.pdf"')
    assert client.get(PDF).content == b"%PDF-1.7 render 2"
    assert len(renders) == 2
    assert len(stored_files(media_root)) == 2


def test_a_changed_layout_version_gets_a_new_pdf(client, demo, renders, monkeypatch, media_root):
    assert client.get(PDF).content == b"%PDF-1.7 render 1"
    monkeypatch.setattr(pdf_store, "layout_version", lambda: "fixed-template")
    assert client.get(PDF).content == b"%PDF-1.7 render 2"
    assert client.get(PDF).content == b"%PDF-1.7 render 2"
    assert len(renders) == 2
    assert (Path(media_root) / pdf_store.FOLDER / "fixed-template").is_dir()
    assert pdf_store.remove_stale() == [pdf_store.compute_layout_version()]
    assert [path.parent.name for path in stored_files(media_root)] == ["fixed-template"]


@pytest.mark.parametrize("changed", ["scorecard_pdf.html", "rag_badge.html", "scorecard-pdf.css", "pdf.py", "columns.py", "tables.py"])
def test_the_layout_version_follows_the_template_partials_styles_and_code(changed, tmp_path, monkeypatch, settings):
    copies = []
    for path in pdf_store.layout_files():
        copy = tmp_path / path.relative_to(settings.BASE_DIR)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    assert {path.name for path in copies} >= {"scorecard_pdf.html", "rag_badge.html", "scorecard-pdf.css", "pdf.py", "columns.py", "tables.py"}
    monkeypatch.setattr(pdf_store, "layout_files", lambda: copies)
    settings.BASE_DIR = tmp_path
    before = pdf_store.compute_layout_version()
    assert pdf_store.compute_layout_version() == before
    target = next(path for path in copies if path.name == changed)
    target.write_bytes(target.read_bytes() + b"\n")
    assert pdf_store.compute_layout_version() != before


def test_the_live_pdf_is_rendered_every_time_and_never_stored(client, demo, renders, officer, media_root):
    client.force_login(officer)
    first = client.get(PDF + "?live=1")
    second = client.get(PDF + "?live=1")
    assert (first.content, second.content) == (b"%PDF-1.7 render 1", b"%PDF-1.7 render 2")
    assert second["Cache-Control"] == "private, no-store"
    assert stored_files(media_root) == []


def test_no_url_serves_the_stored_file(client, demo, renders, media_root, settings):
    client.get(PDF)
    name = pdf_store.stored_name(publication())
    for prefix in ("/media/", "/static/", "/", settings.MEDIA_URL or "/"):
        assert client.get(prefix + name).status_code == 404, prefix


def test_two_first_downloads_at_once_leave_one_whole_file(demo, media_root):
    """Both render (slowly, at the same moment) and both write: the file is one render, whole."""
    pub = publication()
    barrier = threading.Barrier(2)
    renders = {"a": b"%PDF-a" + b"a" * 3_000_000, "b": b"%PDF-b" + b"b" * 3_000_000}
    results = {}

    def download(key):
        def render():
            barrier.wait(timeout=10)
            return renders[key]

        results[key] = pdf_store.published_pdf(pub, render)

    threads = [threading.Thread(target=download, args=(key,)) for key in renders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == renders
    files = stored_files(media_root)
    assert [path.name for path in files] == [Path(pdf_store.stored_name(pub)).name]
    assert files[0].read_bytes() in renders.values()
    assert pdf_store.published_pdf(pub, lambda: pytest.fail("rendered again")) == files[0].read_bytes()


def test_a_failed_render_stores_nothing(demo, media_root):
    def render():
        raise RuntimeError("weasyprint fell over")

    with pytest.raises(RuntimeError):
        pdf_store.published_pdf(publication(), render)
    assert stored_files(media_root) == []
