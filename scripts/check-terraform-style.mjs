// Checks that .tf files keep `terraform fmt` style, for machines without the terraform binary (no registry here
// ships it). It follows hclwrite's formatter (hashicorp/hcl, hclwrite/format.go): a line's indent is two spaces per
// open bracket level, where a line that opens brackets is indented before them and a line that closes them after;
// runs of consecutive one-line attributes at the same level align their `=`; no tabs, no trailing spaces, one
// newline at the end. Where terraform is installed, check-deploy.sh runs `terraform fmt -check` as well.
//
//   node scripts/check-terraform-style.mjs FILE...     exits 1 naming each file, line and problem
import { readFileSync } from 'node:fs';

// Bracket changes of one line, outside strings, comments and ${...} templates.
function scan(line) {
	let net = 0;
	let inString = false;
	let templateDepth = 0;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (inString) {
			if (c === '\\') {
				i++;
			}
			else if (c === '$' && line[i + 1] === '{') {
				templateDepth++;
				i++;
			}
			else if (c === '}' && templateDepth > 0) {
				templateDepth--;
			}
			else if (c === '"' && templateDepth === 0) {
				inString = false;
			}
			continue;
		}
		if (c === '"') {
			inString = true;
		}
		else if (c === '#' || (c === '/' && line[i + 1] === '/')) {
			break;
		}
		else if ('{[('.includes(c)) {
			net++;
		}
		else if ('}])'.includes(c)) {
			net--;
		}
	}
	return net;
}

const ATTRIBUTE = /^(\s*)([A-Za-z_][\w-]*|"[^"]*")(\s*)=(?!=)\s*(.*)$/;

function check(file) {
	const problems = [];
	const text = readFileSync(file, 'utf8');
	if (!text.endsWith('\n') || text.endsWith('\n\n')) {
		problems.push('the file must end with exactly one newline');
	}
	const lines = text.replace(/\n$/, '').split('\n');
	const indents = [];
	let heredoc = null;
	let group = [];

	const closeGroup = () => {
		if (group.length > 0) {
			const width = Math.max(...group.map((g) => g.key.length));
			for (const g of group) {
				const expected = ' '.repeat(width - g.key.length + 1);
				if (g.gap !== expected) {
					problems.push(`line ${g.number}: "=" of ${g.key} not aligned with its neighbours (terraform fmt)`);
				}
			}
		}
		group = [];
	};

	lines.forEach((line, index) => {
		const number = index + 1;
		if (heredoc) {
			if (line.trim() === heredoc) {
				heredoc = null;
			}
			return;
		}
		if (line.includes('\t')) {
			problems.push(`line ${number}: tab`);
		}
		if (/[ \t]+$/.test(line)) {
			problems.push(`line ${number}: trailing whitespace`);
		}
		if (line.trim() === '') {
			closeGroup();
			return;
		}
		const net = scan(line);
		let level;
		if (net > 0) {
			level = indents.length;
			indents.push(net);
		}
		else if (net < 0) {
			let closed = -net;
			while (closed > 0 && indents.length > 0) {
				const top = indents[indents.length - 1];
				if (closed > top) {
					closed -= top;
					indents.pop();
				}
				else if (closed < top) {
					indents[indents.length - 1] = top - closed;
					closed = 0;
				}
				else {
					indents.pop();
					closed = 0;
				}
			}
			level = indents.length;
		}
		else {
			level = indents.length;
		}
		const actual = line.length - line.trimStart().length;
		if (actual !== 2 * level) {
			problems.push(`line ${number}: indented ${actual} spaces, terraform fmt indents ${2 * level}`);
		}
		const start = /<<-?([A-Z_]+)\s*$/.exec(line);
		if (start) {
			heredoc = start[1];
		}
		const attribute = ATTRIBUTE.exec(line);
		if (attribute && net === 0 && !start) {
			group.push({ number, key: attribute[2], gap: attribute[3] });
		}
		else {
			closeGroup();
			if (attribute && attribute[3] !== ' ') {
				problems.push(`line ${number}: one space before "=" of ${attribute[2]}`);
			}
		}
	});
	closeGroup();
	return problems;
}

let failed = false;
for (const file of process.argv.slice(2)) {
	for (const problem of check(file)) {
		console.log(`${file}: ${problem}`);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
