from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark (bench/run.py): scale data (`seed_scale`) and the floor page. Installed
    only by bench/settings.py, so the portal itself never serves or ships either."""

    name = "bench"
    verbose_name = "Benchmark"
