"""Filters shared by the lists' FilterSets."""

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import ModelMultipleChoiceField


class _RowsField(ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:  # a number past the database's integers (SQLite raises)
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": "that number"}) from None


class RowsFilter(django_filters.ModelMultipleChoiceFilter):
    """Any of several rows, chosen by a field of theirs; a value too large for the database is
    an unknown choice, as any other value that matches no row."""

    field_class = _RowsField
