import { describe, expect, it } from 'vitest';
import { generate, META } from './fixtures';

/** The properties of `T` in a package holding one struct with the given fields. */
function propertiesOf(fields: string, extra = '') {
  const { schemas, warnings } = generate({
    'example.com/p': `package p\nimport metav1 "${META}"\nimport "k8s.io/apimachinery/pkg/api/resource"\ntype T struct {\n${fields}\n}\n${extra}`,
  });
  expect(warnings).toEqual([]);
  return schemas['com.example.p.T'] as { properties?: Record<string, unknown>; required?: string[] };
}

describe('field schemas', () => {
  it.each<[string, string, unknown]>([
    ['string', 'F string `json:"f,omitempty"`', { type: 'string' }],
    ['bool', 'F bool `json:"f,omitempty"`', { type: 'boolean' }],
    ['int32', 'F int32 `json:"f,omitempty"`', { type: 'integer', format: 'int32' }],
    ['int64 pointer', 'F *int64 `json:"f,omitempty"`', { type: 'integer', format: 'int64' }],
    ['int', 'F int `json:"f,omitempty"`', { type: 'integer', format: 'int32' }],
    ['float64', 'F float64 `json:"f,omitempty"`', { type: 'number', format: 'double' }],
    ['[]byte', 'F []byte `json:"f,omitempty"`', { type: 'string', format: 'byte' }],
    [
      '[]string',
      'F []string `json:"f,omitempty"`',
      { type: 'array', items: { type: 'string', default: '' } },
    ],
    [
      '[]int32',
      'F []int32 `json:"f,omitempty"`',
      { type: 'array', items: { type: 'integer', format: 'int32', default: 0 } },
    ],
    [
      'map of strings',
      'F map[string]string `json:"f,omitempty"`',
      { type: 'object', additionalProperties: { type: 'string', default: '' } },
    ],
    [
      'map of string slices',
      'F map[string][]string `json:"f,omitempty"`',
      { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', default: '' } } },
    ],
    [
      'pointer to a struct, no doc',
      'F *U `json:"f,omitempty"`',
      { $ref: '#/components/schemas/com.example.p.U' },
    ],
    [
      'struct value: default {}',
      'F U `json:"f,omitempty"`',
      { allOf: [{ $ref: '#/components/schemas/com.example.p.U' }], default: {} },
    ],
    [
      'slice of structs',
      'F []U `json:"f,omitempty"`',
      { type: 'array', items: { allOf: [{ $ref: '#/components/schemas/com.example.p.U' }], default: {} } },
    ],
    [
      'slice of struct pointers',
      'F []*U `json:"f,omitempty"`',
      { type: 'array', items: { $ref: '#/components/schemas/com.example.p.U' } },
    ],
    [
      'Time (custom schema, still a struct)',
      'F metav1.Time `json:"f,omitempty"`',
      { allOf: [{ $ref: `#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time` }], default: {} },
    ],
    [
      'Quantity (from an unfetched package)',
      'F map[string]resource.Quantity `json:"f,omitempty"`',
      {
        type: 'object',
        additionalProperties: {
          allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }],
          default: {},
        },
      },
    ],
    ['named string type, inlined', 'F Mode `json:"f,omitempty"`', { type: 'string' }],
    [
      'named slice type, inlined',
      'F Words `json:"f,omitempty"`',
      { type: 'array', items: { type: 'string', default: '' } },
    ],
    ['alias, resolved', 'F *Other `json:"f,omitempty"`', { $ref: '#/components/schemas/com.example.p.U' }],
    [
      'without omitempty: zero default',
      'F int32 `json:"f"`',
      { type: 'integer', format: 'int32', default: 0 },
    ],
    [
      '+default marker',
      '// +default="TCP"\n// +optional\nF Mode `json:"f,omitempty"`',
      { type: 'string', default: 'TCP' },
    ],
    [
      '+default=ref(Const)',
      '// +default=ref(ModeFast)\nF Mode `json:"f,omitempty"`',
      { type: 'string', default: 'fast' },
    ],
    [
      'description',
      '// F is a field.\n// +optional\nF string `json:"f,omitempty"`',
      { type: 'string', description: 'F is a field.' },
    ],
    [
      'patch strategy and merge key from the tag, list type and keys from markers',
      '// +listType=map\n// +listMapKey=name\n// +listMapKey=port\nF []U `json:"f,omitempty" patchStrategy:"merge" patchMergeKey:"name"`',
      {
        type: 'array',
        items: { allOf: [{ $ref: '#/components/schemas/com.example.p.U' }], default: {} },
        'x-kubernetes-patch-strategy': 'merge',
        'x-kubernetes-patch-merge-key': 'name',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name', 'port'],
      },
    ],
    [
      'map type marker',
      '// +mapType=atomic\nF map[string]string `json:"f,omitempty"`',
      {
        type: 'object',
        additionalProperties: { type: 'string', default: '' },
        'x-kubernetes-map-type': 'atomic',
      },
    ],
    [
      'struct type marker on a field',
      '// +structType=granular\nF *U `json:"f,omitempty"`',
      { allOf: [{ $ref: '#/components/schemas/com.example.p.U' }], 'x-kubernetes-map-type': 'granular' },
    ],
  ])('%s', (_name, field, expected) => {
    const extra =
      'type U struct{}\ntype Other = U\ntype Mode string\nconst ModeFast Mode = "fast"\ntype Words []string\n';
    expect(propertiesOf(field, extra).properties?.f).toEqual(expected);
  });

  it('lists the possible values of +enum types, sorted, with their docs', () => {
    const extra = `// +enum
type Policy string
const (
	// PolicyNever never does it.
	PolicyNever Policy = "Never"
	// Does it every time
	// it can.
	PolicyAlways Policy = "Always"
	PolicyUnset Policy = ""
)`;
    expect(propertiesOf('// How often.\nF Policy `json:"f,omitempty"`', extra).properties?.f).toEqual({
      type: 'string',
      enum: ['', 'Always', 'Never'],
      description:
        'How often.\n\nPossible enum values:\n - `""`\n - `"Always"` Does it every time it can.\n - `"Never"` never does it.',
    });
  });
});

describe('required and property names', () => {
  it('requires fields without omitempty or +optional, in declaration order', () => {
    const t = propertiesOf(
      [
        'B string `json:"b"`',
        'A string `json:"a,omitempty"`',
        '// +optional\nC string `json:"c"`',
        '// +required\nD string `json:"d,omitempty"`',
        'E string',
        'Skipped string `json:"-"`',
        'unexported string',
      ].join('\n'),
    );
    expect(Object.keys(t.properties ?? {}).sort()).toEqual(['E', 'a', 'b', 'c', 'd']);
    expect(t.required).toEqual(['b', 'd', 'E']);
  });

  it('flattens inline members, the outer field winning a name clash', () => {
    const extra =
      'type Base struct {\n\tX string `json:"x"`\n\tY string `json:"y"`\n}\ntype Deeper struct {\n\tBase `json:",inline"`\n}\n';
    const t = propertiesOf('Deeper `json:",inline"`\n// Outer Y.\nY int32 `json:"y,omitempty"`', extra);
    expect(t.properties).toEqual({
      x: { type: 'string', default: '' },
      y: { type: 'integer', format: 'int32', description: 'Outer Y.' },
    });
    expect(t.required).toEqual(['x']);
  });
});
