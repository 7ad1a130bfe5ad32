// Package notify sends the portal's messages to people: sign-in links now, reminders later.
// Two real implementations: GOV.UK Notify's HTTP API, and a local outbox kept in the
// database for the demo, tests and councils that have not set Notify up yet.
package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Message is an email to one person. Body is plain text.
type Message struct {
	To      string
	Subject string
	Body    string
}

// Notifier sends messages.
type Notifier interface {
	Send(ctx context.Context, m Message) error
}

// Outbox keeps messages instead of sending them.
type Outbox struct {
	Keep func(ctx context.Context, m Message) error
}

// Send keeps the message.
func (o Outbox) Send(ctx context.Context, m Message) error { return o.Keep(ctx, m) }

// Notify sends email through GOV.UK Notify. The template must have the placeholders
// ((subject)) and ((body)).
type Notify struct {
	APIKey     string // key_name-service_id-secret, as Notify issues it
	TemplateID string
	BaseURL    string // default https://api.notifications.service.gov.uk
	Client     *http.Client
	Now        func() time.Time
}

// serviceAndSecret splits a Notify API key: its last two parts are UUIDs (36 characters each).
func (n Notify) serviceAndSecret() (string, string, error) {
	k := n.APIKey
	if len(k) < 74 || k[len(k)-37] != '-' || k[len(k)-74] != '-' {
		return "", "", fmt.Errorf("notify: the API key is not in Notify's format (name-service_id-secret)")
	}
	return k[len(k)-73 : len(k)-37], k[len(k)-36:], nil
}

// token is the JWT Notify asks for: HS256 over {"iss": service id, "iat": now}.
func (n Notify) token() (string, error) {
	service, secret, err := n.serviceAndSecret()
	if err != nil {
		return "", err
	}
	now := time.Now
	if n.Now != nil {
		now = n.Now
	}
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"typ":"JWT","alg":"HS256"}`))
	claims, _ := json.Marshal(map[string]any{"iss": service, "iat": now().Unix()})
	signing := header + "." + enc.EncodeToString(claims)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(mac.Sum(nil)), nil
}

// Send posts the email to Notify.
func (n Notify) Send(ctx context.Context, m Message) error {
	token, err := n.token()
	if err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{
		"email_address":   m.To,
		"template_id":     n.TemplateID,
		"personalisation": map[string]string{"subject": m.Subject, "body": m.Body},
	})
	base := strings.TrimRight(n.BaseURL, "/")
	if base == "" {
		base = "https://api.notifications.service.gov.uk"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v2/notifications/email", bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusCreated {
		detail, _ := io.ReadAll(io.LimitReader(res.Body, 2048))
		return fmt.Errorf("notify: %s: %s", res.Status, detail)
	}
	return nil
}
