"""PRD Forge's user journey under load: sign up, sign in, create projects, answer the clarification
questions, wait for the PRD, iterate on it, read it back, and chat once the chats API exists.

Run through `npm run bench:locust` (it installs Locust, starts the app unless BENCH_URL is set and
prints p50/p95 per endpoint). Every simulated user registers its own account once, at start.

Rate limits: auth routes allow RATE_LIMIT_AUTH_PER_MINUTE (default 5) per client IP per route, and
every Locust user shares this machine's IP. The bench run raises that limit on the app it starts;
against BENCH_URL either raise it on the server for the run or keep the user count and spawn rate
low: a 429 is retried after its Retry-After (at most AUTH_ATTEMPTS times) and counted as a failure.
"""

import json
import os
import random
import time
import uuid
from collections import defaultdict

from locust import HttpUser, between, events, task
from locust.exception import StopUser

API = "/api/v1"
AUTH_ATTEMPTS = 3
# The longest a simulated client waits for one agent task before it counts it as a failure.
TASK_DEADLINE_S = 120
POLL_INTERVAL_S = 0.5
MAX_PROJECTS_PER_USER = 4

IDEAS = [
    "A marketplace that matches freelance translators with small publishers, with escrow payments",
    "A mobile app for community gardens to share plots, tools and harvest schedules",
    "An inventory tool for independent bike shops that syncs with their online store",
    "A booking platform for physiotherapists with reminders and home-exercise plans",
    "A study planner for university students that turns syllabi into weekly goals",
]
ANSWERS = {
    "discovery": "Small teams of 2-10 people who today track this in spreadsheets and lose data.",
    "user_journey": "Sign up, import existing data, invite the team, then use it daily on mobile.",
    "metrics": "Weekly active teams, time to first value under 10 minutes, churn below 3% a month.",
    "gtm": "Self-serve trial, partnerships with two trade associations, content marketing.",
    "risks": "Data import quality, incumbents bundling a similar feature, payment compliance.",
}
ITERATIONS = [
    ("agent", "Add payment processing requirements with refunds and invoices"),
    ("agent", "Add an offline mode section for users with poor connectivity"),
    ("think", "What are the riskiest assumptions in this PRD?"),
]
CHAT_MESSAGES = [
    "I want to build an app that helps dog walkers plan routes and bill clients.",
    "Who would be the first users, and what would they pay for?",
]


# Seconds from the POST to `completed`, per kind of agent task; written to
# PRD_FORGE_TURNAROUND_FILE (JSON) when the run stops, for the bench's summary.
TURNAROUND_S = defaultdict(list)


@events.quitting.add_listener
def write_turnaround(**_kwargs):
    path = os.environ.get("PRD_FORGE_TURNAROUND_FILE")
    if path:
        with open(path, "w", encoding="utf-8") as file:
            json.dump(TURNAROUND_S, file)


