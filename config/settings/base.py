"""Settings shared by every environment. All values that vary come from config.env."""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR") or BASE_DIR / "var")

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Who runs the service (the data controller, named in the privacy notice) and how to reach them
# about privacy, accessibility or feedback.
SERVICE_OPERATOR = env_str("SERVICE_OPERATOR", "the research partnerships service team")
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "research.partnerships@example.org")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "core",
    "accounts",
    "registers",
    "organisations",
    "partnerships",
    "trials",
    "charities",
    "drive",
    "casestudies",
    "home",
    "dashboards",
    "api",
    "reminders",
]

MIDDLEWARE = [
    "core.logs.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PublicPagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "accounts.sessions.SessionTimeoutMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.RequireMfaMiddleware",
    "core.middleware.PrivatePagesMiddleware",
]

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "core.views.csrf_failure"  # an NHS-styled page, and a security log line
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Pages: Jinja2, with the NHS.UK frontend macros. Each app keeps its pages in <app>/jinja2/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.jinja2.environment",
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "reminders.context_processors.notifications",
            ],
        },
    },
    {
        # Django templates only for what third-party apps render: allauth, the admin, email.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "reminders.context_processors.notifications",
            ],
        },
    },
]

# Every form's errors name their field (core.forms.PortalBoundField), allauth's included.
FORM_RENDERER = "core.forms.PortalFormRenderer"

# Database: PostgreSQL when DATABASE_URL is set, otherwise an embedded SQLite file.
DATABASE_URL = env_url("DATABASE_URL", schemes={"postgres", "postgresql", "sqlite"})
if DATABASE_URL:
    try:
        DATABASES = {"default": {**dj_database_url.parse(DATABASE_URL, conn_max_age=60)}}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from None
    if env_str("DATABASE_POOLED") == "transaction":
        # PgBouncer in transaction mode hands each transaction to any server connection, so a
        # cursor held open across transactions (QuerySet.iterator on PostgreSQL) cannot work.
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    # No CONN_HEALTH_CHECKS: it costs a "SELECT 1" on every request. A connection that broke
    # fails that one request; Django then closes it and the next request opens a new one.
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            # WAL and immediate transactions let the web server and the worker share the file.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (allauth's rate limits live here, so it must be shared by every process).
REDIS_URL = env_url("REDIS_URL", schemes={"redis", "rediss"})
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
        }
    }

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport, so `make run`
# needs no broker process.
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
if not REDIS_URL:
    _queue_dir = VAR_DIR / "celery-queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery-processed"),
        "store_processed": False,
        # Exchange tables: kombu's default is ./control, which would land in the checkout.
        "control_folder": str(VAR_DIR / "celery-control"),
    }
else:
    # Longer than any countdown or ETA we use, so Redis never hands a task to a second worker
    # while the first still holds it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 60 * 60}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")


AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: email is the login; nobody signs in before verifying it.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# A new password keeps this session and ends every other one (accounts/security.py).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Changing email or password, or the second factor (allauth.mfa's default), asks for the password
# again when the last sign-in was more than ACCOUNT_REAUTHENTICATION_TIMEOUT (5 minutes) ago.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Research partnerships] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# Five wrong passwords for one account in five minutes lock it for the rest of that window.
# How many proxies in front of gunicorn add to X-Forwarded-For (a load balancer: 1). The client
# address for rate limits and the security log is read from there; 0 trusts only the connection.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Research partnerships"
# A code from the 30 seconds before or after is accepted too (RFC 6238 advises allowing for a
# step of clock drift): a phone a little off, or a code typed as it turned, still signs in.
# Each code still works once only (allauth marks it used for the whole window).
MFA_TOTP_TOLERANCE = 1
USERSESSIONS_TRACK_ACTIVITY = True
# Staff, curators and registry administrators must have an authenticator before they reach
# anything else.
MFA_REQUIRED_GROUPS = ["Curators", "Registry administrators"]

# Email (Django 6.1 mailers): SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587, minimum=1),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                "timeout": 30,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
del EMAIL_HOST  # a deprecated setting name in Django 6.1; MAILERS holds it now
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Research partnerships <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# allauth's words in the service's voice: British English, sentence case (locale/build_en_gb.py).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Security headers on every response. No inline script anywhere: scripts carry the nonce.
NHS_INLINE_SCRIPT_HASH = "'sha256-tDOvXJi1PXbg0CWjLCCYSNHRXtps26K4JXkE3M6u/c0='"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    # The NHS template's one inline script (it marks the body "js-enabled") is allowed by its
    # hash, so portal pages carry no per-response nonce and an anonymous page can be cached
    # whole. tests/core/test_security_headers.py checks the hash against the installed template.
    # The nonce stays for Django's admin, whose pages still use one.
    "script-src": [CSP.SELF, NHS_INLINE_SCRIPT_HASH, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Read from the shared cache (Redis), written through to the database, so a request does not
# query the sessions table and a cache flush signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60, minimum=300)
# Signed out after this long without a request, and this long after signing in at the most.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_MAX_SECONDS = env_int("SESSION_MAX_SECONDS", 12 * 60 * 60, minimum=300)
LOGIN_URL_PATH = "/accounts/login/"

# Every line goes to stdout; LOG_FORMAT=json gives one JSON object per line (production's default).
# Audit ("portal.audit") and security ("portal.security") events carry UTC time, person, IP and
# what happened, encoded so that no typed text can forge a line (core/logs.py).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"()": "core.logs.PlainFormatter"},
                   "json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                            "formatter": LOG_FORMAT}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO").upper()},
}

