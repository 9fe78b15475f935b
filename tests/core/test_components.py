"""The layout's NHS components are rendered once per set of parameters and reused: the reused
HTML is the macro's own, and what a person typed is still escaped in it."""

import pytest
from django.template import engines

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_reused_component_is_exactly_the_macro_s_html():
    env = engines["jinja2"].env
    params = {"service": {"text": "Research partnerships", "href": "/"},
              "account": {"items": [{"text": "Ann <b>", "icon": True}]}}
    direct = env.from_string('{% from "nhsuk/components/header/macro.jinja" import header %}'
                             "{{ header(params) }}").render(params=params)
    reused = env.from_string("{{ component('header', params) }}{{ component('header', params) }}"
                             ).render(params=params)
    assert reused == direct * 2
    assert "Ann &lt;b&gt;" in direct and "<b>" not in direct


def test_each_person_s_header_shows_their_own_name(client):
    for name in ("Ann <script>", "Bob Jones"):
        client.force_login(UserFactory(full_name=name))
        page = client.get("/").content.decode()
        assert name.replace("<", "&lt;").replace(">", "&gt;") in page
    assert "Ann" not in page


def test_a_new_worker_loads_every_template_before_its_first_request():
    import importlib

    from config.jinja2 import warm_templates

    env = engines["jinja2"].env
    loaded = warm_templates()
    assert loaded > 100  # the portal's pages and the NHS components
    page = env.get_template("partnerships/directory.jinja")
    assert env.get_template("partnerships/directory.jinja") is page  # from memory
    gunicorn = importlib.import_module("config.gunicorn")
    assert callable(gunicorn.post_worker_init)
