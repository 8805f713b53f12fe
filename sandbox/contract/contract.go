// Package contract checks HTTP traffic against the marketplaces' OpenAPI
// specs (copies of ../shared/specs): a client sending a request the spec does
// not allow, or the sandbox answering with a body it does not allow, is a
// contract violation. Tests wrap their http.Client's transport with
// Validator.RoundTripper.
package contract

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

//go:embed specs/*.yaml
var specFS embed.FS

// SpecFiles are the embedded spec names.
var SpecFiles = []string{"specs/wb-communications-2026-08.yaml", "specs/ym-returns-orders.yaml"}

type op struct {
	id      string
	method  string
	path    string // template, e.g. /v2/campaigns/{campaignId}/returns
	re      *regexp.Regexp
	names   []string
	spec    *openapi3.T
	item    *openapi3.PathItem
	operate *openapi3.Operation
}

// Spec is both loaded specs with a path matcher that ignores hosts: the
// sandbox serves every service on one listener.
type Spec struct {
	ops []*op
}

var (
	loadOnce sync.Once
	loaded   *Spec
	loadErr  error
)

// Load parses the embedded specs once per process.
func Load() (*Spec, error) {
	loadOnce.Do(func() { loaded, loadErr = load() })
	return loaded, loadErr
}

// dateTimeZoneOptional is RFC 3339 with the zone made optional: the WB
// claims schema says date-time, yet its own example and the live service send
// "2024-03-26T17:06:12.245611" (NOTES.md). Everything else stays RFC 3339.
const dateTimeZoneOptional = `^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)[0-9]{2}:[0-9]{2})?$`

func init() {
	openapi3.DefineStringFormatValidator("date-time", openapi3.NewRegexpFormatValidator(dateTimeZoneOptional))
	for _, ct := range []string{"image/jpeg", "image/png", "image/webp", "image/gif", "application/pdf", "video/mp4"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

func load() (*Spec, error) {
	s := &Spec{}
	for _, name := range SpecFiles {
		data, err := specFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		l := openapi3.NewLoader()
		doc, err := l.LoadFromData(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if err := doc.Validate(context.Background(), openapi3.DisableExamplesValidation(), openapi3.DisableSchemaPatternValidation()); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		commaListed(doc)
		for path, item := range doc.Paths.Map() {
			for method, o := range item.Operations() {
				re, names := compileTemplate(path)
				id := o.OperationID
				if id == "" { // a spec without IDs: name the operation "GET /path"
					id = method + " " + path
				}
				s.ops = append(s.ops, &op{id: id, method: method, path: path, re: re, names: names, spec: doc, item: item, operate: o})
			}
		}
	}
	// Literal paths before templated ones, so /api/v1/feedbacks/count wins
	// over any {param} sibling.
	sort.Slice(s.ops, func(i, j int) bool {
		ci, cj := strings.Count(s.ops[i].path, "{"), strings.Count(s.ops[j].path, "{")
		if ci != cj {
			return ci < cj
		}
		return s.ops[i].path < s.ops[j].path
	})
	return s, nil
}

var paramRe = regexp.MustCompile(`\{([^}]+)\}`)

func compileTemplate(path string) (*regexp.Regexp, []string) {
	var names []string
	pat := "^"
	last := 0
	for _, m := range paramRe.FindAllStringSubmatchIndex(path, -1) {
		pat += regexp.QuoteMeta(path[last:m[0]]) + "([^/]+)"
		names = append(names, path[m[2]:m[3]])
		last = m[1]
	}
	pat += regexp.QuoteMeta(path[last:]) + "$"
	return regexp.MustCompile(pat), names
}

// Operations lists every operation ID of both specs, sorted.
func (s *Spec) Operations() []string {
	ids := make([]string, 0, len(s.ops))
	for _, o := range s.ops {
		ids = append(ids, o.id)
	}
	sort.Strings(ids)
	return ids
}

// OperationID is the spec's name of the operation serving method and a
// concrete or templated path, "" when no spec documents it.
func (s *Spec) OperationID(method, path string) string {
	if o, _ := s.find(method, path); o != nil {
		return o.id
	}
	return ""
}

func (s *Spec) find(method, path string) (*op, map[string]string) {
	for _, o := range s.ops {
		if o.method != method {
			continue
		}
		if m := o.re.FindStringSubmatch(path); m != nil {
			params := map[string]string{}
			for i, n := range o.names {
				params[n] = m[i+1]
			}
			return o, params
		}
	}
	return nil, nil
}

// lenientRegex compiles with Go's regexp and, for the look-ahead patterns
// the YM spec uses that RE2 cannot compile, accepts any value: better to skip
// one pattern than to fail every request that carries it.
func lenientRegex(expr string) (openapi3.RegexMatcher, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return anyMatch{}, nil
	}
	return re, nil
}

type anyMatch struct{}

func (anyMatch) MatchString(string) bool { return true }

// Violation is one contract failure.
type Violation struct {
	Op, Method, Path string
	Side             string // "request" or "response"
	Err              error
}

func (v Violation) String() string {
	return fmt.Sprintf("%s %s %s (%s): %v", v.Side, v.Method, v.Path, v.Op, v.Err)
}

// Validator records what it saw: operations exercised and violations.
type Validator struct {
	spec *Spec
	// Strict makes undocumented response statuses violations; on by default.
	Strict bool

	mu         sync.Mutex
	seen       map[string]int
	violations []Violation
}

// NewValidator loads the specs.
func NewValidator() (*Validator, error) {
	s, err := Load()
	if err != nil {
		return nil, err
	}
	return &Validator{spec: s, Strict: true, seen: map[string]int{}}, nil
}

// Spec is the loaded spec set.
func (v *Validator) Spec() *Spec { return v.spec }

// Seen returns how often each operation was exercised.
func (v *Validator) Seen() map[string]int {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make(map[string]int, len(v.seen))
	for k, n := range v.seen {
		out[k] = n
	}
	return out
}

// Violations returns every failure so far.
func (v *Validator) Violations() []Violation {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]Violation(nil), v.violations...)
}

