from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "Open data: the read API, FHIR and the public download"
    audit_actions = {
        "api_token.created": "API token made",
        "api_token.revoked": "API token revoked",
    }
