"""Checks the built manifests against the application, beyond what the Kubernetes schemas see.

Usage: check_manifests.py REPO_ROOT NAME=BUILT.yaml ...   (run by scripts/validate-k8s.mjs)

The schemas say a manifest is well formed; these rules say it fits this app: every variable it
sets is one the app reads, shutdown fits in the grace period, the probes hit the right paths, the
worker runs the same entry as `npm run start:worker`, every Deployment has an HPA and a PDB.
"""

import json
import re
import sys
from pathlib import Path

import yaml

# Variables the Node runtime reads rather than the app.
RUNTIME_VARIABLES = {"NODE_OPTIONS"}


def main() -> int:
    root = Path(sys.argv[1])
    app = AppFacts(root)
    failed = 0
    for arg in sys.argv[2:]:
        name, _, path = arg.partition("=")
        documents = [doc for doc in yaml.safe_load_all(Path(path).read_text()) if doc]
        problems = check_build(documents, app)
        for problem in problems:
            print(f"FAIL {name}: {problem}")
        failed += 1 if problems else 0
    print(f"manifest checks: {len(sys.argv) - 2 - failed} passed, {failed} failed")
    return 1 if failed else 0


class AppFacts:
    """What the manifests must agree with, read from the repository itself."""

    def __init__(self, root: Path) -> None:
        # Every variable class under src/config (one file per area, or one for all).
        schemas = [
            path.read_text()
            for path in sorted((root / "src/config").glob("*.ts"))
            if not path.name.endswith(".spec.ts")
        ]
        self.variables = {
            name
            for schema in schemas
            for name in re.findall(r"^\s+([A-Z][A-Z0-9_]+)[?!]?(?::| =)", schema, re.M)
        }
        self.force_exit_margin_s = read_force_exit_margin(root)
        scripts = json.loads((root / "package.json").read_text())["scripts"]
        self.worker_entry = entry_of(scripts["start:worker"].split())
        compose = yaml.safe_load((root / "docker/docker-compose.yml").read_text())
        self.compose_worker_entry = entry_of(compose["services"]["worker"]["command"])
        dockerfile = (root / "docker/Dockerfile").read_text()
        self.exposed_port = int(re.search(r"^EXPOSE (\d+)", dockerfile, re.M).group(1))
        self.image_user = re.search(r"^USER (\S+)", dockerfile, re.M).group(1)
        workers = (root / "src/config/workers.config.ts").read_text()
        self.worker_metrics_port = int(re.search(r"WORKER_METRICS_PORT = (\d+)", workers).group(1))


def read_force_exit_margin(root: Path) -> int:
    """The app forces its exit this many seconds after SHUTDOWN_TIMEOUT_MS."""
    for path in (root / "src").rglob("shutdown.ts"):
        match = re.search(r"timeoutMs \+ ([\d_]+)", path.read_text())
        if match:
            return int(match.group(1).replace("_", "")) // 1000
    raise SystemExit("could not find the forced-exit timer (timeoutMs + N) in src/**/shutdown.ts")


def entry_of(argv: list[str]) -> str:
    """The script a `node ... <file>.js` command line runs."""
    scripts = [arg for arg in argv if arg.endswith(".js")]
    if argv[0] != "node" or len(scripts) != 1:
        raise SystemExit(f"not a `node <entry>.js` command: {argv}")
    return scripts[0]


def check_build(documents: list[dict], app: AppFacts) -> list[str]:
    problems: list[str] = []
    by_kind: dict[str, list[dict]] = {}
    for doc in documents:
        by_kind.setdefault(doc["kind"], []).append(doc)
    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    config_maps = {c["metadata"]["name"]: c for c in by_kind.get("ConfigMap", [])}
    secrets = {s["metadata"]["name"]: s for s in by_kind.get("Secret", [])}
    if {"prd-forge-api", "prd-forge-worker"} - deployments.keys():
        return [f"expected the api and worker Deployments, got {sorted(deployments)}"]

    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        problems += check_variables(name, container, env, config_maps, secrets, app)
        problems += check_resources(name, container)
        problems += check_shutdown(name, pod, container, env, config_maps, app)
        problems += check_security(name, pod, container, config_maps, app)
        problems += check_scaling(name, deployment, by_kind)

    api = deployments["prd-forge-api"]["spec"]["template"]
    worker = deployments["prd-forge-worker"]["spec"]["template"]
    problems += check_api(api, config_maps, app)
    problems += check_worker(worker, config_maps, app)
    problems += check_ingress(by_kind.get("Ingress", []), by_kind.get("Service", []))
    return problems


