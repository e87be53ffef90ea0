import type { Jurisdiction, JurisdictionLevel } from '../../api/types.ts';

export interface JurisdictionNode {
  key: string;
  jurisdiction: Jurisdiction;
  children: JurisdictionNode[];
}

/** Builds the province → city → county tree; a node whose parent is out of sight becomes a root. */
export function buildTree(items: Jurisdiction[]): JurisdictionNode[] {
  const nodes = new Map(
    items.map((j) => [j.id, { key: j.id, jurisdiction: j, children: [] as JurisdictionNode[] }]),
  );
  const roots: JurisdictionNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.jurisdiction.parentId ? nodes.get(node.jurisdiction.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: JurisdictionNode[]) => {
    list.sort((a, b) => a.jurisdiction.code.localeCompare(b.jurisdiction.code));
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

export const CHILD_LEVEL: Record<JurisdictionLevel, JurisdictionLevel | undefined> = {
  province: 'city',
  city: 'county',
  county: undefined,
};

export const LEVEL_COLORS: Record<JurisdictionLevel, string> = {
  province: 'geekblue',
  city: 'cyan',
  county: 'green',
};
