"""Central Administration as an ASGI application (Starlette, Jinja2 templates rendered on the
server; every form works without JavaScript).

Every request opens the farm afresh (farm.open_session) and reads through it, so what the browser
shows is what Get-SPWebApplication shows, and a save is visible to the shell at once. Blocking
work (the farm store, the rules, SMTP) runs in Starlette's thread pool.

Addresses are SharePoint Server 2019's own: /default.aspx, /applications.aspx,
/systemsettings.aspx, /monitoring.aspx, /_admin/globalemailconfig.aspx, /_admin/FarmServers.aspx,
/_admin/WebApplicationList.aspx, /Lists/HealthReports/..., /Lists/HealthRuleDefinitions/...;
/_admin/SendTestEmail.aspx is spshell's own page.
"""
from __future__ import annotations

import logging
import uuid
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from spshell.runtime.errors import DotNetException

from .. import farm as F
from .forms import MailForm, RuleForm
from .security import COOKIE, CSRF_FIELD, SECURITY_HEADERS, AccessGuard

_HERE = Path(__file__).resolve().parent
log = logging.getLogger("spshell.centraladmin")  # an audit trail: never a value of a secret
TITLE = "Central Administration"
# [not verified] the address of SharePoint's per-web-application outgoing e-mail page
WEBAPP_MAIL_PAGE = "/_admin/WebApplicationOutgoingEmailSettings.aspx"


class CentralAdminState:
    """What the application serves: one host's view of its farm."""

    def __init__(self, home, host, guard: AccessGuard, environ=None):
        self.home = Path(home)
        self.host = host
        self.guard = guard
        self.environ = environ

    def session(self):
        return F.open_session(self.home, self.host, self.environ)

    def context(self):
        """The little the mail module needs of an execution context: who and where we are."""
        return SimpleNamespace(computer_name=self.host, home=self.home)


# ---------------------------------------------------------------------------------------------
# access control (pure ASGI, so the body stream is left alone for the endpoints)

class AccessMiddleware:
    def __init__(self, app, state: CentralAdminState, templates):
        self.app = app
        self.state = state
        self.templates = templates

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        guard = self.state.guard

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS.items():
                    if k.lower().encode() not in present:
                        headers.append((k.lower().encode(), v.encode()))
                message = dict(message, headers=headers)
            await send(message)

        if not guard.host_allowed(request.headers.get("host", "")):
            await PlainTextResponse("Bad Request: unknown host name.", 400)(
                scope, receive, send_with_headers)
            return
        sid = request.cookies.get(COOKIE)
        sess = guard.session(sid)
        token = request.query_params.get("token")
        if token is not None:
            # Exchange the one-time token for a session; the address bar loses the token.
            rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
            target = request.url.path + ("?" + urlencode(rest) if rest else "")
            if sess is None:
                new_sid = guard.exchange(token)
                if new_sid is None:
                    await self._denied(request, scope, receive, send_with_headers, used=True)
                    return
                log.info("browser signed in from %s", request.client.host if request.client
                         else "?")
                resp = RedirectResponse(target, 303)
                resp.set_cookie(COOKIE, new_sid, httponly=True, samesite="strict", path="/",
                                secure=request.url.scheme == "https")
                await resp(scope, receive, send_with_headers)
                return
            await RedirectResponse(target, 303)(scope, receive, send_with_headers)
            return
        if sess is None and not request.url.path.startswith("/_layouts/15/static/"):
            await self._denied(request, scope, receive, send_with_headers, used=False)
            return
        if request.method not in ("GET", "HEAD") and not guard.origin_allowed(
                request.headers.get("origin"), request.headers.get("host", "")):
            await PlainTextResponse("Forbidden: cross-site request.", 403)(
                scope, receive, send_with_headers)
            return
        scope.setdefault("state", {})["ca_session"] = sess
        scope["state"]["ca_sid"] = sid
        await self.app(scope, receive, send_with_headers)

    async def _denied(self, request, scope, receive, send, used):
        resp = self.templates.TemplateResponse(
            request, "denied.html", base_context(used=used), status_code=403)
        await resp(scope, receive, send)


