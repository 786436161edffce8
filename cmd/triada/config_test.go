package main

import (
	"flag"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestLoadConfig(t *testing.T) {
	t.Run("Defaults", func(t *testing.T) {
		c, err := LoadConfig(func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:8080" || c.DataDir != "./data" || c.MongoDBURI != "" || c.MongoDBDB != "triada" ||
			c.LogFormat != "text" || c.LogLevel != slog.LevelInfo || c.MaxBodyBytes != 1<<20 || c.BaseURL != "" ||
			c.ShutdownTimeout != 15*time.Second || c.TrustedProxies != nil {
			t.Fatalf("%+v", c)
		}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("EnvThenFlags", func(t *testing.T) {
		env := map[string]string{
			"TRIADA_ADDR": "0.0.0.0:9000", "TRIADA_DATA_DIR": "/var/lib/triada", "TRIADA_LOG_LEVEL": "DEBUG",
			"TRIADA_MAX_BODY_BYTES": "2MiB", "TRIADA_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1", "TRIADA_LOG_FORMAT": "JSON",
		}
		c, err := LoadConfig(func(k string) string { return env[k] })
		if err != nil {
			t.Fatal(err)
		}
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		c.registerFlags(fs, scopeServe)
		if err := fs.Parse([]string{"--addr", "127.0.0.1:9001", "-max-body-bytes=4096"}); err != nil {
			t.Fatal(err)
		}
		if c.Addr != "127.0.0.1:9001" || c.DataDir != "/var/lib/triada" || c.LogLevel != slog.LevelDebug || c.LogFormat != "json" ||
			c.MaxBodyBytes != 4096 || len(c.TrustedProxies) != 2 {
			t.Fatalf("%+v", c)
		}
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("StoreCommandsTakeNoServeFlags", func(t *testing.T) {
		c := DefaultConfig()
		fs := flag.NewFlagSet("token create", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c.registerFlags(fs, scopeStore)
		if err := fs.Parse([]string{"--data-dir", "x", "--mongodb-db", "y"}); err != nil {
			t.Fatal(err)
		}
		if err := fs.Parse([]string{"--addr", "x:1"}); err == nil {
			t.Fatal("token create took --addr")
		}
	})
	t.Run("ErrBadValue", func(t *testing.T) {
		_, err := LoadConfig(func(k string) string {
			return map[string]string{"TRIADA_LOG_LEVEL": "loud", "TRIADA_SHUTDOWN_TIMEOUT": "soon"}[k]
		})
		if err == nil || !strings.Contains(err.Error(), "TRIADA_LOG_LEVEL") || !strings.Contains(err.Error(), "TRIADA_SHUTDOWN_TIMEOUT") {
			t.Fatalf("err %v", err)
		}
	})
}

func TestConfig_Validate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"Addr", func(c *Config) { c.Addr = "localhost" }, "TRIADA_ADDR"},
		{"Port", func(c *Config) { c.Addr = "localhost:http" }, "TRIADA_ADDR"},
		{"DataDir", func(c *Config) { c.DataDir = " " }, "TRIADA_DATA_DIR"},
		{"MongoDBURI", func(c *Config) { c.MongoDBURI = "http://db" }, "TRIADA_MONGODB_URI"},
		{"MongoDBDB", func(c *Config) { c.MongoDBDB = "tri.ada" }, "TRIADA_MONGODB_DB"},
		{"LogFormat", func(c *Config) { c.LogFormat = "xml" }, "TRIADA_LOG_FORMAT"},
		{"MaxBodyBytes", func(c *Config) { c.MaxBodyBytes = 10 }, "TRIADA_MAX_BODY_BYTES"},
		{"BaseURL", func(c *Config) { c.BaseURL = "triada.example.cz" }, "TRIADA_BASE_URL"},
		{"ShutdownTimeout", func(c *Config) { c.ShutdownTimeout = 0 }, "TRIADA_SHUTDOWN_TIMEOUT"},
		{"TrustedProxies", func(c *Config) { c.TrustedProxies = []string{"proxy.local"} }, "TRIADA_TRUSTED_PROXIES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.edit(&c)
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err %v, want one naming %s", err, tt.want)
			}
		})
	}
}

func TestMaskURI(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"mongodb://127.0.0.1:27017/":        "mongodb://127.0.0.1:27017/",
		"mongodb://user@db/":                "mongodb://user@db/",
		"mongodb://user:pa:ss@w@db:27017/x": "mongodb://user:xxxxx@db:27017/x",
		"mongodb+srv://u:p@cluster.example.net/?retryWrites=true&w=majority":      "mongodb+srv://u:xxxxx@cluster.example.net/?retryWrites=true&w=majority",
		"mongodb://u:p@h1,h2:27018?replicaSet=rs&tlsCertificateKeyFilePassword=k": "mongodb://u:xxxxx@h1,h2:27018?replicaSet=rs&tlsCertificateKeyFilePassword=xxxxx",
	} {
		if got := MaskURI(in); got != want {
			t.Errorf("MaskURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestConfig_LogValue(t *testing.T) {
	c := DefaultConfig()
	c.MongoDBURI = "mongodb://admin:tajne@db:27017/"
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("start", "config", c)
	if strings.Contains(b.String(), "tajne") || !strings.Contains(b.String(), "config.mongodb_uri=mongodb://admin:xxxxx@db:27017/") ||
		!strings.Contains(b.String(), "config.store=mongodb") {
		t.Fatalf("log %s", b.String())
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "1MiB": 1 << 20, "1 MB": 1 << 20, "512k": 512 << 10, "2G": 2 << 30, "100B": 100} {
		if got, err := parseBytes(in); err != nil || got != want {
			t.Errorf("parseBytes(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MiB", "-1", "1.5MiB", "1TiB", "lots"} {
		if _, err := parseBytes(in); err == nil {
			t.Errorf("parseBytes(%q) took it", in)
		}
	}
}

// The page and sign-in settings reach the engine and the pages.
func TestConfigPageSettings(t *testing.T) {
	env := map[string]string{"TRIADA_DRAFT_DAYS": "7", "TRIADA_SUBMIT_LIMIT": "0", "TRIADA_SESSION_HOURS": "2", "TRIADA_BASE_URL": "https://triada.example.cz/"}
	c, err := LoadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	eo, po := c.engineOptions(), c.pageOptions()
	if eo.DraftTTL != 7*24*time.Hour || eo.SessionTTL != 2*time.Hour || po.SubmitLimit >= 0 || po.BaseURL != "https://triada.example.cz/" {
		t.Fatalf("engine %+v, pages %+v", eo, po)
	}
	for _, bad := range []map[string]string{{"TRIADA_DRAFT_DAYS": "0"}, {"TRIADA_SUBMIT_LIMIT": "-5"}, {"TRIADA_SESSION_HOURS": "10000"}} {
		c, err := LoadConfig(func(k string) string { return bad[k] })
		if err != nil {
			t.Fatal(err)
		}
		for k := range bad {
			if err := c.Validate(); err == nil || !strings.Contains(err.Error(), k) {
				t.Errorf("%v: %v", bad, err)
			}
		}
	}
}
