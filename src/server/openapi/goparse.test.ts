import { describe, expect, it } from 'vitest';
import { jsonTag, tagValue, type GoType } from './goast';
import { parseGoFile } from './goparse';

const name = (n: string, pkg: string | null = null): GoType => ({ kind: 'name', pkg, name: n });

/** The type of the single field of `type T struct { F <type> }`. */
function fieldType(type: string): GoType {
  const file = parseGoFile(`package p\ntype T struct {\n\tF ${type}\n}\n`);
  const decl = file.types[0];
  if (decl?.type.kind !== 'struct') throw new Error('not a struct');
  const field = decl.type.fields[0];
  if (field === undefined) throw new Error('no field');
  return field.type;
}

describe('Go parser: type expressions', () => {
  it.each<[string, GoType]>([
    ['string', name('string')],
    ['metav1.Time', name('Time', 'metav1')],
    ['*int32', { kind: 'pointer', elem: name('int32') }],
    ['[]byte', { kind: 'slice', elem: name('byte') }],
    ['[4]int', { kind: 'array', elem: name('int') }],
    ['[]*Container', { kind: 'slice', elem: { kind: 'pointer', elem: name('Container') } }],
    ['map[string]string', { kind: 'map', key: name('string'), value: name('string') }],
    [
      'map[ResourceName]resource.Quantity',
      { kind: 'map', key: name('ResourceName'), value: name('Quantity', 'resource') },
    ],
    [
      'map[string][]string',
      { kind: 'map', key: name('string'), value: { kind: 'slice', elem: name('string') } },
    ],
    ['interface{}', { kind: 'other', text: 'interface' }],
    ['func(int) error', { kind: 'other', text: 'func' }],
    [
      'struct{ A int }',
      { kind: 'struct', fields: [{ name: 'A', embedded: false, type: name('int'), tag: '', doc: [] }] },
    ],
  ])('%s', (source, expected) => {
    expect(fieldType(source)).toEqual(expected);
  });
});

describe('Go parser: declarations', () => {
  const file = parseGoFile(`// Package p is a test.
package p

import (
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// +genclient

// Widget is a thing.
// +k8s:openapi-gen=true
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	// Standard object's metadata.
	// +optional
	metav1.ObjectMeta \`json:"metadata,omitempty"\`

	// Size of the widget.
	Size, Weight resource.Quantity \`json:"size" patchStrategy:"merge"\` // trailing, not a doc
	Inline
	*Pointer
	hidden string
}

type (
	// Color is a color.
	Color string
	Shade = Color
	Pair [2]int
	Words []string
)

const (
	// ColorRed is red.
	ColorRed Color = "red"
	Answer = 42
	A, B = 1, 2
	Flag = true
)

func (Widget) OpenAPISchemaType() []string { return []string{"object", "string"} }
func (w *Widget) OpenAPISchemaFormat() string { return "widget" }
func (w Widget) String() (string, error) {
	if w.Size.IsZero() {
		return "", nil
	}
	return "x", nil
}
func helper(m map[string]struct{}) interface{} { return nil }
`);

  it('reads the package and its imports by local name', () => {
    expect(file.packageName).toBe('p');
    expect([...file.imports]).toEqual([
      ['resource', 'k8s.io/apimachinery/pkg/api/resource'],
      ['metav1', 'k8s.io/apimachinery/pkg/apis/meta/v1'],
    ]);
  });

  it('reads struct fields with their tags and doc comments (not the trailing comment)', () => {
    const widget = file.types.find((t) => t.name === 'Widget');
    expect(widget?.doc).toEqual(['Widget is a thing.', '+k8s:openapi-gen=true']);
    if (widget?.type.kind !== 'struct') throw new Error('Widget is not a struct');
    expect(widget.type.fields.map((f) => [f.name, f.embedded, f.tag, f.doc])).toEqual([
      ['TypeMeta', true, 'json:",inline"', []],
      ['ObjectMeta', true, 'json:"metadata,omitempty"', ["Standard object's metadata.", '+optional']],
      ['Size', false, 'json:"size" patchStrategy:"merge"', ['Size of the widget.']],
      ['Weight', false, 'json:"size" patchStrategy:"merge"', ['Size of the widget.']],
      ['Inline', true, '', []],
      ['Pointer', true, '', []],
      ['hidden', false, '', []],
    ]);
  });

  it('reads grouped types, aliases, arrays and named slices', () => {
    expect(file.types.slice(1).map((t) => [t.name, t.alias, t.type, t.doc])).toEqual([
      ['Color', false, name('string'), ['Color is a color.']],
      ['Shade', true, name('Color'), []],
      ['Pair', false, { kind: 'array', elem: name('int') }, []],
      ['Words', false, { kind: 'slice', elem: name('string') }, []],
    ]);
  });

  it('reads constants with literal values', () => {
    expect(file.consts.map((c) => [c.name, c.type, c.value, c.doc])).toEqual([
      ['ColorRed', 'Color', 'red', ['ColorRed is red.']],
      ['Answer', null, 42, []],
      ['A', null, null, []],
      ['B', null, null, []],
      ['Flag', null, true, []],
    ]);
  });

  it('reads methods that return a literal, and skips other bodies', () => {
    expect(file.methods).toEqual([
      { receiver: 'Widget', name: 'OpenAPISchemaType', result: ['object', 'string'] },
      { receiver: 'Widget', name: 'OpenAPISchemaFormat', result: 'widget' },
      { receiver: 'Widget', name: 'String', result: null },
    ]);
  });

  it('gives a lone spec in a parenthesized group the declaration doc', () => {
    const grouped = parseGoFile('package p\n// Doc of the group.\ntype (\n\tX int\n)\n');
    expect(grouped.types).toEqual([
      { name: 'X', alias: false, type: name('int'), doc: ['Doc of the group.'] },
    ]);
  });

  it('keeps paragraphs and indentation of doc comments, dropping directives', () => {
    const parsed = parseGoFile('package p\n// First.\n//\n//\n//\tcode\n//go:generate x\ntype X int\n');
    expect(parsed.types[0]?.doc).toEqual(['First.', '', '\tcode']);
  });

  it('reports where it cannot follow the syntax', () => {
    expect(() => parseGoFile('package p\ntype T struct {\n\tF []\n}\n')).toThrow(
      "line 3: expected a type, found ';'",
    );
  });
});

describe('struct tags', () => {
  it.each([
    ['json:"name,omitempty" protobuf:"bytes,1,opt"', 'json', 'name,omitempty'],
    ['json:"name" patchStrategy:"merge" patchMergeKey:"name"', 'patchMergeKey', 'name'],
    ['json:"-"', 'json', '-'],
    ['protobuf:"x"', 'json', undefined],
  ])('%s: %s', (tag, key, value) => {
    expect(tagValue(tag, key)).toBe(value);
  });

  it('splits the json tag into name and options', () => {
    const field = { name: 'F', embedded: false, type: name('int'), tag: 'json:",inline,omitempty"', doc: [] };
    expect(jsonTag(field)).toEqual({ name: '', options: ['inline', 'omitempty'] });
  });
});
