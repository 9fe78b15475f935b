"""Playwright on Debian's Chromium against the live server, with an axe-core check per page."""

import os
import re
from pathlib import Path

import pytest

from tests.conftest import assert_security_headers, needs_service

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCREENSHOTS = ROOT / "var" / "screenshots"
# Tags or entities a person would read as text: markup escaped once too often.
MARKUP_AS_TEXT = re.compile(r"</?(a|p|div|span|strong|em|ul|ol|li|h[1-6]|br|table|td)\b[^>]*>"
                            r"|&(lt|gt|amp|quot|#\d+);", re.I)


@pytest.fixture(scope="session")
def browser():
    needs_service(CHROMIUM.exists(), "Chromium at /usr/bin/chromium")
    needs_service(AXE_JS.exists(), "axe-core (npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def watched(page, role="second-person"):
    """Collects the page's errors and its document's headers, which check_page asserts on."""
    page.role, page.shots = role, 0
    page.problems = []
    # A CSP violation or a script error shows up as a console error: any is a failure.
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.document_headers = {}
    page.on("response", lambda r: r.request.resource_type == "document"
            and r.frame == page.main_frame and setattr(page, "document_headers", r.headers))
    return page


@pytest.fixture
def page(browser, live_server, transactional_db, request):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    # Screenshots of a journey go under its test's name; role tours set their role instead.
    page = watched(context.new_page(), request.node.name.removeprefix("test_"))
    yield page
    context.close()


def screenshot(page, name=None):
    """A full-page picture under var/screenshots/<role>/<name>.png, to look at as a person."""
    page.shots += 1
    if name is None:
        path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0].strip("/") or "home"
        name = f"{page.shots:02d}-" + re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")
    folder = SCREENSHOTS / page.role
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def check_what_a_person_sees(page):
    """The body is set in the NHS font stack, no markup shows as text, and no error message is
    Django's generic one."""
    font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert font.lower().replace('"', "").startswith(("frutiger w01, arial", "arial")), (
        f"body font on {page.url} is {font}")
    text = page.evaluate("() => document.body.innerText")
    shown = MARKUP_AS_TEXT.search(text)
    assert not shown, f"markup shown as text on {page.url}: {shown.group(0)!r}"
    assert "This field is required" not in text, f"a generic error message on {page.url}"
    assert "Select a valid choice" not in text, f"a generic error message on {page.url}"


def check_page(page, name=None):
    """axe finds no WCAG 2.2 AA violation, the page logged no error (CSP included), its
    document came with every security header, and it reads as a person expects; then a
    screenshot is saved."""
    page.wait_for_load_state("load")
    assert_security_headers(page.document_headers)
    check_what_a_person_sees(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                    for n in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert not violations, f"axe on {page.url}:\n" + "\n".join(violations)
    assert not page.problems, f"errors on {page.url}: {page.problems}"
    # The NHS frontend started (its JS is a module loaded under our CSP).
    assert page.evaluate("() => document.body.classList.contains('nhsuk-frontend-supported')")
    screenshot(page, name)


def sign_in(page, email, *, password=None, secret=None, check=True):
    """Through the sign-in form; with `secret`, the authenticator-code step too. `check=False`
    where the page cannot run scripts (axe needs them)."""
    import pyotp

    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    if secret:
        page.wait_for_url("**/2fa/authenticate/")
        if check:
            check_page(page)
        page.locator("#id_code").fill(pyotp.TOTP(secret).now())
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


def sign_out(page):
    from playwright.sync_api import expect

    page.goto("/accounts/logout/")
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in", exact=True)).to_be_visible()
