from django.core.management.base import BaseCommand

from scorecards.services import create_demo_users


class Command(BaseCommand):
    help = "Load the demo data and create one demo user per role (safe to run again)."

    def handle(self, *args, **options) -> None:
        users = create_demo_users()
        self.stdout.write("Demo users (username / password / role):")
        for demo in users:
            self.stdout.write(f"  {demo.username:<12} {demo.password:<24} {demo.role.value}")
