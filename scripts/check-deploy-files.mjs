// Checks the deployment files against each other and against the services' code, without AWS or Docker:
// - every .tf file parses (HashiCorp's own HCL parser, compiled to WebAssembly in @cdktf/hcl2json);
// - every Kubernetes manifest and docker/compose.yaml parses;
// - images, ports, probe and health-check paths and environment variable names in the manifests, the ECS task
//   definition, the compose file and the Dockerfiles are ones the services really have: ports from their
//   application.yaml, paths from their route definitions, variables from the ${NAME} placeholders they read;
// - the load balancer's and the ingress's middleware paths are exactly the gateway's MiddlewarePaths.
//
//   NODE_PATH=<tools>/node_modules node scripts/check-deploy-files.mjs      (run from the repository root)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.LLMGW_TOOLS_DIR ?? '.', 'node_modules', 'x.js'));
const hcl = require('@cdktf/hcl2json');
const YAML = require('yaml');

const problems = [];
const problem = (file, message) => problems.push(`${file}: ${message}`);

function files(dir, suffix) {
	if (!existsSync(dir)) {
		return [];
	}
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			return name === '.terraform' ? [] : files(path, suffix);
		}
		return path.endsWith(suffix) ? [path] : [];
	});
}

const read = (path) => readFileSync(path, 'utf8');

// What each service really has.
function service(module, defaultPort) {
	const sources = files(`${module}/src/main/java`, '.java').map(read).join('\n');
	const routes = new Set([...sources.matchAll(/\.GET\("([^"]+)"/g)].map((m) => m[1]));
	const yaml = read(`${module}/src/main/resources/application.yaml`);
	const variables = new Set([...yaml.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]));
	const port = Number((/port: \$\{SERVER_PORT:(\d+)\}/.exec(yaml) ?? [])[1] ?? defaultPort);
	return { module, routes, variables, port };
}
const gateway = service('gateway-service', 0);
const middleware = service('middleware-service', 0);
const fake = { module: 'fake-llm-server', routes: new Set(['/health']), variables: new Set(['SERVER_PORT']), port: 8080 };
const services = { 'gateway-service': gateway, 'middleware-service': middleware, 'fake-llm-server': fake };
if (gateway.port !== 4000 || middleware.port !== 3000) {
	problem('application.yaml', `expected ports 4000 and 3000, found ${gateway.port} and ${middleware.port}`);
}

// Variables every service reads although no application.yaml names them, each with its reason.
const CONTRACT = new Set([
	'AWS_REGION', // the AWS SDK's region
	'LITELLM_MASTER_KEY', // config.yaml's os.environ/LITELLM_MASTER_KEY and GatewayConfig
	'LITELLM_SALT_KEY', // LiteLLM's name, kept in the contract (ARCHITECTURE.md)
	'DATABASE_MIDDLEWARE_URL', // the middleware's chat history (ARCHITECTURE.md)
	'FAKE_LLM_BASE_URL', // config/quickstart-config.yaml's os.environ/ references
	'FAKE_LLM_ROOT_URL',
	'LLMGW_CONFIG_SHA256', // read by nothing: its change rolls the tasks so that they read the new config.yaml
	'JAVA_OPTS', // the images' JVM flags
	'OKTA_ISSUER', 'OKTA_AUDIENCE', 'DISABLE_SWAGGER_PAGE', 'DISABLE_ADMIN_UI', 'LANGSMITH_PROJECT',
	'LANGSMITH_DEFAULT_RUN_NAME', 'LANGFUSE_HOST', // the original's settings, passed on as they are
]);
const known = (name) => gateway.variables.has(name) || middleware.variables.has(name) || CONTRACT.has(name)
		|| /^[A-Z][A-Z0-9_]*_SECRET_ARN$/.test(name);

// The middleware's paths, from the gateway's own table: exact paths plus the /bedrock/model/ prefix.
const middlewarePathsSource = read('gateway-service/src/main/java/dev/llmgw/gateway/web/MiddlewarePaths.java');
const exactBlock = /EXACT = Set\.of\(([^;]+)\);/.exec(middlewarePathsSource)[1];
const exact = [...exactBlock.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
const prefix = /BEDROCK_MODEL_PREFIX = "([^"]+)"/.exec(middlewarePathsSource)[1];
const expectedAlbPaths = [...exact, `${prefix}*`].sort();

