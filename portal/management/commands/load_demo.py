from django.core.management.base import BaseCommand

from portal.demo import DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demo scorecards and publications and one demo user per role (safe to run again)."

    def handle(self, *args, **options) -> None:
        for line in load_demo():
            self.stdout.write(line)
        self.stdout.write("Demo users (username / password / role):")
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<12} {demo.password:<24} {demo.role.value}")
