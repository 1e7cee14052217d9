import { describe, expect, it } from 'vitest';
import { DOCUMENT_PROBLEMS } from './documents.js';
import { IDENTITY_PROBLEMS, REGISTRY_PROBLEMS, checkIdentity, matchRegistry, type RegistryEntry } from './identity.js';
import { NAME_PROBLEMS } from './names.js';

const opts = { now: new Date('2026-06-15T04:00:00Z') };

// A registry as the entry manifest fills it: canonical numbers, names as printed on the document.
const registry: (RegistryEntry & { id: string })[] = [
  { id: 'r1', name: 'LEE SMITH ANNA MARIE', documentType: 'passport', documentNumber: 'E12345678' },
  { id: 'r2', name: '陈大文', documentType: 'hk-macau-permit', documentNumber: 'H12345678' },
  { id: 'r3', name: '林美玲', documentType: 'taiwan-permit', documentNumber: '12345678' },
  { id: 'r4', name: 'GARCIA LOPEZ JOSE', documentType: 'passport', documentNumber: 'P7654321' },
];
const lookUp = (number: string) => registry.filter((e) => e.documentNumber === number);

function enter(name: string, documentType: RegistryEntry['documentType'], documentNumber: string, issueCount?: string) {
  const checked = checkIdentity({ name, documentType, documentNumber, issueCount }, opts);
  if (!checked.ok) throw new Error(`unexpected problems: ${JSON.stringify(checked.problems)}`);
  return matchRegistry(checked.identity, lookUp(checked.identity.document.number));
}

describe('checkIdentity', () => {
  it('returns the registry forms of name and document', () => {
    expect(checkIdentity({ name: ' anna-marie lee smith ', documentType: 'passport', documentNumber: 'e1234 5678' }, opts)).toEqual({
      ok: true,
      identity: { name: 'ANNA MARIE LEE SMITH', document: { type: 'passport', number: 'E12345678' } },
    });
    expect(checkIdentity({ name: '陈大文', documentType: 'hk-macau-permit', documentNumber: 'H1234567802' }, opts)).toEqual({
      ok: true,
      identity: { name: '陈大文', document: { type: 'hk-macau-permit', number: 'H12345678', issueCount: '02' } },
    });
  });

  it('names every wrong field at once, name first', () => {
    expect(checkIdentity({ name: 'Anna 2', documentType: 'hk-macau-permit', documentNumber: 'H12345678' }, opts)).toEqual({
      ok: false,
      problems: [
        { field: 'name', problem: 'name-digits' },
        { field: 'issueCount', problem: 'issue-count-missing' },
      ],
    });
    expect(checkIdentity({ name: '张三', documentType: 'mainland-id', documentNumber: '440106199001011236' }, opts)).toEqual({
      ok: false,
      problems: [{ field: 'documentNumber', problem: 'id-check-digit' }],
    });
  });
});

describe('matchRegistry', () => {
  it.each([
    ['  anna-marie lee smith ', 'passport', 'E12345678', undefined, 'r1'],
    ['LEE SMITH ANNA MARIE', 'passport', 'e 1234 5678', undefined, 'r1'],
    ['jose garcia lopez', 'passport', 'P7654321', undefined, 'r4'],
    ['陈大文', 'hk-macau-permit', 'H12345678', '00', 'r2'],
    // A renewed card: the lifelong number stays, the issue count moves on.
    ['陈 大文', 'hk-macau-permit', 'H1234567803', undefined, 'r2'],
    ['林美玲', 'taiwan-permit', '1234567801(B)', undefined, 'r3'],
  ] as const)('finds %j with %s %s', (name, type, number, count, id) => {
    expect(enter(name, type, number, count)).toMatchObject({ ok: true, entry: { id } });
  });

  it('says which field to look at when nothing matches', () => {
    // A passport issued after entry is not in the manifest: the page asks for the one used to enter.
    expect(enter('anna marie lee smith', 'passport', 'E99999999')).toEqual({
      ok: false,
      field: 'documentNumber',
      problem: 'identity-not-found',
    });
    expect(enter('anna lee smith', 'passport', 'E12345678')).toEqual({ ok: false, field: 'name', problem: 'identity-name-mismatch' });
    expect(enter('陈小文', 'hk-macau-permit', 'H12345678', '00')).toEqual({ ok: false, field: 'name', problem: 'identity-name-mismatch' });
  });

  it('does not match a number registered under another document type', () => {
    const checked = checkIdentity({ name: '林美玲', documentType: 'passport', documentNumber: '12345678' }, opts);
    if (!checked.ok) throw new Error('should be a valid passport number');
    expect(matchRegistry(checked.identity, registry)).toMatchObject({ ok: false, problem: 'identity-not-found' });
  });

  it('accepts entries whose numbers were stored with spaces or lower case', () => {
    const checked = checkIdentity({ name: 'smith john', documentType: 'passport', documentNumber: 'AB1234567' }, opts);
    if (!checked.ok) throw new Error('should be valid');
    const stored: RegistryEntry = { name: 'SMITH JOHN', documentType: 'passport', documentNumber: ' ab12 34567' };
    expect(matchRegistry(checked.identity, [stored])).toEqual({ ok: true, entry: stored });
  });
});

describe('problem codes', () => {
  it('are unique across names, documents and the registry', () => {
    expect(new Set(IDENTITY_PROBLEMS).size).toBe(IDENTITY_PROBLEMS.length);
    expect(IDENTITY_PROBLEMS.length).toBe(NAME_PROBLEMS.length + DOCUMENT_PROBLEMS.length + REGISTRY_PROBLEMS.length);
  });
});
