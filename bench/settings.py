"""The benchmark's settings: production's, with the bench app (seed_scale, the floor page) and
static files collected where the benchmark put them."""

import os

from config.settings.production import *  # noqa: F403
from config.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
