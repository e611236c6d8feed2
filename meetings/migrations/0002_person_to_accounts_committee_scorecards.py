# Person now lives in accounts, and the committee link to scorecards is declared here over the
# table scorecards made (issue 9). State only: no table or row changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0001_initial"),
        ("accounts", "0001_initial"),
        ("scorecards", "0002_committees_link_moves_to_meetings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Person")]),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="committee",
                    name="scorecards",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="scorecards_scorecard_committees",
                        help_text="The scorecards presented to this committee.",
                        related_name="committees",
                        to="scorecards.scorecard",
                    ),
                ),
            ],
        ),
    ]
