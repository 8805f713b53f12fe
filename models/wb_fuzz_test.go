package models

import "testing"

// The Wildberries bodies as api/wb decodes them: questions and feedbacks
// in the {data, error, errorText} envelope, pins with data and next side
// by side, chats in {result, errors}, claims bare.

type wbEnvelopeWire[T any] struct {
	Data      T      `json:"data"`
	Error     bool   `json:"error"`
	ErrorText string `json:"errorText"`
}

type wbPinsWire struct {
	Data []Pin `json:"data"`
	Next int64 `json:"next"`
}

func FuzzWBQuestionsPage(f *testing.F) { fuzzDecode[wbEnvelopeWire[QuestionsPage]](f) }
func FuzzWBQuestion(f *testing.F)      { fuzzDecode[wbEnvelopeWire[Question]](f) }
func FuzzWBFeedbacksPage(f *testing.F) { fuzzDecode[wbEnvelopeWire[FeedbacksPage]](f) }
func FuzzWBFeedback(f *testing.F)      { fuzzDecode[wbEnvelopeWire[Feedback]](f) }
func FuzzWBPinsPage(f *testing.F)      { fuzzDecode[wbPinsWire](f) }
func FuzzWBPinLimits(f *testing.F)     { fuzzDecode[wbEnvelopeWire[PinLimits]](f) }
func FuzzWBChats(f *testing.F)         { fuzzDecode[ChatsResponse](f) }
func FuzzWBChatEvents(f *testing.F)    { fuzzDecode[ChatEventsResponse](f) }
func FuzzWBClaimsPage(f *testing.F)    { fuzzDecode[ClaimsPage](f) }
