// Checks the deployment files against each other and against the services' code, without AWS or Docker:
// - every .tf file parses (HashiCorp's own HCL parser, compiled to WebAssembly in @cdktf/hcl2json);
// - every Kubernetes manifest and docker/compose.yaml parses;
// - images, ports, probe and health-check paths and environment variable names in the manifests, the ECS task
//   definition, the compose file and the Dockerfiles are ones the services really have: ports from their
//   application.yaml, paths from their route definitions, variables from the ${NAME} placeholders they read;
// - the load balancer's and the ingress's middleware paths are exactly the gateway's MiddlewarePaths;
// - with CloudFront every rule of the gateway's load balancer requires the secret origin header, which no output
//   shows and no count or for_each reads; the distribution forwards what the services need and caches nothing;
// - on EKS, where the ingress's load balancer is the controller's, a web ACL that blocks by default allows only the
//   origin header's exact value, a security group admits only CloudFront's origin-facing prefix list, and deploy.sh
//   puts both on the ingress;
// - the fake LLM endpoint runs fake-llm-server on its own port and health path (ECS task, EKS component with its
//   own HTTPS ingress), with its Route 53 record;
// - the log bucket (LOG_BUCKET_NAME, the s3 logging callback's) is private (public access block, bucket owner
//   enforced), encrypted, TLS only and expires objects after LOG_BUCKET_RETENTION_DAYS (0: never); the runtime policy
//   may only put objects there; the gateway's ECS container gets LOG_BUCKET_NAME and EXTRA_SUCCESS_CALLBACKS;
// - every var a stack reads is declared, and deploy.sh's variable files match the stacks' variables.
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
// the fake's GET routes and port from its own code (ControlEndpoints, FakeLlmServerOptions)
const fakeControl = read('fake-llm-server/src/main/java/dev/llmgw/fake/ControlEndpoints.java');
const fake = {
	module: 'fake-llm-server',
	routes: new Set([...fakeControl.matchAll(/HttpMethod\.GET\.equals\(method\) && path\.equals\("([^"]+)"\)/g)].map((m) => m[1])),
	variables: new Set(['SERVER_PORT']),
	port: Number((/DEFAULT_PORT = (\d+);/.exec(read('fake-llm-server/src/main/java/dev/llmgw/fake/FakeLlmServerOptions.java')) ?? [])[1]),
};
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
	// the logging callbacks' settings, read through the gateway's config environment (gateway-service logging)
	'LANGSMITH_BASE_URL', 'GENERIC_LOGGER_ENDPOINT', 'LOG_BUCKET_NAME', 'EXTRA_SUCCESS_CALLBACKS',
]);
const known = (name) => gateway.variables.has(name) || middleware.variables.has(name) || CONTRACT.has(name)
		|| /^[A-Z][A-Z0-9_]*_SECRET_ARN$/.test(name);

