package sandbox

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// gen draws deterministic seed data. Each service gets its own stream so
// adding items to one does not reshuffle the others.
type gen struct {
	r       *rand.Rand
	hostile bool
}

func newGen(seed, stream uint64, hostile bool) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, stream)), hostile: hostile}
}

func (g *gen) intn(n int) int         { return g.r.IntN(n) }
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) chance(p float64) bool  { return g.r.Float64() < p }
func pick[T any](g *gen, xs []T) T    { return xs[g.r.IntN(len(xs))] }
func (g *gen) ago(now time.Time, max time.Duration) time.Time {
	return now.Add(-time.Duration(g.r.Int64N(int64(max))))
}

// Product is one item of the shared demo catalogue: the same goods are sold
// on both marketplaces, so returns, questions and claims talk about them.
type Product struct {
	NmID      int64  // WB article
	Article   string // seller's article (vendorCode / shopSku)
	MarketSku int64  // YM SKU
	Brand     string
	Name      string
	Subject   string // WB subject (category)
	SubjectID int64
	Price     int // roubles
	Size      string
}

var catalogue = []Product{
	{NmID: 196320101, Article: "KAB-USBC-05", MarketSku: 101882233, Brand: "Ugreen", Name: "Кабель USB-C 0,5 м", Subject: "Кабели", SubjectID: 1520, Price: 157},
	{NmID: 175502344, Article: "TSH-BASIC-BLK", MarketSku: 100457812, Brand: "Henderson", Name: "Футболка базовая чёрная", Subject: "Футболки", SubjectID: 192, Price: 1290, Size: "48"},
	{NmID: 183309112, Article: "KRUZH-TERMO-450", MarketSku: 100993310, Brand: "Stanley", Name: "Термокружка 450 мл", Subject: "Термокружки", SubjectID: 2875, Price: 2490},
	{NmID: 150221907, Article: "NAUSH-TWS-PRO", MarketSku: 101240077, Brand: "Xiaomi", Name: "Наушники беспроводные TWS Pro", Subject: "Наушники", SubjectID: 515, Price: 3990},
	{NmID: 160773450, Article: "KROSS-RUN-42", MarketSku: 100673201, Brand: "Demix", Name: "Кроссовки беговые", Subject: "Кроссовки", SubjectID: 105, Price: 4590, Size: "42"},
	{NmID: 171004556, Article: "CHEHOL-IP15", MarketSku: 101556743, Brand: "Spigen", Name: "Чехол для iPhone 15 прозрачный", Subject: "Чехлы для телефонов", SubjectID: 70, Price: 890},
	{NmID: 144509871, Article: "SKOVORODA-28", MarketSku: 100312907, Brand: "Tefal", Name: "Сковорода с антипригарным покрытием 28 см", Subject: "Сковороды", SubjectID: 3024, Price: 2790},
	{NmID: 190045123, Article: "PLED-FLIS-150", MarketSku: 101730045, Brand: "Cleo", Name: "Плед флисовый 150×200", Subject: "Пледы", SubjectID: 1170, Price: 1190},
	{NmID: 166554098, Article: "LAMPA-LED-NAST", MarketSku: 100889432, Brand: "Navigator", Name: "Лампа настольная светодиодная", Subject: "Настольные лампы", SubjectID: 2561, Price: 1890},
	{NmID: 158887210, Article: "RUKZAK-GOR-30", MarketSku: 100556621, Brand: "Tramp", Name: "Рюкзак городской 30 л", Subject: "Рюкзаки", SubjectID: 55, Price: 3290},
	{NmID: 187763001, Article: "KREM-RUK-75", MarketSku: 101445590, Brand: "Natura Siberica", Name: "Крем для рук питательный 75 мл", Subject: "Кремы", SubjectID: 1302, Price: 349},
	{NmID: 149002377, Article: "POVERBANK-20K", MarketSku: 100223019, Brand: "Baseus", Name: "Внешний аккумулятор 20000 мА·ч", Subject: "Внешние аккумуляторы", SubjectID: 2130, Price: 2590},
	{NmID: 179912340, Article: "NOSKI-HLOP-5P", MarketSku: 101029987, Brand: "Гранд", Name: "Носки хлопковые, 5 пар", Subject: "Носки", SubjectID: 183, Price: 499, Size: "41-43"},
	{NmID: 152330981, Article: "KOVRIK-YOGA", MarketSku: 100401230, Brand: "Starfit", Name: "Коврик для йоги 183×61", Subject: "Коврики для фитнеса", SubjectID: 3312, Price: 1490},
	{NmID: 168840032, Article: "IGRUSH-KONSTR", MarketSku: 100910455, Brand: "Lego", Name: "Конструктор «Городской автобус»", Subject: "Конструкторы", SubjectID: 403, Price: 3490},
	{NmID: 191234500, Article: "CHAI-ZEL-100", MarketSku: 101812300, Brand: "Greenfield", Name: "Чай зелёный, 100 пакетиков", Subject: "Чай", SubjectID: 2610, Price: 399},
}

