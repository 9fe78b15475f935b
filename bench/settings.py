"""The benchmark's settings: production's, with the bench app (seed_scale, the floor page) and
static files collected where the benchmark put them."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# wrk is one address making thousands of requests a minute: let it, but keep the counting (its
# cache round trip is part of what an API request costs).
API_RATES = {"token": "10000000/hour", "address": "10000000/hour"}
