"""A GIN index on the directory's full-text search expression, on PostgreSQL only (SQLite
searches by word with LIKE). The expression is built by partnerships.filters.search_vector, so
the index and the query cannot drift apart."""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

NAME = "partnership_search_gin"


def _index():
    from partnerships.filters import search_vector

    return GinIndex(search_vector(), name=NAME)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("partnerships", "Partnership"), _index())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("partnerships", "Partnership"), _index())


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_partnership_stall_days")]
    operations = [migrations.RunPython(create, drop)]