async def checked_form(request: Request):
    """The posted form, after the CSRF check every POST handler starts with."""
    form = await request.form()
    sess = request.state.ca_session
    if not AccessGuard.csrf_ok(sess, form.get(CSRF_FIELD)):
        raise HTTPException(403, "The form was not sent from this Central Administration page "
                                 "(security validation failed). Reload the page and try again.")
    return form


# ---------------------------------------------------------------------------------------------
# page helpers

NAV = [("Central Administration", "/default.aspx"),
       ("Application Management", "/applications.aspx"),
       ("System Settings", "/systemsettings.aspx"),
       ("Monitoring", "/monitoring.aspx")]


def base_context(**ctx):
    """Every name base.html uses (templates are strict about undefined names)."""
    out = {"title": TITLE, "crumbs": [], "nav": [], "path": "", "csrf": "",
           "csrf_field": CSRF_FIELD, "signed_in": False, "server_name": "", "flash": None,
           "farm_error": None, "health": None, "farm_name": ""}
    out.update(ctx)
    return out


def _flash(request, text=None):
    sess = request.state.ca_session
    if text is not None:
        sess.flash = text
        return None
    msg = getattr(sess, "flash", None)
    sess.flash = None
    return msg


class Pages:
    def __init__(self, state: CentralAdminState, templates: Jinja2Templates):
        self.state = state
        self.templates = templates

    # ---- rendering
    async def render(self, request, template, title, crumbs=(), status_code=200, **ctx):
        def gather():
            out = {"farm_error": None, "health": None, "farm_name": ""}
            try:
                sess = self.state.session()
                out["farm_name"] = sess.farm_row()["name"]
                out["health"] = _health_summary(sess)
            except DotNetException as exc:
                out["farm_error"] = exc.Message
            return out
        common = await run_in_threadpool(gather)
        sess = request.state.ca_session
        ctx.update(common)
        ctx = base_context(**ctx)
        ctx.update(title=title, crumbs=list(crumbs), nav=NAV, path=request.url.path,
                   csrf=sess.csrf if sess else "", signed_in=True,
                   server_name=self.state.host, flash=_flash(request))
        return self.templates.TemplateResponse(request, template, ctx, status_code=status_code)

    async def farm(self, fn, *args):
        """Run fn(session, *args) in the thread pool; a farm that is gone shows as an error."""
        def call():
            return fn(self.state.session(), *args)
        return await run_in_threadpool(call)

    # ---- overview pages
    async def home(self, request):
        return await self.render(request, "home.html", "Central Administration")

    async def applications(self, request):
        return await self.render(request, "applications.html", "Application Management")

    async def system_settings(self, request):
        return await self.render(request, "systemsettings.html", "System Settings")

    async def monitoring(self, request):
        return await self.render(request, "monitoring.html", "Monitoring")

    # ---- web applications
    async def webapp_list(self, request):
        apps = await self.farm(lambda s: s.web_applications(include_admin=True))
        return await self.render(request, "webapplist.html", "Web Applications",
                                 crumbs=[("Application Management", "/applications.aspx")],
                                 apps=apps, mail_page=WEBAPP_MAIL_PAGE)

    # ---- outgoing e-mail
    async def global_email(self, request):
        return await self._mail_page(request, None)

    async def webapp_email(self, request):
        wid = request.query_params.get("WebApplicationId", "")
        return await self._mail_page(request, wid)

    async def _mail_page(self, request, webapp_id):
        def load(sess):
            if webapp_id is None:
                row = sess.central_admin_row()
            else:
                try:
                    wid = str(uuid.UUID(webapp_id))
                except ValueError:
                    return None, None
                row = sess.webapp_row(wid)
            if row is None:
                return None, None
            status, _plain, message = sess.credential_status(row)
            return row, (status, message)  # the decrypted password is dropped right here
        row, cred = await self.farm(load)
        if row is None:
            raise HTTPException(404, "The web application was not found.")
        farm_level = webapp_id is None
        if farm_level:
            title = "Outgoing E-Mail Settings"
            crumbs = [("System Settings", "/systemsettings.aspx")]
            action = "/_admin/globalemailconfig.aspx"
        else:
            title = "Web Application Outgoing E-Mail Settings"
            crumbs = [("Application Management", "/applications.aspx"),
                      ("Web Applications", "/_admin/WebApplicationList.aspx")]
            action = f"{WEBAPP_MAIL_PAGE}?WebApplicationId={row['id']}"
        if request.method == "POST":
            data = await checked_form(request)
            form = MailForm.from_post(data, row)
            saved = await self.farm(lambda s: form.save(s, row))
            if saved:
                log.info("outgoing e-mail settings of %s saved: server %s, port %s, TLS %s, "
                         "authentication %s", row["url"], form.server or "(none)", form.port,
                         form.use_tls, form.auth)
                _flash(request, "Your changes have been saved.")
                return RedirectResponse(action, 303)
        else:
            form = MailForm.from_row(row)
        return await self.render(request, "emailsettings.html", title, crumbs=crumbs, form=form, row=row, farm_level=farm_level,
                                 action=action, cred_status=cred[0], cred_message=cred[1])

    # ---- servers
    async def farm_servers(self, request):
        def load(sess):
            from ..model import SPServer
            servers = [(SPServer(sess, r), r) for r in sess.servers()]
            failing = {}
            for app, bad in sess.credential_key_report():
                for srv, reason in bad:
                    failing.setdefault(srv["id"], []).append((app["url"], reason))
            row = sess.farm_row()
            return servers, failing, row
        servers, failing, farm_row = await self.farm(load)
        return await self.render(request, "farmservers.html", "Servers in Farm",
                                 crumbs=[("System Settings", "/systemsettings.aspx")],
                                 servers=servers, failing=failing, farm_row=farm_row,
                                 build=F.BUILD_VERSION)

    # ---- health reports
    async def health_reports(self, request):
        from ..health import reports
        items = await self.farm(reports.items)
        return await self.render(request, "healthreports.html", "Review problems and solutions",
                                 crumbs=[("Monitoring", "/monitoring.aspx")],
                                 groups=_group(items, lambda i: i.Severity))

    async def health_report_item(self, request):
        from ..health import reports
        item_id = request.query_params.get("ID", "")
        items = await self.farm(reports.items)
        item = next((i for i in items if str(i.Id) == item_id.lower()), None)
        if request.method == "POST":
            data = await checked_form(request)
            if item is None:
                raise HTTPException(404, "The item was not found. It may have been resolved.")
            if data.get("action") == "reanalyze":
                text = await self.farm(_run_rule, str(item.RuleId), False)
                log.info("Reanalyze Now: %s", text)
                items = await self.farm(reports.items)
                still = next((i for i in items if i.RuleId == item.RuleId), None)
                _flash(request, text)
                if still is None:
                    return RedirectResponse("/Lists/HealthReports/AllItems.aspx", 303)
                return RedirectResponse(f"/Lists/HealthReports/DispForm.aspx?ID={still.Id}",
                                        303)
            raise HTTPException(400, "Unknown action.")
        if item is None:
            raise HTTPException(404, "The item was not found. It may have been resolved.")
        return await self.render(request, "healthreport.html", item.Title,
                                 crumbs=[("Monitoring", "/monitoring.aspx"),
                                         ("Review problems and solutions",
                                          "/Lists/HealthReports/AllItems.aspx")], item=item)

    # ---- rule definitions
    async def rule_definitions(self, request):
        from ..health.ruleobjects import all_rules
        rules = await self.farm(all_rules)
        return await self.render(request, "ruledefinitions.html", "Health Analyzer Rule "
                                 "Definitions", crumbs=[("Monitoring", "/monitoring.aspx")],
                                 groups=_group(rules, lambda r: r.Category))

    async def _rule(self, request):
        from ..health.ruleobjects import all_rules
        rid = request.query_params.get("ID", "").lower()
        rules = await self.farm(all_rules)
        rule = next((r for r in rules if str(r.Id) == rid), None)
        if rule is None:
            raise HTTPException(404, "The rule definition was not found.")
        return rule

    async def rule_item(self, request):
        rule = await self._rule(request)
        if request.method == "POST":
            data = await checked_form(request)
            action = data.get("action")
            if action == "runnow":
                text = await self.farm(_run_rule, str(rule.Id), True)
                log.info("Run Now %s: %s", rule.Name, text)
            elif action in ("enable", "disable"):
                from ..health.ruleobjects import set_definition
                await self.farm(set_definition, str(rule.Id),
                                {"enabled": int(action == "enable")})
                text = f"The rule is {action}d."
                log.info("rule %s %sd", rule.Name, action)
            else:
                raise HTTPException(400, "Unknown action.")
            _flash(request, text)
            return RedirectResponse(f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rule.Id}",
                                    303)
        return await self.render(request, "rule.html", rule.Title, crumbs=_RULE_CRUMBS,
                                 rule=rule)

    async def rule_edit(self, request):
        from ..health.rules import SCHEDULES, SCOPES
        from ..health.ruleobjects import set_definition
        rule = await self._rule(request)
        if request.method == "POST":
            data = await checked_form(request)
            form = RuleForm.from_post(data)
            changes = form.changes(rule)
            if changes is not None:
                if changes:
                    await self.farm(set_definition, str(rule.Id), changes)
                    log.info("rule %s changed: %s", rule.Name, ", ".join(sorted(changes)))
                _flash(request, "Your changes have been saved.")
                return RedirectResponse(
                    f"/Lists/HealthRuleDefinitions/DispForm.aspx?ID={rule.Id}", 303)
        else:
            form = RuleForm.from_rule(rule)
        return await self.render(request, "ruleedit.html", rule.Title, crumbs=_RULE_CRUMBS,
                                 rule=rule, form=form, scopes=SCOPES, schedules=SCHEDULES)

    # ---- test e-mail
    async def send_test(self, request):
        apps = await self.farm(lambda s: s.web_applications(include_admin=False))
        form = {"to": "", "subject": "Test e-mail from SharePoint Central Administration",
                "body": "This is a test e-mail sent from SharePoint Central Administration "
                        f"on {self.state.host}.", "webapp": ""}
        errors, result = {}, None
        if request.method == "POST":
            data = await checked_form(request)
            form = {k: str(data.get(k) or "").strip() if k != "body" else
                    str(data.get(k) or "") for k in form}
            urls = {a["url"] for a in apps}
            try:
                F.validate_mail_address(form["to"] or None, "To")
                if not form["to"]:
                    errors["to"] = "You must specify a value for this required field."
            except DotNetException as exc:
                errors["to"] = exc.Message
            if form["webapp"] and form["webapp"] not in urls:
                errors["webapp"] = "Select one of the listed values."
            if not errors:
                result = await run_in_threadpool(_send, self.state.context(), form)
                log.info("test e-mail to %s: %s", form["to"], result.message)
        return await self.render(request, "sendtest.html", "Send Test E-Mail",
                                 crumbs=[("System Settings", "/systemsettings.aspx")],
                                 form=form, errors=errors, result=result, apps=apps)

    async def sign_out(self, request):
        await checked_form(request)
        self.state.guard.end_session(request.state.ca_sid)
        log.info("browser signed out")
        resp = RedirectResponse("/default.aspx", 303)
        resp.delete_cookie(COOKIE, path="/")
        return resp


