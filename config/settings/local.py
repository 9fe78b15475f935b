"""`make run` and a developer's shell: embedded services, plain http on loopback."""

from config.env import env_str

from .base import *  # noqa: F403

# A fixed key is acceptable only because this module never serves real users.
SECRET_KEY = env_str("SECRET_KEY") or "local-development-only-key-not-for-production-use-0123456789"
