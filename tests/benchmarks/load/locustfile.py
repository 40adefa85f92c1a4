"""A training room under load: trainees working a scenario, staff browsing cases.

Driven by tests/benchmarks/bench_load.py, which makes the people and tenants named here
(LOAD_TRAINEES trainees `load-trainee-N` in their seats, LOAD_STAFF floor walkers
`load-staff-N`, the tenant `load-browse`) and reads the figures locust writes.
"""

import itertools
import os
import random
import re

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = "load-test-password"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REVISION = re.compile(r'name="revision" value="(\d+)"')
SITTING = re.compile(r'name="sitting" value="(\d+)"')
CHILD = re.compile(r'href="(/t/[^/]+/children/\d+)"')
FAMILY = re.compile(r'href="(/t/[^/]+/families/\d+)"')
PERSON = re.compile(r'href="(/t/[^/]+/people/\d+)"')
_trainees, _staff = itertools.count(1), itertools.count(1)


class SignedIn(FastHttpUser):
    """On locust's lighter client (geventhttpclient): the load generator shares the
    machine's two cores with the server, and should take as little of them as it can."""

    abstract = True
    username = ""

    def follow(self, response, name: str):
        """The page a redirect leads to (the lighter client gives the URL asked for, not
        the one it was sent on to)."""
        where = response.headers.get("Location", "")
        path = "/" + where.split("://", 1)[-1].split("/", 1)[-1] if "://" in where else where
        return path, self.client.get(path, name=name)

    @task(1)
    def baseline(self):
        """The cheapest request the app answers (one SELECT 1): how long the machine and
        gunicorn alone make a request wait, in the same run, to compare the pages with."""
        self.client.get("/healthz", name="baseline: healthz")

    def sign_in(self):
        page = self.client.get("/sign-in", name="logging on: sign-in page").text
        self.client.post("/sign-in", name="logging on: sign in", data={
            "csrf_token": TOKEN.search(page).group(1), "username": self.username,
            "password": PASSWORD})


class Trainee(SignedIn):
    """Records a strategy discussion on the scenario's case: reads the record, types (the
    page autosaves and tells the server it is in use), and checks the scenario panel."""

    fixed_count = int(os.environ.get("LOAD_TRAINEES", "30"))
    wait_time = between(2, 5)

    def on_start(self):
        self.username = f"load-trainee-{next(_trainees)}"
        self.sign_in()
        home_path, landing = self.follow(
            self.client.get("/", name="logging on: trainee home", allow_redirects=False),
            "logging on: trainee home")
        self.tenant = home_path.split("/t/", 1)[1].split("/", 1)[0]
        home = landing.text
        families = FAMILY.findall(home)
        family = self.client.get(families[0], name="logging on: trainee family").text
        self.child = CHILD.findall(family)[0]
        page = self.client.get(self.child, name="logging on: trainee child record").text
        started = self.client.post(f"{self.child}/forms", name="logging on: start form", data={
            "csrf_token": TOKEN.search(page).group(1), "form_key": "strategy_discussion"},
            allow_redirects=False)
        self.form = started.headers["Location"]
        if "://" in self.form:
            self.form = "/" + self.form.split("://", 1)[-1].split("/", 1)[-1]
        self.open_form("logging on: form page")

    def open_form(self, name="trainee: form page"):
        page = self.client.get(self.form, name=name).text
        self.token = TOKEN.search(page).group(1)
        self.revision = REVISION.search(page).group(1)
        self.sitting = SITTING.search(page).group(1)

    @task(5)
    def type_and_autosave(self):
        response = self.client.post(f"{self.form}/autosave", name="trainee: autosave", data={
            "csrf_token": self.token, "revision": self.revision, "sitting": self.sitting,
            "f-worries": f"Worried about bruising seen at school ({random.random():.3f})."},
            headers={"Accept": "application/json"})
        if response.status_code == 200:
            self.revision = str(response.json()["revision"])

    @task(5)
    def in_use(self):
        self.client.post(f"{self.form}/time", name="trainee: time on form", data={
            "csrf_token": self.token, "sitting": self.sitting})

    @task(2)
    def scenario_panel(self):
        self.client.get(f"/t/{self.tenant}/scenarios/panel", name="trainee: scenario panel")

    @task(2)
    def read_the_record(self):
        self.client.get(self.child, name="trainee: child record")

    @task(1)
    def reopen_form(self):
        self.open_form()


class Staff(SignedIn):
    """Browses families, children's records and people, as staff looking up cases."""

    fixed_count = int(os.environ.get("LOAD_STAFF", "0"))
    wait_time = between(3, 8)

    def on_start(self):
        self.username = f"load-staff-{next(_staff)}"
        self.sign_in()
        home = self.client.get("/t/load-browse/", name="logging on: staff family list").text
        self.families = FAMILY.findall(home)

    @task(3)
    def family(self):
        page = self.client.get(random.choice(self.families), name="staff: family").text
        children = CHILD.findall(page)
        if children:
            self.client.get(random.choice(children), name="staff: child record")

    @task(1)
    def person(self):
        page = self.client.get(random.choice(self.families), name="staff: family").text
        people = PERSON.findall(page)
        if people:
            self.client.get(random.choice(people), name="staff: person")

    @task(1)
    def search(self):
        self.client.get("/t/load-browse/?q=road", name="staff: family search")
