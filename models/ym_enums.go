package models

// Yandex Market enumerations. Each is a string type: the spec says "other
// values may also be returned", so an unknown value decodes and keeps its raw
// text, and Label falls back to it.

// YMRefundStatus is a return's refund status (RefundStatusType).
type YMRefundStatus string

const (
	YMRefundStartedByUser                YMRefundStatus = "STARTED_BY_USER"
	YMRefundInProgress                   YMRefundStatus = "REFUND_IN_PROGRESS"
	YMRefunded                           YMRefundStatus = "REFUNDED"
	YMRefundFailed                       YMRefundStatus = "FAILED"
	YMRefundWaitingForDecision           YMRefundStatus = "WAITING_FOR_DECISION"
	YMRefundDecisionMade                 YMRefundStatus = "DECISION_MADE"
	YMRefundedWithBonuses                YMRefundStatus = "REFUNDED_WITH_BONUSES"
	YMRefundedByShop                     YMRefundStatus = "REFUNDED_BY_SHOP"
	YMRefundCancelled                    YMRefundStatus = "CANCELLED"
	YMRefundRejected                     YMRefundStatus = "REJECTED"
	YMRefundCompleteWithoutRefund        YMRefundStatus = "COMPLETE_WITHOUT_REFUND"
	YMRefundPremoderationDispute         YMRefundStatus = "PREMODERATION_DISPUTE"
	YMRefundPremoderationDecisionWaiting YMRefundStatus = "PREMODERATION_DECISION_WAITING"
	YMRefundPremoderationDecisionMade    YMRefundStatus = "PREMODERATION_DECISION_MADE"
	YMRefundPremoderationSelectDelivery  YMRefundStatus = "PREMODERATION_SELECT_DELIVERY"
	YMRefundUnknown                      YMRefundStatus = "UNKNOWN"
)

// YMRefundStatuses lists every documented refund status in spec order.
var YMRefundStatuses = []YMRefundStatus{
	YMRefundStartedByUser, YMRefundInProgress, YMRefunded, YMRefundFailed, YMRefundWaitingForDecision,
	YMRefundDecisionMade, YMRefundedWithBonuses, YMRefundedByShop, YMRefundCancelled, YMRefundRejected,
	YMRefundCompleteWithoutRefund, YMRefundPremoderationDispute, YMRefundPremoderationDecisionWaiting,
	YMRefundPremoderationDecisionMade, YMRefundPremoderationSelectDelivery, YMRefundUnknown,
}

// YMWaitingStatuses are the statuses in which the seller must decide before
// the deadline, after which Yandex Market approves the return by itself.
var YMWaitingStatuses = []YMRefundStatus{YMRefundPremoderationDecisionWaiting, YMRefundWaitingForDecision}

// AwaitsDecision reports whether the seller is expected to decide.
func (s YMRefundStatus) AwaitsDecision() bool {
	return s == YMRefundPremoderationDecisionWaiting || s == YMRefundWaitingForDecision
}

// Label is a short human name; unknown statuses keep their raw value.
func (s YMRefundStatus) Label() string {
	switch s {
	case YMRefundStartedByUser:
		return "created by buyer"
	case YMRefundInProgress:
		return "refund in progress"
	case YMRefunded:
		return "refunded"
	case YMRefundFailed:
		return "refund failed"
	case YMRefundWaitingForDecision, YMRefundPremoderationDecisionWaiting:
		return "awaiting your decision"
	case YMRefundDecisionMade, YMRefundPremoderationDecisionMade:
		return "decision made"
	case YMRefundedWithBonuses:
		return "refunded with Plus points"
	case YMRefundedByShop:
		return "refunded by shop"
	case YMRefundCancelled:
		return "cancelled"
	case YMRefundRejected:
		return "rejected"
	case YMRefundCompleteWithoutRefund:
		return "closed without refund"
	case YMRefundPremoderationDispute:
		return "dispute open"
	case YMRefundPremoderationSelectDelivery:
		return "buyer choosing delivery"
	case YMRefundUnknown:
		return "unknown"
	}
	return string(s)
}

// YMShipmentStatus is the logistic status of a return (ReturnShipmentStatusType).
type YMShipmentStatus string

