from django.conf import settings
from django.urls import reverse

# (label, path) of the header navigation. A section joins the list when its pages exist.
NAVIGATION = [
    ("Home", "/"),
    ("Partnerships", "/partnerships/"),
    ("Charity expertise", "/expertise/"),
    ("Studies", "/studies/"),
    ("Case studies", "/case-studies/"),
    ("Organisations", "/organisations/"),
]
FOOTER = [
    ("Home", "/"),
    ("Accessibility statement", "/accessibility/"),
    ("Privacy notice", "/privacy/"),
    ("Cookies", "/cookies/"),
    ("Give feedback", "/feedback/"),
]
# The side navigation of the account pages (allauth's "manage" layout).
ACCOUNT_PAGES = [
    ("Your profile", "profile"),
    ("Email addresses", "account_email"),
    ("Password", "account_change_password"),
    ("Two-factor authentication", "mfa_index"),
    ("Where you are signed in", "usersessions_list"),
    ("Reminders and notifications", "notification_preferences"),
    ("Calendar", "calendar"),
    ("Your data", "your_data"),
    ("Close your account", "close_account"),
]


def portal(request):
    path = getattr(request, "path", "") or ""
    navigation = list(NAVIGATION)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        navigation.append(("Your partnerships", "/partnerships/mine/"))
        navigation.append(("Requests", "/expertise/requests/"))
    nav_items = [
        {"text": text, "href": href, "current": path == href,
         "active": href not in ("/", "/partnerships/") and path.startswith(href)}
        for text, href in navigation
    ]
    context = {
        "service_name": "Research partnerships",
        "site_url": settings.SITE_URL,
        "contact_email": settings.CONTACT_EMAIL,
        "service_operator": settings.SERVICE_OPERATOR,
        "nav_items": nav_items if len(nav_items) > 1 else [],
        "footer_items": [{"text": text, "href": href} for text, href in FOOTER],
    }
    if path.startswith("/accounts/"):
        context["account_nav"] = [
            {"text": text, "href": reverse(name), "current": path == reverse(name)}
            for text, name in ACCOUNT_PAGES
        ]
    return context
