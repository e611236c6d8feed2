"""People and their sign-in accounts: who a councillor or officer is, for roles and memberships."""

from django.conf import settings
from django.db import models


class Person(models.Model):
    """A councillor, co-opted member or officer as named in minutes and memberships."""

    name = models.CharField(max_length=200)
    title = models.CharField(max_length=50, blank=True, help_text="e.g. Councillor")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        help_text="The sign-in account of this person, for councillors.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.title} {self.name}".strip()