const (
	YMShipmentCreated                  YMShipmentStatus = "CREATED"
	YMShipmentReceived                 YMShipmentStatus = "RECEIVED"
	YMShipmentInTransit                YMShipmentStatus = "IN_TRANSIT"
	YMShipmentReadyForPickup           YMShipmentStatus = "READY_FOR_PICKUP"
	YMShipmentPicked                   YMShipmentStatus = "PICKED"
	YMShipmentLost                     YMShipmentStatus = "LOST"
	YMShipmentExpired                  YMShipmentStatus = "EXPIRED"
	YMShipmentCancelled                YMShipmentStatus = "CANCELLED"
	YMShipmentFulfilmentReceived       YMShipmentStatus = "FULFILMENT_RECEIVED"
	YMShipmentPreparedForUtilization   YMShipmentStatus = "PREPARED_FOR_UTILIZATION"
	YMShipmentNotInDemand              YMShipmentStatus = "NOT_IN_DEMAND"
	YMShipmentUtilized                 YMShipmentStatus = "UTILIZED"
	YMShipmentReadyForExpropriation    YMShipmentStatus = "READY_FOR_EXPROPRIATION"
	YMShipmentReceivedForExpropriation YMShipmentStatus = "RECEIVED_FOR_EXPROPRIATION"
	YMShipmentUnknown                  YMShipmentStatus = "UNKNOWN"
)

// YMShipmentStatuses lists every documented shipment status in spec order.
var YMShipmentStatuses = []YMShipmentStatus{
	YMShipmentCreated, YMShipmentReceived, YMShipmentInTransit, YMShipmentReadyForPickup, YMShipmentPicked,
	YMShipmentLost, YMShipmentExpired, YMShipmentCancelled, YMShipmentFulfilmentReceived,
	YMShipmentPreparedForUtilization, YMShipmentNotInDemand, YMShipmentUtilized,
	YMShipmentReadyForExpropriation, YMShipmentReceivedForExpropriation, YMShipmentUnknown,
}

// Label is a short human name; unknown statuses keep their raw value.
func (s YMShipmentStatus) Label() string {
	switch s {
	case YMShipmentCreated:
		return "created"
	case YMShipmentReceived:
		return "handed in by buyer"
	case YMShipmentInTransit:
		return "in transit"
	case YMShipmentReadyForPickup:
		return "ready for pickup"
	case YMShipmentPicked:
		return "picked up by shop"
	case YMShipmentLost:
		return "lost"
	case YMShipmentExpired:
		return "not brought in time"
	case YMShipmentCancelled:
		return "cancelled"
	case YMShipmentFulfilmentReceived:
		return "at Market warehouse"
	case YMShipmentPreparedForUtilization:
		return "queued for disposal"
	case YMShipmentNotInDemand:
		return "not collected from post"
	case YMShipmentUtilized:
		return "disposed of"
	case YMShipmentReadyForExpropriation:
		return "checked for resale"
	case YMShipmentReceivedForExpropriation:
		return "taken for resale"
	case YMShipmentUnknown:
		return "unknown"
	}
	return string(s)
}

// YMReturnType tells a return from a non-purchase (ReturnType).
type YMReturnType string

const (
	YMReturnTypeReturn     YMReturnType = "RETURN"
	YMReturnTypeUnredeemed YMReturnType = "UNREDEEMED"
)

// Label is a short human name; unknown types keep their raw value.
func (t YMReturnType) Label() string {
	switch t {
	case YMReturnTypeReturn:
		return "return"
	case YMReturnTypeUnredeemed:
		return "not picked up"
	}
	return string(t)
}

// YMRecipientType is how the buyer sends the goods back (RecipientType).
type YMRecipientType string

const (
	YMRecipientShop            YMRecipientType = "SHOP"
	YMRecipientDeliveryService YMRecipientType = "DELIVERY_SERVICE"
	YMRecipientPost            YMRecipientType = "POST"
)

// YMLogisticPointType is the kind of pickup point (LogisticPointType).
type YMLogisticPointType string

const (
	YMPointWarehouse        YMLogisticPointType = "WAREHOUSE"
	YMPointPickupPoint      YMLogisticPointType = "PICKUP_POINT"
	YMPointPickupTerminal   YMLogisticPointType = "PICKUP_TERMINAL"
	YMPointPickupPostOffice YMLogisticPointType = "PICKUP_POST_OFFICE"
	YMPointPickupMixed      YMLogisticPointType = "PICKUP_MIXED"
	YMPointPickupRetail     YMLogisticPointType = "PICKUP_RETAIL"
)

// YMReasonType is why the buyer returns an item (ReturnDecisionReasonType).
type YMReasonType string