// The middleware's paths, from the gateway's own table: exact paths plus the /bedrock/model/ prefix.
const middlewarePathsSource = read('gateway-service/src/main/java/dev/llmgw/gateway/web/MiddlewarePaths.java');
// the load balancer sends both the middleware's own paths and the Okta sign-up paths there (it cannot tell an Okta
// token from a gateway key; the middleware passes gateway keys on)
const exact = ['EXACT', 'OKTA'].flatMap((name) => {
	const block = new RegExp(`${name} = Set\\.of\\(([^;]+)\\);`).exec(middlewarePathsSource)[1];
	return [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
});
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
const albLocals = Object.assign({}, ...(alb?.locals ?? []));
const albPaths = (albLocals.middleware_paths ?? []).flat().sort();
if (JSON.stringify(albPaths) !== JSON.stringify(expectedAlbPaths)) {
	problem('deploy/terraform/ecs/alb.tf', `middleware paths ${albPaths} differ from MiddlewarePaths ${expectedAlbPaths}`);
}
// a rule takes at most five condition values: its paths plus, with CloudFront, the origin header
for (const group of albLocals.middleware_paths ?? []) {
	if (group.length + 1 > 5) {
		problem('deploy/terraform/ecs/alb.tf', `a rule of ${group.length} paths and the origin header exceeds an ALB rule's 5 condition values`);
	}
}
const ecsParsed = Object.entries(parsed).filter(([file]) => file.startsWith('deploy/terraform/ecs/'));
const ecsResources = (type) => ecsParsed.flatMap(([file, tf]) => Object.entries(tf.resource?.[type] ?? {}).map(([name, blocks]) => ({ file, name, block: blocks[0] })));
const ecsData = (type) => ecsParsed.flatMap(([, tf]) => Object.entries(tf.data?.[type] ?? {}).map(([name, blocks]) => ({ name, block: blocks[0] })));
const portServices = { 4000: 'gateway-service', 3000: 'middleware-service', [fake.port]: 'fake-llm-server' };
for (const { file, name, block: tg } of ecsResources('aws_lb_target_group')) {
	const serviceName = portServices[tg.port];
	if (!serviceName) {
		problem(file, `target group ${name}: port ${tg.port} is no service's`);
		continue;
	}
	checkPath(file, serviceName, tg.health_check[0].path, `target group ${name} health check`);
}

// --- CloudFront (USE_CLOUDFRONT): the load balancer must refuse what does not carry CloudFront's origin header ----
const albFile = 'deploy/terraform/ecs/alb.tf';
if (albLocals.origin_header_conditions !== '${var.use_cloudfront ? [local.origin_header_name] : []}') {
	problem(albFile, `local.origin_header_conditions must be the origin header's name when use_cloudfront, else none; is ${albLocals.origin_header_conditions}`);
}
const listeners = Object.fromEntries(ecsResources('aws_lb_listener').map((l) => [l.name, l.block]));
for (const name of ['http', 'https']) {
	const type = listeners[name]?.default_action?.[0]?.type ?? '';
	if (!/^\$\{var\.use_cloudfront \? "fixed-response" : /.test(type)) {
		problem(albFile, `listener ${name}: with CloudFront its default action must refuse (fixed-response), is ${type}`);
	}
}
const mainListenerRules = ecsResources('aws_lb_listener_rule').filter(({ block }) => /local\.service_listener_arn|aws_lb_listener\.(http|https)\b/.test(block.listener_arn));
for (const { file, name, block } of mainListenerRules) {
	const dynamicConditions = block.dynamic?.condition ?? [];
	const header = dynamicConditions.find((d) => d.for_each === '${local.origin_header_conditions}')?.content?.[0]?.http_header?.[0];
	if (!header || header.http_header_name !== '${condition.value}' || JSON.stringify(header.values) !== JSON.stringify(['${random_password.origin_header[0].result}'])) {
		problem(file, `listener rule ${name} forwards without requiring the origin header (a dynamic http_header condition over local.origin_header_conditions)`);
	}
}
const gatewayRule = mainListenerRules.find(({ block }) => block.action?.[0]?.target_group_arn === '${aws_lb_target_group.gateway.arn}');
if (!gatewayRule || gatewayRule.block.count !== '${var.use_cloudfront ? 1 : 0}') {
	problem(albFile, 'with CloudFront a rule must forward to the gateway (the listeners\' default actions refuse)');
}
const albSg = ecsResources('aws_security_group').find((g) => g.name === 'alb')?.block;
const albIngress = albSg?.dynamic?.ingress ?? [];
if (!albIngress.some((i) => i.for_each === '${var.use_cloudfront ? [local.origin_port] : []}'
		&& JSON.stringify(i.content?.[0]?.prefix_list_ids) === JSON.stringify(['${data.aws_ec2_managed_prefix_list.cloudfront[0].id}']))
		|| !albIngress.some((i) => i.for_each === '${var.use_cloudfront ? [] : [443, 80]}')
		|| ecsData('aws_ec2_managed_prefix_list').find((d) => d.name === 'cloudfront')?.block?.name !== 'com.amazonaws.global.cloudfront.origin-facing') {
	problem(albFile, 'with CloudFront the load balancer must admit only CloudFront\'s origin-facing prefix list, on the one origin port');
}
const cloudfrontFile = 'deploy/terraform/ecs/cloudfront.tf';
const eksCloudfrontFile = 'deploy/terraform/eks/cloudfront.tf';
const eksParsed = Object.entries(parsed).filter(([file]) => file.startsWith('deploy/terraform/eks/'));
const eksResources = (type) => eksParsed.flatMap(([file, tf]) => Object.entries(tf.resource?.[type] ?? {}).map(([name, blocks]) => ({ file, name, block: blocks[0] })));
const eksData = (type) => eksParsed.flatMap(([, tf]) => Object.entries(tf.data?.[type] ?? {}).map(([name, blocks]) => ({ name, block: blocks[0] })));
// the same distribution on both targets: ECS's in front of its own load balancer, EKS's in front of the ingress's
for (const [file, resources, data, count, originDomain] of [
	[cloudfrontFile, ecsResources, ecsData, '${var.use_cloudfront ? 1 : 0}', '${aws_lb.this.dns_name}'],
	[eksCloudfrontFile, eksResources, eksData, '${local.distribution ? 1 : 0}', '${var.ingress_hostname}'],
]) {
	const distribution = resources('aws_cloudfront_distribution').find((d) => d.name === 'this')?.block;
	if (!distribution) {
		problem(file, 'no aws_cloudfront_distribution.this');
	}
	else {
		const origin = distribution.origin?.[0] ?? {};
		const config = origin.custom_origin_config?.[0] ?? {};
		const behavior = distribution.default_cache_behavior?.[0] ?? {};
		const dataName = (type, ref) => data(type).find((d) => ref === `\${data.${type}.${d.name}[0].id}`)?.block?.name;
		const expectations = [
			[distribution.count === count, `exists exactly when ${count}`],
			[origin.domain_name === originDomain, `its origin is the load balancer (${originDomain})`],
			[origin.custom_header?.[0]?.name === '${local.origin_header_name}' && origin.custom_header?.[0]?.value === '${random_password.origin_header[0].result}', 'its origin gets the generated origin header'],
			[config.origin_protocol_policy === '${local.origin_https ? "https-only" : "http-only"}', 'HTTPS to the origin whenever the certificate can prove the name'],
			[config.origin_read_timeout === '${var.cloudfront_origin_read_timeout}', 'the origin read timeout is CLOUDFRONT_ORIGIN_READ_TIMEOUT'],
			[distribution.price_class === '${var.cloudfront_price_class}', 'the price class is CLOUDFRONT_PRICE_CLASS'],
			[['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].every((m) => behavior.allowed_methods?.includes(m)), 'every HTTP method is allowed'],
			[dataName('aws_cloudfront_cache_policy', behavior.cache_policy_id) === 'Managed-CachingDisabled', 'caching is disabled (Managed-CachingDisabled)'],
			[dataName('aws_cloudfront_origin_request_policy', behavior.origin_request_policy_id) === 'Managed-AllViewer', 'every header, cookie and query string reaches the origin (Managed-AllViewer)'],
			[['redirect-to-https', 'https-only'].includes(behavior.viewer_protocol_policy), 'viewers use HTTPS'],
		];
		for (const [ok, what] of expectations) {
			if (!ok) {
				problem(file, `the distribution: ${what}`);
			}
		}
	}
}
const eksCloudfrontLocals = Object.assign({}, ...(parsed[eksCloudfrontFile]?.locals ?? []));
if (eksCloudfrontLocals.origin_header_name !== 'X-Origin-Verify' || !/^\$\{var\.use_cloudfront && /.test(eksCloudfrontLocals.distribution ?? '')
		|| eksCloudfrontLocals.origin_protection !== '${var.use_cloudfront}') {
	problem(eksCloudfrontFile, 'the origin header is X-Origin-Verify; the web ACL and the security group exist with use_cloudfront, the distribution needs it too');
}
// EKS: the controller's load balancer is not Terraform's, so a web ACL (the ingress's wafv2-acl-arn) refuses what
// lacks the origin header, and a security group (the ingress's security-groups) admits CloudFront only
const originAcl = eksResources('aws_wafv2_web_acl').find((w) => w.name === 'origin')?.block;
const aclRules = originAcl?.rule ?? [];
const headerMatch = aclRules[0]?.statement?.[0]?.byte_match_statement?.[0];
const aclExpectations = [
	[originAcl?.count === '${local.origin_protection ? 1 : 0}', 'exists exactly with the origin protection'],
	[originAcl?.scope === 'REGIONAL', 'is regional (a load balancer\'s)'],
	[originAcl?.default_action?.[0]?.block !== undefined && originAcl?.default_action?.[0]?.allow === undefined, 'blocks by default'],
	[aclRules.length === 1 && aclRules[0].action?.[0]?.allow !== undefined, 'has one rule, which allows'],
	[headerMatch?.search_string === '${random_password.origin_header[0].result}' && headerMatch?.positional_constraint === 'EXACTLY', 'the rule matches the generated header value exactly'],
	[headerMatch?.field_to_match?.[0]?.single_header?.[0]?.name === '${lower(local.origin_header_name)}', 'the rule reads the origin header (in lower case, as WAF wants)'],
	[headerMatch?.text_transformation?.every((t) => t.type === 'NONE'), 'the header value is compared as it is'],
	// sampled requests show their headers in the WAF console: the secret with them
	[[originAcl?.visibility_config?.[0], ...aclRules.map((r) => r.visibility_config?.[0])].every((v) => v?.sampled_requests_enabled === false), 'keeps no sampled requests (they would show the header)'],
];
for (const [ok, what] of aclExpectations) {
	if (!ok) {
		problem(eksCloudfrontFile, `the origin web ACL: ${what}`);
	}
}
const eksAlbSg = eksResources('aws_security_group').find((g) => g.name === 'alb' && g.file === eksCloudfrontFile)?.block;
const eksAlbIngress = eksAlbSg?.ingress ?? [];
if (eksAlbSg?.count !== '${local.origin_protection ? 1 : 0}' || eksAlbIngress.length !== 1 || eksAlbIngress[0].cidr_blocks || eksAlbIngress[0].ipv6_cidr_blocks
		|| JSON.stringify(eksAlbIngress[0].prefix_list_ids) !== JSON.stringify(['${data.aws_ec2_managed_prefix_list.cloudfront[0].id}'])
		|| eksAlbIngress[0].from_port !== '${local.origin_port}' || eksAlbIngress[0].to_port !== '${local.origin_port}'
		|| eksData('aws_ec2_managed_prefix_list').find((d) => d.name === 'cloudfront')?.block?.name !== 'com.amazonaws.global.cloudfront.origin-facing') {
	problem(eksCloudfrontFile, 'the ingress\'s security group must admit only CloudFront\'s origin-facing prefix list, on the one origin port');
}
const eksOutputs = Object.assign({}, ...eksParsed.map(([, tf]) => tf.output ?? {}));
if (eksOutputs.origin_web_acl_arn?.[0]?.value !== '${local.origin_protection ? aws_wafv2_web_acl.origin[0].arn : ""}'
		|| eksOutputs.origin_security_group_id?.[0]?.value !== '${local.origin_protection ? aws_security_group.alb[0].id : ""}') {
	problem('deploy/terraform/eks/outputs.tf', 'deploy.sh needs the outputs origin_web_acl_arn and origin_security_group_id (identifiers only)');
}
const readTimeout = ecsParsed.flatMap(([, tf]) => tf.variable?.cloudfront_origin_read_timeout ?? [])[0];
if (readTimeout?.default !== 60) {
	problem('deploy/terraform/ecs/variables.tf', 'cloudfront_origin_read_timeout defaults to 60 s, the most CloudFront allows without a quota increase');
}
// the origin header's value is a secret: only the distribution and the listener rules may use it, and no output
for (const [file] of Object.entries(parsed)) {
	const text = read(file);
	const uses = [...text.matchAll(/random_password\.origin_header/g)].length;
	const allowed = { [albFile]: Infinity, [cloudfrontFile]: Infinity, [eksCloudfrontFile]: Infinity }[file] ?? 0;
	if (uses > allowed) {
		problem(file, 'uses the origin header\'s secret value, which belongs to the distribution and the listener rules (EKS: the web ACL) only');
	}
	for (const [name, blocks] of Object.entries(parsed[file]?.output ?? {})) {
		if (/random_password\.origin_header|origin_header_conditions/.test(JSON.stringify(blocks))) {
			problem(file, `output ${name} shows the origin header's secret value`);
		}
	}
}

// Terraform refuses a sensitive value (a generated password, or a local holding one) in count or for_each,
// dynamic blocks' included
const SECRET_SOURCE = /random_password\.[a-z_]+(\[[^\]]*\])?\.result/;
for (const stack of ['base', 'ecs', 'eks']) {
	const stackFiles = Object.keys(parsed).filter((file) => file.startsWith(`deploy/terraform/${stack}/`));
	const stackLocals = Object.assign({}, ...stackFiles.flatMap((file) => parsed[file].locals ?? []));
	const secretLocals = new Set();
	for (let grew = true; grew;) {
		grew = false;
		for (const [name, expression] of Object.entries(stackLocals)) {
			const text = JSON.stringify(expression);
			if (!secretLocals.has(name) && (SECRET_SOURCE.test(text) || [...secretLocals].some((l) => text.includes(`local.${l}`)))) {
				secretLocals.add(name);
				grew = true;
			}
		}
	}
	const readsSecret = (text) => SECRET_SOURCE.test(text) || [...text.matchAll(/local\.([a-z0-9_]+)/g)].some((m) => secretLocals.has(m[1]));
	const walk = (node, path) => {
		if (Array.isArray(node)) {
			node.forEach((child) => walk(child, path));
		}
		else if (node && typeof node === 'object') {
			for (const [key, value] of Object.entries(node)) {
				if ((key === 'for_each' || key === 'count') && readsSecret(JSON.stringify(value))) {
					problems.push(`${path}: ${key} reads a generated secret, which Terraform refuses there (${JSON.stringify(value)})`);
				}
				walk(value, path);
			}
		}
	};
	for (const file of stackFiles) {
		walk(parsed[file].resource ?? {}, file);
		walk(parsed[file].data ?? {}, file);
	}
}

// --- the fake LLM load-testing endpoint ---------------------------------------------------------------------------
const fakeFile = 'deploy/terraform/ecs/fake_llm.tf';
const fakeText = existsSync(fakeFile) ? read(fakeFile) : '';
const fakeContainer = /name\s*=\s*"fake-llm-server"[\s\S]*?containerPort = (\d+)[\s\S]*?http:\/\/127\.0\.0\.1:(\d+)(\/[^"]*)"/.exec(fakeText);
if (!fakeContainer) {
	problem(fakeFile, 'no fake-llm-server container definition with a port and a health check');
}
else {
	if (Number(fakeContainer[1]) !== fake.port || Number(fakeContainer[2]) !== fake.port) {
		problem(fakeFile, `fake-llm-server: port ${fakeContainer[1]}/${fakeContainer[2]}, the server listens on ${fake.port}`);
	}
	checkPath(fakeFile, 'fake-llm-server', fakeContainer[3], 'fake-llm-server health check');
}
const fakeLocal = Object.assign({}, ...(parsed[fakeFile]?.locals ?? [])).fake_llm ?? '';
for (const variable of ['certificate_arn', 'hosted_zone_name', 'record_name']) {
	if (!fakeLocal.includes(`var.fake_llm_load_testing_endpoint_${variable} != ""`)) {
		problem(fakeFile, `local.fake_llm must require FAKE_LLM_LOAD_TESTING_ENDPOINT_${variable.toUpperCase()}`);
	}
}
for (const { name, block } of ecsResources('aws_ecs_task_definition').filter((t) => t.file === fakeFile)) {
	if (block.task_role_arn) {
		problem(fakeFile, `task definition ${name}: the fake server calls no AWS API and gets no task role`);
	}
}
const fakeListener = ecsResources('aws_lb_listener').find((l) => l.file === fakeFile)?.block;
if (fakeListener?.protocol !== 'HTTPS' || fakeListener?.certificate_arn !== '${var.fake_llm_load_testing_endpoint_certificate_arn}') {
	problem(fakeFile, 'the fake endpoint\'s listener must be HTTPS with FAKE_LLM_LOAD_TESTING_ENDPOINT_CERTIFICATE_ARN');
}
if (ecsResources('aws_route53_record').find((r) => r.file === fakeFile)?.block?.name !== '${var.fake_llm_load_testing_endpoint_record_name}') {
	problem(fakeFile, 'the fake endpoint needs its Route 53 record, FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME');
}

// --- every var.NAME a stack reads is one it declares (terraform validate would say so; it needs the providers) ------
for (const stack of ['base', 'ecs', 'eks']) {
	const stackFiles = Object.keys(parsed).filter((file) => file.startsWith(`deploy/terraform/${stack}/`));
	const declared = new Set(stackFiles.flatMap((file) => Object.keys(parsed[file].variable ?? {})));
	for (const file of stackFiles) {
		for (const [, name] of read(file).replace(/^\s*#.*$/gm, '').matchAll(/\bvar\.([a-z0-9_]+)/g)) {
			if (!declared.has(name)) {
				problem(file, `var.${name} is not declared in deploy/terraform/${stack}`);
			}
		}
	}
}

// --- deploy.sh's variable files name only variables the stacks declare, and every variable without a default ----
const deployScript = read('deploy.sh');
const tfvarsKeys = {
	base: [...deployScript.matchAll(/printf '  "([a-z0-9_]+)": %s/g)].map((m) => m[1]),
	ecs: [...(/ecs\.tfvars\.json" <<JSON\n([\s\S]*?)\nJSON/.exec(deployScript)?.[1] ?? '').matchAll(/^ {2}"([a-z0-9_]+)":/gm)].map((m) => m[1]),
	eks: [...(/eks_tfvars\(\) \{\n\t\tcat <<JSON\n([\s\S]*?)\nJSON/.exec(deployScript)?.[1] ?? '').matchAll(/^ {2}"([a-z0-9_]+)":/gm)].map((m) => m[1]),
};
for (const [stack, keys] of Object.entries(tfvarsKeys)) {
	const declared = Object.entries(parsed).filter(([file]) => file.startsWith(`deploy/terraform/${stack}/`))
		.flatMap(([, tf]) => Object.entries(tf.variable ?? {}));
	const names = new Set(declared.map(([name]) => name));
	if (keys.length === 0) {
		problem('deploy.sh', `no ${stack} variable file found`);
	}
	for (const key of keys.filter((k) => !names.has(k))) {
		problem('deploy.sh', `${stack}.tfvars.json sets ${key}, which deploy/terraform/${stack} does not declare (Terraform would only warn)`);
	}
	for (const [name] of declared.filter(([, blocks]) => !('default' in blocks[0]))) {
		if (!keys.includes(name)) {
			problem('deploy.sh', `${stack}.tfvars.json lacks ${name}, which has no default`);
		}
	}
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

// --- the log bucket: where the s3 logging callback writes (LOG_BUCKET_NAME) ---------------------------------------
const baseParsed = Object.entries(parsed).filter(([file]) => file.startsWith('deploy/terraform/base/'));
const baseResources = (type) => baseParsed.flatMap(([file, tf]) => Object.entries(tf.resource?.[type] ?? {}).map(([name, blocks]) => ({ file, name, block: blocks[0] })));
const baseResource = (type, name) => baseResources(type).find((r) => r.name === name)?.block;
const baseData = (type, name) => baseParsed.flatMap(([, tf]) => Object.entries(tf.data?.[type] ?? {})).find(([n]) => n === name)?.[1]?.[0];
// the settings of the log bucket, whatever their resources are called
const onLogBucket = (type) => baseResources(type).map((r) => r.block).filter((b) => b.bucket === '${aws_s3_bucket.logs.id}');
const storageFile = 'deploy/terraform/base/storage.tf';
const logBucket = baseResource('aws_s3_bucket', 'logs');
const logPolicy = onLogBucket('aws_s3_bucket_policy')[0];
const logPolicyDocument = baseData('aws_iam_policy_document', (/^\$\{data\.aws_iam_policy_document\.([a-z0-9_]+)\.json\}$/.exec(logPolicy?.policy ?? '') ?? [])[1]);
const logRules = onLogBucket('aws_s3_bucket_lifecycle_configuration').flatMap((l) => l.rule ?? []);
const logAccess = onLogBucket('aws_s3_bucket_public_access_block')[0] ?? {};
const logBucketExpectations = [
	[logBucket?.bucket_prefix === '${var.name}-logs-', 'aws_s3_bucket.logs exists, named ${var.name}-logs-...'],
	[logBucket?.force_destroy === baseResource('aws_s3_bucket', 'config')?.force_destroy, 'force_destroy as the config bucket has it'],
	[onLogBucket('aws_s3_bucket_server_side_encryption_configuration')[0]?.rule?.[0]?.apply_server_side_encryption_by_default?.[0]?.sse_algorithm === 'AES256', 'encrypted by default (SSE AES256)'],
	[['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].every((k) => logAccess[k] === true), 'a public access block with all four settings true'],
	[onLogBucket('aws_s3_bucket_ownership_controls')[0]?.rule?.[0]?.object_ownership === 'BucketOwnerEnforced', 'ACLs off (BucketOwnerEnforced)'],
	[logRules.length > 0 && logRules.every((r) => r.status === 'Enabled' && !r.expiration && !(r.filter?.[0]?.prefix) && !(r.filter?.[0]?.and))
		&& logRules.some((r) => r.dynamic?.expiration?.[0]?.for_each === '${var.log_bucket_retention_days > 0 ? [var.log_bucket_retention_days] : []}'
			&& r.dynamic.expiration[0].content?.[0]?.days === '${expiration.value}'),
	'a lifecycle rule over every object expiring it after var.log_bucket_retention_days, none when that is 0'],
	[(logPolicyDocument?.statement ?? []).some((st) => st.effect === 'Deny' && st.actions?.includes('s3:*')
		&& JSON.stringify([...(st.resources ?? [])].sort()) === JSON.stringify(['${aws_s3_bucket.logs.arn}', '${aws_s3_bucket.logs.arn}/*'])
		&& st.principals?.some((p) => p.type === '*' && p.identifiers?.includes('*'))
		&& st.condition?.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && JSON.stringify(c.values) === '["false"]')),
	'a bucket policy denying every request without TLS (aws:SecureTransport false)'],
];
for (const [ok, what] of logBucketExpectations) {
	if (!ok) {
		problem(storageFile, `the log bucket: ${what}`);
	}
}
const baseVariables = Object.assign({}, ...baseParsed.map(([, tf]) => tf.variable ?? {}));
const retention = baseVariables.log_bucket_retention_days?.[0];
if (retention?.default !== 365 || !/^LOG_BUCKET_RETENTION_DAYS\b/.test(retention?.description ?? '') || !/\b0\b/.test(retention?.description ?? '')) {
	problem('deploy/terraform/base/variables.tf', 'log_bucket_retention_days: LOG_BUCKET_RETENTION_DAYS, 365 days by default, 0 keeping the logs forever');
}
const baseOutputs = Object.assign({}, ...baseParsed.map(([, tf]) => tf.output ?? {}));
if (baseOutputs.log_bucket_name?.[0]?.value !== '${aws_s3_bucket.logs.bucket}' || baseOutputs.log_bucket_name?.[0]?.description !== 'LOG_BUCKET_NAME') {
	problem('deploy/terraform/base/outputs.tf', 'the output log_bucket_name (LOG_BUCKET_NAME) is the log bucket\'s name');
}
// the runtime policy (the ECS task's and the EKS pods' role) may put log objects, and nothing else there
const iamFile = 'deploy/terraform/base/iam.tf';
const runtimeStatements = baseData('aws_iam_policy_document', 'runtime')?.statement ?? [];
const onLogs = runtimeStatements.filter((st) => /aws_s3_bucket\.logs/.test(JSON.stringify(st)));
if (onLogs.length !== 1 || onLogs[0].sid !== 'LogBucket' || (onLogs[0].effect ?? 'Allow') !== 'Allow'
		|| JSON.stringify(onLogs[0].actions) !== '["s3:PutObject"]' || JSON.stringify(onLogs[0].resources) !== '["${aws_s3_bucket.logs.arn}/*"]' || onLogs[0].condition) {
	problem(iamFile, 'the runtime policy: one statement, LogBucket, allowing s3:PutObject on the log bucket\'s objects (${aws_s3_bucket.logs.arn}/*) and nothing else there');
}
if (runtimeStatements.some((st) => st.actions?.some((a) => /^s3:/.test(a)) && st.resources?.some((r) => /^(\*|arn:aws:s3:::\*)/.test(r)))) {
	problem(iamFile, 'the runtime policy grants S3 actions on every bucket');
}
// IAM cannot change a policy's description: a new one replaces the policy, which fails while the targets attach it
if (!(baseResource('aws_iam_policy', 'runtime')?.lifecycle?.[0]?.ignore_changes ?? []).includes('${description}')) {
	problem(iamFile, 'the runtime policy must ignore changes to its description (a new one would replace the attached policy)');
}
// with DISABLE_OUTBOUND_NETWORK_ACCESS the tasks reach S3 through the gateway endpoint: its policy must let them
const s3Endpoint = baseResource('aws_vpc_endpoint', 's3');
if (!s3Endpoint || (s3Endpoint.policy && !/aws_s3_bucket\.logs/.test(JSON.stringify(s3Endpoint.policy)))) {
	problem('deploy/terraform/base/endpoints.tf', 'the S3 gateway endpoint must let the tasks reach the log bucket (its default policy, or one naming the bucket)');
}
// the gateway's container gets the bucket and the callbacks deploy.sh adds, the middleware's neither
const ecsLocals = Object.assign({}, ...(parsed['deploy/terraform/ecs/main.tf']?.locals ?? []));
const ecsVariables = Object.assign({}, ...ecsParsed.map(([, tf]) => tf.variable ?? {}));
if (!(ecsLocals.gateway_environment ?? '').includes('{ name = "LOG_BUCKET_NAME", value = local.base.log_bucket_name }')
		|| !(ecsLocals.gateway_environment ?? '').includes('local.extra_success_callbacks')
		|| !/^\$\{var\.extra_success_callbacks == "" \? \[\] : \[\s*\{ name = "EXTRA_SUCCESS_CALLBACKS", value = var\.extra_success_callbacks \},?\s*\]\}$/.test(ecsLocals.extra_success_callbacks ?? '')
		|| /LOG_BUCKET_NAME|extra_success_callbacks/.test(ecsLocals.middleware_environment ?? '')
		|| ecsVariables.extra_success_callbacks?.[0]?.default !== '') {
	problem('deploy/terraform/ecs/main.tf', 'the gateway container gets LOG_BUCKET_NAME (the base stack\'s log_bucket_name) and EXTRA_SUCCESS_CALLBACKS (var.extra_success_callbacks, default "", left out when empty), the middleware neither');
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

// --- EKS: CloudFront's origin protection and the fake LLM endpoint in the cluster --------------------------------
const originComponentFile = 'deploy/k8s/components/cloudfront-origin/kustomization.yaml';
const originComponent = manifests[originComponentFile]?.[0];
const originPatch = manifests['deploy/k8s/components/cloudfront-origin/ingress.yaml']?.[0];
if (originComponent?.kind !== 'Component' || originPatch?.metadata?.name !== 'llmgw'
		|| originPatch?.metadata?.annotations?.['alb.ingress.kubernetes.io/manage-backend-security-group-rules'] !== 'true'
		|| !(originComponent?.patches ?? []).some((p) => /op: remove\s+path: \/metadata\/annotations\/alb\.ingress\.kubernetes\.io~1ssl-redirect/.test(p.patch ?? ''))) {
	problem(originComponentFile, 'a Component that lets the controller open the pods to its own security group (manage-backend-security-group-rules) and drops the HTTPS redirect of the llmgw ingress');
}
// deploy.sh annotates the ingress with the EKS stack's identifiers, and only with CloudFront
const cloudfrontBranch = /if \[ "\$USE_CLOUDFRONT" = true \]; then\n\t\tCOMPONENTS\+=\(\.\.\/\.\.\/deploy\/k8s\/components\/cloudfront-origin\)\n([\s\S]*?)\n\telse/.exec(deployScript)?.[1] ?? '';
if (!cloudfrontBranch.includes('wafv2-acl-arn "$(tf_output eks origin_web_acl_arn)"') || !cloudfrontBranch.includes('security-groups "$(tf_output eks origin_security_group_id)"')) {
	problem('deploy.sh', 'with USE_CLOUDFRONT on EKS the ingress must get the cloudfront-origin component and the annotations wafv2-acl-arn and security-groups from the EKS stack\'s outputs');
}
const fakeDir = 'deploy/k8s/components/fake-llm';
const fakeDocs = Object.entries(manifests).filter(([file]) => file.startsWith(`${fakeDir}/`)).flatMap(([, docs]) => docs);
const fakeOf = (kind) => fakeDocs.find((d) => d?.kind === kind);
const fakeDeployment = fakeOf('Deployment');
const fakeService = fakeOf('Service');
const fakeIngress = fakeOf('Ingress');
if (fakeOf('Component')?.resources?.some((r) => !existsSync(`${fakeDir}/${r}`)) ?? true) {
	problem(`${fakeDir}/kustomization.yaml`, 'a Component whose resources exist');
}
const fakePod = fakeDeployment?.spec?.template?.spec ?? {};
const fakeContainers = fakePod.containers ?? [];
if (fakeContainers.length !== 1 || fakeContainers[0].name !== 'fake-llm-server' || fakeContainers[0].image !== 'fake-llm-server') {
	problem(`${fakeDir}/deployment.yaml`, 'one container, fake-llm-server, of the image deploy.sh pushes');
}
for (const container of fakeContainers) {
	const ports = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
	if (!Object.values(ports).includes(fake.port)) {
		problem(`${fakeDir}/deployment.yaml`, `fake-llm-server: does not expose port ${fake.port}`);
	}
	for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
		const get = container[probe]?.httpGet;
		if (!get || (typeof get.port === 'string' ? ports[get.port] : get.port) !== fake.port) {
			problem(`${fakeDir}/deployment.yaml`, `fake-llm-server ${probe}: must probe port ${fake.port}`);
			continue;
		}
		checkPath(`${fakeDir}/deployment.yaml`, 'fake-llm-server', get.path, `fake-llm-server ${probe}`);
	}
	for (const variable of container.env ?? []) {
		if (!fake.variables.has(variable.name)) {
			problem(`${fakeDir}/deployment.yaml`, `fake-llm-server: ${variable.name} is not read by the fake server`);
		}
	}
	if (!container.resources?.requests || !container.resources?.limits) {
		problem(`${fakeDir}/deployment.yaml`, 'fake-llm-server: needs resource requests and limits');
	}
	const fakeServicePort = (fakeService?.spec?.ports ?? [])[0];
	if (ports[fakeServicePort?.targetPort] !== fake.port || fakeServicePort?.port !== fake.port) {
		problem(`${fakeDir}/service.yaml`, `must reach the container's port ${fake.port}`);
	}
}
// the fake server calls no AWS API: no role, no service account token
if (fakePod.serviceAccountName || fakePod.automountServiceAccountToken !== false) {
	problem(`${fakeDir}/deployment.yaml`, 'the fake server calls no AWS API: no service account of its own, no token');
}
const fakeAnnotations = fakeIngress?.metadata?.annotations ?? {};
const fakeBackends = (fakeIngress?.spec?.rules ?? []).flatMap((r) => r.http.paths).map((p) => p.backend.service);
if (fakeIngress?.spec?.ingressClassName !== 'alb' || fakeAnnotations['alb.ingress.kubernetes.io/listen-ports'] !== '[{"HTTPS": 443}]'
		|| fakeAnnotations['alb.ingress.kubernetes.io/group.name'] || fakeBackends.length === 0
		|| fakeBackends.some((b) => b.name !== fakeService?.metadata?.name || b.port.number !== fake.port)) {
	problem(`${fakeDir}/ingress.yaml`, 'its own ALB (no group.name), HTTPS only, to the fake server\'s Service');
}
checkPath(`${fakeDir}/ingress.yaml`, 'fake-llm-server', fakeAnnotations['alb.ingress.kubernetes.io/healthcheck-path'], 'the load balancer\'s health check');
if (fakeDocs.some((d) => d?.metadata && d.kind !== 'Component' && d.metadata.namespace !== 'llmgw')) {
	problem(fakeDir, 'every object in the llmgw namespace (the base\'s namespace does not reach a component)');
}
const eksFakeFile = 'deploy/terraform/eks/fake_llm.tf';
const eksFakeLocal = Object.assign({}, ...(parsed[eksFakeFile]?.locals ?? [])).fake_llm ?? '';
for (const variable of ['certificate_arn', 'hosted_zone_name', 'record_name']) {
	if (!eksFakeLocal.includes(`var.fake_llm_load_testing_endpoint_${variable} != ""`)) {
		problem(eksFakeFile, `local.fake_llm must require FAKE_LLM_LOAD_TESTING_ENDPOINT_${variable.toUpperCase()}`);
	}
}
const eksFakeRecord = eksResources('aws_route53_record').find((r) => r.file === eksFakeFile)?.block;
if (eksFakeRecord?.name !== '${var.fake_llm_load_testing_endpoint_record_name}' || eksFakeRecord?.alias?.[0]?.name !== '${var.fake_llm_ingress_hostname}') {
	problem(eksFakeFile, 'the fake endpoint needs its Route 53 record, FAKE_LLM_LOAD_TESTING_ENDPOINT_RECORD_NAME, for its ingress\'s load balancer');
}
if (!/fake_llm_endpoint_wanted; then\n\t\tCOMPONENTS\+=\(\.\.\/\.\.\/deploy\/k8s\/components\/fake-llm\)/.test(deployScript)) {
	problem('deploy.sh', 'on EKS the fake endpoint\'s three variables must add the fake-llm component');
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