func (v *Validator) fail(vi Violation) {
	v.mu.Lock()
	v.violations = append(v.violations, vi)
	v.mu.Unlock()
}

// RoundTripper validates each request before it is sent and each response
// after it arrives. Requests to undocumented paths (CDN photo URLs) pass
// through unchecked.
func (v *Validator) RoundTripper(next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return rtFunc(func(req *http.Request) (*http.Response, error) {
		o, params := v.spec.find(req.Method, req.URL.Path)
		if o == nil {
			return next.RoundTrip(req)
		}
		v.mu.Lock()
		v.seen[o.id]++
		if alias := o.method + " " + o.path; alias != o.id {
			// Tests written before WB named its operations count by
			// "METHOD /path"; both names keep counting the same requests.
			v.seen[alias]++
		}
		v.mu.Unlock()
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
			req.Body.Close()
			req.Body = io.NopCloser(bytes.NewReader(body))
		}
		// Validate a clone so the real request's body stays intact.
		check := req.Clone(req.Context())
		check.Body = io.NopCloser(bytes.NewReader(body))
		route := &routers.Route{Spec: o.spec, Path: o.path, PathItem: o.item, Method: o.method, Operation: o.operate}
		opts := &openapi3filter.Options{
			AuthenticationFunc: requireAuthHeader,
			RegexCompiler:      lenientRegex,
			MultiError:         true,
			// Response validation ignores RegexCompiler and reads only these.
			SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.SetSchemaRegexCompiler(lenientRegex)},
		}
		in := &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: opts}
		if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
			v.fail(Violation{Op: o.id, Method: req.Method, Path: req.URL.Path, Side: "request", Err: err})
		}
		resp, err := next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		data, rerr := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(data))
		if rerr != nil {
			return resp, nil // a cut-off body is the fault injector's doing
		}
		ropts := *opts
		ropts.IncludeResponseStatus = v.Strict
		out := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: check, PathParams: params, Route: route, Options: &ropts},
			Status:                 resp.StatusCode,
			Header:                 resp.Header,
			Body:                   io.NopCloser(bytes.NewReader(data)),
			Options:                &ropts,
		}
		if err := openapi3filter.ValidateResponse(req.Context(), out); err != nil {
			if err = checkKnownDefect(o, resp.StatusCode, data, err); err != nil {
				v.fail(Violation{Op: o.id, Method: req.Method, Path: req.URL.Path, Side: "response", Err: err})
			}
		}
		return resp, nil
	})
}