const (
	YMReasonBadQuality     YMReasonType = "BAD_QUALITY"
	YMReasonDoesNotFit     YMReasonType = "DOES_NOT_FIT"
	YMReasonWrongItem      YMReasonType = "WRONG_ITEM"
	YMReasonDamageDelivery YMReasonType = "DAMAGE_DELIVERY"
	YMReasonLoyaltyFail    YMReasonType = "LOYALTY_FAIL"
	YMReasonContentFail    YMReasonType = "CONTENT_FAIL"
	YMReasonDeliveryFail   YMReasonType = "DELIVERY_FAIL"
	YMReasonUnknown        YMReasonType = "UNKNOWN"
)

// Label is a short human name; unknown reasons keep their raw value.
func (r YMReasonType) Label() string {
	switch r {
	case YMReasonBadQuality:
		return "defective"
	case YMReasonDoesNotFit:
		return "did not suit"
	case YMReasonWrongItem:
		return "wrong item"
	case YMReasonDamageDelivery:
		return "damaged in delivery"
	case YMReasonLoyaltyFail:
		return "fault cannot be assigned"
	case YMReasonContentFail:
		return "wrong description (Market's fault)"
	case YMReasonDeliveryFail:
		return "not delivered"
	case YMReasonUnknown:
		return "reason not given"
	}
	return string(r)
}

// YMSubreasonType details the reason (ReturnDecisionSubreasonType).
type YMSubreasonType string

const (
	YMSubreasonUserDidNotLike         YMSubreasonType = "USER_DID_NOT_LIKE"
	YMSubreasonUserChangedMind        YMSubreasonType = "USER_CHANGED_MIND"
	YMSubreasonDeliveredTooLong       YMSubreasonType = "DELIVERED_TOO_LONG"
	YMSubreasonBadPackage             YMSubreasonType = "BAD_PACKAGE"
	YMSubreasonDamaged                YMSubreasonType = "DAMAGED"
	YMSubreasonNotWorking             YMSubreasonType = "NOT_WORKING"
	YMSubreasonIncompleteness         YMSubreasonType = "INCOMPLETENESS"
	YMSubreasonWrongItem              YMSubreasonType = "WRONG_ITEM"
	YMSubreasonWrongColor             YMSubreasonType = "WRONG_COLOR"
	YMSubreasonDidNotMatchDescription YMSubreasonType = "DID_NOT_MATCH_DESCRIPTION"
	YMSubreasonWrongOrder             YMSubreasonType = "WRONG_ORDER"
	YMSubreasonWrongAmountDelivered   YMSubreasonType = "WRONG_AMOUNT_DELIVERED"
	YMSubreasonWrappingDamaged        YMSubreasonType = "WRAPPING_DAMAGED"
	YMSubreasonItemWasUsed            YMSubreasonType = "ITEM_WAS_USED"
	YMSubreasonBroken                 YMSubreasonType = "BROKEN"
	YMSubreasonBadFlowers             YMSubreasonType = "BAD_FLOWERS"
	YMSubreasonParcelMissing          YMSubreasonType = "PARCEL_MISSING"
	YMSubreasonIncomplete             YMSubreasonType = "INCOMPLETE"
	YMSubreasonUnknown                YMSubreasonType = "UNKNOWN"
)

// Label is a short human name; unknown subreasons keep their raw value.
func (s YMSubreasonType) Label() string {
	switch s {
	case YMSubreasonUserDidNotLike:
		return "did not like it"
	case YMSubreasonUserChangedMind:
		return "changed mind"
	case YMSubreasonDeliveredTooLong:
		return "delivery took too long"
	case YMSubreasonBadPackage:
		return "factory package damaged"
	case YMSubreasonDamaged:
		return "scratches, chips"
	case YMSubreasonNotWorking:
		return "does not work"
	case YMSubreasonIncompleteness:
		return "parts missing"
	case YMSubreasonWrongItem:
		return "not the ordered item"
	case YMSubreasonWrongColor:
		return "wrong colour"
	case YMSubreasonDidNotMatchDescription:
		return "does not match description"
	case YMSubreasonWrongOrder:
		return "someone else's order"
	case YMSubreasonWrongAmountDelivered:
		return "wrong quantity"
	case YMSubreasonWrappingDamaged:
		return "shipping package damaged"
	case YMSubreasonItemWasUsed:
		return "signs of use"
	case YMSubreasonBroken:
		return "broken"
	case YMSubreasonBadFlowers:
		return "poor flowers"
	case YMSubreasonParcelMissing:
		return "part of order missing"
	case YMSubreasonIncomplete:
		return "order not delivered in full"
	case YMSubreasonUnknown:
		return "no details"
	}
	return string(s)
}

