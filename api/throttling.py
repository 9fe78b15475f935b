"""Rate limits, counted in the shared cache (Redis in production) so every web worker and node
counts together: per token for token callers, per address for everyone else."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class _Throttle(SimpleRateThrottle):
    def get_rate(self):
        # Read when asked, not at import, so settings (and tests) can change it.
        return settings.API_RATES[self.scope]


class PerToken(_Throttle):
    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class PerAddress(_Throttle):
    scope = "address"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
