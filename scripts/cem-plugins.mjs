/**
 * Our analyzer plugins (custom-elements-manifest.config.mjs). What the analyzer alone gets wrong
 * or leaves out, and which tools notice:
 * - definitions: our tags are registered by `defineOnce` (only when free), which the analyzer
 *   reads as a definition of a tag named `tag`; each class names its tag with `@tagname`, and
 *   the definition belongs to the element's define file (`components/<tag>/<tag>.ts`);
 * - literal values: an attribute or property typed by an alias (`sort: TenantSortKey`) gets
 *   `parsedType` with the alias written out by the TypeScript checker (`'name' | 'id' | …`), which
 *   the IDE data offers as the attribute's values and the catalog lists;
 * - paths: the analyzer records source paths (`components/x.ts`, and re-exports as written,
 *   `./y.js`); the package ships dist/, so every path and reference is mapped to the built
 *   module, relative to the package root (PACKAGE_LAYOUT);
 * - events: `@fires` gives a name and a description; the type comes from the one list of
 *   every event and its detail, `ServicesEventDetails` in components/events.ts;
 * - tokens: the `--sc-*` design tokens (components/styles/tokens.ts, with a comment each) are
 *   listed as CSS properties of every element whose styles read them;
 * - keyboard: `@keyboard Key - what it does` in a class comment is recorded as `keyboard`
 *   (not a field of the schema; tools ignore it, the catalog shows it);
 * - the schema version: with every event typed the manifest is what schema 2.1.0 describes.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import { getVsCodeCssCustomData, getVsCodeHtmlCustomData } from 'custom-element-vs-code-integration';


/**
 * A module's path as the repository names it: the checker's program gives absolute ones, and the
 * analyzer resolves `export * from` against them and drops the leading slash.
 */
function sourcePath(path) {
  const root = process.cwd().replace(/^\//, '');
  if (path.startsWith('/')) return relative(process.cwd(), path).split('\\').join('/');
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** The text of a JSDoc comment (a string or, since TypeScript 4.3, a list of parts). */
function commentText(comment) {
  if (comment === undefined) return '';
  return (typeof comment === 'string' ? comment : comment.map((part) => part.text).join('')).trim();
}

/** The JSDoc text right above a node (`/** … *\/`), without its tags. */
function jsDocOf(ts, node) {
  return (node.jsDoc ?? [])
    .map((doc) => commentText(doc.comment))
    .join('\n')
    .trim();
}

/** The checker over the package's sources, made when the analyzer asks for the modules. */
let checker;

/**
 * The modules to analyze, from one TypeScript program over the package's sources
 * (tsconfig.build.json), so that the plugins can ask its checker what an alias stands for.
 * `overrideModuleCreation` of the config; `ts` is the analyzer's own TypeScript.
 */
export function programModules(ts, files) {
  const configFile = ts.readConfigFile('tsconfig.build.json', ts.sys.readFile);
  const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, process.cwd());
  const wanted = new Set(files.map((file) => join(process.cwd(), file)));
  const program = ts.createProgram({ rootNames: [...wanted], options: config.options });
  checker = program.getTypeChecker();
  return program.getSourceFiles().filter((file) => wanted.has(file.fileName));
}

/**
 * `'name' | 'id'` when a member's declared type is made of literals only (`undefined` may join
 * them), else undefined: a plain `string`, `boolean` or an object type says nothing more written out.
 */
function literalUnion(ts, member) {
  const type = checker.getTypeAtLocation(member);
  const parts = type.isUnion() ? type.types : [type];
  const literals = parts.filter((part) => part.isStringLiteral() || part.isNumberLiteral());
  const rest = parts.filter((part) => !literals.includes(part));
  if (literals.length === 0 || rest.some((part) => !(part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)))) return undefined;
  return [...literals.map((part) => (part.isStringLiteral() ? `'${part.value}'` : String(part.value))), ...rest.map((part) => checker.typeToString(part))].join(' | ');
}

/**
 * The element plugins, in the order they must run: definitions and types first, paths last
 * (everything before works on source paths).
 */