function checkPath(file, serviceName, path, what) {
	const target = services[serviceName];
	if (!target) {
		problem(file, `${what}: unknown service ${serviceName}`);
	}
	else if (!target.routes.has(path)) {
		problem(file, `${what}: ${serviceName} has no GET ${path}`);
	}
}

// --- Terraform ---------------------------------------------------------------------------------------------------
const tfFiles = files('deploy/terraform', '.tf');
const parsed = {};
for (const file of tfFiles) {
	try {
		parsed[file] = await hcl.parse(file, read(file));
	}
	catch (error) {
		problem(file, `does not parse: ${String(error.message ?? error).split('\n')[0]}`);
	}
}
for (const stack of ['base', 'ecs', 'eks']) {
	if (!tfFiles.some((f) => f.startsWith(`deploy/terraform/${stack}/`))) {
		problem('deploy/terraform', `stack ${stack} is missing`);
	}
}
const alb = parsed['deploy/terraform/ecs/alb.tf'];
const albPaths = (alb?.locals?.[0]?.middleware_paths ?? []).flat().sort();
if (JSON.stringify(albPaths) !== JSON.stringify(expectedAlbPaths)) {
	problem('deploy/terraform/ecs/alb.tf', `middleware paths ${albPaths} differ from MiddlewarePaths ${expectedAlbPaths}`);
}
for (const group of alb?.locals?.[0]?.middleware_paths ?? []) {
	if (group.length > 5) {
		problem('deploy/terraform/ecs/alb.tf', 'an ALB listener rule takes at most 5 path patterns');
	}
}
for (const [name, target] of Object.entries(alb?.resource?.aws_lb_target_group ?? {})) {
	const tg = target[0];
	const serviceName = tg.port === 4000 ? 'gateway-service' : tg.port === 3000 ? 'middleware-service' : null;
	if (!serviceName) {
		problem('deploy/terraform/ecs/alb.tf', `target group ${name}: port ${tg.port} is neither service's`);
		continue;
	}
	checkPath('deploy/terraform/ecs/alb.tf', serviceName, tg.health_check[0].path, `target group ${name} health check`);
}
const ecsMain = read('deploy/terraform/ecs/main.tf');
let ecsContainers = 0;
for (const m of ecsMain.matchAll(/name\s*=\s*"([a-z-]+-service)"[\s\S]*?containerPort = (\d+)[\s\S]*?http:\/\/127\.0\.0\.1:(\d+)(\/[^"]*)"/g)) {
	const [, container, port, probePort, path] = m;
	if (Number(port) !== services[container]?.port || Number(probePort) !== services[container]?.port) {
		problem('deploy/terraform/ecs/main.tf', `${container}: port ${port}/${probePort}, the service listens on ${services[container]?.port}`);
	}
	checkPath('deploy/terraform/ecs/main.tf', container, path, `${container} health check`);
	ecsContainers++;
}
if (ecsContainers !== 2) {
	problem('deploy/terraform/ecs/main.tf', `expected the two services' container definitions, found ${ecsContainers}`);
}
for (const m of ecsMain.matchAll(/name = "([A-Z][A-Z0-9_]*)"/g)) {
	if (!known(m[1])) {
		problem('deploy/terraform/ecs/main.tf', `environment variable ${m[1]} is read by neither service`);
	}
}

// --- Kubernetes --------------------------------------------------------------------------------------------------
const manifests = {};
for (const file of files('deploy/k8s', '.yaml')) {
	try {
		manifests[file] = YAML.parseAllDocuments(read(file)).map((doc) => {
			if (doc.errors.length > 0) {
				throw doc.errors[0];
			}
			return doc.toJS();
		});
	}
	catch (error) {
		problem(file, `does not parse: ${error.message}`);
	}
}
const deployment = manifests['deploy/k8s/base/deployment.yaml']?.[0];
const serviceManifest = manifests['deploy/k8s/base/service.yaml']?.[0];
const ingress = manifests['deploy/k8s/base/ingress.yaml']?.[0];
const kustomization = manifests['deploy/k8s/base/kustomization.yaml']?.[0];
for (const resource of kustomization?.resources ?? []) {
	if (!existsSync(`deploy/k8s/base/${resource}`)) {
		problem('deploy/k8s/base/kustomization.yaml', `resource ${resource} does not exist`);
	}
}
for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'Ingress', 'Deployment']) {
	if (!Object.values(manifests).flat().some((doc) => doc?.kind === kind)) {
		problem('deploy/k8s/base', `no ${kind}`);
	}
}
const containers = deployment?.spec?.template?.spec?.containers ?? [];
if (containers.map((c) => c.name).sort().join() !== 'gateway-service,middleware-service') {
	problem('deploy/k8s/base/deployment.yaml', 'the pod must run gateway-service and middleware-service');
}
const containerPorts = {};
for (const container of containers) {
	const target = services[container.name];
	if (!target) {
		continue;
	}
	if (container.image !== container.name || !existsSync(`docker/${container.name}.Dockerfile`)) {
		problem('deploy/k8s/base/deployment.yaml', `${container.name}: image ${container.image} has no docker/${container.image}.Dockerfile`);
	}
	const ports = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
	Object.assign(containerPorts, ports);
	if (!Object.values(ports).includes(target.port)) {
		problem('deploy/k8s/base/deployment.yaml', `${container.name}: does not expose port ${target.port}`);
	}
	for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
		const get = container[probe]?.httpGet;
		if (!get) {
			problem('deploy/k8s/base/deployment.yaml', `${container.name}: no ${probe}`);
			continue;
		}
		const port = typeof get.port === 'string' ? ports[get.port] : get.port;
		if (port !== target.port) {
			problem('deploy/k8s/base/deployment.yaml', `${container.name} ${probe}: port ${get.port} is not ${target.port}`);
		}
		checkPath('deploy/k8s/base/deployment.yaml', container.name, get.path, `${container.name} ${probe}`);
	}
	for (const variable of container.env ?? []) {
		if (!known(variable.name)) {
			problem('deploy/k8s/base/deployment.yaml', `${container.name}: ${variable.name} is read by neither service`);
		}
	}
	if (!container.resources?.requests || !container.resources?.limits) {
		problem('deploy/k8s/base/deployment.yaml', `${container.name}: needs resource requests and limits`);
	}
	const envFromSecret = (container.envFrom ?? []).some((e) => e.secretRef);
	if (!envFromSecret) {
		problem('deploy/k8s/base/deployment.yaml', `${container.name}: secrets are to be referenced (envFrom secretRef)`);
	}
}
for (const doc of Object.values(manifests).flat()) {
	if (doc?.kind === 'Secret') {
		problem('deploy/k8s', 'a Secret is inlined in the manifests; reference it instead');
	}
}
for (const generator of kustomization?.configMapGenerator ?? []) {
	for (const literal of generator.literals ?? []) {
		const name = literal.split('=')[0];
		if (!known(name)) {
			problem('deploy/k8s/base/kustomization.yaml', `${name} is read by neither service`);
		}
	}
}
for (const file of Object.keys(manifests).filter((f) => f.startsWith('deploy/k8s/overlays/'))) {
	for (const doc of manifests[file]) {
		for (const container of doc?.spec?.template?.spec?.containers ?? []) {
			for (const variable of container.env ?? []) {
				if (!known(variable.name)) {
					problem(file, `${container.name}: ${variable.name} is read by neither service`);
				}
			}
		}
	}
}
const servicePorts = Object.fromEntries((serviceManifest?.spec?.ports ?? []).map((p) => [p.port, p.targetPort]));
for (const [port, targetPort] of Object.entries(servicePorts)) {
	if (containerPorts[targetPort] !== Number(port)) {
		problem('deploy/k8s/base/service.yaml', `port ${port} targets ${targetPort}, which is not container port ${port}`);
	}
}
const ingressPaths = (ingress?.spec?.rules ?? []).flatMap((rule) => rule.http.paths);
const toMiddleware = ingressPaths.filter((p) => p.backend.service.port.number === 3000)
	.map((p) => (p.pathType === 'Prefix' ? `${p.path}*` : p.path))
	.sort();
