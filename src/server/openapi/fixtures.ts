/** Shared Go sources and helpers for the generator tests. */
import { generateSchemas } from './generator';
import { parseGoFile } from './goparse';

export const META = 'k8s.io/apimachinery/pkg/apis/meta/v1';
export const APPS = 'k8s.io/api/apps/v1';

/** A tiny meta/v1: TypeMeta, ObjectMeta, ListMeta and Time (with its schema methods). */
const META_SOURCE = `package v1
type TypeMeta struct {
	// Kind of object.
	Kind string \`json:"kind,omitempty"\`
	// APIVersion of object.
	APIVersion string \`json:"apiVersion,omitempty"\`
}
// ObjectMeta is metadata.
type ObjectMeta struct {
	Name string \`json:"name,omitempty"\`
}
type ListMeta struct {
	Continue string \`json:"continue,omitempty"\`
}
// Time is a timestamp.
// +protobuf.as=Timestamp
type Time struct {
	time.Time \`protobuf:"-"\`
}
func (_ Time) OpenAPISchemaType() []string { return []string{"string"} }
func (_ Time) OpenAPISchemaFormat() string { return "date-time" }
`;

export function generate(sources: Record<string, string>) {
  const packages = new Map(
    Object.entries({ [META]: META_SOURCE, ...sources }).map(([p, s]) => [p, [parseGoFile(s)]]),
  );
  return generateSchemas(packages);
}
