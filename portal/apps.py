from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site's front door and the demo: what joins the scorecards, meetings and accounts apps."""

    name = "portal"
    verbose_name = "Portal"

    def ready(self) -> None:
        # The join (docs/architecture.md): scorecards may not import meetings, so the portal,
        # which may, tells the scorecard pages where each publication was presented.
        from meetings.presentations import meetings_finder
        from scorecards.presentations import register

        register(meetings_finder)
