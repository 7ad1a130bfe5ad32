package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/familyportal/portal/portal/access"
	"github.com/familyportal/portal/portal/promise"
	"github.com/familyportal/portal/portal/store"
	"github.com/familyportal/portal/render/document/examples"
)

// apiCaller calls the JSON API over real HTTP with a token, and checks every answer against
// the response the OpenAPI description documents for that route and status.
type apiCaller struct {
	t    *testing.T
	ts   *testServer
	spec *openAPISpec
}

func (a apiCaller) call(token, method, route, path string, body []byte) (int, []byte) {
	a.t.Helper()
	req, _ := http.NewRequest(method, a.ts.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		a.t.Errorf("%s %s: Content-Type %q", method, path, ct)
	}
	a.spec.checkResponse(a.t, method, route, res.StatusCode, got)
	return res.StatusCode, got
}

// TestDocumentsThroughTheAPI walks what a council's systems team would try first.
func TestDocumentsThroughTheAPI(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	ctx := context.Background()
	own, err := ts.srv.IssueAPIToken(ctx, "test", "Mosaic", "")
	if err != nil {
		t.Fatal(err)
	}
	neighbour, err := ts.srv.IssueAPIToken(ctx, "test", "Warwickshire Mosaic", "warwickshire")
	if err != nil {
		t.Fatal(err)
	}
	api := apiCaller{t: t, ts: ts, spec: loadOpenAPI(t)}
	const post, status = "POST /api/v1/documents", "GET /api/v1/children/:ref/status"
	amira, _ := examples.File("amira.json")
	broken, _ := examples.File("broken.json")
	amira = bytes.Replace(amira, []byte(`"known_as": "Mimi"`), []byte(`"known_as": "Mimi K"`), 1) // the case system changed something
	newChild := bytes.ReplaceAll(amira, []byte(`"C-1001"`), []byte(`"C-3001"`))

	problems := func(body []byte) []string {
		var ps []struct{ Path, Code, Message string }
		if err := json.Unmarshal(body, &ps); err != nil {
			t.Fatalf("problem list %s: %v", body, err)
		}
		var paths []string
		for _, p := range ps {
			paths = append(paths, p.Path)
		}
		return paths
	}
	for _, tc := range []struct {
		name, token, route, path string
		body                     []byte
		want                     int
	}{
		{"no token", "", post, "/api/v1/documents", amira, http.StatusUnauthorized},
		{"a revoked or made-up token", "made-up", post, "/api/v1/documents", amira, http.StatusUnauthorized},
		{"no token asks a status", "", status, "/api/v1/children/C-1001/status", nil, http.StatusUnauthorized},
		{"another council's token sends our child", neighbour, post, "/api/v1/documents", amira, http.StatusNotFound},
		{"another council's token asks about our child", neighbour, status, "/api/v1/children/C-1001/status", nil, http.StatusNotFound},
		{"another council's token records an event for our child", neighbour, "POST /api/v1/children/:ref/events", "/api/v1/children/C-1001/events", []byte(`{"kind":"child_seen","on":"2026-11-20"}`), http.StatusNotFound},
		{"a child nobody knows", own, status, "/api/v1/children/C-0000/status", nil, http.StatusNotFound},
		{"a broken document", own, post, "/api/v1/documents", broken, http.StatusUnprocessableEntity},
		{"not JSON at all", own, post, "/api/v1/documents", []byte("child: Amira"), http.StatusUnprocessableEntity},
		{"a good document", own, post, "/api/v1/documents", amira, http.StatusCreated},
		{"the same document again", own, post, "/api/v1/documents", amira, http.StatusOK},
		{"the neighbour's own new child", neighbour, post, "/api/v1/documents", newChild, http.StatusCreated},
		{"which we cannot see", own, status, "/api/v1/children/C-3001/status", nil, http.StatusNotFound},
		{"but they can", neighbour, status, "/api/v1/children/C-3001/status", nil, http.StatusOK},
		{"nor send", own, post, "/api/v1/documents", newChild, http.StatusNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api.t = t
			method, _, _ := strings.Cut(tc.route, " ")
			code, body := api.call(tc.token, method, tc.route, tc.path, tc.body)
			if code != tc.want {
				t.Fatalf("%s %s: %d, want %d: %s", method, tc.path, code, tc.want, body)
			}
			if bytes.Contains(body, []byte("Amira")) && code >= 400 {
				t.Errorf("a refusal names the child: %s", body)
			}
		})
	}
	api.t = t

	// The broken document's problems are the ones `portal import` lists, by JSON path.
	_, body := api.call(own, "POST", post, "/api/v1/documents", broken)
	paths := problems(body)
	for _, want := range []string{"$.child.date_of_birth", "$.plan.kind", "$.plan.actions[2].by"} {
		if !slices.Contains(paths, want) {
			t.Errorf("problems %v lack %s", paths, want)
		}
	}

	// The status says what was imported and that nothing is published yet; after a worker
	// publishes, it says which version the family sees. It never carries the plan's words.
	code, body := api.call(own, "GET", status, "/api/v1/children/C-1001/status", nil)
	var st struct {
		Latest    struct{ Version int }
		Published *struct{ Version int }
		Open      []struct{ Rule, Status string } `json:"open_promises"`
	}
	if err := json.Unmarshal(body, &st); err != nil || code != http.StatusOK {
		t.Fatalf("status %d %s: %v", code, body, err)
	}
	if st.Latest.Version != 2 {
		t.Errorf("latest version %d, want 2 (the demo's, then the API's): %s", st.Latest.Version, body)
	}
	if st.Published == nil || st.Published.Version != 1 {
		t.Errorf("published %+v, want the demo's version 1: %s", st.Published, body)
	}
	for _, words := range []string{"Amira", "Sara", "worried"} {
		if bytes.Contains(body, []byte(words)) {
			t.Errorf("the status carries %q: %s", words, body)
		}
	}
	trail, err := ts.store.AuditTrail(ctx, "child:C-1001", 50)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(trail, func(e store.AuditEntry) bool { return e.Actor == "system:Mosaic" && e.Action == store.ActionImport }) {
		t.Errorf("the API's import is not in the audit trail: %+v", trail)
	}
}

