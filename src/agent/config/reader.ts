import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';

/**
 * Reads a YAML document with every problem named by `file:line:col`, so an operator editing the
 * configuration on a server finds the line at once. Errors are collected, not thrown one by one.
 */
export class YamlReader {
  readonly errors: string[] = [];
  readonly #lines = new LineCounter();
  readonly root: Node | null;

  constructor(
    readonly file: string,
    text: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    const doc = parseDocument(text, { lineCounter: this.#lines, prettyErrors: false, uniqueKeys: true });
    for (const error of doc.errors) {
      const offset = error.pos?.[0];
      const pos = offset === undefined ? undefined : this.#lines.linePos(offset);
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      this.errors.push(`${where}: YAML 语法错误 / YAML syntax error: ${error.message.split('\n')[0]}`);
    }
    this.root = doc.errors.length > 0 ? null : (doc.contents as Node | null);
  }

  /** `file:line:col` of a node (or of the file when the node is missing). */
  at(node: Node | null | undefined): string {
    const offset = node?.range?.[0];
    if (offset === undefined) return this.file;
    const { line, col } = this.#lines.linePos(offset);
    return `${this.file}:${line}:${col}`;
  }

  fail(node: Node | null | undefined, zh: string, en: string): undefined {
    this.errors.push(`${this.at(node)}: ${zh} / ${en}`);
    return undefined;
  }

  /** A mapping node, or an error naming where it was expected. */
  map(node: Node | null | undefined, path: string, parent?: Node | null): Section | undefined {
    if (node === null || node === undefined) return undefined;
    if (!isMap(node)) return this.fail(node ?? parent, `${path} 应为键值映射`, `${path} must be a mapping`);
    return new Section(this, node, path);
  }

  /** A string with `${ENV}` references replaced; unknown variables are errors. */
  expand(node: Node, value: string, path: string): string | undefined {
    let ok = true;
    const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$\$/g, (whole, name: string | undefined) => {
      if (whole === '$$') return '$';
      const env = this.env[name as string];
      if (env === undefined) {
        ok = false;
        this.fail(
          node,
          `${path} 引用的环境变量 ${name} 未设置`,
          `${path} uses environment variable ${name}, which is not set`,
        );
        return '';
      }
      return env;
    });
    return ok ? out : undefined;
  }
}

type Check<T> = { required?: boolean; default?: T };

/** One mapping of the document: typed getters that record errors and remember which keys were read. */
export class Section {
  readonly #known = new Set<string>();

  constructor(
    readonly reader: YamlReader,
    readonly node: YAMLMap,
    readonly path: string,
  ) {}

  get at(): string {
    return this.reader.at(this.node);
  }

  child(key: string): Node | null | undefined {
    this.#known.add(key);
    const pair = this.node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return undefined;
    return (pair.value as Node | null) ?? null;
  }

  keyNode(key: string): Node | undefined {
    return this.node.items.find((p) => isScalar(p.key) && String(p.key.value) === key)?.key as
      | Node
      | undefined;
  }

  #name(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  #missing(key: string): undefined {
    return this.reader.fail(
      this.node,
      `缺少必填项 ${this.#name(key)}`,
      `missing required key ${this.#name(key)}`,
    );
  }

  string(key: string, check: Check<string> & { pattern?: RegExp; hint?: string } = {}): string | undefined {
    const node = this.child(key);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (check.required) return this.#missing(key);
      return check.default;
    }
    if (!isScalar(node) || typeof node.value === 'object')
      return this.reader.fail(node, `${this.#name(key)} 应为文本`, `${this.#name(key)} must be text`);
    const raw = String(node.value);
    const value = this.reader.expand(node, raw, this.#name(key));
    if (value === undefined) return undefined;
    if (value.trim() === '')
      return this.reader.fail(node, `${this.#name(key)} 不能为空`, `${this.#name(key)} must not be empty`);
    if (check.pattern && !check.pattern.test(value))
      return this.reader.fail(
        node,
        `${this.#name(key)} 的值“${raw}”无效${check.hint ? `（${check.hint}）` : ''}`,
        `${this.#name(key)}: "${raw}" is not valid${check.hint ? ` (${check.hint})` : ''}`,
      );
    return value;
  }

