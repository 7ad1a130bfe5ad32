// Package auth holds the credentials of signing in: invite codes that can be read over the
// phone, random tokens, keyed hashes of both, and password hashing with a check against
// common passwords.
package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// codeAlphabet has no characters that are easy to confuse when read over the phone or from
// a letter: no 0/O, 1/I/L, 5/S, 8/B.
const codeAlphabet = "234679ACDEFGHJKMNPQRTUVWXYZ"

// NewInviteCode returns a code such as K7QM-2XPD: 8 characters, about 38 bits.
func NewInviteCode() string {
	b := make([]byte, 8)
	rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i == 4 {
			sb.WriteByte('-')
		}
		sb.WriteByte(codeAlphabet[int(c)%len(codeAlphabet)])
	}
	return sb.String()
}

// NormalizeCode forgives how a code was typed: case, spaces and dashes.
func NormalizeCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, strings.TrimSpace(code))
}

// NewToken returns a random token for a session or a sign-in link.
func NewToken() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Hasher makes what the database keeps of a code or token: an HMAC under the server's key,
// so a copy of the database alone cannot be used to test guesses.
type Hasher []byte

// Hash returns the keyed hash of a value of a kind ("invite", "session", "link", "csrf").
func (key Hasher) Hash(kind, value string) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(kind + ":" + value))
	return hex.EncodeToString(mac.Sum(nil))
}

// HashPassword hashes a password or passphrase with bcrypt.
func HashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}

// PasswordMatches reports whether password is the one hashed.
func PasswordMatches(hash, password string) bool {
	return hash != "" && bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

//go:embed common-passwords.txt
var commonPasswordList string

// commonPasswords are passwords too common to allow, lower-cased.
var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range strings.Fields(commonPasswordList) {
		m[strings.ToLower(p)] = true
	}
	return m
}()

// PassphraseProblem returns the message ID of what is wrong with a chosen passphrase, or "".
// Long and uncommon is what matters (NCSC: three random words).
func PassphraseProblem(passphrase, name string) string {
	p := strings.ToLower(strings.TrimSpace(passphrase))
	switch {
	case len([]rune(p)) < 12:
		return "signin.passphrase.too_short"
	case commonPasswords[strings.ReplaceAll(p, " ", "")]:
		return "signin.passphrase.common"
	}
	for _, part := range strings.Fields(strings.ToLower(name)) {
		if len(part) > 2 && strings.Contains(p, part) {
			return "signin.passphrase.name"
		}
	}
	return ""
}
