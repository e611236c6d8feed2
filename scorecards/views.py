from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from scorecards import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/home.html", {"scorecards": selectors.scorecard_list()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "scorecards/accessibility.html")