// YMDecisionType is the seller's decision on a returned item
// (ReturnDecisionType; ReturnRequestDecisionType is the same set without
// UNKNOWN).
type YMDecisionType string

const (
	YMDecisionFastRefundMoney              YMDecisionType = "FAST_REFUND_MONEY"
	YMDecisionRefundMoney                  YMDecisionType = "REFUND_MONEY"
	YMDecisionRefundMoneyIncludingShipment YMDecisionType = "REFUND_MONEY_INCLUDING_SHIPMENT"
	YMDecisionRepair                       YMDecisionType = "REPAIR"
	YMDecisionReplace                      YMDecisionType = "REPLACE"
	YMDecisionSendToExamination            YMDecisionType = "SEND_TO_EXAMINATION"
	YMDecisionDeclineRefund                YMDecisionType = "DECLINE_REFUND"
	YMDecisionPartialMoneyRefund           YMDecisionType = "PARTIAL_MONEY_REFUND"
	YMDecisionOther                        YMDecisionType = "OTHER_DECISION"
	YMDecisionUnknown                      YMDecisionType = "UNKNOWN"
)

// YMRequestDecisionTypes are the decisions a seller can send
// (ReturnRequestDecisionType).
var YMRequestDecisionTypes = []YMDecisionType{
	YMDecisionFastRefundMoney, YMDecisionRefundMoney, YMDecisionRefundMoneyIncludingShipment, YMDecisionRepair,
	YMDecisionReplace, YMDecisionSendToExamination, YMDecisionDeclineRefund, YMDecisionPartialMoneyRefund, YMDecisionOther,
}

// Label is a short human name; unknown decisions keep their raw value.
func (d YMDecisionType) Label() string {
	switch d {
	case YMDecisionFastRefundMoney:
		return "refund, goods stay with buyer"
	case YMDecisionRefundMoney:
		return "refund"
	case YMDecisionRefundMoneyIncludingShipment:
		return "refund with return shipping"
	case YMDecisionRepair:
		return "repair"
	case YMDecisionReplace:
		return "replace"
	case YMDecisionSendToExamination:
		return "send for examination"
	case YMDecisionDeclineRefund:
		return "decline"
	case YMDecisionPartialMoneyRefund:
		return "partial refund"
	case YMDecisionOther:
		return "other decision"
	case YMDecisionUnknown:
		return "not specified"
	}
	return string(d)
}

// CommentExpected reports whether Yandex Market asks for a comment with the
// decision: shipping cost, repair date, reason of refusal or the proposal.
func (d YMDecisionType) CommentExpected() bool {
	switch d {
	case YMDecisionRefundMoneyIncludingShipment, YMDecisionRepair, YMDecisionDeclineRefund, YMDecisionOther:
		return true
	}
	return false
}

// YMDeclineReason is why the seller refuses a return
// (ReturnRequestDecisionReasonType).
type YMDeclineReason string

const (
	YMDeclineNotConfirmed          YMDeclineReason = "ISSUE_WITH_THE_PRODUCT_WAS_NOT_CONFIRMED"
	YMDeclineMechanicalDamage      YMDeclineReason = "MECHANICAL_DAMAGE"
	YMDeclineWarrantyExpired       YMDeclineReason = "WARRANTY_PERIOD_HAS_EXPIRED"
	YMDeclinePackagingCompromised  YMDeclineReason = "CONFIGURATION_OR_PACKAGING_COMPROMISED"
	YMDeclineAppearanceCompromised YMDeclineReason = "PRODUCT_APPEARANCE_COMPROMISED"
	YMDeclineWarrantyViolated      YMDeclineReason = "WARRANTY_TERMS_VIOLATED"
	YMDeclineDeviceActivated       YMDeclineReason = "DEVICE_ACTIVATED"
)

// YMDeclineReasons lists every documented reason in spec order.
var YMDeclineReasons = []YMDeclineReason{
	YMDeclineNotConfirmed, YMDeclineMechanicalDamage, YMDeclineWarrantyExpired, YMDeclinePackagingCompromised,
	YMDeclineAppearanceCompromised, YMDeclineWarrantyViolated, YMDeclineDeviceActivated,
}

