"""The Django admin, open to the admin role only (docs/architecture.md, who may do what)."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from accounts.roles import Action, can


class PanelAdminSite(admin.AdminSite):
    site_header = "Panel scorecards administration"
    site_title = "Panel scorecards administration"

    def has_permission(self, request: HttpRequest) -> bool:
        # Django's default lets any is_staff user in; here only the admin role may enter.
        return can(request.user, Action.USE_ADMIN)

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # One sign-in page for the whole site, throttled by axes.
        if request.user.is_authenticated:
            return HttpResponse("The administration is open to the admin role only.", status=403)
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
