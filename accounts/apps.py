from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and accounts"

    def ready(self):
        from . import security

        security.connect()
