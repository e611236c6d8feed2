"""Uploading a workbook through the web (docs/architecture.md, upload): who may, the preview
(old and new values, published months, warnings, errors by sheet, row and column), apply writing
exactly what was previewed, cancel writing nothing, corrections needing a reason, refused files,
a preview gone stale, the command's --reason, and the preview's queries whatever the size."""

import io
import re
from datetime import date
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from scorecards import selectors
from scorecards.compute.periods import Month
from scorecards.exports import workbook_sheets, write_xlsx
from scorecards.models import Observation, Publication
from scorecards.services import uploads
from scorecards.services.publishing import publish_scorecard
from tests.builders import build_scorecard
from tests.conftest import make_user
from tests.entry_pages import owner_of, person

pytestmark = pytest.mark.django_db

URL = "/scorecards/test-card/upload/"
VALUES = ["number", "period", "value", "numerator", "denominator"]


def xlsx(sheets: dict[str, list[list[str]]]) -> bytes:
    out = io.BytesIO()
    write_xlsx(sheets, out)
    return out.getvalue()


def values_workbook(*rows: list[str]) -> bytes:
    return xlsx({"values": [VALUES, *rows]})


def preview(client, content: bytes, name: str = "dec.xlsx", url: str = URL):
    return client.post(url, {"action": "preview", "workbook": SimpleUploadedFile(name, content)})


def token(response) -> str:
    match = re.search(r'name="upload" value="([^"]*)"', response.content.decode())
    assert match, "the preview carries no upload to apply"
    return unescape(match.group(1))


def apply(client, response, reason: str = "", url: str = URL):
    return client.post(url, {"action": "apply", "upload": token(response), "reason": reason})


def text(response) -> str:
    return unescape(re.sub(r"\s+", " ", response.content.decode()))


def stored() -> dict[tuple[str, date], tuple]:
    return {(o.indicator.number, o.period): (o.value, o.numerator, o.denominator, o.mark, o.status)
            for o in Observation.objects.select_related("indicator")}


def kept_files() -> list[str]:
    return list(uploads._kept_names(uploads.FOLDER))


# -- who may upload --------------------------------------------------------------------

# (who, GET status, POST status): anonymous people are sent to sign in; a scorecard's owner may
# upload its sections' notes (their preview refuses figures of indicators they do not own).
PERMISSIONS = [
    ("anonymous", 302, 302),
    ("councillor", 403, 403),
    ("scorecard owner", 200, 200),
    ("indicator owner", 200, 200),
    ("officer owning nothing", 403, 403),
    ("governance advisor", 403, 403),
    ("admin", 200, 200),
]




@pytest.mark.parametrize(("who", "get_status", "post_status"), PERMISSIONS, ids=[p[0] for p in PERMISSIONS])
def test_who_may_upload(client, who, get_status, post_status):
    scorecard = build_scorecard(indicator_count=2)
    user = person(who, scorecard)
    if user is not None:
        client.force_login(user)
    response = client.get(URL)
    assert response.status_code == get_status
    if get_status == 302:
        assert response["Location"].startswith("/sign-in/?next=")
    before = stored()
    response = preview(client, values_workbook(["1.1", "2021-01", "44.4"]))
    assert response.status_code == post_status
    assert stored() == before  # a preview writes nothing, whoever asks
    if post_status == 200:
        assert response["Cache-Control"] == "private, no-store"


def test_the_scorecard_page_links_to_the_upload_for_those_who_may_enter(client):
    scorecard = build_scorecard(indicator_count=2)
    publish_scorecard(scorecard, Month.parse("2020-12"))
    client.force_login(owner_of(scorecard))
    assert f'href="{URL}">Upload a workbook</a>' in client.get("/scorecards/test-card/2020-12/").content.decode()
    client.force_login(make_user("cllr", Role.COUNCILLOR))
    assert "Upload a workbook" not in client.get("/scorecards/test-card/2020-12/").content.decode()


# -- preview, apply, cancel ------------------------------------------------------------

DEC, NOV, JAN = date(2020, 12, 1), date(2020, 11, 1), date(2021, 1, 1)