// requireAuthHeader checks that the security scheme's header is present;
// the sandbox checks the value.
func requireAuthHeader(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme := in.SecurityScheme
	if scheme == nil {
		return nil
	}
	switch {
	case scheme.Type == "apiKey" && scheme.In == "header":
		if in.RequestValidationInput.Request.Header.Get(scheme.Name) == "" {
			return fmt.Errorf("missing %s header", scheme.Name)
		}
	case scheme.Type == "oauth2" || scheme.Type == "http":
		if in.RequestValidationInput.Request.Header.Get("Authorization") == "" {
			return fmt.Errorf("missing Authorization header")
		}
	}
	return nil
}

type rtFunc func(*http.Request) (*http.Response, error)

func (f rtFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// allOfDefectOps are WB pin methods whose 200 answers the spec declares as
// allOf(respond.SuccessResponse {data: object}, {data: array | integer}).
// No body satisfies both branches, and kin-openapi stops at the first
// without looking at the items.
var allOfDefectOps = map[string]bool{
	"getFeedbacksV1Pins":      true,
	"postFeedbacksV1Pins":     true,
	"deleteFeedbacksV1Pins":   true,
	"getFeedbacksV1PinsCount": true,
}

const allOfDefect = `Error at "/data": value must be an object`

// checkKnownDefect forgives exactly the spec's contradictory allOf and
// validates the body against its second branch instead, so those answers
// stay checked; any other error is returned unchanged.
func checkKnownDefect(o *op, status int, body []byte, err error) error {
	if !allOfDefectOps[o.id] || status != http.StatusOK || !strings.Contains(err.Error(), allOfDefect) {
		return err
	}
	resp := o.operate.Responses.Status(status)
	if resp == nil || resp.Value == nil || resp.Value.Content.Get("application/json") == nil {
		return err
	}
	s := resp.Value.Content.Get("application/json").Schema.Value
	if s == nil || len(s.AllOf) != 2 {
		return fmt.Errorf("the spec changed (allOf of %d), revisit checkKnownDefect: %w", len(s.AllOf), err)
	}
	var v any
	if jerr := json.Unmarshal(body, &v); jerr != nil {
		return jerr
	}
	return s.AllOf[1].Value.VisitJSON(v, openapi3.SetSchemaRegexCompiler(lenientRegex))
}

// UndocumentedFields lists the JSON paths of body's object keys that the
// documented response schema of method, path and status does not declare.
// The specs rarely forbid extra properties, so a field WB has dropped (such
// as chats' clientID) would otherwise pass validation unnoticed. Objects
// whose schema declares no properties at all are not looked into.
func (s *Spec) UndocumentedFields(method, path string, status int, body []byte) ([]string, error) {
	o, _ := s.find(method, path)
	if o == nil {
		return nil, fmt.Errorf("no operation for %s %s", method, path)
	}
	resp := o.operate.Responses.Status(status)
	if resp == nil || resp.Value == nil {
		return nil, fmt.Errorf("%s: status %d is not documented", o.id, status)
	}
	var schema *openapi3.SchemaRef
	for _, mt := range resp.Value.Content {
		schema = mt.Schema
		break
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return nil, err
	}
	var out []string
	walkUndocumented(schema, v, "", &out)
	sort.Strings(out)
	return slices.Compact(out), nil
}

func walkUndocumented(ref *openapi3.SchemaRef, v any, at string, out *[]string) {
	if ref == nil || ref.Value == nil {
		return
	}
	props := map[string]*openapi3.SchemaRef{}
	var items *openapi3.SchemaRef
	var collect func(s *openapi3.Schema)
	collect = func(s *openapi3.Schema) {
		for k, p := range s.Properties {
			props[k] = p
		}
		if s.Items != nil {
			items = s.Items
		}
		for _, sub := range append(append(append(openapi3.SchemaRefs{}, s.AllOf...), s.OneOf...), s.AnyOf...) {
			if sub.Value != nil {
				collect(sub.Value)
			}
		}
	}
	collect(ref.Value)
	switch x := v.(type) {
	case map[string]any:
		if len(props) == 0 {
			return
		}
		for k, val := range x {
			p, ok := props[k]
			if !ok {
				*out = append(*out, at+"/"+k)
				continue
			}
			walkUndocumented(p, val, at+"/"+k, out)
		}
	case []any:
		for _, el := range x {
			walkUndocumented(items, el, at+"/*", out)
		}
	}
}
