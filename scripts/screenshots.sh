#!/usr/bin/env bash
# Screenshots of every pane for the README, taken from the real binary in a
# real terminal: tmux capture-pane (with escapes) → HTML (aha) → PNG
# (headless Chromium). Fully local; needs: apt-get install tmux aha chromium fonts-dejavu-core
set -euo pipefail
cd "$(dirname "$0")/.."
for t in tmux aha chromium go; do
	command -v "$t" >/dev/null || { echo "screenshots: needs $t (apt-get install tmux aha chromium fonts-dejavu-core)" >&2; exit 1; }
done
out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
sock="si-shots-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/sellerinbox" .

cols=120 rows=40
start() { # lang
	tmux -L "$sock" kill-server 2>/dev/null || true
	sleep 0.5
	tmux -L "$sock" -f /dev/null new-session -d -s app -x "$cols" -y "$rows" \
		"env -i HOME=$work/home PATH=$PATH TERM=xterm-256color COLORTERM=truecolor LANG=$1 \
		 SELLERINBOX_KEYRING=off XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache XDG_CONFIG_HOME=$work/config \
		 $work/sellerinbox --demo"
	sleep 3
}
keys() { tmux -L "$sock" send-keys -t app "$@"; sleep 0.4; }

shot() { # name
	tmux -L "$sock" capture-pane -e -p -t app >"$work/$1.ansi"
	{
		printf '<!doctype html><meta charset="utf-8"><style>'
		printf 'body{margin:0;background:#1c1b22}pre{margin:12px;font:14px/1.25 "DejaVu Sans Mono",monospace;color:#e8e6f0}'
		printf '</style><pre>'
		aha --no-header --black <"$work/$1.ansi"
		printf '</pre>'
	} >"$work/$1.html"
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$work/chrome" --hide-scrollbars --window-size=1040,740 \
		--screenshot="$out/$1.png" "file://$work/$1.html" >/dev/null 2>&1
	echo "$out/$1.png"
}

start en_US.UTF-8
for p in 0:inbox 1:returns 2:questions 3:feedbacks 4:chats 5:claims; do
	keys "${p%%:*}"
	sleep 1.5
	keys j
	keys j
	sleep 1
	shot "${p#*:}"
done
keys C-f; keys -l "коробк"; sleep 1.5; keys Down; keys Down; shot search; keys Escape
# the filter menu's "with photos", so the preview has a photo to draw
keys 3; keys f; keys Tab; keys Tab; keys Right; keys Enter; sleep 1.5; keys p; sleep 2; shot feedbacks-photo; keys p; keys Escape
keys 2; keys a; keys -l "Здравствуйте! Размер соответствует таблице, берите ваш обычный."; sleep 0.5; shot questions-editor; keys Escape
# the / filter: a word of the product's name, not of the question, so the
# detail's "Matched:" line says why the row is there
keys /; keys -l "автобус"; keys Enter; sleep 1; keys j; sleep 0.5; shot questions-filter; keys Escape
start ru_RU.UTF-8
keys 3; sleep 1.5; keys j; sleep 1; shot feedbacks-ru
# bulk answers: a 5-star section as a sub-tab, marked rows, and the
# preview of the section's template (the config is written last, so the
# other shots show no sections)
mkdir -p "$work/config/sellerinbox"
printf '[[sections]]\nname = "5★"\npane = "feedbacks"\nfilter = "rating:5"\ntemplate = "Спасибо за отличную оценку"\n' \
	>"$work/config/sellerinbox/config.toml"
start en_US.UTF-8
keys 3; sleep 1.5; keys '}'; sleep 1; keys Space; keys j; keys Space; keys j; keys Space; sleep 0.5; shot feedbacks-marked
keys A; sleep 0.5; keys -l "отличную"; keys Enter; sleep 1.5; shot feedbacks-bulk; keys Escape
