// Every request field is bounded: the walker goes through each endpoint's body and query and
// lists every number without both bounds and every string without a length and the well-formed
// Unicode check. Adding an endpoint with a bare v.number() or v.string() fails here, naming it.

import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Endpoint } from './contract.js';
import { ALL_ENDPOINTS } from './endpoints.js';
import { epochMs, int, isWellFormed, matching, MAX_EPOCH_MS, text } from './fields.js';

type Node = { type: string; kind?: string; pipe?: readonly Node[]; requirement?: unknown; [k: string]: unknown };

const actionsOf = (s: Node): Node[] => (s.pipe ?? []).slice(1) as Node[];

function unbounded(schema: Node, path: string, out: string[]): string[] {
  const actions = actionsOf(schema);
  const has = (type: string) => actions.some((a) => a.type === type);
  switch (schema.type) {
    case 'number':
      if (!has('min_value') || !has('max_value')) out.push(`${path || '(root)'}: a number without both bounds`);
      break;
    case 'string':
      if (!actions.some((a) => a.type === 'check' && a.requirement === isWellFormed)) out.push(`${path || '(root)'}: a string without the well-formed Unicode check`);
      if (!has('max_length') && !has('length') && !has('regex')) out.push(`${path || '(root)'}: a string without a length bound`);
      break;
    case 'boolean':
    case 'literal':
    case 'picklist':
    case 'enum':
      break;
    case 'object':
    case 'strict_object':
    case 'loose_object':
      for (const [k, e] of Object.entries(schema.entries as Record<string, Node>)) unbounded(e, path ? `${path}.${k}` : k, out);
      break;
    case 'array':
      unbounded(schema.item as Node, `${path}[]`, out);
      if (!has('max_length') && !has('length')) out.push(`${path || '(root)'}: an array without a length bound`);
      break;
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
      unbounded(schema.wrapped as Node, path, out);
      break;
    case 'variant':
    case 'union':
      for (const o of schema.options as Node[]) unbounded(o, path, out);
      break;
    default:
      out.push(`${path || '(root)'}: a ${schema.type} the walker does not know`);
  }
  return out;
}

const requestProblems = (endpoints: readonly Endpoint[]) =>
  endpoints.flatMap((e) => [
    ...(e.body ? unbounded(e.body as unknown as Node, '', []).map((p) => `${e.method} ${e.path} body ${p}`) : []),
    ...(e.query ? unbounded(e.query as unknown as Node, '', []).map((p) => `${e.method} ${e.path} query ${p}`) : []),
  ]);

describe('request fields', () => {
  it('are bounded on every endpoint: numbers both ways, strings in length and to well-formed Unicode', () => {
    expect(requestProblems(ALL_ENDPOINTS)).toEqual([]);
  });

  it('the walker finds a bare number, string or array however deep', () => {
    const e: Endpoint = {
      method: 'POST',
      path: '/x',
      access: { public: true },
      response: v.strictObject({}),
      body: v.strictObject({ n: v.number(), rows: v.optional(v.array(v.strictObject({ s: v.pipe(v.string(), v.maxLength(5)) }))) }),
    };
    expect(requestProblems([e])).toEqual([
      'POST /x body n: a number without both bounds',
      'POST /x body rows[].s: a string without the well-formed Unicode check',
      'POST /x body rows: an array without a length bound',
    ]);
  });
});

describe('the field helpers', () => {
  it('refuse lone surrogates, keep paired ones', () => {
    const t = text(20);
    expect(v.is(t, '张小明 👍')).toBe(true);
    expect(v.is(t, 'a\uD800b')).toBe(false);
    expect(v.is(t, '\uDC00')).toBe(false);
    expect(v.is(t, 'x\uD83D')).toBe(false);
    expect(v.is(matching(/^[a-z\uD800]+$/, 'x'), 'a\uD800')).toBe(false);
  });

  it('bound numbers both ways', () => {
    expect(v.is(int(0, 10), 10)).toBe(true);
    expect(v.is(int(0, 10), 11)).toBe(false);
    expect(v.is(int(0, 10), 1.5)).toBe(false);
    expect(v.is(epochMs(), 1e20)).toBe(false);
    expect(v.is(epochMs(), MAX_EPOCH_MS)).toBe(true);
    expect(v.is(epochMs(), -1)).toBe(false);
  });
});
