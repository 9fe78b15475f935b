from core.feeds import ListFeed

from .filters import CaseStudyFilter
from .models import CaseStudy


class CaseStudyFeed(ListFeed):
    filterset_class = CaseStudyFilter
    list_url = "casestudies:library"
    name = "case studies"
    date_field = "published_at"

    def public_rows(self, anonymous):
        return CaseStudy.objects.published()

    def item_description(self, item):
        return item.summary
