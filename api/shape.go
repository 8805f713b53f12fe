package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
)

// checkShape refuses a body that cannot be the answer out expects. Go's
// decoder fills nothing and reports nothing for {"evil":true} into a
// struct, or for null, so a foreign answer would read as an empty list.
// A struct needs a JSON object naming at least one of its fields; a slice
// needs an array; everything else is left to the decoder.
func checkShape(body []byte, out any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return errors.New("empty body where a JSON answer was expected")
	}
	typ := reflect.TypeOf(out)
	for typ != nil && typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ == nil {
		return nil
	}
	switch typ.Kind() {
	case reflect.Struct:
		if body[0] != '{' {
			return errors.New("the answer is not a JSON object")
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil {
			return err
		}
		names := fieldNames(typ, nil)
		if len(names) == 0 {
			return nil
		}
		for k := range fields {
			for _, n := range names {
				if strings.EqualFold(k, n) {
					return nil
				}
			}
		}
		return errors.New("the answer has none of the expected fields (" + strings.Join(names, ", ") + ")")
	case reflect.Slice:
		if typ.Elem().Kind() != reflect.Uint8 && body[0] != '[' {
			return errors.New("the answer is not a JSON array")
		}
	}
	return nil
}

// fieldNames lists the JSON names encoding/json would match for typ,
// including promoted fields of embedded structs.
func fieldNames(typ reflect.Type, out []string) []string {
	for i := range typ.NumField() {
		f := typ.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				out = fieldNames(ft, out)
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}

// ymStatusError turns Yandex Market's {"status":"ERROR","errors":[...]}
// inside a 2xx answer into the error it is.
func ymStatusError(resp *Response) *Error {
	body := bytes.TrimSpace(resp.Body)
	if len(body) == 0 || body[0] != '{' {
		return nil
	}
	var head struct {
		Status string `json:"status"`
	}
	if json.Unmarshal(body, &head) != nil || !strings.EqualFold(head.Status, "ERROR") {
		return nil
	}
	e := &Error{Marketplace: YandexMarket, Kind: KindValidation, Status: resp.Status}
	parseError(e, body, resp.Header)
	if e.Message == "" {
		e.Message = "the answer says status ERROR"
	}
	return e
}
