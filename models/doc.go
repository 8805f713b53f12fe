// Package models holds the plain domain types both marketplaces' clients
// decode into and the UI renders. No Bubble Tea, no I/O: only data and the
// lenient decoding the real services need (zone-less and odd time formats,
// protocol-relative URLs, nulls where arrays are expected). Enumerations are
// string or int types so that a value the marketplace adds tomorrow still
// decodes and keeps its raw value.
package models