class PrdForgeUser(HttpUser):
    wait_time = between(1, 3)
    # Shared by every user in this process: None until the first chat call tells.
    chats_available = None

    def on_start(self):
        self.email = f"locust-{uuid.uuid4().hex}@example.com"
        self.password = "Locust-Passw0rd"
        self.projects = []
        self.token = None
        self.refresh_token = None
        registered = self.auth_post(
            "/auth/register",
            {"email": self.email, "password": self.password, "full_name": "Locust User"},
            201,
        )
        if registered is None or not self.sign_in():
            raise StopUser()

    # --- auth ---------------------------------------------------------------------------------

    def auth_post(self, path, body, expected):
        """POST to an auth route; a 429 waits for Retry-After and tries again."""
        for _ in range(AUTH_ATTEMPTS):
            with self.client.post(
                API + path, json=body, name=f"POST {path}", catch_response=True
            ) as response:
                if response.status_code == expected:
                    response.success()
                    return response.json()
                response.failure(f"{response.status_code}: {response.text[:200]}")
                if response.status_code != 429:
                    return None
                wait = int(response.headers.get("Retry-After", "5"))
            time.sleep(min(wait, 60))
        return None

    def sign_in(self):
        body = self.auth_post("/auth/login", {"email": self.email, "password": self.password}, 200)
        if body is None:
            return False
        self.token, self.refresh_token = body["access_token"], body["refresh_token"]
        return True

    @property
    def auth(self):
        return {"Authorization": f"Bearer {self.token}"}

    # --- the journey --------------------------------------------------------------------------

    @task(3)
    def create_project(self):
        if len(self.projects) >= MAX_PROJECTS_PER_USER:
            return self.view_project()
        idea = random.choice(IDEAS)
        with self.client.post(
            f"{API}/projects",
            json={"initial_idea": idea, "project_name": idea[:40]},
            headers=self.auth,
            name="POST /projects",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                return response.failure(f"{response.status_code}: {response.text[:200]}")
            body = response.json()
            if not body.get("clarification_questions"):
                return response.failure("no clarification questions")
        self.projects.append(
            {
                "id": body["project_id"],
                "session_id": body["session_id"],
                "questions": body["clarification_questions"],
                "generated": False,
            }
        )

    @task(3)
    def answer_clarifications(self):
        pending = [p for p in self.projects if not p["generated"]]
        if not pending:
            return self.create_project()
        project = random.choice(pending)
        answers = [
            {"lens": q["lens"], "question": q["question"], "answer": ANSWERS[q["lens"]]}
            for q in project["questions"]
        ]
        task_id = self.start_task(
            project,
            "clarifications",
            {"session_id": project["session_id"], "answers": answers},
        )
        if task_id and self.wait_for(project, task_id, "clarifications") == "completed":
            project["generated"] = True

    @task(2)
    def iterate(self):
        generated = [p for p in self.projects if p["generated"]]
        if not generated:
            return self.answer_clarifications()
        project = random.choice(generated)
        mode, message = random.choice(ITERATIONS)
        task_id = self.start_task(
            project,
            "iterate",
            {"mode": mode, "message": message, "session_id": project["session_id"]},
        )
        if task_id:
            self.wait_for(project, task_id, f"iterate ({mode})")

    def start_task(self, project, action, body):
        with self.client.post(
            f"{API}/projects/{project['id']}/{action}",
            json=body,
            headers=self.auth,
            name=f"POST /projects/[id]/{action}",
            catch_response=True,
        ) as response:
            if response.status_code != 202:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            return response.json()["task_id"]

    def wait_for(self, project, task_id, action):
        """Polls generation-status like a client without WebSockets would, and records the
        turnaround (POST to completed) apart from the HTTP statistics."""
        started = time.monotonic()
        deadline = started + TASK_DEADLINE_S
        while time.monotonic() < deadline:
            with self.client.get(
                f"{API}/projects/{project['id']}/generation-status/{task_id}",
                headers=self.auth,
                name="GET /projects/[id]/generation-status/[task_id]",
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"{response.status_code}: {response.text[:200]}")
                    return None
                status = response.json()["status"]
                if status == "error":
                    response.failure(f"agent task failed: {response.json().get('error')}")
                    return status
            if status == "completed":
                TURNAROUND_S[action].append(time.monotonic() - started)
                return status
            time.sleep(POLL_INTERVAL_S)
        self.environment.events.request.fire(
            request_type="TASK",
            name=f"{action}: not done in {TASK_DEADLINE_S} s",
            response_time=TASK_DEADLINE_S * 1000,
            response_length=0,
            exception=TimeoutError(f"task {task_id} not done after {TASK_DEADLINE_S} s"),
            context={},
        )
        return None

    @task(6)
    def view_project(self):
        if not self.projects:
            return self.list_projects()
        project = random.choice(self.projects)
        self.client.get(
            f"{API}/projects/{project['id']}", headers=self.auth, name="GET /projects/[id]"
        )

    @task(4)
    def list_projects(self):
        self.client.get(f"{API}/projects?limit=20", headers=self.auth, name="GET /projects")

    @task(2)
    def versions(self):
        generated = [p for p in self.projects if p["generated"]]
        if not generated:
            return self.list_projects()
        project = random.choice(generated)
        response = self.client.get(
            f"{API}/projects/{project['id']}/versions",
            headers=self.auth,
            name="GET /projects/[id]/versions",
        )
        labels = [v["version"] for v in response.json().get("versions", [])] if response.ok else []
        if len(labels) >= 2:
            self.client.get(
                f"{API}/projects/{project['id']}/versions/{labels[-1]}/diff/{labels[0]}",
                headers=self.auth,
                name="GET /projects/[id]/versions/[a]/diff/[b]",
            )

    @task(3)
    def me(self):
        self.client.get(f"{API}/users/me", headers=self.auth, name="GET /users/me")

    @task(1)
    def refresh(self):
        body = self.auth_post("/auth/refresh", {"refresh_token": self.refresh_token}, 200)
        if body is not None:
            self.token, self.refresh_token = body["access_token"], body["refresh_token"]
        elif not self.sign_in():
            raise StopUser()

    @task(2)
    def chat(self):
        # The chats API (POST /chats, POST /chats/{id}/messages) may not be deployed yet: the first
        # 404 on POST /chats switches chat tasks off for every user, and is not a failure.
        if PrdForgeUser.chats_available is False:
            return
        with self.client.post(
            f"{API}/chats",
            json={"chat_name": "Locust chat"},
            headers=self.auth,
            name="POST /chats",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                PrdForgeUser.chats_available = False
                return response.success()
            if response.status_code != 201:
                return response.failure(f"{response.status_code}: {response.text[:200]}")
            PrdForgeUser.chats_available = True
            chat_id = response.json()["chat_id"]
        for content in CHAT_MESSAGES:
            self.client.post(
                f"{API}/chats/{chat_id}/messages",
                files={"content": (None, content)},
                headers=self.auth,
                name="POST /chats/[id]/messages",
            )
        self.client.get(
            f"{API}/chats/{chat_id}/messages", headers=self.auth, name="GET /chats/[id]/messages"
        )
