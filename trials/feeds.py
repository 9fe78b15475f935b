from core.feeds import ListFeed

from .filters import StudyFilter
from .models import Study


class StudyFeed(ListFeed):
    filterset_class = StudyFilter
    list_url = "trials:directory"
    name = "studies"

    def public_rows(self, anonymous):
        return Study.objects.select_related("sponsor")

    def item_description(self, item):
        return item.summary or item.title