export function manifestPlugins(layout, outdir) {
  const EVENTS_MODULE = `${layout.elementsDir}/events.ts`;
  const TOKENS_MODULE = `${layout.elementsDir}/styles/tokens.ts`;
  const defineFileOf = (tag) => `${layout.elementsDir}/${tag}/${tag}.ts`;
  /** `--sc-<name>` → default and description, from tokens.ts. */
  const tokens = [];
  /** Event name → its detail type's name, from ServicesEventDetails. */
  const eventDetails = new Map();
  /** `module#Class.field` → the field's literal union, for members declared with an alias. */
  const literalTypes = new Map();
  /** Source module → the modules it imports (relative imports only), to see who reads tokens.ts. */
  const imports = new Map();

  const toPackage = (path) => {
    for (const [source, built] of Object.entries(layout.sourceToPackage)) {
      if (path.startsWith(source)) return built + path.slice(source.length).replace(/\.ts$/, '.js');
    }
    return path;
  };
  /** A module reference: a path of ours, or a relative specifier resolved from `from`. */
  const resolveModule = (module, from) => {
    const path = module.startsWith('.') ? posix.join(posix.dirname(from), module).replace(/\.js$/, '.ts') : sourcePath(module);
    return toPackage(path);
  };
  const readsTokens = (module, seen = new Set()) => {
    if (module === TOKENS_MODULE) return true;
    if (seen.has(module)) return false;
    seen.add(module);
    return (imports.get(module) ?? []).some((next) => readsTokens(next, seen));
  };

  const collect = (ts, node) => {
    const file = sourcePath(node.fileName);
    imports.set(
      file,
      ts
        .preProcessFile(node.text, true, false)
        .importedFiles.map((i) => i.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => posix.join(posix.dirname(file), name).replace(/\.js$/, '.ts')),
    );
    // The styles are not analyzed (no declarations worth a manifest entry), but who reads
    // the tokens is known only through them: their imports are read from disk.
    for (const styles of imports.get(file).filter((name) => name.endsWith('.styles.ts') || name.startsWith(`${layout.elementsDir}/styles/`))) {
      if (imports.has(styles)) continue;
      const source = ts.createSourceFile(styles, readFileSync(styles, 'utf8'), ts.ScriptTarget.ES2022, true);
      collect(ts, source);
    }
    if (file === TOKENS_MODULE && tokens.length === 0) collectTokens(ts, node, tokens);
    if (file === EVENTS_MODULE && eventDetails.size === 0) collectEventDetails(ts, node, eventDetails);
  };

  return [
    {
      name: 'seppmail-sources',
      collectPhase({ ts, node }) {
        if (ts.isSourceFile(node)) collect(ts, node);
      },
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const keyboard = (node.jsDoc ?? [])
          .flatMap((doc) => doc.tags ?? [])
          .filter((tag) => tag.tagName.text === 'keyboard')
          .map((tag) => {
            const [, key, description] = /^(.+?)\s+-\s+([\s\S]+)$/.exec(commentText(tag.comment)) ?? [];
            if (!key) throw new Error(`${moduleDoc.path}: @keyboard needs "Key - what it does": ${commentText(tag.comment)}`);
            return { key: key.trim(), description: description.replace(/\s+/g, ' ').trim() };
          });
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
        if (declaration && keyboard.length) declaration.keyboard = keyboard;
        for (const member of node.members) {
          if (!member.name || !member.type || !(ts.isPropertyDeclaration(member) || ts.isGetAccessor(member) || ts.isSetAccessor(member))) continue;
          const union = literalUnion(ts, member);
          if (union && union !== member.type.getText()) literalTypes.set(`${sourcePath(moduleDoc.path)}#${node.name.text}.${member.name.getText()}`, union);
        }
      },
    },
    {
      name: 'seppmail-elements',
      packageLinkPhase({ customElementsManifest }) {
        const { modules } = customElementsManifest;
        for (const module of modules) module.path = sourcePath(module.path);
        const tags = new Set(modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.customElement && d.tagName ? [d.tagName] : [])));

        for (const module of modules) {
          // `customElements.define(tag, …)` inside defineOnce is no definition of an element.
          module.exports = (module.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || tags.has(e.name));
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement || !declaration.tagName) continue;
            const defineFile = modules.find((m) => m.path === defineFileOf(declaration.tagName));
            if (!defineFile) throw new Error(`${declaration.tagName}: no define file ${defineFileOf(declaration.tagName)}`);
            if (!defineFile.exports.some((e) => e.kind === 'custom-element-definition' && e.name === declaration.tagName)) {
              defineFile.exports.push({ kind: 'custom-element-definition', name: declaration.tagName, declaration: { name: declaration.name, module: module.path } });
            }
            // `@summary` takes the whole class comment up to the first tag: its first paragraph is
            // the summary that listings show, the rest the description.
            if (!declaration.description?.trim() && declaration.summary?.includes('\n\n')) {
              const [first, ...rest] = declaration.summary.split('\n\n');
              declaration.summary = first;
              declaration.description = rest.join('\n\n');
            }
            // Inherited members keep the module and class that declared them.
            for (const member of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
              const from = member.inheritedFrom;
              const union = literalTypes.get(`${sourcePath(from?.module ?? module.path)}#${from?.name ?? declaration.name}.${member.fieldName ?? member.name}`);
              if (union) member.parsedType = { text: union };
            }
            for (const event of declaration.events ?? []) {
              const detail = eventDetails.get(event.name);
              if (detail) event.type = { text: `CustomEvent<${detail}>` };
            }
            // The analyzer records events it sees dispatched without a name (a variable's): they are
            // documented by name with @fires, and a nameless event is nothing a tool can offer.
            declaration.events = declaration.events?.filter((event) => event.name);
            if (readsTokens(module.path.replace(/\.component\.ts$/, '.styles.ts'))) {
              const own = new Set((declaration.cssProperties ?? []).map((p) => p.name));
              declaration.cssProperties = [...(declaration.cssProperties ?? []), ...tokens.filter((t) => !own.has(t.name))];
            }
          }
        }

        customElementsManifest.schemaVersion = '2.1.0';
        const walk = (node, from) => {
          if (Array.isArray(node)) node.forEach((item) => walk(item, from));
          else if (node && typeof node === 'object') {
            for (const [key, value] of Object.entries(node)) {
              // A reference to another package (`package`: 'lit') names that package's module.
              if (key === 'module' && typeof value === 'string' && !node.package) node[key] = resolveModule(value, from);
              else walk(value, from);
            }
          }
        };
        for (const module of modules) {
          walk(module.declarations, module.path);
          walk(module.exports, module.path);
        }
        for (const module of modules) module.path = toPackage(module.path);
      },
    },
    ideDataPlugin(layout, outdir, (name) => tokens.some((t) => t.name === name)),
  ];
}

