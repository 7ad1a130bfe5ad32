package notify

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

const (
	service = "26785a09-ab16-4eb0-8407-a37497a57506"
	secret  = "3d844edf-8d35-48ac-975b-e847b4f122b0"
)

// TestNotifySendsWhatNotifyExpects talks to a real HTTP server standing in for Notify and
// checks the JWT (signed with the key's secret, issued by the service) and the payload.
func TestNotifySendsWhatNotifyExpects(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/notifications/email" {
			t.Errorf("path %s", r.URL.Path)
		}
		parts := strings.Split(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "), ".")
		if len(parts) != 3 {
			t.Fatalf("authorization %q is not a JWT", r.Header.Get("Authorization"))
		}
		mac := hmac.New(sha256.New, []byte(secret))
		mac.Write([]byte(parts[0] + "." + parts[1]))
		if sig := base64.RawURLEncoding.EncodeToString(mac.Sum(nil)); sig != parts[2] {
			t.Error("the JWT is not signed with the key's secret")
		}
		claims, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var c map[string]any
		json.Unmarshal(claims, &c)
		if c["iss"] != service || c["iat"].(float64) != 1795000000 {
			t.Errorf("claims = %v", c)
		}
		body, _ := io.ReadAll(r.Body)
		json.Unmarshal(body, &got)
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id": "x"}`))
	}))
	defer srv.Close()
	n := Notify{APIKey: "portal_test-" + service + "-" + secret, TemplateID: "tmpl", BaseURL: srv.URL,
		Now: func() time.Time { return time.Unix(1795000000, 0) }}
	if err := n.Send(context.Background(), Message{To: "sara@example.org", Subject: "Sign in", Body: "Your link"}); err != nil {
		t.Fatal(err)
	}
	if got["email_address"] != "sara@example.org" || got["template_id"] != "tmpl" {
		t.Errorf("payload = %v", got)
	}
}

func TestNotifyReportsRefusal(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(`{"errors": [{"error": "AuthError"}]}`))
	}))
	defer srv.Close()
	n := Notify{APIKey: "k-" + service + "-" + secret, BaseURL: srv.URL}
	if err := n.Send(context.Background(), Message{To: "x@example.org"}); err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("err = %v", err)
	}
	if err := (Notify{APIKey: "not-a-key"}).Send(context.Background(), Message{}); err == nil {
		t.Error("a malformed key was accepted")
	}
}
