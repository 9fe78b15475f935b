"""Atom feeds of the list pages: the same query string as the page, so a search someone made
(partnerships on cancer in the North West, say) can be followed in a feed reader. A feed reader
has no session, so a feed holds what an anonymous visitor's list holds, newest first."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .paging import filtered

FEED_SIZE = 50


class ListFeed(Feed):
    feed_type = Atom1Feed
    filterset_class = None
    list_url = ""  # the list page's URL name
    name = ""  # what the list holds, for the feed's title
    date_field = "created_at"

    def public_rows(self, anonymous):
        raise NotImplementedError

    def get_object(self, request, *args, **kwargs):
        self.query = request.GET.urlencode()
        _, results = filtered(request, self.filterset_class, self.public_rows(AnonymousUser()))
        return results

    def items(self, results):
        return results.order_by(f"-{self.date_field}", "-pk")[:FEED_SIZE]

    def link(self):
        return reverse(self.list_url) + (f"?{self.query}" if self.query else "")

    def title(self):
        return f"Research partnerships: new {self.name}" + (" for this search" if self.query
                                                            else "")

    def subtitle(self):
        return f"The newest {self.name} matching the search, as anyone may see them."

    def item_title(self, item):
        return str(item)

    def item_pubdate(self, item):
        return getattr(item, self.date_field)

    def item_updateddate(self, item):
        return getattr(item, "updated_at", None) or getattr(item, self.date_field)
