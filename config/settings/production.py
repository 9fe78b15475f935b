"""What gunicorn and the workers run. Refuses to start with an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import DEBUG, LOGGING, SECRET_KEY

if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production. "
        "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# One JSON object per line on stdout, for the log collector (LOG_FORMAT=plain to read by eye).
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING["handlers"]["stdout"]["formatter"] = LOG_FORMAT

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

if MAILERS["default"]["BACKEND"].endswith("console.EmailBackend"):  # noqa: F405
    raise ImproperlyConfigured("EMAIL_HOST must be set in production, or no email is sent.")
