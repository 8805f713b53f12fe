package sandbox

// Buyers' claim comments and the texts Wildberries shows them once the
// seller answers.

var claimUserComments = []string{
	"Длина провода не соответствует описанию",
	"Товар пришёл с браком: трещина на корпусе",
	"Не работает с первого дня, не заряжается",
	"Размер не совпадает с таблицей размеров, маломерит на два размера",
	"Пришёл другой цвет, не тот, что на фото",
	"Покрытие облезло после первого использования",
	"В комплекте нет инструкции и зарядного устройства",
	"Шов разошёлся после одной носки",
	"Упаковка была вскрыта, товар поцарапан",
	"Запах химии, пользоваться невозможно",
	"Один наушник не работает",
	"Не хватает деталей в наборе",
	"",
}

// claimWBComments are what the buyer reads after each kind of answer.
var claimWBComments = map[string]string{
	"approve": "Продавец одобрил вашу заявку на возврат. В течение 14 дней принесите товар в пункт выдачи. " +
		"Деньги придут на вашу карту или счёт в течение 10 дней после возврата товара на склад.",
	"autorefund1": "Продавец одобрил вашу заявку. Товар можно оставить себе, деньги вернутся в течение 10 дней.",
	"reject1": "Пришлось отклонить заявку — подтвердить производственный брак не получилось. " +
		"Можете отнести товар на независимую экспертизу или в сервисный центр.",
	"reject2": "Пришлось отклонить заявку — нужно чуть больше информации. Создайте новую заявку " +
		"и добавьте фото, на которых хорошо виден товар, брак и этикетка.",
	"reject3": "Пришлось отклонить заявку — подтвердить производственный брак не получилось. " +
		"Вы можете отнести товар в сервисный центр: адрес есть на сайте производителя.",
	"approvecc1":           "Продавец одобрил заявку. Верните товар в магазин продавца.",
	"confirmreturngoodcc1": "Продавец подтвердил, что получил товар. Деньги вернутся в течение 10 дней.",
}

// claimActiveActions are the answer sets WB offers on pending claims; the
// last one is the in-store pickup model.
var claimActiveActions = [][]string{
	{"autorefund1", "approve1", "reject1", "reject2", "reject3", "rejectcustom"},
	{"approve1", "approve2", "autorefund1", "reject1", "reject2", "reject3", "rejectcustom"},
	{"autorefund1", "approve1", "rejectcustom"},
	{"approvecc1", "rejectcustom"},
}

var (
	claimReconsider   = []string{"approve1", "autorefund1"}
	claimAfterCC      = []string{"confirmreturngoodcc1", "rejectcustom"}
	claimNoActions    = []string{}
	claimApprovedExes = []int{2, 5, 8, 10}
)
