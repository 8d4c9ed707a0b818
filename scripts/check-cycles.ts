// Import cycles, type imports counted: eslint's import-x/no-cycle skips `import type`, yet a type
// cycle still ties two modules together (neither can be understood, moved or tested alone).
//   node --import tsx scripts/check-cycles.ts        (part of `npm run lint`)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const roots = ['src'];
const IMPORT = /(?:^|[;\n])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const graph = new Map<string, string[]>();
for (const file of roots.flatMap((r) => files(join(root, r)))) {
  const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const targets = new Set<string>();
  for (const match of source.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    targets.add(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  graph.set(file, [...targets].filter((t) => t !== file));
}

// Tarjan's strongly connected components: any component of more than one module is a cycle.
let index = 0;
const stack: string[] = [];
const onStack = new Set<string>();
const indices = new Map<string, number>();
const low = new Map<string, number>();
const cycles: string[][] = [];
function visit(node: string): void {
  indices.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!graph.has(next)) continue;
    if (!indices.has(next)) {
      visit(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!));
  }
  if (low.get(node) === indices.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component);
  }
}
for (const node of graph.keys()) if (!indices.has(node)) visit(node);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import cycle (type imports counted): ${cycle.map((f) => relative(root, f)).sort().join(' ↔ ')}`);
  process.exit(1);
}
console.log(`check-cycles: ${graph.size} modules, no import cycle (type imports counted)`);
