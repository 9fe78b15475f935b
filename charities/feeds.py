from core.feeds import ListFeed

from .filters import OfferFilter
from .models import ExpertiseOffer


class OfferFeed(ListFeed):
    filterset_class = OfferFilter
    list_url = "charities:directory"
    name = "offers of charity expertise"

    def public_rows(self, anonymous):
        return ExpertiseOffer.objects.public().select_related("organisation")

    def item_title(self, item):
        return f"{item.title} ({item.organisation.name})"

    def item_description(self, item):
        return item.description
