import { describe, expect, it } from 'vitest';
import { renderExplain, type OpenApiDocument } from './render';
import { wrap } from './wrap';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A small document: a Widget kind with a spec, an enum, a map, a list and a self-reference. */
const DOC: OpenApiDocument = {
  paths: {
    '/apis/example.com/v1/namespaces/{namespace}/widgets': {
      get: { 'x-kubernetes-group-version-kind': { group: 'example.com', version: 'v1', kind: 'Widget' } },
    },
  },
  components: {
    schemas: {
      'com.example.v1.Widget': {
        type: 'object',
        description: 'Widget is a thing that does things.',
        required: ['spec'],
        properties: {
          apiVersion: { type: 'string', description: 'APIVersion of the widget.' },
          spec: { description: 'The desired state.', allOf: [ref('com.example.v1.WidgetSpec')] },
        },
        'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1', kind: 'Widget' }],
      },
      'com.example.v1.WidgetSpec': {
        type: 'object',
        description: 'WidgetSpec describes a widget.',
        properties: {
          mode: { type: 'string', description: 'How it runs.', enum: ['Fast', 'Slow', ''] },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          parts: { type: 'array', items: ref('com.example.v1.WidgetSpec') },
        },
      },
    },
  },
};

function explain(path: string[], recursive = false): { out: string; error?: string } {
  let out = '';
  try {
    renderExplain(
      DOC,
      { group: 'example.com', version: 'v1', resource: 'widgets' },
      path,
      recursive,
      (t) => (out += t),
    );
    return { out };
  } catch (error) {
    return { out, error: (error as Error).message };
  }
}

describe('explain rendering', () => {
  it('prints the kind, its description and its fields', () => {
    expect(explain([]).out).toBe(
      'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\n' +
        'DESCRIPTION:\n    Widget is a thing that does things.\n    \n' +
        'FIELDS:\n  apiVersion\t<string>\n    APIVersion of the widget.\n\n' +
        '  spec\t<WidgetSpec> -required-\n    The desired state.\n\n\n',
    );
  });

  it('follows a field path through allOf, with the enum in long form', () => {
    expect(explain(['spec', 'mode']).out).toBe(
      'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\n' +
        'FIELD: mode <string>\nENUM:\n    Fast\n    Slow\n    ""\n\n' +
        'DESCRIPTION:\n    How it runs.\n    \n\n',
    );
  });

  it('prints the field tree with --recursive, stopping at a cycle', () => {
    expect(explain(['spec'], true).out.split('FIELDS:\n')[1]).toBe(
      '  labels\t<map[string]string>\n  mode\t<string>\n  enum: Fast, Slow, ""\n  parts\t<[]WidgetSpec>\n\n',
    );
  });

  it('fails on a field that does not exist, after the header', () => {
    expect(explain(['spec', 'nope'])).toEqual({
      out: 'GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\n',
      error: 'error: field "nope" does not exist',
    });
  });

  it('wraps at white space as go-wordwrap does, letting a long word overflow', () => {
    expect(wrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrap('a verylongword b', 5)).toBe('a\nverylongword\nb');
    expect(wrap('one\n\ntwo', 3)).toBe('one\n\ntwo');
  });
});