def test_the_preview_shows_old_and_new_values_unchanged_counts_and_warnings_and_writes_nothing(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    before = stored()
    response = preview(client, values_workbook(
        ["1.1", "2020-12", "47.0"],  # stored 40.0 (40 / 100): changes, and its counts go
        ["1.2", "2021-01", "52.46"],  # new, rounded with a warning
        ["1.2", "2020-11", "47.0", "47", "100"],  # as stored
    ))
    page = text(response)
    assert response.status_code == 200 and "Check the changes before applying them" in page
    assert "value 40.0, numerator 40, denominator 100" in page and "<td class=\"govuk-table__cell\">value 47.0</td>" in page
    assert "December 2020" in page and "January 2021" in page
    assert "value 52.5, status final" in page
    assert "1 figures" in page  # unchanged
    assert "values</td><td class=\"govuk-table__cell\">3</td><td class=\"govuk-table__cell app-upload-table__long\">value</td>" in page
    assert "52.46 rounded to 52.5: indicator 1.2 is shown to 1 decimal place" in page
    assert "Published" not in page and "Reason for correcting" not in page
    assert stored() == before
    assert len(kept_files()) == 1


def test_apply_writes_exactly_the_previewed_changes_with_history(client):
    scorecard = build_scorecard(indicator_count=2)
    officer = owner_of(scorecard)
    client.force_login(officer)
    before = stored()
    shown = preview(client, values_workbook(["1.1", "2020-12", "47.0"], ["1.2", "2021-01", "52.5"]))
    response = apply(client, shown)
    page = text(response)
    assert response.status_code == 200 and "Workbook applied" in page and "2 changes saved" in page
    after = stored()
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    assert changed == {
        ("1.1", DEC): (Decimal("47.0"), None, None, "", "final"),
        ("1.2", JAN): (Decimal("52.5"), None, None, "", "final"),
    }
    assert set(before) - set(after) == set()
    for observation in Observation.objects.filter(period__in=[DEC, JAN], indicator__number__in=["1.1", "1.2"]):
        if (observation.indicator.number, observation.period) in changed:
            record = observation.history.latest()
            assert (record.history_user, record.history_change_reason) == (officer, "import of dec.xlsx")
    assert kept_files() == []  # the upload is deleted once applied
    # The same token again: the upload is gone.
    assert "no longer kept" in text(apply(client, shown))
    assert stored() == after


def test_cancel_writes_nothing_and_deletes_the_upload(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    before = stored()
    shown = preview(client, values_workbook(["1.1", "2020-12", "47.0"]))
    assert len(kept_files()) == 1
    response = client.post(URL, {"action": "cancel", "upload": token(shown)})
    assert "Nothing was changed, and the uploaded workbook was deleted." in text(response)
    assert stored() == before and kept_files() == []


def test_another_persons_upload_cannot_be_applied(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard, "first"))
    shown = preview(client, values_workbook(["1.1", "2020-12", "47.0"]))
    before = stored()
    client.force_login(owner_of(scorecard, "second"))
    assert "no longer kept" in text(apply(client, shown))
    assert stored() == before


def test_an_upload_left_behind_is_deleted_after_the_time_limit(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    preview(client, values_workbook(["1.1", "2020-12", "47.0"]))
    assert uploads.discard_old_uploads() == 0 and len(kept_files()) == 1
    assert uploads.discard_old_uploads(timezone.now() + uploads.KEPT_FOR + timezone.timedelta(minutes=1)) == 1
    assert kept_files() == []


# -- corrections of published months ---------------------------------------------------


def test_a_published_month_needs_a_reason_which_goes_into_the_history(client):
    scorecard = build_scorecard(indicator_count=2)
    published, _ = publish_scorecard(scorecard, Month.parse("2020-12"))
    officer = owner_of(scorecard)
    client.force_login(officer)
    before = stored()
    shown = preview(client, values_workbook(["1.1", "2020-12", "47.0"], ["1.2", "2021-01", "52.5"]))
    page = text(shown)
    assert "Published</strong>" in page and "1 in months shown in a publication" in page
    assert "Reason for correcting published figures" in page

    refused = apply(client, shown, reason="  ")
    page = text(refused)
    assert page.startswith("<!DOCTYPE html>") and "<title>Error: " in page
    assert ('expected a reason for correcting published figures: the import changes figures of months shown in a '
            "publication (indicator 1.1: Dec-20); found no reason") in page
    assert 'href="#id_reason"' in page
    assert stored() == before and len(kept_files()) == 1

    done = apply(client, refused, reason="The December count was wrong")
    assert "Workbook applied" in text(done)
    dec = Observation.objects.get(indicator__number="1.1", period=DEC)
    assert dec.value == Decimal("47.0")
    assert dec.history.latest().history_change_reason == "The December count was wrong (import of dec.xlsx)"
    jan = Observation.objects.get(indicator__number="1.2", period=JAN)
    assert jan.history.latest().history_change_reason == "import of dec.xlsx"
    # The publication is unchanged.
    assert Publication.objects.get().content_hash == published.content_hash


# -- refusals --------------------------------------------------------------------------


def test_an_officers_workbook_holding_a_targets_sheet_is_refused_by_name(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    before = stored()
    response = preview(client, xlsx({
        "values": [VALUES, ["1.1", "2020-12", "47.0"]],
        "targets": [["number", "year", "red", "amber", "green"], ["1.1", "2020/21", "<30%", "30%>", "35%+"]],
    }))
    page = text(response)
    assert "The workbook cannot be applied" in page and "<title>Error: " in page
    assert "the targets sheet needs an admin (row 2)" in page
    assert 'href="#upload-error-1"' in page and 'id="upload-error-1"' in page
    assert 'name="upload"' not in page  # nothing to apply
    assert stored() == before and kept_files() == []


def test_a_workbook_naming_another_scorecard_is_refused(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(make_user("admin", Role.ADMIN))
    before = stored()
    response = preview(client, xlsx({"scorecard": [["slug"], ["other-card"]],
                                     "values": [VALUES, ["1.1", "2020-12", "47.0"]]}))
    page = text(response)
    assert 'expected the slug of the scorecard being updated, "test-card"; found "other-card"' in page
    assert '<td class="govuk-table__cell">scorecard</td><td class="govuk-table__cell">2</td><td class="govuk-table__cell app-upload-table__long">slug</td>' in page
    assert stored() == before and kept_files() == []
    # Naming this scorecard is fine.
    assert "Check the changes" in text(preview(client, xlsx({"scorecard": [["slug"], ["test-card"]],
                                                              "values": [VALUES, ["1.1", "2020-12", "47.0"]]})))


def test_another_officers_indicator_is_refused_by_name(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard, numbers=["1.1"]))
    page = text(preview(client, values_workbook(["1.1", "2020-12", "47.0"], ["1.2", "2020-12", "48.0"])))
    assert 'indicator "1.2" is not yours to enter' in page and 'indicator "1.1"' not in page


@pytest.mark.parametrize(("name", "content", "message"), [
    ("scores.pdf", b"%PDF-1.4 not a workbook", 'The selected file must be an Excel workbook (.xlsx) or a .zip of '
     'CSV files: "scores.pdf" is neither (an old .xls file must be saved as .xlsx first)'),
    ("old.xls", b"\xd0\xcf\x11\xe0 old excel", 'The selected file must be an Excel workbook (.xlsx) or a .zip of CSV '
     'files: "old.xls" is neither (an old .xls file must be saved as .xlsx first)'),
    ("fake.xlsx", b"number,period\n", 'The selected file must be an Excel workbook (.xlsx) or a .zip of CSV files: '
     '"fake.xlsx" is named like one but is not one'),
    ("empty.xlsx", b"", "The selected file is empty"),
])
def test_a_file_of_another_type_is_refused_with_a_clear_message(client, name, content, message):
    scorecard = build_scorecard(indicator_count=1)
    client.force_login(owner_of(scorecard))
    before = stored()
    page = text(preview(client, content, name=name))
    assert "<title>Error: Upload a workbook" in page
    assert f'<a href="#id_workbook">{message}</a>' in page
    assert stored() == before and kept_files() == []


def test_no_file_is_refused(client):
    scorecard = build_scorecard(indicator_count=1)
    client.force_login(owner_of(scorecard))
    page = text(client.post(URL, {"action": "preview"}))
    assert '<a href="#id_workbook">Select a workbook to upload</a>' in page


def test_a_file_past_the_size_limit_is_refused_before_it_is_read(client, settings):
    settings.WORKBOOK_MAX_UPLOAD_BYTES = 1000
    scorecard = build_scorecard(indicator_count=1)
    client.force_login(owner_of(scorecard))
    content = values_workbook(*[["1.1", "2020-12", "47.0"]] * 200)
    assert len(content) > 1000
    before = stored()
    page = text(preview(client, content, name="big.xlsx"))
    assert (f'The selected file must be smaller than 0.0 MB: "big.xlsx" is {len(content) / 1048576:.1f} MB '
            "(the limit is WORKBOOK_MAX_UPLOAD_BYTES = 1,000 bytes)") in page
    assert stored() == before and kept_files() == []


# -- a preview gone stale --------------------------------------------------------------


def test_apply_is_refused_when_the_figures_changed_after_the_preview(client):
    scorecard = build_scorecard(indicator_count=2)
    client.force_login(owner_of(scorecard))
    shown = preview(client, values_workbook(["1.1", "2020-12", "47.0"], ["1.2", "2021-01", "52.5"]))
    # Someone else saves the December figure meanwhile (as the grid would).
    Observation.objects.filter(indicator__number="1.1", period=DEC).update(value=Decimal("44.0"))
    before = stored()
    refused = apply(client, shown)
    page = text(refused)
    assert "Someone else saved some of these figures after you checked the preview, so nothing was changed." in page
    assert "value 44.0, numerator 40, denominator 100" in page  # the preview worked out again
    assert stored() == before and len(kept_files()) == 1
    # Applying the fresh preview goes through.
    assert "Workbook applied" in text(apply(client, refused))
    assert Observation.objects.get(indicator__number="1.1", period=DEC).value == Decimal("47.0")


# -- the command's --reason ------------------------------------------------------------


def test_the_command_needs_a_reason_to_correct_a_published_figure(tmp_path, capsys):
    scorecard = build_scorecard(indicator_count=2)
    publish_scorecard(scorecard, Month.parse("2020-12"))
    folder = tmp_path / "correction"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ntest-card\n")
    (folder / "values.csv").write_text("number,period,value\n1.1,2020-12,47.0\n1.2,2020-11,33.0\n1.2,2021-01,50.0\n")
    before = stored()
    with pytest.raises(CommandError, match='correction corrects published figures: give the reason with --reason'):
        call_command("import_scorecard", str(folder))
    output = capsys.readouterr().out
    assert ("ERROR expected a reason for correcting published figures: the import changes figures of months shown "
            "in a publication (indicator 1.1: Dec-20; indicator 1.2: Nov-20); found no reason") in output
    assert stored() == before
    call_command("import_scorecard", str(folder), "--reason", "Recount after audit")
    dec = Observation.objects.get(indicator__number="1.1", period=DEC)
    assert (dec.value, dec.history.latest().history_change_reason) == (Decimal("47.0"), "Recount after audit (import of correction)")
    jan = Observation.objects.get(indicator__number="1.2", period=JAN)
    assert jan.history.latest().history_change_reason == "import of correction"


def test_the_command_needs_no_reason_for_months_no_publication_shows(tmp_path, capsys):
    build_scorecard(indicator_count=1)
    folder = tmp_path / "jan"
    folder.mkdir()
    (folder / "scorecard.csv").write_text("slug\ntest-card\n")
    (folder / "values.csv").write_text("number,period,value\n1.1,2020-12,47.0\n")
    call_command("import_scorecard", str(folder), "--reason", "not needed")
    output = capsys.readouterr().out
    assert "WARNING the reason is kept only with corrections of published figures" in output
    assert Observation.objects.get(indicator__number="1.1", period=DEC).history.latest().history_change_reason == "import of jan"


# -- queries ---------------------------------------------------------------------------


def exported_workbook(scorecard) -> bytes:
    """The scorecard's own export, with two figures changed and one added."""
    sheets = workbook_sheets(selectors.load_scorecard_data(scorecard), scorecard.publication_frequency)
    values = sheets["values"]
    values[1] = [values[1][0], values[1][1], "12.3", None, None, "final"]
    values[2] = [values[2][0], values[2][1], "[x]", None, None, "final"]
    values.append(["1.1", "2021-01", "50.0", None, None, "provisional"])
    return xlsx(sheets)


def preview_queries(client, count: int) -> int:
    scorecard = build_scorecard(indicator_count=count, slug="test-card")
    content = exported_workbook(scorecard)
    client.get("/")  # the site settings, read once and cached, are not the preview's own queries
    with CaptureQueriesContext(connection) as queries:
        response = preview(client, content, name="export.xlsx")
    page = text(response)
    assert "Check the changes" in page, page[:3000]
    assert f"{count * 15 - 2} figures" in page  # unchanged
    scorecard.delete()
    return [query["sql"] for query in queries]


def test_the_preview_takes_the_same_queries_for_5_and_200_indicators(client):
    client.force_login(make_user("admin", Role.ADMIN))
    small, large = preview_queries(client, 5), preview_queries(client, 200)
    assert len(small) == len(large), "\n".join(sql[:150] for sql in small)
