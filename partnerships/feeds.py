from core.feeds import ListFeed

from .filters import PartnershipFilter
from .selectors import directory_queryset


class PartnershipFeed(ListFeed):
    filterset_class = PartnershipFilter
    list_url = "partnerships:directory"
    name = "partnerships"

    def public_rows(self, anonymous):
        return directory_queryset(anonymous)

    def item_description(self, item):
        return f"Led by {item.lead_organisation.name}. {item.purpose}"
