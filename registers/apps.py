from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "National registers"
    demo_steps = [("national register entries", "registers.demo.seed")]
