# The scorecard-committee link is declared on meetings.Committee from now on (issue 9): state
# only, the table stays as it is.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("scorecards", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="scorecard", name="committees")],
        ),
    ]
