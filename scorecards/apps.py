from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_role_groups(sender, **kwargs) -> None:
    """After every migrate: the four role groups exist and the admin group holds every permission."""
    from django.contrib.auth.models import Permission

    from scorecards.roles import Role, ensure_role_groups

    groups = ensure_role_groups()
    groups[Role.ADMIN].permissions.set(Permission.objects.all())


class ScorecardsConfig(AppConfig):
    name = "scorecards"
    verbose_name = "Scorecards"

    def ready(self) -> None:
        post_migrate.connect(create_role_groups, sender=self)
