from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_role_groups(sender, **kwargs) -> None:
    """After every migrate: the four role groups exist and the admin group holds every permission."""
    from django.contrib.auth.models import Permission  # the auth models are not ready at import time

    from accounts.roles import Role, ensure_role_groups

    groups = ensure_role_groups()
    groups[Role.ADMIN].permissions.set(Permission.objects.all())


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        # After every app's migrations, not only this one's: the admin group must also hold the
        # permissions of apps migrated after accounts.
        post_migrate.connect(create_role_groups, dispatch_uid="accounts.create_role_groups")
