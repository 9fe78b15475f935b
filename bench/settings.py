"""Production settings, with static files collected where the benchmark put them."""

import os

from config.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
