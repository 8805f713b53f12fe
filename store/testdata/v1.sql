-- A database as sellerinbox left it at schema version 1 (before full-text
-- search), frozen: migration tests upgrade it to the latest version. Never
-- edit it to follow later migrations.
CREATE TABLE schema_version (
	version INTEGER PRIMARY KEY,
	name    TEXT    NOT NULL,
	applied INTEGER NOT NULL
);
INSERT INTO schema_version VALUES (1, 'items, chat events and sync cursors', 1767225600000);
CREATE TABLE items (
	marketplace  TEXT    NOT NULL,
	kind         TEXT    NOT NULL,
	id           TEXT    NOT NULL,
	at           INTEGER NOT NULL,
	created      INTEGER NOT NULL,
	updated      INTEGER NOT NULL,
	needs_action INTEGER NOT NULL DEFAULT 0,
	deadline     INTEGER,
	nm_id        INTEGER NOT NULL DEFAULT 0,
	article      TEXT    NOT NULL DEFAULT '',
	rating       INTEGER NOT NULL DEFAULT 0,
	chat_id      TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	snippet      TEXT    NOT NULL DEFAULT '',
	data         BLOB    NOT NULL,
	seen         INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (marketplace, kind, id)
);
CREATE INDEX items_by_at ON items(kind, at DESC, id DESC);
CREATE INDEX items_by_state ON items(kind, needs_action, at DESC, id DESC);
CREATE TABLE chat_events (
	event_id TEXT    PRIMARY KEY,
	chat_id  TEXT    NOT NULL,
	at       INTEGER NOT NULL,
	sender   TEXT    NOT NULL,
	data     BLOB    NOT NULL
);
CREATE INDEX chat_events_by_chat ON chat_events(chat_id, at);
CREATE INDEX chat_events_by_sender ON chat_events(chat_id, sender, at);
CREATE TABLE cursors (
	name    TEXT    PRIMARY KEY,
	value   TEXT    NOT NULL,
	updated INTEGER NOT NULL
);

-- 2026-01-01T09:00:00Z = 1767258000000
INSERT INTO items VALUES ('wb', 'question', 'Qv1aaaaaaaaaaaaaaaaa', 1767258000000, 1767258000000, 1767258000000, 1, NULL,
	191234500, 'CHAI-ZEL-100', 0, '', 'Чай зелёный, 100 пакетиков', 'Сколько пакетиков в пачке?',
	'{"id":"Qv1aaaaaaaaaaaaaaaaa","text":"Сколько пакетиков в пачке?","createdDate":"2026-01-01T09:00:00Z","state":"suppliersPortalSynch","answer":null,"productDetails":{"nmId":191234500,"imtId":101234500,"productName":"Чай зелёный, 100 пакетиков","supplierArticle":"CHAI-ZEL-100","supplierName":"ИП Соколова Анна Викторовна","brandName":"Greenfield","size":""},"wasViewed":false,"isWarned":false}', 0);
INSERT INTO items VALUES ('wb', 'feedback', 'Fv1aaaaaaaaaaaaaaaaa', 1767254400000, 1767254400000, 1767254400000, 1, 1769846400000,
	183309112, 'KRUZH-TERMO-450', 2, '', 'Термокружка 450 мл', 'Крышка протекает, ёмкость меньше заявленной',
	'{"id":"Fv1aaaaaaaaaaaaaaaaa","text":"Крышка протекает, ёмкость меньше заявленной","pros":"Держит тепло","cons":"Протекает","productValuation":2,"createdDate":"2026-01-01T08:00:00Z","answer":null,"state":"none","productDetails":{"nmId":183309112,"imtId":93309112,"productName":"Термокружка 450 мл","supplierArticle":"KRUZH-TERMO-450","supplierName":"ИП Соколова Анна Викторовна","brandName":"Stanley","size":""},"video":null,"wasViewed":false,"photoLinks":null,"userName":"Ксения Л.","matchingSize":"","isAbleSupplierFeedbackValuation":false,"supplierFeedbackValuation":0,"isAbleSupplierProductValuation":false,"supplierProductValuation":0,"isAbleReturnProductOrders":false,"returnProductOrdersDate":null,"bables":null,"lastOrderShkId":0,"lastOrderCreatedAt":null,"color":"","subjectId":0,"subjectName":"","parentFeedbackId":"","childFeedbackId":""}', 0);
INSERT INTO items VALUES ('wb', 'chat', '1:v1chat', 1767250800000, 1767164400000, 1767250800000, 1, 1768114800000,
	160773450, '', 0, '1:v1chat', 'Артём', 'Подскажите, когда отправите?',
	'{"chatID":"1:v1chat","replySign":"1:v1chat:555:sign","clientID":"555","clientName":"Артём","goodCard":{"date":"2025-12-31T07:00:00Z","needRefund":false,"nmID":160773450,"price":4590,"priceCurrency":"RUB","rid":"abc","size":"42","statusID":1},"lastMessage":{"text":"Подскажите, когда отправите?","addTimestamp":1767250800000}}', 0);
INSERT INTO items VALUES ('wb', 'claim', 'c1aim-v1', 1767243600000, 1767243600000, 1767243600000, 1, 1768453200000,
	150221907, '', 0, '', 'Наушники беспроводные TWS Pro, NAUSH-TWS-PRO', 'Левый наушник не заряжается',
	'{"id":"c1aim-v1","claim_type":1,"status":0,"status_ex":0,"nm_id":150221907,"user_comment":"Левый наушник не заряжается","wb_comment":"","dt":"2026-01-01T05:00:00Z","imt_name":"Наушники беспроводные TWS Pro, NAUSH-TWS-PRO","order_dt":"2025-12-20T10:00:00Z","dt_update":"2026-01-01T05:00:00Z","photos":null,"video_paths":null,"actions":["approve1","reject1","rejectcustom"],"price":3990,"currency_code":"643","srid":"123.0.0","sellerinbox_archive":false}', 0);
INSERT INTO items VALUES ('ym', 'return', '700001', 1767240000000, 1767236400000, 1767240000000, 1, 1767495600000,
	0, 'PLED-FLIS-150', 0, '', 'Return 700001, order 900001: PLED-FLIS-150', 'Плед линяет после стирки',
	'{"id":700001,"orderId":900001,"creationDate":"2026-01-01T03:00:00Z","updateDate":"2026-01-01T04:00:00Z","refundStatus":"PREMODERATION_DECISION_WAITING","pickupTillDate":null,"items":[{"shopSku":"PLED-FLIS-150","count":1,"decisions":[{"returnItemId":800001,"count":1,"comment":"Плед линяет после стирки","reasonType":"BAD_QUALITY"}]}],"returnType":"RETURN"}', 0);
INSERT INTO chat_events VALUES ('ev-v1-1', '1:v1chat', 1767250800000, 'client',
	'{"chatID":"1:v1chat","eventID":"ev-v1-1","eventType":"message","isNewChat":true,"message":{"text":"Подскажите, когда отправите?","attachments":{"files":null,"images":null}},"source":"rusite","addTimestamp":1767250800000,"addTime":"2026-01-01T07:00:00Z","replySign":"1:v1chat:555:sign","sender":"client","clientID":"555","clientName":"Артём"}');
INSERT INTO cursors VALUES ('wb.chat.next', '1767250800001', 1767258000000);
