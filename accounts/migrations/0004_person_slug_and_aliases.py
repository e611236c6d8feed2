# A person's slug (/people/<slug>/), filled for the people already stored, and the other ways a
# person's name is printed (PersonAlias).

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    # As accounts.models.unique_person_slug, which a historical model cannot call.
    Person = apps.get_model("accounts", "Person")
    taken = set()
    for person in Person.objects.order_by("pk"):
        base = slugify(person.name)[:200] or "person"
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        person.slug = slug
        person.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_account_change'),
    ]

    operations = [
        migrations.AddField(
            model_name='person',
            name='slug',
            field=models.SlugField(blank=True, max_length=220, null=True, db_index=False),  # indexed once, when unique (PostgreSQL refuses a second _like index)
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='person',
            name='slug',
            field=models.SlugField(max_length=220, unique=True),
        ),
        migrations.AlterField(
            model_name='person',
            name='name',
            field=models.CharField(help_text='As printed, without the title: M. S. Elliott', max_length=200),
        ),
        migrations.CreateModel(
            name='PersonAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200)),
                ('title', models.CharField(blank=True, max_length=50)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='accounts.person')),
            ],
            options={
                'verbose_name_plural': 'person aliases',
                'ordering': ['name', 'title'],
                'constraints': [models.UniqueConstraint(fields=('title', 'name'), name='person_alias_once')],
            },
        ),
    ]
