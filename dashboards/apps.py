from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """Portfolio figures for an organisation's people: partnerships by DRIVE stage, what partners
    commit, indicators, requests for help and study delivery, each as a chart, a table and CSV.
    It sits at the top with home, so it may count what any app holds."""

    name = "dashboards"
    verbose_name = "Dashboards"

    def ready(self):
        from organisations import hooks as organisation_page

        from . import sections

        organisation_page.register_section("dashboards/_organisation_link.jinja",
                                           sections.dashboard_link, order=1)
        organisation_page.register_section("dashboards/_organisation_facts.jinja",
                                           sections.portfolio_facts, order=2)
