import { describe, expect, it } from 'vitest';
import { APPS, generate, META } from './fixtures';

describe('definitions', () => {
  const { schemas, warnings } = generate({
    [APPS]: `package v1
import metav1 "${META}"
// Widget does things.
// +genclient
type Widget struct {
	metav1.TypeMeta \`json:",inline"\`
	// Standard metadata.
	metav1.ObjectMeta \`json:"metadata,omitempty"\`
	Spec WidgetSpec \`json:"spec,omitempty"\`
}
type WidgetList struct {
	metav1.TypeMeta \`json:",inline"\`
	metav1.ListMeta \`json:"metadata,omitempty"\`
	Items []Widget \`json:"items"\`
}
// +structType=atomic
type WidgetSpec struct{}
// +union
type Source struct {
	// +unionDiscriminator
	Type string \`json:"type"\`
	// +optional
	File *string \`json:"file,omitempty"\`
}
// Hidden from OpenAPI.
// +k8s:openapi-gen=false
type Hidden struct{}
type private struct{}
type Named WidgetSpec
type Mode string
`,
  });

  it('generates one definition per exported struct, named after its package', () => {
    expect(warnings).toEqual([]);
    expect(Object.keys(schemas)).toEqual([
      'io.k8s.api.apps.v1.Named',
      'io.k8s.api.apps.v1.Source',
      'io.k8s.api.apps.v1.Widget',
      'io.k8s.api.apps.v1.WidgetList',
      'io.k8s.api.apps.v1.WidgetSpec',
      'io.k8s.apimachinery.pkg.api.resource.Quantity',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
      'io.k8s.apimachinery.pkg.apis.meta.v1.TypeMeta',
    ]);
  });

  it('gives kinds and their lists a group-version-kind, from the package path', () => {
    expect(schemas['io.k8s.api.apps.v1.Widget']).toEqual({
      type: 'object',
      description: 'Widget does things.',
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion of object.' },
        kind: { type: 'string', description: 'Kind of object.' },
        metadata: {
          allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
          default: {},
          description: 'Standard metadata.',
        },
        spec: { allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.WidgetSpec' }], default: {} },
      },
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'Widget', version: 'v1' }],
    });
    expect(schemas['io.k8s.api.apps.v1.WidgetList']).toMatchObject({
      required: ['items'],
      'x-kubernetes-group-version-kind': [{ group: 'apps', kind: 'WidgetList', version: 'v1' }],
    });
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).not.toHaveProperty(
      'x-kubernetes-group-version-kind',
    );
  });

  it('marks atomic structs and unions', () => {
    expect(schemas['io.k8s.api.apps.v1.WidgetSpec']).toEqual({
      type: 'object',
      'x-kubernetes-map-type': 'atomic',
    });
    expect(schemas['io.k8s.api.apps.v1.Source']).toMatchObject({
      'x-kubernetes-unions': [{ discriminator: 'type', 'fields-to-discriminateBy': { file: 'File' } }],
    });
  });

  it('takes a type schema from OpenAPISchemaType / OpenAPISchemaFormat methods', () => {
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toEqual({
      description: 'Time is a timestamp.',
      type: 'string',
      format: 'date-time',
    });
  });

  it('prefers OpenAPIV3OneOfTypes', () => {
    const generated = generate({
      'k8s.io/x': `package x
type IntOrName struct { IntVal int32 }
func (IntOrName) OpenAPISchemaType() []string { return []string{"string"} }
func (IntOrName) OpenAPISchemaFormat() string { return "int-or-string" }
func (IntOrName) OpenAPIV3OneOfTypes() []string { return []string{"integer", "string"} }
`,
    });
    expect(generated.schemas['io.k8s.x.IntOrName']).toEqual({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
  });

  it('sorts keys like Go JSON and reports unresolved types', () => {
    const generated = generate({
      'k8s.io/x':
        'package x\nimport "k8s.io/y"\ntype T struct {\n\tZ y.Missing `json:"z"`\n\tA string `json:"a"`\n}\n',
    });
    const t = generated.schemas['io.k8s.x.T'] as { properties: object };
    expect(Object.keys(t)).toEqual(['properties', 'required', 'type']);
    expect(Object.keys(t.properties)).toEqual(['a', 'z']);
    expect(generated.warnings).toEqual(['unknown type k8s.io/y.Missing']);
  });
});
