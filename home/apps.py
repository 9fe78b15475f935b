from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The front page: what the portal is for and where each kind of person starts. It sits
    above the domain apps, so it may show what any of them holds."""

    name = "home"
