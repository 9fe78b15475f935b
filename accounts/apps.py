from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "People and accounts"

    def ready(self):
        from . import mfa_groups, security

        security.connect()
        mfa_groups.connect()
