"""The admin's pages for users and site settings (docs/architecture.md, accounts): thin views,
reads in `user_table`, writes in `services`. Admins only: anyone else signed in gets 403, the
public the sign-in page. No page here may be kept by any cache."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.forms import SiteSettingsForm, UserCreateForm, UserEditForm, UserFilterForm
from accounts.models import SiteSettings
from accounts.roles import Action, can
from accounts.user_table import UserTable, locked_out_usernames, user_rows


def admin_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can(request.user, Action.USE_ADMIN):
            raise PermissionDenied("Managing users and the site is for admins.")
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return checked


def site_link(request: HttpRequest) -> services.SiteLink:
    return services.SiteLink(domain=request.get_host(), use_https=request.is_secure())


@require_safe
@admin_only
def users_page(request: HttpRequest) -> HttpResponse:
    filters = UserFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = user_rows(role=chosen.get("role", ""), active=chosen.get("active", ""))
    table = UserTable(rows, f"{len(rows)} user{'s' if len(rows) != 1 else ''}")
    return render(request, "manage/users.html", {"form": filters, "table": table})


@require_http_methods(["GET", "HEAD", "POST"])
@admin_only
def user_add_page(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_user(form.new_user(), request.user, site_link(request))
        sent = f" and sent a set-password link to {user.email}" if not user.has_usable_password() else ""
        messages.success(request, f"Created the user {user.username}{sent}.")
        return redirect("accounts:manage_user", pk=user.pk)
    return render(request, "manage/user_add.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@admin_only
def user_page(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    form = UserEditForm(request.POST or None, user=user, editor=request.user,
                        initial=UserEditForm.initial_for(user))
    if request.method == "POST" and form.is_valid():
        changes = services.update_user(user, form.edit(), request.user)
        messages.success(request, f"Saved {user.username}: {'; '.join(changes)}." if changes else "Nothing changed.")
        return redirect("accounts:manage_user", pk=user.pk)
    context = {"form": form, "managed": user, "changes": user.account_changes.select_related("changed_by")[:10],
               "locked_out": user.username in locked_out_usernames()}
    return render(request, "manage/user.html", context)


@require_POST
@admin_only
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    services.unlock_user(user, request.user)
    messages.success(request, f"Unlocked {user.username}: they may sign in again.")
    return redirect("accounts:manage_user", pk=user.pk)


@require_POST
@admin_only
def user_send_link(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(get_user_model(), pk=pk)
    if not user.email or not user.is_active:
        messages.error(request, "Only an active user with an email address can be sent a link.")
    else:
        services.send_set_password_link(user, request.user, site_link(request))
        messages.success(request, f"Sent a set-password link to {user.email}.")
    return redirect("accounts:manage_user", pk=user.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@admin_only
def site_settings_page(request: HttpRequest) -> HttpResponse:
    current = SiteSettings.current()
    initial = {"council_name": current.council_name, "draft_minutes_working_days": current.draft_minutes_working_days}
    form = SiteSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.update_site_settings(form.edit(), form.cleaned_data["reason"], request.user)
        messages.success(request, "Saved the site settings." if changed else "Nothing changed.")
        return redirect(reverse("accounts:manage_site"))
    history = SiteSettings.history.select_related("history_user").order_by("-history_date")[:10]
    return render(request, "manage/site.html", {"form": form, "history": history})
