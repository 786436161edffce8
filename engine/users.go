package engine

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// MinPasswordLength is the shortest password accepted (NIST SP 800-63B).
const MinPasswordLength = 8

// argon2id parameters (RFC 9106's second recommended option, lighter on memory).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

// NormalizeEmail trims and lower-cases an e-mail address and checks its
// shape; it returns an EINVALID error for anything that is not a bare
// address.
func NormalizeEmail(field, email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	a, err := mail.ParseAddress(email)
	if email == "" || err != nil || a.Address != email || !strings.Contains(email[strings.LastIndex(email, "@")+1:], ".") {
		return "", Invalid("Invalid e-mail address.", FieldError{Field: field, Message: "Enter an e-mail address like name@example.cz."})
	}
	return email, nil
}

// ParseRole returns the role named s, or an EINVALID error.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAdmin, RoleCoordinator, RoleMember:
		return r, nil
	}
	return "", Errorf(EINVALID, "Unknown role %q.", s).WithFields(FieldError{Field: "role", Message: "Choose admin, coordinator or member."})
}

// AddUser creates a user with a password; ECONFLICT if the e-mail exists.
// It is used by the command line, where the operator is trusted.
func (e *Engine) AddUser(ctx context.Context, email string, role Role, name, password string) (*User, error) {
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return nil, err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return nil, err
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	u := &User{ID: NewID(), Email: email, Name: strings.TrimSpace(name), Role: role, PasswordHash: HashPassword(password), CreatedAt: e.Now()}
	if err := e.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, ErrDuplicate) {
			return nil, Errorf(ECONFLICT, "A user with the e-mail %s exists.", email)
		}
		return nil, err
	}
	return u, nil
}

func checkPassword(p string) error {
	if !utf8.ValidString(p) || utf8.RuneCountInString(p) < MinPasswordLength || len(p) > 1024 {
		return Invalid("Unacceptable password.", Fieldf("password", "Use a password of at least %d characters.", MinPasswordLength))
	}
	return nil
}

// HashPassword returns an argon2id hash in the PHC string format.
func HashPassword(password string) string {
	salt := randomBytes(16)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// CheckPassword reports whether password matches a HashPassword hash.
func CheckPassword(hash, password string) bool {
	var version, memory, time int
	var threads uint8
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || memory <= 0 || time <= 0 || threads == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, uint32(time), uint32(memory), threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// tokenPrefix marks Triada's API tokens, so that secret scanners and
// people recognise them.
const tokenPrefix = "trd_"

// CreateToken makes a new API token for the user with that e-mail and
// returns it; only its hash is stored, so it cannot be shown again.
func (e *Engine) CreateToken(ctx context.Context, email string) (string, error) {
	email, err := NormalizeEmail("email", email)
	if err != nil {
		return "", err
	}
	u, err := e.store.FindUserByEmail(ctx, email)
	if errors.Is(err, ErrNotFound) {
		return "", Errorf(ENOTFOUND, "No user has the e-mail %s.", email)
	} else if err != nil {
		return "", err
	}
	token := tokenPrefix + base64.RawURLEncoding.EncodeToString(randomBytes(32))
	if err := e.store.CreateToken(ctx, &Token{Hash: HashSecret(token), UserID: u.ID, CreatedAt: e.Now()}); err != nil {
		return "", err
	}
	return token, nil
}

// HashSecret returns the SHA-256 of a high-entropy secret (a token or a
// session id) in hex; such secrets need no slow hash.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Authenticate returns the user an API token belongs to, or EUNAUTHORIZED.
func (e *Engine) Authenticate(ctx context.Context, token string) (*User, error) {
	if !strings.HasPrefix(token, tokenPrefix) || len(token) > 200 {
		return nil, Errorf(EUNAUTHORIZED, "Invalid API token.")
	}
	t, err := e.store.FindToken(ctx, HashSecret(token))
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(EUNAUTHORIZED, "Invalid API token.")
	} else if err != nil {
		return nil, err
	}
	u, err := e.store.FindUserByID(ctx, t.UserID)
	if errors.Is(err, ErrNotFound) {
		return nil, Errorf(EUNAUTHORIZED, "Invalid API token.")
	}
	return u, err
}
