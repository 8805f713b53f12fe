package contract

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// commaListed marks the documented wire form of Yandex Market's query
// arrays. Their schemas leave the OpenAPI default (form style, exploded:
// a repeated key), while every description says "several are listed
// separated by commas" (NOTES.md, "Checked 2026-12"). The validator follows
// the documentation, so a client that repeats the key is a violation and
// one that sends "A,B" is not.
func commaListed(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, o := range item.Operations() {
			for _, ref := range o.Parameters {
				p := ref.Value
				if p == nil || p.In != openapi3.ParameterInQuery || p.Schema == nil || p.Schema.Value == nil ||
					!p.Schema.Value.Type.Is(openapi3.TypeArray) || !strings.Contains(p.Description, "через запятую") {
					continue
				}
				no := false
				p.Style, p.Explode = openapi3.SerializationForm, &no
			}
		}
	}
}