// openAPISpec is the served OpenAPI description, compiled so that its response schemas can
// check real answers.
type openAPISpec struct {
	doc      map[string]any
	compiler *jsonschema.Compiler
}

func loadOpenAPI(t *testing.T) *openAPISpec {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPI))
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("mem:///openapi.json", doc); err != nil {
		t.Fatal(err)
	}
	return &openAPISpec{doc: doc.(map[string]any), compiler: c}
}

// pointer escapes a JSON pointer segment.
func pointer(segment string) string {
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(segment)
}

// openAPIPath turns an echo route path into the OpenAPI one: /children/:ref -> /children/{ref}.
func openAPIPath(route string) string {
	parts := strings.Split(route, "/")
	for i, p := range parts {
		if name, ok := strings.CutPrefix(p, ":"); ok {
			parts[i] = "{" + name + "}"
		}
	}
	return strings.Join(parts, "/")
}

// checkResponse validates a body against the schema documented for the route and status.
func (o *openAPISpec) checkResponse(t *testing.T, method, route string, status int, body []byte) {
	t.Helper()
	_, path, _ := strings.Cut(route, " ")
	path = openAPIPath(path)
	op, ok := o.doc["paths"].(map[string]any)[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if !ok {
		t.Fatalf("%s %s is not documented", method, path)
	}
	ptr := "#/paths/" + pointer(path) + "/" + strings.ToLower(method) + "/responses/" + strconv.Itoa(status)
	response, ok := op["responses"].(map[string]any)[strconv.Itoa(status)].(map[string]any)
	if !ok {
		t.Fatalf("%s %s answered %d, which is not documented: %s", method, path, status, body)
	}
	if ref, ok := response["$ref"].(string); ok {
		ptr = ref
	}
	schema, err := o.compiler.Compile("mem:///openapi.json" + ptr + "/content/application~1json/schema")
	if err != nil {
		t.Fatalf("schema for %s %s %d: %v", method, path, status, err)
	}
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s %s %d is not JSON: %s", method, path, status, body)
	}
	if err := schema.Validate(v); err != nil {
		t.Errorf("%s %s %d does not match its documented schema: %v\n%s", method, path, status, err, body)
	}
}

// TestOpenAPIDescribesTheRealAPI: the served file is valid OpenAPI 3.1, every route it
// documents exists with the API's access rule, and every API route is documented.
func TestOpenAPIDescribesTheRealAPI(t *testing.T) {
	ts := newTestServer(t, Config{Demo: true})
	res, served := ts.get(t, "/api/v1/openapi.json")
	if res.StatusCode != http.StatusOK || !bytes.Equal([]byte(served), openAPI) {
		t.Fatalf("GET /api/v1/openapi.json: %d", res.StatusCode)
	}
	schemaFile, err := os.ReadFile("testdata/oas-3.1-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	oas, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaFile))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://spec.openapis.org/oas/3.1/schema/2022-10-07", oas); err != nil {
		t.Fatal(err)
	}
	meta, err := c.Compile("https://spec.openapis.org/oas/3.1/schema/2022-10-07")
	if err != nil {
		t.Fatal(err)
	}
	spec := loadOpenAPI(t)
	if err := meta.Validate(spec.doc); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI 3.1: %v", err)
	}
	// Every schema in it compiles (a $ref to nowhere fails here).
	for name := range spec.doc["components"].(map[string]any)["schemas"].(map[string]any) {
		if _, err := spec.compiler.Compile("mem:///openapi.json#/components/schemas/" + name); err != nil {
			t.Errorf("schema %s: %v", name, err)
		}
	}

	documented := map[string]bool{}
	for path, ops := range spec.doc["paths"].(map[string]any) {
		for method := range ops.(map[string]any) {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	for route, rule := range ts.srv.rules {
		method, path, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(path, "/api/") {
			continue
		}
		key := method + " " + openAPIPath(path)
		if !documented[key] {
			t.Errorf("%s is served but not documented", route)
		}
		delete(documented, key)
		if path != "/api/v1/openapi.json" && rule.Name != access.APIClient.Name {
			t.Errorf("%s answers to %q, not the API's token", route, rule.Name)
		}
	}
	for route := range documented {
		t.Errorf("%s is documented but not served", route)
	}

	// The event kinds it lists are the ones the API accepts.
	kinds := spec.doc["components"].(map[string]any)["schemas"].(map[string]any)["Event"].(map[string]any)["properties"].(map[string]any)["kind"].(map[string]any)["enum"].([]any)
	var listed []string
	for _, k := range kinds {
		listed = append(listed, k.(string))
	}
	if !slices.Equal(listed, promise.WorkerEvents) {
		t.Errorf("documented event kinds %v, accepted %v", listed, promise.WorkerEvents)
	}
}
