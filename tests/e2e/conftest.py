"""Fixtures that run the real stack: Rasa server, action server (and later the API).

Each service is a `ServiceProcess`: a subprocess in its own process group, with
its log in the test's temporary directory, a readiness URL and a bounded wait.
To add a service, build one more `ServiceProcess` in `stack` and register it with
`Stack.add`; it is started in order and stopped in reverse order.

The services get free ports and a tracker database in a temporary directory, so
the suite never touches `var/` and can run next to `make run`. The trained model
is the project's own `models/careline.tar.gz`, (re)trained only when it is older
than the config, domain or training data.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
RASA_VENV = REPO / ".venv-rasa"
APP_VENV = REPO / ".venv"
MODEL = REPO / "models" / "careline.tar.gz"
# Everything `rasa train` reads (as in the Makefile's model rule): a newer file here
# makes the model stale. `bot/` holds custom NLU components.
TRAINING_INPUTS = [
    REPO / "config.yml",
    REPO / "domain",
    REPO / "data" / "nlu",
    REPO / "data" / "rules",
    REPO / "bot",
]
SOURCES = {".yml", ".yaml", ".py"}  # not __pycache__ or editor files

READY_TIMEOUT = 180.0  # seconds; Rasa needs ~20-40 s to load TensorFlow and the model
STOP_TIMEOUT = 30.0
TRAIN_TIMEOUT = 600.0
LOG_TAIL = 8_000  # characters of a service log shown when something fails

RASA_ENV = {
    "RASA_TELEMETRY_ENABLED": "false",  # no network, no first-run prompt
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}


def free_port() -> int:
    """Returns a TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class ServiceProcess:
    """One server of the stack, run as a subprocess in its own process group."""

    name: str
    argv: list[str]
    port: int
    ready_path: str  # GET here answers 200 once the service can take requests
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)  # added to os.environ
    cwd: Path = REPO
    ready_timeout: float = READY_TIMEOUT
    process: subprocess.Popen[bytes] | None = None
    startup_seconds: float | None = None  # from spawn to ready, latest start

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Starts the process and waits until it is ready (or fails the test)."""
        assert self.process is None, f"{self.name} is already running"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            log.write(f"\n===== starting {self.name}: {' '.join(self.argv)}\n".encode())
            log.flush()
            started = time.monotonic()
            self.process = subprocess.Popen(
                self.argv,
                cwd=self.cwd,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group: stop() reaches workers too
            )
        self._wait_ready(started)

    def _wait_ready(self, started: float) -> None:
        deadline = started + self.ready_timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                self.process = None
                pytest.fail(f"{self.name} exited during start-up.\n{self.log_tail()}")
            try:
                if httpx.get(self.url + self.ready_path, timeout=2.0).status_code == 200:
                    self.startup_seconds = time.monotonic() - started
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        self.stop()
        pytest.fail(
            f"{self.name} was not ready after {self.ready_timeout:.0f} s.\n{self.log_tail()}"
        )

    def stop(self) -> None:
        """Stops the service: SIGTERM to its leader, then SIGKILL to the whole group.

        The leader gets SIGTERM alone so that it can shut its workers down in
        order (Sanic's worker manager crashes noisily if its helper processes are
        killed under it); whatever is left of the process group is killed.
        """
        if self.process is None:
            return
        process, self.process = self.process, None
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=STOP_TIMEOUT)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self, chars: int = LOG_TAIL) -> str:
        if not self.log_path.exists():
            return f"--- {self.name}: no log ---"
        text = self.log_path.read_text(errors="replace")
        return (
            f"--- {self.name} log ({self.log_path}), last {chars} characters ---\n" + text[-chars:]
        )


@dataclass
class Stack:
    """The running services, by name, in start order."""

    services: dict[str, ServiceProcess] = field(default_factory=dict)

    def add(self, service: ServiceProcess) -> ServiceProcess:
        self.services[service.name] = service
        service.start()
        return service

    def stop(self) -> None:
        for service in reversed(self.services.values()):
            service.stop()

    @property
    def bot(self) -> ServiceProcess:
        return self.services["bot"]

    @property
    def actions(self) -> ServiceProcess:
        return self.services["actions"]

    @property
    def api(self) -> ServiceProcess:
        return self.services["api"]

    def logs(self) -> str:
        return "\n".join(service.log_tail() for service in self.services.values())


def _newest_mtime(paths: list[Path]) -> float:
    newest = 0.0
    for path in paths:
        if not path.exists():
            continue
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in SOURCES]
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The project's model, trained first if missing or older than its inputs."""
    if MODEL.exists() and MODEL.stat().st_mtime >= _newest_mtime(TRAINING_INPUTS):
        return MODEL
    # The Makefile's model rule: the same training data, cache handling and timing.
    result = subprocess.run(
        ["make", "--no-print-directory", "train"],
        cwd=REPO,
        env={**os.environ, **RASA_ENV},
        capture_output=True,
        text=True,
        timeout=TRAIN_TIMEOUT,
        check=False,
    )
    if result.returncode != 0 or not MODEL.exists():
        pytest.fail(f"rasa train failed:\n{(result.stdout + result.stderr)[-LOG_TAIL:]}")
    return MODEL


