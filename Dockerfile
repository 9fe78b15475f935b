# Production image: web (gunicorn), worker and beat all run from it.

# 1. Front-end assets: nhsuk-frontend's JS and images, our Sass compiled against it.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/scss static/scss
RUN mkdir -p static/vendor/nhsuk \
 && cp -r node_modules/nhsuk-frontend/dist/nhsuk/assets static/vendor/nhsuk/assets \
 && cp node_modules/nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.js static/vendor/nhsuk/ \
 && node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
      static/scss/portal.scss static/vendor/portal.css

# 2. The application.
FROM python:3.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 portal
WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements.lock
COPY --chown=portal:portal . .
COPY --from=assets --chown=portal:portal /app/static/vendor static/vendor
# collectstatic needs no secrets; the local settings module is enough to build the manifest.
RUN DJANGO_SETTINGS_MODULE=config.settings.local python manage.py collectstatic --noinput -v0 \
 && mkdir -p var && chown portal:portal var
USER portal
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
