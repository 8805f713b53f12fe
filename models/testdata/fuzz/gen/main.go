// Command gen rewrites the "live" seeds of the models fuzz corpora from a
// hostile sandbox: the shapes the clients really decode, with the buyer
// texts full of escape sequences. Spec examples and hand-made hostile
// seeds are committed beside them and left alone.
//
//	go run ./models/testdata/fuzz/gen
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/sellerinbox/sellerinbox/sandbox"
)

func main() {
	run, err := sandbox.New(sandbox.Options{Hostile: true, NoLimits: true}).Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer run.Close()
	g := gen{base: run.URL, dir: filepath.Join("models", "testdata", "fuzz")}

	page := g.get("ym", "/v2/campaigns/1000/returns?limit=50", "FuzzYMReturnsPage")
	var rp struct {
		Result struct {
			Returns []struct {
				ID      int64 `json:"id"`
				OrderID int64 `json:"orderId"`
			} `json:"returns"`
		} `json:"result"`
	}
	must(json.Unmarshal(page, &rp))
	for i, r := range rp.Result.Returns {
		if i < 2 {
			g.get("ym", fmt.Sprintf("/v2/campaigns/1000/orders/%d/returns/%d", r.OrderID, r.ID), "FuzzYMReturn")
			g.get("ym", fmt.Sprintf("/v2/campaigns/1000/orders/%d", r.OrderID), "FuzzYMLegacyOrder")
			g.post("ym", "/v1/businesses/2000/orders?limit=2", fmt.Sprintf(`{"orderIds":[%d]}`, r.OrderID), "FuzzYMBusinessOrders")
		}
		// Only returns awaiting a decision offer any: keep two that do.
		if g.n["FuzzYMAvailableDecisions"] < 2 {
			g.decisions(r.ID)
		}
	}
	g.get("ym", "/v2/campaigns", "FuzzYMCampaigns")

	qs := g.get("wb", "/api/v1/questions?isAnswered=false&take=2&skip=0", "FuzzWBQuestionsPage")
	g.get("wb", "/api/v1/questions?isAnswered=true&take=1&skip=0", "FuzzWBQuestionsPage")
	for _, id := range ids(qs, "questions") {
		g.get("wb", "/api/v1/question?id="+id, "FuzzWBQuestion")
	}
	fs := g.get("wb", "/api/v1/feedbacks?isAnswered=false&take=2&skip=0", "FuzzWBFeedbacksPage")
	g.get("wb", "/api/v1/feedbacks?isAnswered=true&take=1&skip=0", "FuzzWBFeedbacksPage")
	for _, id := range ids(fs, "feedbacks") {
		g.get("wb", "/api/v1/feedback?id="+id, "FuzzWBFeedback")
	}
	g.get("wb", "/api/feedbacks/v1/pins?limit=2", "FuzzWBPinsPage")
	g.get("wb", "/api/feedbacks/v1/pins/limits", "FuzzWBPinLimits")
	g.get("wb", "/api/v1/seller/chats", "FuzzWBChats")
	g.get("wb", "/api/v1/seller/events", "FuzzWBChatEvents")
	g.get("wb", "/api/v1/claims?is_archive=false&limit=2", "FuzzWBClaimsPage")
	g.get("wb", "/api/v1/claims?is_archive=true&limit=1", "FuzzWBClaimsPage")
}

type gen struct {
	base, dir string
	n         map[string]int
}

func (g *gen) get(mp, path, target string) []byte { return g.do(mp, http.MethodGet, path, "", target) }

func (g *gen) post(mp, path, body, target string) []byte {
	return g.do(mp, http.MethodPost, path, body, target)
}

// decisions stores the return's offered decisions when there are some.
func (g *gen) decisions(returnID int64) {
	body := fmt.Sprintf(`{"campaignId":1000,"returnId":%d}`, returnID)
	if !bytes.Contains(g.do("ym", http.MethodPost, "/v1/businesses/2000/returns/decisions", body, ""), []byte(`"decisionType"`)) {
		return
	}
	g.post("ym", "/v1/businesses/2000/returns/decisions", body, "FuzzYMAvailableDecisions")
}

// do sends the request and stores a 200 body as the target's next live seed.
func (g *gen) do(mp, method, path, body, target string) []byte {
	req, err := http.NewRequest(method, g.base+path, strings.NewReader(body))
	must(err)
	if mp == "ym" {
		req.Header.Set("Api-Key", sandbox.YMToken)
	} else {
		req.Header.Set("Authorization", sandbox.WBToken)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	must(err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	must(err)
	if resp.StatusCode != http.StatusOK {
		log.Printf("skip %s %s: %d %s", method, path, resp.StatusCode, b)
		return nil
	}
	if target == "" {
		return b
	}
	if g.n == nil {
		g.n = map[string]int{}
	}
	g.n[target]++
	dir := filepath.Join(g.dir, target)
	must(os.MkdirAll(dir, 0o755))
	name := filepath.Join(dir, fmt.Sprintf("live-%d", g.n[target]))
	must(os.WriteFile(name, []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", bytes.TrimSpace(trim(b)))), 0o644))
	return b
}

// trim keeps two elements of every array: seeds should be small for the
// fuzzer to mutate them quickly, and two already show every shape.
func trim(b []byte) []byte {
	var v any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	must(d.Decode(&v))
	var cut func(any) any
	cut = func(v any) any {
		switch v := v.(type) {
		case []any:
			if len(v) > 2 {
				v = v[:2]
			}
			for i := range v {
				v[i] = cut(v[i])
			}
			return v
		case map[string]any:
			for k := range v {
				v[k] = cut(v[k])
			}
		}
		return v
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	must(enc.Encode(cut(v)))
	return out.Bytes()
}

// ids picks the IDs of a WB envelope's list.
func ids(body []byte, list string) []string {
	var env struct {
		Data map[string]json.RawMessage `json:"data"`
	}
	must(json.Unmarshal(body, &env))
	var items []struct {
		ID string `json:"id"`
	}
	must(json.Unmarshal(env.Data[list], &items))
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
