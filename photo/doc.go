// Package photo shows buyers' photos in the terminal and hands other media
// (videos, PDFs) to the desktop.
//
// It is a layer of its own between the API clients and the UI: it takes
// bytes and a content type, or a Fetch closure over a client call, and
// returns strings and errors, so the UI can call it from a tea.Cmd. It
// imports neither the UI nor Bubble Tea.
//
// Everything that comes from a buyer or a CDN is hostile until proven
// otherwise: sizes are checked before decoding, decoder panics are
// recovered, file names are sanitised before they touch the disk, and every
// failure carries a Reason the UI can show in English or Russian.
package photo