_RULE_CRUMBS = [("Monitoring", "/monitoring.aspx"),
                ("Review rule definitions", "/Lists/HealthRuleDefinitions/AllItems.aspx")]


def _group(objs, key):
    groups = {}
    for o in objs:
        groups.setdefault(key(o), []).append(o)
    return sorted(groups.items(), key=lambda kv: kv[0])


def _health_summary(sess):
    from ..health import reports
    items = reports.items(sess)
    errors = [i for i in items if i.Severity.startswith(("0", "1"))]
    return {"count": len(items), "errors": len(errors)}


def _run_rule(sess, rule_id, explicit):
    """Run Now / Reanalyze Now: the one rule, on this server, now. Returns the message shown."""
    from ..health import evaluate
    selected = evaluate.select_rules(sess, rule_ids={rule_id}, enabled_only=False)
    if not selected:
        return "The rule is not available on this server."
    cls, row = selected[0]
    if not row["enabled"]:
        return "This rule is disabled. Enable it to run it."
    run = evaluate.run_rules(sess, selected)[0]
    if run.error:
        return f"The rule could not run on {sess.host}: {run.error}"
    if run.passed:
        return f"The rule ran on {sess.host} and found no problem."
    names = ", ".join(n for n, _ in run.failing if n) or "the farm"
    return f"The rule ran on {sess.host} and still fails for: {names}."


