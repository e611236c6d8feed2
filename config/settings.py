"""Settings for panel scorecards: one module, every deployment choice read from the environment.

See `.env.example` for the variables. Development: `DJANGO_DEBUG=1` (the Makefile sets it for
`make run`). Production: `DJANGO_SECRET_KEY` is required and `DEBUG` stays off.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # A guessable key would let anyone forge sessions, so production must never fall back.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development only."
        )
    SECRET_KEY = "development-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Example Borough Council")
SERVICE_NAME = "Panel scorecards"

INSTALLED_APPS = [
    "config.apps.PanelAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's own form templates, for TemplatesSetting to fall back on
    "csp",
    "axes",
    "simple_history",
    "django_tables2",
    "django_tasks",
    "django_tasks_db",
    # Apps depend in one direction: portal -> meetings -> scorecards -> accounts.
    "accounts",
    "scorecards",
    "meetings",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.PrivateForSignedInUsers",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.PageForRefusedMethod",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{os.environ.get('DJANGO_SQLITE_PATH', BASE_DIR / 'db.sqlite3')}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two writers at once (two imports, an import while publishing) wait for each other instead
    # of one dying with "database is locked": every transaction takes the write lock when it
    # starts (so none has to upgrade a read lock mid-way, which SQLite cannot wait for), and a
    # writer waits up to DJANGO_SQLITE_TIMEOUT seconds for the lock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "60"))}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out user is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Email (password reset and the admin's set-password links): printed to the console unless an
# SMTP server is named. EMAIL_USE_TLS (STARTTLS, port 587) is on by default; EMAIL_USE_SSL=1
# instead for implicit TLS (port 465).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", default=not EMAIL_USE_SSL)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "panel-scorecards@localhost")
# How long a reset or set-password link works (Django's default: three days).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_SECONDS", str(3 * 24 * 60 * 60)))
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Sign-in throttling: five failures for one username from one address locks that pair out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy every request comes from the proxy's address, so sign-in throttling
# keys on the client address the trusted proxies report (accounts/client_address.py).
# DJANGO_TRUSTED_PROXIES is how many proxies stand in front of the application (0: none, use
# REMOTE_ADDR); each appends the address it received from to X-Forwarded-For.
TRUSTED_PROXIES = int(os.environ.get("DJANGO_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "accounts.client_address.client_address"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # GOV.UK Frontend's JavaScript and assets, and the plotly bundle, straight from npm.
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("vendor/plotly", BASE_DIR / "node_modules" / "plotly.js-strict-dist-min"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_flag("DJANGO_STATIC_MANIFEST")
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = not env_flag("DJANGO_STATIC_MANIFEST")
# Files the app writes for itself: the stored PDFs of publications (scorecards/pdf_store.py).
# No URL serves them (no MEDIA_URL route; WhiteNoise serves static files only): only the
# download view reads them. On a server, point DJANGO_MEDIA_ROOT at a persistent folder.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Committee documents (docs/documents-screens.md): the largest PDF an advisor may upload to an
# agenda item, in bytes. A larger one is refused with its size and this limit in words; the
# agenda pack merges every upload, so the limit also bounds what one build reads per paper.
MEETING_DOCUMENT_MAX_BYTES = int(os.environ.get("MEETING_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))

# Content security policy: scripts from this site only, no inline script, no eval, no inline
# style. The one page that draws a plotly chart relaxes style-src for itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# HTTPS in production (README, Configuration): behind a TLS proxy, say which header carries the
# original scheme, then turn on the redirect and HSTS. `manage.py check --deploy` is clean with
# DJANGO_SSL_REDIRECT=1, DJANGO_HSTS_SECONDS=31536000, DJANGO_HSTS_PRELOAD=1 and a secret key set.
if os.environ.get("DJANGO_PROXY_SSL_HEADER"):
    # e.g. "HTTP_X_FORWARDED_PROTO=https"
    header, _, value = os.environ["DJANGO_PROXY_SSL_HEADER"].partition("=")
    SECURE_PROXY_SSL_HEADER = (header.strip(), value.strip() or "https")
SECURE_SSL_REDIRECT = env_flag("DJANGO_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The month-end entry grid posts a whole month of a scorecard at once (all or nothing), past
# Django's default of 1,000 fields. Each indicator row has 10 fields (value, numerator,
# denominator, mark, status, commentary, exception note and the versions of the figure and the
# two notes), each section 2 (its narrative and version), the grid 2 (the CSRF token and the
# reason for a correction). For at most 500 indicators in 100 sections: 10 x 500 + 2 x 100 + 2.
ENTRY_GRID_MAX_INDICATORS = 500
ENTRY_GRID_MAX_SECTIONS = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10 * ENTRY_GRID_MAX_INDICATORS + 2 * ENTRY_GRID_MAX_SECTIONS + 2  # 5,202

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# Form and widget templates from the project's templates/ (GOV.UK markup: templates/django/forms/).
# Background work (agenda pack builds) through Django's tasks framework: the database backend by
# default, run by `manage.py db_worker`; RQ on Redis when REDIS_URL is set, run by
# `manage.py rqworker --job-class django_tasks_rq.Job` on as many machines as needed.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("django_tasks_db"), "django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Workbook imports: how much one workbook may hold (docs/workbook.md section 7). A workbook past
# a limit is refused, the message naming the setting and its value; reading stops at the limit.
WORKBOOK_MAX_UPLOAD_BYTES = int(os.environ.get("WORKBOOK_MAX_UPLOAD_BYTES", str(20 * 1024 * 1024)))
# Everything in an .xlsx or .zip unpacked, read from its directory before anything is unpacked.
WORKBOOK_MAX_UNCOMPRESSED_BYTES = int(os.environ.get("WORKBOOK_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024)))
WORKBOOK_MAX_SHEETS = int(os.environ.get("WORKBOOK_MAX_SHEETS", "20"))
WORKBOOK_MAX_ROWS = int(os.environ.get("WORKBOOK_MAX_ROWS", "100000"))
WORKBOOK_MAX_COLUMNS = int(os.environ.get("WORKBOOK_MAX_COLUMNS", "50"))
WORKBOOK_MAX_CELLS = int(os.environ.get("WORKBOOK_MAX_CELLS", "500000"))
WORKBOOK_MAX_CELL_CHARACTERS = int(os.environ.get("WORKBOOK_MAX_CELL_CHARACTERS", "32767"))