// Label is a short human name; unknown reasons keep their raw value.
func (r YMDeclineReason) Label() string {
	switch r {
	case YMDeclineNotConfirmed:
		return "problem not confirmed"
	case YMDeclineMechanicalDamage:
		return "mechanical damage"
	case YMDeclineWarrantyExpired:
		return "warranty expired"
	case YMDeclinePackagingCompromised:
		return "set or packaging incomplete"
	case YMDeclineAppearanceCompromised:
		return "appearance spoiled"
	case YMDeclineWarrantyViolated:
		return "warranty terms violated"
	case YMDeclineDeviceActivated:
		return "device activated"
	}
	return string(r)
}

// YMInstanceStatus is the logistic status of one unit (ReturnInstanceStatusType).
type YMInstanceStatus string

// YMStockType is the warehouse verdict on a returned unit (ReturnInstanceStockType).
type YMStockType string

// YMOrderStatus is an order's status (OrderStatusType).
type YMOrderStatus string

const (
	YMOrderStatusPlacing           YMOrderStatus = "PLACING"
	YMOrderStatusReserved          YMOrderStatus = "RESERVED"
	YMOrderStatusUnpaid            YMOrderStatus = "UNPAID"
	YMOrderStatusProcessing        YMOrderStatus = "PROCESSING"
	YMOrderStatusDelivery          YMOrderStatus = "DELIVERY"
	YMOrderStatusPickup            YMOrderStatus = "PICKUP"
	YMOrderStatusDelivered         YMOrderStatus = "DELIVERED"
	YMOrderStatusCancelled         YMOrderStatus = "CANCELLED"
	YMOrderStatusPending           YMOrderStatus = "PENDING"
	YMOrderStatusPartiallyReturned YMOrderStatus = "PARTIALLY_RETURNED"
	YMOrderStatusReturned          YMOrderStatus = "RETURNED"
	YMOrderStatusUnknown           YMOrderStatus = "UNKNOWN"
)

// Label is a short human name; unknown statuses keep their raw value.
func (s YMOrderStatus) Label() string {
	switch s {
	case YMOrderStatusPlacing:
		return "being placed"
	case YMOrderStatusReserved:
		return "reserved"
	case YMOrderStatusUnpaid:
		return "unpaid"
	case YMOrderStatusProcessing:
		return "processing"
	case YMOrderStatusDelivery:
		return "in delivery"
	case YMOrderStatusPickup:
		return "at pickup point"
	case YMOrderStatusDelivered:
		return "delivered"
	case YMOrderStatusCancelled:
		return "cancelled"
	case YMOrderStatusPending:
		return "pending"
	case YMOrderStatusPartiallyReturned:
		return "partially returned"
	case YMOrderStatusReturned:
		return "returned"
	case YMOrderStatusUnknown:
		return "unknown"
	}
	return string(s)
}

// YMOrderSubstatus is the processing stage or cancellation reason
// (OrderSubstatusType, well over a hundred values: kept raw).
type YMOrderSubstatus string

// YMPlacementType is the campaign's fulfilment model (PlacementType).
type YMPlacementType string

const (
	YMPlacementFBS  YMPlacementType = "FBS"
	YMPlacementFBY  YMPlacementType = "FBY"
	YMPlacementDBS  YMPlacementType = "DBS"
	YMPlacementLAAS YMPlacementType = "LAAS"
)

// YMAPIAvailability says whether a campaign may use the API
// (ApiAvailabilityStatusType).
type YMAPIAvailability string

// YMAPIAvailable is the only value under which the campaign's methods work.
const YMAPIAvailable YMAPIAvailability = "AVAILABLE"

// YMBuyerType is a person or an organisation (OrderBuyerType).
type YMBuyerType string

const (
	YMBuyerPerson   YMBuyerType = "PERSON"
	YMBuyerBusiness YMBuyerType = "BUSINESS"
)

// YMDeliveryType is how an order travels (OrderDeliveryType).
type YMDeliveryType string

const (
	YMDeliveryCourier YMDeliveryType = "DELIVERY"
	YMDeliveryPickup  YMDeliveryType = "PICKUP"
	YMDeliveryPost    YMDeliveryType = "POST"
	YMDeliveryDigital YMDeliveryType = "DIGITAL"
)

// YMCurrency is a currency code (CurrencyType); RUR is the rouble.
type YMCurrency string

// YMRouble is Yandex Market's code for the Russian rouble.
const YMRouble YMCurrency = "RUR"
