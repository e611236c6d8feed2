from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site's front door and the demo: what joins the scorecards, meetings and accounts apps."""

    name = "portal"
    verbose_name = "Portal"