# Rendered fragments that depend only on the query string (config/jinja2.py cached_html). Set
# RELEASE to something new on each deploy (a git commit, say) so no old HTML is reused.
# How long a shared cache (a CDN) may keep a public page answered to an anonymous visitor
# (core.middleware.public_page).
PUBLIC_PAGE_SECONDS = env_int("PUBLIC_PAGE_SECONDS", 60, minimum=0)
# A list's count is kept this long at most (core/paging.py); any write ends it sooner.
COUNT_CACHE_SECONDS = env_int("COUNT_CACHE_SECONDS", 300, minimum=0)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300, minimum=0)
FRAGMENT_CACHE_VERSION = env_str("RELEASE", "1")

# Related work (drive/related.py): how long the public candidates for a partnership are reused.
RELATED_CACHE_SECONDS = env_int("RELATED_CACHE_SECONDS", 300, minimum=0)

# Partnerships
INVITATION_DAYS = env_int("INVITATION_DAYS", 14, minimum=1)

# Reminders (reminders/sweep.py, rules registered by each app): the daily sweep's hour
# and how long a claim on one lasts.
REMINDER_SWEEP_HOUR = env_int("REMINDER_SWEEP_HOUR", 7, minimum=0)
REMINDER_CLAIM_SECONDS = env_int("REMINDER_CLAIM_SECONDS", 600, minimum=30)
# First retry after this many seconds when the mail server refuses; it doubles, with jitter.
REMINDER_RETRY_BACKOFF = env_int("REMINDER_RETRY_BACKOFF", 30, minimum=1)
# `make run` sets REMINDER_SWEEP_EVERY_SECONDS so the demo shows reminders within a minute.
REMINDER_SWEEP_EVERY_SECONDS = env_int("REMINDER_SWEEP_EVERY_SECONDS", 0, minimum=0)
CELERY_BEAT_SCHEDULE = {
    "reminder-sweep": {
        "task": "reminders.tasks.reminder_sweep",
        "schedule": float(REMINDER_SWEEP_EVERY_SECONDS) if REMINDER_SWEEP_EVERY_SECONDS
        else crontab(hour=REMINDER_SWEEP_HOUR, minute=0),
    },
    # After the night's loads of the national registers (README: Registers).
    "organisations-recheck-registers": {
        "task": "organisations.tasks.recheck_registers",
        "schedule": crontab(hour=6, minute=30),
    },
    # The public data download (api/opendata.py), made fresh each night.
    "api-publish-open-data": {
        "task": "api.tasks.publish_open_data",
        "schedule": crontab(hour=2, minute=15),
    },
    "reminder-weekly-digest": {
        "task": "reminders.tasks.reminder_weekly_digest",
        "schedule": crontab(hour=8, minute=0, day_of_week="mon"),
    },
}

# Per person, per hour (core/ratelimit.py).
HOURLY_LIMITS = {
    "invitation": env_int("LIMIT_INVITATIONS_PER_HOUR", 30, minimum=1),
    "join": env_int("LIMIT_JOIN_REQUESTS_PER_HOUR", 10, minimum=1),
    "expertise_request": env_int("LIMIT_EXPERTISE_REQUESTS_PER_HOUR", 10, minimum=1),
    "nomination": env_int("LIMIT_NOMINATIONS_PER_HOUR", 5, minimum=1),
}


# The read API (README: API). Anyone may read it; a personal token reads as its person.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication",
                                       "api.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerToken", "api.throttling.PerAddress"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer"],
    "DEFAULT_PARSER_CLASSES": [],  # nothing is written through the API
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": env_int("TRUSTED_PROXY_COUNT", 0, minimum=0),
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per period, counted in the shared cache: per token, and per address without one.
API_RATES = {
    "token": env_str("API_RATE_PER_TOKEN", "1200/hour"),
    "address": env_str("API_RATE_PER_ADDRESS", "600/hour"),
}
# Tokens that do not work, per address: (how many, in how many seconds) before it must wait.
API_WRONG_TOKENS = (env_int("API_WRONG_TOKENS_PER_HOUR", 30, minimum=1), 3600)
SPECTACULAR_SETTINGS = {
    "TITLE": "Research partnerships API",
    "DESCRIPTION": ("Read-only open data: partnerships, organisations, studies with their sites "
                    "and recruitment, charities' offers of expertise, case studies and a "
                    "partnership's DRIVE summary. Anonymous callers see what anyone may see on "
                    "the portal; a personal token (Authorization: Bearer ...) sees what its "
                    "person sees. Data published under the Open Government Licence v3.0."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "organisations.models.Organisation.Kind",
        "OfferKindEnum": "charities.models.ExpertiseOffer.Kind",
    },
}