class SendOutcome:
    def __init__(self, ok, message, transcript_lines, result=None, warnings=()):
        self.ok = ok
        self.message = message
        self.transcript = transcript_lines
        self.result = result
        self.warnings = list(warnings)


def _send(ctx, form):
    from cmdlets.mail.errors import MailError
    from cmdlets.mail.farmsettings import send_with_farm_settings
    try:
        r = send_with_farm_settings(ctx, form["to"], form["subject"], form["body"],
                                    web_application=form["webapp"] or None, transcript=True)
    except MailError as exc:
        lines = exc.transcript.Lines if exc.transcript is not None else []
        return SendOutcome(False, exc.message, lines)
    except DotNetException as exc:
        return SendOutcome(False, exc.Message, [])
    lines = r.Transcript.Lines if r.Transcript is not None else []
    return SendOutcome(r.Sent, "The message was accepted by the server." if r.Sent else
                       "The server did not accept the message.", lines, r, r.Warnings)


# ---------------------------------------------------------------------------------------------

async def _http_error(request, exc):
    if not hasattr(request.state, "ca_session") or request.state.ca_session is None:
        return PlainTextResponse(str(exc.detail), exc.status_code)
    templates = request.app.state.templates
    sess = request.state.ca_session
    return templates.TemplateResponse(
        request, "error.html", base_context(title="Error", message=exc.detail, nav=NAV,
                                            signed_in=True, csrf=sess.csrf,
                                            server_name=request.app.state.ca.host),
        status_code=exc.status_code)


