package serve

import (
	"charm.land/ssh"
	"charm.land/wish/v2"

	"github.com/sellerinbox/sellerinbox/ui/i18n"
)

// tr is the agent's language for what the server itself says (before the
// inbox starts or after it ended).
func (s *Server) tr(name string) i18n.T {
	if l, ok := i18n.Parse(s.o.Session.Config().Agents[name].Lang); ok {
		return i18n.New(l)
	}
	return i18n.New(s.o.Lang)
}

// refuse says why the session ends and ends it with status 1.
func (s *Server) refuse(sess ssh.Session, name, id string, args ...any) {
	wish.Fatalln(sess, "sellerinbox: "+s.tr(name).Get(id, args...))
}

func init() {
	i18n.Register(i18n.EN, map[string]string{
		"serve.rate":    "too many new sessions from your address; try again in a minute",
		"serve.full":    "the server already has %d sessions, its maximum; try again later",
		"serve.no_pty":  "the inbox needs a terminal: connect with ssh -t",
		"serve.closing": "the server is shutting down",
		"serve.failed":  "the inbox could not start; the server's log says why",
		"serve.idle":    "no key pressed for %s: disconnected; your draft is kept",
		"serve.no_exec": "the team inbox runs no program on the server: write the text here",
	})
	i18n.Register(i18n.RU, map[string]string{
		"serve.rate":    "слишком много новых сеансов с вашего адреса; попробуйте через минуту",
		"serve.full":    "на сервере уже %d сеансов, больше нельзя; попробуйте позже",
		"serve.no_pty":  "входящим нужен терминал: подключайтесь через ssh -t",
		"serve.closing": "сервер останавливается",
		"serve.failed":  "входящие не запустились; причина в журнале сервера",
		"serve.idle":    "%s без нажатий: сеанс закрыт, черновик сохранён",
		"serve.no_exec": "входящие команды не запускают программ на сервере: пишите текст здесь",
	})
}
