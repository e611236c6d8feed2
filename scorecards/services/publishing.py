"""Writes of publications: freezing a scorecard as at a month (docs/architecture.md, the domain)."""

from django.db import transaction
from django.utils import timezone

from scorecards import selectors
from scorecards.compute.periods import Month, months_ending
from scorecards.figures import PUBLISHED_MONTHS, compute_figures, figures_as_export
from scorecards.models import Publication, Scorecard
from scorecards.snapshot import SNAPSHOT_FORMAT, content_hash


@transaction.atomic
def publish_scorecard(scorecard: Scorecard, as_at: Month, user=None, forced_reason: str = "") -> tuple[Publication, bool]:
    """Freeze the scorecard as at `as_at` (docs/architecture.md, the domain). Returns (publication, created).

    Publishing again with nothing changed returns the latest issue untouched; with changes it
    makes the next issue. Earlier issues are never altered. The sign-off checks are the
    caller's (`services/month_end.py`, the command); `forced_reason` says why a publication
    was made without passing them, and is kept beside the snapshot, outside its content hash.
    """
    # Lock the scorecard row so two officers publishing at once cannot both take the same issue.
    Scorecard.objects.select_for_update().filter(pk=scorecard.pk).first()
    data = selectors.live_data(scorecard, as_at, months_computed=PUBLISHED_MONTHS)
    months = months_ending(as_at, PUBLISHED_MONTHS)
    computed = figures_as_export(compute_figures(data, months))
    kept = {str(m) for m in months}
    for indicator in data.indicators:
        indicator.observations = {p: o for p, o in indicator.observations.items() if p in kept}
    data.commentary = [note for note in data.commentary if note.period in kept]
    content = {"format": SNAPSHOT_FORMAT, "as_at": str(as_at), "data": data.to_json(), "computed": computed}
    fingerprint = content_hash(content)

    latest = selectors.latest_publication(scorecard, as_at)
    if latest is not None and latest.content_hash == fingerprint:
        return latest, False
    publication = Publication(
        scorecard=scorecard,
        as_at=selectors.month_date(as_at),
        issue=1 if latest is None else latest.issue + 1,
        published_at=timezone.now(),
        published_by=user,
        content_hash=fingerprint,
        snapshot=content,
        forced_reason=forced_reason,
    )
    publication._change_reason = f"published {publication.document_status}" + (
        f" without passing the sign-off checks: {forced_reason}" if forced_reason else ""
    )
    publication.save()
    return publication, True