E2E_AGENT_TOKEN = "e2e-agent-token-0123456789"


def write_bot_endpoints(path: Path, *, action_port: int, tracker_db: Path) -> Path:
    """Writes the project's endpoints.yml with this test's ports and database."""
    endpoints: dict[str, Any] = yaml.safe_load((REPO / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    endpoints["tracker_store"]["db"] = str(tracker_db)
    path.write_text(yaml.safe_dump(endpoints))
    return path


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[Stack]:
    """Action server and Rasa server on free ports, with a temporary tracker database."""
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack()
    api_env = {
        "DATABASE_URL": f"sqlite:///{workdir / 'careline.db'}",
        "AGENT_API_TOKEN": E2E_AGENT_TOKEN,
        "ENVIRONMENT": "test",
    }
    for command in ("migrate", "import-demo"):
        subprocess.run(
            [str(APP_VENV / "bin" / "python"), "-m", "api.cli", command],
            cwd=REPO,
            env={**os.environ, **api_env},
            check=True,
            capture_output=True,
            timeout=120,
        )
    try:
        running.add(
            ServiceProcess(
                name="api",
                argv=[
                    str(APP_VENV / "bin" / "uvicorn"),
                    "api.main:app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(api_port := free_port()),
                ],
                port=api_port,
                ready_path="/api/v1/health",
                log_path=workdir / "api.log",
                env=api_env,
            )
        )
        actions = running.add(
            ServiceProcess(
                name="actions",
                argv=[
                    str(APP_VENV / "bin" / "python"),
                    "-m",
                    "rasa_sdk",
                    "--actions",
                    "actions",
                    "--port",
                    str(action_port := free_port()),
                ],
                port=action_port,
                ready_path="/health",
                log_path=workdir / "actions.log",
                env={
                    "SANIC_HOST": "127.0.0.1",
                    "CARELINE_API_URL": f"http://127.0.0.1:{api_port}",
                    "AGENT_API_TOKEN": E2E_AGENT_TOKEN,
                },
            )
        )
        endpoints = write_bot_endpoints(
            workdir / "endpoints.yml", action_port=actions.port, tracker_db=workdir / "tracker.db"
        )
        running.add(
            ServiceProcess(
                name="bot",
                argv=[
                    str(RASA_VENV / "bin" / "rasa"),
                    "run",
                    "--enable-api",
                    "--model",
                    str(trained_model),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    "credentials.yml",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(bot_port := free_port()),
                ],
                port=bot_port,
                ready_path="/status",  # 200 only once the model is loaded
                log_path=workdir / "bot.log",
                env=RASA_ENV,
            )
        )
        yield running
    finally:
        running.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Attaches the service logs to the report of a failed e2e test."""
    report: pytest.TestReport = yield
    running = getattr(item, "funcargs", {}).get("stack")
    if report.failed and isinstance(running, Stack):
        report.sections.append(("service logs", running.logs()))
    return report