if (JSON.stringify(toMiddleware) !== JSON.stringify(expectedAlbPaths)) {
	problem('deploy/k8s/base/ingress.yaml', `middleware paths ${toMiddleware} differ from MiddlewarePaths ${expectedAlbPaths}`);
}
for (const path of ingressPaths) {
	if (!servicePorts[path.backend.service.port.number] || path.backend.service.name !== serviceManifest?.metadata?.name) {
		problem('deploy/k8s/base/ingress.yaml', `${path.path}: backend ${path.backend.service.name}:${path.backend.service.port.number} is not a port of the Service`);
	}
}
if (!ingressPaths.some((p) => p.path === '/' && p.pathType === 'Prefix' && p.backend.service.port.number === 4000)) {
	problem('deploy/k8s/base/ingress.yaml', 'everything else (/) must go to the gateway on 4000');
}

// --- Docker --------------------------------------------------------------------------------------------------------
for (const [name, target] of Object.entries(services)) {
	const file = `docker/${name}.Dockerfile`;
	if (!existsSync(file)) {
		problem(file, 'missing');
		continue;
	}
	const text = read(file);
	if (!new RegExp(`^EXPOSE ${target.port}$`, 'm').test(text)) {
		problem(file, `does not EXPOSE ${target.port}`);
	}
	const health = /HEALTHCHECK[\s\S]*?"http:\/\/127\.0\.0\.1:(\d+)(\/[^"]*)"/.exec(text);
	if (!health || Number(health[1]) !== target.port) {
		problem(file, `HEALTHCHECK must probe port ${target.port}`);
	}
	else {
		checkPath(file, name, health[2], 'HEALTHCHECK');
	}
	if (!/^USER (?!root|0)/m.test(text)) {
		problem(file, 'must run as a non-root USER');
	}
	if (!text.includes(`/app/${name}.jar`) || !read(`${name}/pom.xml`).includes(`<finalName>${name}</finalName>`)) {
		problem(file, `must run the module's own jar, ${name}.jar`);
	}
	// Maven reads every module the root pom lists, even with -pl: a module left out of the build stage fails it
	for (const [, module] of read('pom.xml').matchAll(/<module>([^<]+)<\/module>/g)) {
		if (!new RegExp(`^COPY ${module} ${module}$`, 'm').test(text)) {
			problem(file, `the build stage must COPY ${module} (a module of the root pom)`);
		}
	}
}
try {
	const compose = YAML.parse(read('docker/compose.yaml'));
	for (const [name, definition] of Object.entries(compose.services)) {
		if (services[name] && definition.build?.dockerfile !== `docker/${name}.Dockerfile`) {
			problem('docker/compose.yaml', `${name}: builds ${definition.build?.dockerfile}`);
		}
		for (const variable of Object.keys(definition.environment ?? {})) {
			if (services[name] && !known(variable)) {
				problem('docker/compose.yaml', `${name}: ${variable} is read by neither service`);
			}
		}
	}
	for (const name of ['postgres', 'redis', 'fake-llm-server', 'gateway-service', 'middleware-service']) {
		if (!compose.services[name]) {
			problem('docker/compose.yaml', `no ${name} service`);
		}
	}
	const gatewayEnv = compose.services['gateway-service']?.environment ?? {};
	if (!String(gatewayEnv.MIDDLEWARE_URL ?? '').endsWith(':3000')
			|| !String(compose.services['middleware-service']?.environment?.GATEWAY_URL ?? '').endsWith(':4000')) {
		problem('docker/compose.yaml', 'the gateway and the middleware must find each other on 3000 and 4000');
	}
}
catch (error) {
	problem('docker/compose.yaml', `does not parse: ${error.message}`);
}

if (problems.length > 0) {
	console.log(problems.join('\n'));
	console.log(`${problems.length} problem(s) in the deployment files`);
	process.exit(1);
}
console.log(`deployment files consistent: ${tfFiles.length} Terraform files, ${Object.keys(manifests).length} manifests, `
	+ `3 Dockerfiles, compose; middleware paths ${expectedAlbPaths.length}`);