async def _farm_error(request, exc):
    """A farm that cannot be reached (host left it, database gone) is a page, not a crash."""
    return await _http_error(request, HTTPException(503, exc.Message))


def create_app(home, host, guard: AccessGuard, environ=None) -> Starlette:
    state = CentralAdminState(home, host, guard, environ)
    import jinja2
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_HERE / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    templates = Jinja2Templates(env=env)
    pages = Pages(state, templates)
    gp = ["GET", "POST"]
    routes = [
        Route("/", pages.home), Route("/default.aspx", pages.home),
        Route("/applications.aspx", pages.applications),
        Route("/systemsettings.aspx", pages.system_settings),
        Route("/monitoring.aspx", pages.monitoring),
        Route("/_admin/WebApplicationList.aspx", pages.webapp_list),
        Route("/_admin/globalemailconfig.aspx", pages.global_email, methods=gp),
        Route(WEBAPP_MAIL_PAGE, pages.webapp_email, methods=gp),
        Route("/_admin/FarmServers.aspx", pages.farm_servers),
        Route("/_admin/SendTestEmail.aspx", pages.send_test, methods=gp),
        Route("/Lists/HealthReports/AllItems.aspx", pages.health_reports),
        Route("/Lists/HealthReports/DispForm.aspx", pages.health_report_item, methods=gp),
        Route("/Lists/HealthRuleDefinitions/AllItems.aspx", pages.rule_definitions),
        Route("/Lists/HealthRuleDefinitions/DispForm.aspx", pages.rule_item, methods=gp),
        Route("/Lists/HealthRuleDefinitions/EditForm.aspx", pages.rule_edit, methods=gp),
        Route("/_layouts/15/SignOut.aspx", pages.sign_out, methods=["POST"]),
        Mount("/_layouts/15/static", StaticFiles(directory=str(_HERE / "static")),
              name="static"),
    ]
    app = Starlette(routes=routes,
                    middleware=[Middleware(AccessMiddleware, state=state, templates=templates)],
                    exception_handlers={HTTPException: _http_error,
                                        DotNetException: _farm_error})
    app.state.templates = templates
    app.state.ca = state
    return app


__all__ = ["create_app", "CentralAdminState", "base_context"]
