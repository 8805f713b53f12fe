package wb

// operationIDs names every Wildberries request by its spec operationId, so
// errors and logs say the same name as WB's document (and as YM's do).
// Keyed by "METHOD /path template" because the request builders know those.
var operationIDs = map[string]string{
	"GET /api/v1/new-feedbacks-questions":    "getV1NewFeedbacksQuestions",
	"GET /api/v1/questions/count-unanswered": "getV1QuestionsCountUnanswered",
	"GET /api/v1/questions/count":            "getV1QuestionsCount",
	"GET /api/v1/questions":                  "getV1Questions",
	"PATCH /api/v1/questions":                "patchV1Questions",
	"GET /api/v1/question":                   "getV1Question",
	"GET /api/v1/feedbacks/count-unanswered": "getV1FeedbacksCountUnanswered",
	"GET /api/v1/feedbacks/count":            "getV1FeedbacksCount",
	"GET /api/v1/feedbacks":                  "getV1Feedbacks",
	"POST /api/v1/feedbacks/answer":          "postV1FeedbacksAnswer",
	"PATCH /api/v1/feedbacks/answer":         "patchV1FeedbacksAnswer",
	"POST /api/v1/feedbacks/order/return":    "postV1FeedbacksOrderReturn",
	"GET /api/v1/feedback":                   "getV1Feedback",
	"GET /api/v1/feedbacks/archive":          "getV1FeedbacksArchive",
	"GET /api/feedbacks/v1/pins":             "getFeedbacksV1Pins",
	"POST /api/feedbacks/v1/pins":            "postFeedbacksV1Pins",
	"DELETE /api/feedbacks/v1/pins":          "deleteFeedbacksV1Pins",
	"GET /api/feedbacks/v1/pins/count":       "getFeedbacksV1PinsCount",
	"GET /api/feedbacks/v1/pins/limits":      "getFeedbacksV1PinsLimits",
	"GET /api/v1/seller/chats":               "getV1SellerChats",
	"GET /api/v1/seller/events":              "getV1SellerEvents",
	"POST /api/v1/seller/message":            "postV1SellerMessage",
	"GET /api/v1/seller/download/{id}":       "getV1SellerDownloadId",
	"GET /api/v1/claims":                     "getV1Claims",
	"PATCH /api/v1/claim":                    "patchV1Claim",
}

// opID is the operationId of method and path. A pair missing from the table
// keeps the readable "METHOD /path" so an error still says what failed; the
// contract tests catch the gap (TestEveryWBOpIsASpecOperationID).
func opID(method, path string) string {
	key := method + " " + path
	if id, ok := operationIDs[key]; ok {
		return id
	}
	return key
}