  oneOf<const T extends readonly string[]>(
    key: string,
    allowed: T,
    check: Check<T[number]> = {},
  ): T[number] | undefined {
    const node = this.child(key);
    const value = this.string(key, { ...check, default: check.default as string | undefined });
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value))
      return this.reader.fail(
        node,
        `${this.#name(key)} 应为 ${allowed.join(' | ')} 之一，而非“${value}”`,
        `${this.#name(key)} must be one of ${allowed.join(' | ')}, not "${value}"`,
      );
    return value as T[number];
  }

  number(
    key: string,
    check: Check<number> & { min?: number; max?: number; integer?: boolean } = {},
  ): number | undefined {
    const node = this.child(key);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) {
      if (check.required) return this.#missing(key);
      return check.default;
    }
    const raw = isScalar(node) ? node.value : undefined;
    const value =
      typeof raw === 'number'
        ? raw
        : typeof raw === 'string'
          ? Number(this.reader.expand(node, raw, this.#name(key)))
          : Number.NaN;
    const range = `${check.min ?? '-∞'}–${check.max ?? '∞'}`;
    if (
      !Number.isFinite(value) ||
      (check.integer && !Number.isInteger(value)) ||
      (check.min !== undefined && value < check.min) ||
      (check.max !== undefined && value > check.max)
    )
      return this.reader.fail(
        node,
        `${this.#name(key)} 应为 ${range} 之间的${check.integer ? '整数' : '数'}`,
        `${this.#name(key)} must be a${check.integer ? 'n integer' : ' number'} in ${range}`,
      );
    return value;
  }

  boolean(key: string, check: Check<boolean> = {}): boolean | undefined {
    const node = this.child(key);
    if (node === undefined || node === null) {
      if (check.required) return this.#missing(key);
      return check.default;
    }
    if (!isScalar(node) || typeof node.value !== 'boolean')
      return this.reader.fail(
        node,
        `${this.#name(key)} 应为 true 或 false`,
        `${this.#name(key)} must be true or false`,
      );
    return node.value;
  }

  section(key: string, required = false): Section | undefined {
    const node = this.child(key);
    if (node === undefined || node === null) return required ? this.#missing(key) : undefined;
    return this.reader.map(node, this.#name(key));
  }

  /** A list of mappings, each read by `read`. */
  list<T>(key: string, read: (section: Section, index: number) => T | undefined): T[] {
    const node = this.child(key);
    if (node === undefined || node === null) return [];
    if (!isSeq(node)) {
      this.reader.fail(node, `${this.#name(key)} 应为列表`, `${this.#name(key)} must be a list`);
      return [];
    }
    const out: T[] = [];
    node.items.forEach((item, index) => {
      const section = this.reader.map(item as Node, `${this.#name(key)}[${index}]`, node);
      const value = section ? read(section, index) : undefined;
      if (section) section.done();
      if (value !== undefined) out.push(value);
    });
    return out;
  }

  /** Each key of this mapping with its value node, for maps keyed by name. */
  entries(): Array<{ key: string; keyNode: Node; value: Node | null }> {
    return this.node.items.map((pair) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      this.#known.add(key);
      return { key, keyNode: pair.key as Node, value: (pair.value as Node | null) ?? null };
    });
  }

  /** Reports keys nobody asked for: most are typos of a real key. */
  done(): void {
    for (const pair of this.node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!this.#known.has(key))
        this.reader.fail(pair.key as Node, `未知配置项 ${this.#name(key)}`, `unknown key ${this.#name(key)}`);
    }
  }
}
