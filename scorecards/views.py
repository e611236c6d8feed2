from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from scorecards import selectors
from scorecards.compute.periods import Month
from scorecards.models import Scorecard
from scorecards.roles import is_staff_role


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/home.html", {"scorecards": selectors.scorecard_list()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/accessibility.html")


@require_GET
def scorecard_json(request: HttpRequest, slug: str, as_at: Month) -> JsonResponse:
    """The JSON export (DESIGN section 5): the latest publication of the month for everyone;
    the live figures for signed-in staff who ask with ?live=1."""
    scorecard = get_object_or_404(Scorecard, slug=slug)
    live = request.GET.get("live") == "1" and is_staff_role(request.user)
    payload = selectors.scorecard_export(scorecard, as_at, live=live)
    if payload is None:
        raise Http404(f"{scorecard.title} has not been published as at {as_at}.")
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    # Live figures are staff-only: never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store" if live else "public, max-age=300"
    return response