def env_sources(container: dict, config_maps: dict, secrets: dict) -> dict[str, str]:
    values: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source and source["configMapRef"]["name"] in config_maps:
            values.update(config_maps[source["configMapRef"]["name"]].get("data", {}))
        if "secretRef" in source and source["secretRef"]["name"] in secrets:
            values.update({key: "<secret>" for key in secrets[source["secretRef"]["name"]].get("data", {})})
    return values


def check_variables(name, container, env, config_maps, secrets, app) -> list[str]:
    problems = []
    for source in container.get("envFrom", []):
        ref = source.get("configMapRef") or source.get("secretRef")
        known = config_maps if "configMapRef" in source else secrets
        # The base has no Secret (an overlay or an operator creates it); a ConfigMap must exist.
        if ref["name"] not in known and "configMapRef" in source:
            problems.append(f"{name}: envFrom names a missing ConfigMap {ref['name']}")
    names = set(env) | set(env_sources(container, config_maps, secrets))
    unknown = sorted(names - app.variables - RUNTIME_VARIABLES)
    if unknown:
        problems.append(f"{name}: sets variables the app does not read: {', '.join(unknown)}")
    return problems


def check_resources(name, container) -> list[str]:
    resources = container.get("resources", {})
    missing = [
        f"{part}.{resource}"
        for part in ("requests", "limits")
        for resource in ("cpu", "memory")
        if resource not in resources.get(part, {})
    ]
    return [f"{name}: no resources {', '.join(missing)}"] if missing else []


def check_shutdown(name, pod, container, env, config_maps, app) -> list[str]:
    config = env_sources(container, config_maps, {})
    timeout_ms = int(env.get("SHUTDOWN_TIMEOUT_MS") or config.get("SHUTDOWN_TIMEOUT_MS") or 10_000)
    pre_stop = container.get("lifecycle", {}).get("preStop", {}).get("sleep", {}).get("seconds", 0)
    needed = pre_stop + timeout_ms / 1000 + app.force_exit_margin_s
    grace = pod.get("terminationGracePeriodSeconds", 30)
    if grace < needed:
        return [
            f"{name}: terminationGracePeriodSeconds {grace} < preStop {pre_stop} s + "
            f"SHUTDOWN_TIMEOUT_MS {timeout_ms} ms + the app's {app.force_exit_margin_s} s margin"
        ]
    return []


def check_security(name, pod, container, config_maps, app) -> list[str]:
    problems = []
    if app.image_user == "node" and pod.get("securityContext", {}).get("runAsUser") != 1000:
        problems.append(f"{name}: runAsUser must be 1000, the image's `node` user")
    if container.get("securityContext", {}).get("readOnlyRootFilesystem"):
        data_dir = env_sources(container, config_maps, {}).get("DATA_DIR", ".data")
        mounts = [m["mountPath"] for m in container.get("volumeMounts", [])]
        if not any(data_dir == m or data_dir.startswith(m.rstrip("/") + "/") for m in mounts):
            problems.append(f"{name}: DATA_DIR {data_dir} is not on a writable volume")
    return problems


def check_scaling(name, deployment, by_kind) -> list[str]:
    problems = []
    if "replicas" in deployment["spec"]:
        problems.append(f"{name}: sets replicas, which fights its HorizontalPodAutoscaler")
    if not any(h["spec"]["scaleTargetRef"]["name"] == name for h in by_kind.get("HorizontalPodAutoscaler", [])):
        problems.append(f"{name}: no HorizontalPodAutoscaler")
    pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
    if not any(selects(p["spec"]["selector"], pod_labels) for p in by_kind.get("PodDisruptionBudget", [])):
        problems.append(f"{name}: no PodDisruptionBudget selects its pods")
    return problems


def selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def check_scrape(name, template, port) -> list[str]:
    """The pod's prometheus.io annotations point at the port and path its metrics are served on."""
    annotations = template["metadata"].get("annotations", {})
    wanted = {"prometheus.io/scrape": "true", "prometheus.io/port": str(port), "prometheus.io/path": "/metrics"}
    wrong = {key: annotations.get(key) for key, value in wanted.items() if annotations.get(key) != value}
    return [f"{name}: scrape annotations {wrong}, expected {wanted}"] if wrong else []


def check_api(template, config_maps, app) -> list[str]:
    problems = []
    (container,) = template["spec"]["containers"]
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    if env.get("RUN_WORKERS_IN_API") != "false":
        problems.append("api: RUN_WORKERS_IN_API must be \"false\" (the worker Deployment runs the jobs)")
    port = int(env_sources(container, config_maps, {}).get("PORT", 8000))
    ports = [p["containerPort"] for p in container.get("ports", [])]
    if ports != [port] or port != app.exposed_port:
        problems.append(f"api: containerPort {ports}, PORT {port} and the Dockerfile's EXPOSE {app.exposed_port} differ")
    problems += check_scrape("api", template, port)
    for probe in ("livenessProbe", "startupProbe"):
        if container.get(probe, {}).get("httpGet", {}).get("path") != "/health":
            problems.append(f"api: {probe} must GET /health")
    readiness = " ".join(container.get("readinessProbe", {}).get("exec", {}).get("command", []))
    if "/health/detailed" not in readiness or "process.env.OPS_TOKEN" not in readiness:
        problems.append("api: readinessProbe must call /health/detailed with the OPS_TOKEN bearer")
    return problems


def check_worker(template, config_maps, app) -> list[str]:
    problems = []
    (container,) = template["spec"]["containers"]
    entry = entry_of(container.get("args") or container.get("command") or [])
    if "command" in container:
        problems.append("worker: use args, not command, so the image's tini entrypoint stays")
    if entry != app.worker_entry:
        problems.append(f"worker: runs {entry}, but npm run start:worker runs {app.worker_entry}")
    if app.compose_worker_entry != app.worker_entry:
        problems.append(
            f"docker-compose worker runs {app.compose_worker_entry}, npm run start:worker {app.worker_entry}"
        )
    # Its only listener is the metrics one: one port, the one WORKER_METRICS_PORT opens.
    env = {e["name"]: e.get("value") for e in container.get("env", [])}
    configured = env.get("WORKER_METRICS_PORT") or env_sources(container, config_maps, {}).get("WORKER_METRICS_PORT")
    port = int(configured or app.worker_metrics_port)
    ports = container.get("ports", [])
    if port == 0 or [(p.get("name"), p["containerPort"]) for p in ports] != [("metrics", port)]:
        problems.append(f"worker: ports {ports} must be one `metrics` port, WORKER_METRICS_PORT ({port})")
    liveness = container.get("livenessProbe", {}).get("httpGet", {})
    if liveness and (liveness.get("path") != "/health" or liveness.get("port") not in ("metrics", port)):
        problems.append("worker: livenessProbe must GET /health on the metrics port")
    if "readinessProbe" in container:
        problems.append("worker: nothing routes traffic to a worker, so it has no readinessProbe")
    problems += check_scrape("worker", template, port)
    return problems


def check_ingress(ingresses, services) -> list[str]:
    problems = []
    service_ports = {
        (s["metadata"]["name"], p["name"]) for s in services for p in s["spec"]["ports"]
    }
    realtime = False
    for ingress in ingresses:
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                if (backend["name"], backend["port"].get("name")) not in service_ports:
                    problems.append(f"ingress {ingress['metadata']['name']}: no Service port {backend}")
                if path["path"] == "/socket.io":
                    realtime = True
                    annotations = ingress["metadata"].get("annotations", {})
                    if annotations.get("nginx.ingress.kubernetes.io/affinity") != "cookie":
                        problems.append("ingress: /socket.io needs cookie affinity for long-polling")
    if not realtime:
        problems.append("ingress: no /socket.io path")
    return problems


if __name__ == "__main__":
    sys.exit(main())