var firstNames = []string{"Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Татьяна", "Светлана", "Алексей", "Дмитрий", "Сергей", "Андрей", "Иван", "Михаил", "Никита", "Екатерина", "Юлия", "Павел", "Артём", "Ксения"}
var lastInitials = []string{"А.", "Б.", "В.", "Г.", "Д.", "Е.", "К.", "Л.", "М.", "Н.", "П.", "С.", "Т."}

func (g *gen) product() Product { return pick(g, catalogue) }

// buyerName is how marketplaces show a buyer: a first name, sometimes an
// initial.
func (g *gen) buyerName() string {
	if g.hostile && g.chance(0.3) {
		return pick(g, hostileNames)
	}
	n := pick(g, firstNames)
	if g.chance(0.5) {
		n += " " + pick(g, lastInitials)
	}
	return n
}

// text returns a buyer text from pool, hostile when the data set asks.
func (g *gen) text(pool []string) string {
	if g.hostile && g.chance(0.3) {
		return pick(g, hostileTexts)
	}
	return pick(g, pool)
}

// sentence joins 1..n phrases of pool for longer texts.
func (g *gen) sentence(pool []string, n int) string {
	k := g.between(1, n)
	parts := make([]string, 0, k)
	for range k {
		parts = append(parts, g.text(pool))
	}
	return strings.Join(parts, " ")
}

func (g *gen) hex(n int) string {
	const digits = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = digits[g.intn(16)]
	}
	return string(b)
}

// uuid is a deterministic version-4 UUID.
func (g *gen) uuid() string {
	h := g.hex(32)
	return fmt.Sprintf("%s-%s-4%s-a%s-%s", h[:8], h[8:12], h[13:16], h[17:20], h[20:])
}

// hostileTexts are buyer texts that try to break a terminal; the UI must
// show them inert.
var hostileTexts = []string{
	"Товар пришёл \x1b]0;HACKED TITLE\x07сломанный",
	"Верните деньги\x1b[2J\x1b[H — экран очищен?",
	"Скопируйте: \x1b]52;c;cm0gLXJmIH4vKg==\x07 спасибо",
	"Ссылка \x1b]8;;https://evil.example/\x1b\\нажми\x1b]8;;\x1b\\ сюда",
	"DCS \x1bP1$qm\x1b\\ и C1 \u009b31m красный \u0085 конец",
	"Двунаправленный \u202eтекст\u202c и нулевой\u200bширины",
	"Семья 👨‍👩‍👧‍👦 и флаг 🇷🇺 и й (й)",
	"Неверный UTF-8: \xff\xfe\xc3\x28 конец",
	"\t\tтабуляция\rвозврат каретки\bзабой\x00нуль",
	strings.Repeat("Очень длинная строка без переносов ", 290),
}

var hostileNames = []string{
	"\x1b[31mКрасный\x1b[0m Покупатель",
	"Имя\x1b]0;title\x07",
	"👩‍💻 Ольга",
	"A\u0301\u0301\u0301 Zalgo",
}

// hostileFileNames are attachment names that try to escape the downloads
// folder or hide their type.
var hostileFileNames = []string{"../../.bashrc", "..\\..\\evil.exe", "/etc/passwd", "фото\x1b[2J.jpg", "a\u202egpj.exe"}
