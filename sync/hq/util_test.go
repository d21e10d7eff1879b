package hq

import (
	"bytes"
	"encoding/json"
	"strings"
)

type bytesBuffer = bytes.Buffer

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
