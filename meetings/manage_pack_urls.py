"""The agenda packs (issue 16 part 7): the published packs at their literal addresses, and the
governance advisor's pack screens. Included by meetings/urls.py, names in the `meetings`
namespace. Every /manage/ view wears meetings.manage_access.advisors_only."""

from django.urls import path

from meetings import manage_pack_views, pack_views

MEETING = "committees/<slug:slug>/<day:day>/"
MANAGE = "manage/committees/<slug:committee>/<day:day>/pack/"

urlpatterns = [
    # The public pack: served to everyone, cacheable for the public.
    path(MEETING + "pack/", pack_views.pack_page, name="pack"),
    path(MEETING + "pack.pdf", pack_views.pack_pdf, name="pack_pdf"),
    path(MEETING + "pack/v<int:version>.pdf", pack_views.pack_pdf, name="pack_version_pdf"),
    path(MEETING + "supplement-<int:number>.pdf", pack_views.supplement_pdf, name="supplement_pdf"),
    # The members' pack: the committee's members that year, advisors and admins; never stored.
    path(MEETING + "members-pack/", pack_views.members_pack_page, name="members_pack"),
    path(MEETING + "members-pack.pdf", pack_views.members_pack_pdf, name="members_pack_pdf"),
    path(MEETING + "members-pack/v<int:version>.pdf", pack_views.members_pack_pdf, name="members_pack_version_pdf"),
    path(MEETING + "members-supplement-<int:number>.pdf", pack_views.members_supplement_pdf, name="members_supplement_pdf"),
    # The advisor's screens.
    path(MANAGE, manage_pack_views.manage_pack, name="manage_pack"),
    path(MANAGE + "<int:pack_id>/", manage_pack_views.manage_pack_build, name="manage_pack_build"),
    path(MANAGE + "<int:pack_id>/status/", manage_pack_views.manage_pack_status, name="manage_pack_status"),
]
