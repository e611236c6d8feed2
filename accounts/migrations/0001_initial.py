# Person moves here from meetings (issue 9): the state is created over the existing table, then
# the table is renamed, so no row is lost.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("meetings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Person",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=200)),
                        ("title", models.CharField(blank=True, help_text="e.g. Councillor", max_length=50)),
                        (
                            "user",
                            models.OneToOneField(
                                blank=True,
                                help_text="The sign-in account of this person, for councillors.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="person",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={"verbose_name_plural": "people", "ordering": ["name"], "db_table": "meetings_person"},
                ),
            ],
        ),
        migrations.AlterModelTable(name="person", table=None),
    ]
