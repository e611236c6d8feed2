from django.contrib.admin.apps import AdminConfig


class PanelAdminConfig(AdminConfig):
    """Django's admin with our site class, which admits the admin role only."""

    default_site = "config.admin.PanelAdminSite"
