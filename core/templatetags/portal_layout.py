"""Lets Django-template pages (allauth's) sit inside the portal's Jinja2 layout.

    {% nhs_page %}<title>{% nhs_page_body %}<body>{% nhs_page_end %}<scripts>{% end_nhs_page %}

The parts are rendered with Django, then handed to layouts/django_page.jinja, so allauth pages get
exactly the same header, footer and assets as every other page, with no copy of the layout.
"""

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

register = template.Library()


class NhsPageNode(template.Node):
    child_nodelists = ("nodelist_title", "nodelist_body", "nodelist_end")

    def __init__(self, nodelist_title, nodelist_body, nodelist_end):
        self.nodelist_title = nodelist_title
        self.nodelist_body = nodelist_body
        self.nodelist_end = nodelist_end

    def render(self, context):
        request = context.get("request")
        page = get_template("layouts/django_page.jinja", using="jinja2")
        return page.render(
            {
                "title": " ".join(self.nodelist_title.render(context).split()),
                "body": mark_safe(self.nodelist_body.render(context)),  # noqa: S308 - rendered by Django, escaped there
                "body_end": mark_safe(self.nodelist_end.render(context)),  # noqa: S308
                "form": context.get("form"),
            },
            request,
        )


@register.tag
def nhs_page(parser, token):
    nodelist_title = parser.parse(("nhs_page_body",))
    parser.delete_first_token()
    nodelist_body = parser.parse(("nhs_page_end",))
    parser.delete_first_token()
    nodelist_end = parser.parse(("end_nhs_page",))
    parser.delete_first_token()
    return NhsPageNode(nodelist_title, nodelist_body, nodelist_end)