/** The tokens from `TOKEN_DEFAULTS = { 'name': 'default', … }`, each with the comment above it. */
function collectTokens(ts, file, into) {
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() === 'TOKEN_DEFAULTS') {
      let value = node.initializer;
      while (value && (ts.isAsExpression(value) || ts.isSatisfiesExpression?.(value))) value = value.expression;
      for (const property of value.properties) {
        const name = property.name.text;
        const description = jsDocOf(ts, property);
        if (!description) throw new Error(`${file.fileName}: the token ${name} has no comment`);
        into.push({ name: `--sc-${name}`, description, default: property.initializer.text, syntax: syntaxOf(name) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** What a token takes, by its family, as CSS's `@property` syntax says it (`*`: anything). */
function syntaxOf(name) {
  if (name.startsWith('color-')) return '<color>';
  if (/^(space-|radius-|font-size-)|-width$/.test(name)) return '<length>';
  if (name.startsWith('font-weight') || name === 'line-height') return '<number>';
  return '*';
}

/** `'tenant-select': TenantSelectDetail;` … from the interface ServicesEventDetails. */
function collectEventDetails(ts, file, into) {
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== 'ServicesEventDetails') continue;
    for (const member of statement.members) {
      if (ts.isPropertySignature(member) && member.type) into.set(member.name.text, member.type.getText());
    }
  }
}

/**
 * VS Code's custom data (HTML: tags, attributes with their values; CSS: the properties and parts)
 * and JetBrains' web-types, from the finished manifest, next to it. Attribute values come from
 * `parsedType` (the literal union), not the alias' name.
 */
function ideDataPlugin(layout, outdir, isToken) {
  return {
    name: 'seppmail-ide-data',
    packageLinkPhase({ customElementsManifest }) {
      const options = { typesSrc: 'parsedType', hideLogs: true, hideMethodDocs: true };
      // An element's hover lists its own CSS properties; the 37 tokens, the same on every
      // element, would bury them: they are offered once, by the CSS data.
      const withoutTokens = structuredClone(customElementsManifest);
      for (const declaration of withoutTokens.modules.flatMap((m) => m.declarations ?? [])) {
        if (declaration.cssProperties) declaration.cssProperties = declaration.cssProperties.filter((p) => !isToken(p.name));
      }
      const pkg = JSON.parse(readFileSync(join(layout.packageDir, 'package.json'), 'utf8'));
      const webTypes = JSON.parse(getWebTypesData(withoutTokens, options));
      // …and once in the web-types' CSS properties, which the generator takes from the elements.
      const css = webTypes.contributions.css;
      const tokenList = JSON.parse(getWebTypesData(customElementsManifest, options)).contributions.css.properties.filter((p) => isToken(p.name));
      css.properties = [...new Map([...css.properties, ...tokenList].map((p) => [p.name, p])).values()];
      // The generator names the package in the current folder; ours is the layout's.
      webTypes.name = pkg.name;
      webTypes.version = pkg.version;
      const files = {
        [layout.ideData.vscodeHtml]: JSON.parse(getVsCodeHtmlCustomData(withoutTokens, options)),
        [layout.ideData.vscodeCss]: dedupeCss(JSON.parse(getVsCodeCssCustomData(customElementsManifest, options))),
        [layout.ideData.webTypes]: webTypes,
      };
      mkdirSync(outdir, { recursive: true });
      for (const [name, data] of Object.entries(files)) {
        mkdirSync(dirname(join(outdir, name)), { recursive: true });
        writeFileSync(join(outdir, name), `${JSON.stringify(data, null, 2)}\n`);
      }
    },
  };
}

/** The tokens are listed on every element; VS Code wants each property once. */
function dedupeCss(data) {
  const once = (list) => [...new Map((list ?? []).map((item) => [item.name, item])).values()];
  return { ...data, properties: once(data.properties), pseudoElements: once(data.pseudoElements) };
}
