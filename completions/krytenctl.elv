
use builtin;
use str;

set edit:completion:arg-completer[krytenctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'krytenctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'krytenctl'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'The daemon itself: version, bus connection, ingest rate, store size'
            cand services 'Services of the fleet'
            cand svc 'Services of the fleet'
            cand events 'Recorded bus events'
            cand ev 'Recorded bus events'
            cand logs 'Service logs, one ordered stream across the fleet'
            cand health 'One-line fleet health with Nagios exit codes, for CI gates and monitoring'
            cand wait 'Block until services reach a condition (exit 0) or time out (exit 1)'
            cand completion 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;status'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;services'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'One row per service'
            cand list 'One row per service'
            cand get 'One service'
            cand describe 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;svc'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'One row per service'
            cand list 'One row per service'
            cand get 'One service'
            cand describe 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;services;ls'= {
            cand --status 'Only services in these statuses (comma-separated)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -w 'Keep watching and print each change'
            cand --watch 'Keep watching and print each change'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;services;list'= {
            cand --status 'Only services in these statuses (comma-separated)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -w 'Keep watching and print each change'
            cand --watch 'Keep watching and print each change'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;svc;ls'= {
            cand --status 'Only services in these statuses (comma-separated)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -w 'Keep watching and print each change'
            cand --watch 'Keep watching and print each change'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;svc;list'= {
            cand --status 'Only services in these statuses (comma-separated)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -w 'Keep watching and print each change'
            cand --watch 'Keep watching and print each change'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;services;get'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;svc;get'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;services;describe'= {
            cand --timeline 'Status changes to show'
            cand --events 'Recent events to show'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;svc;describe'= {
            cand --timeline 'Status changes to show'
            cand --events 'Recent events to show'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;services;help'= {
            cand ls 'One row per service'
            cand get 'One service'
            cand describe 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;services;help;ls'= {
        }
        &'krytenctl;services;help;get'= {
        }
        &'krytenctl;services;help;describe'= {
        }
        &'krytenctl;services;help;help'= {
        }
        &'krytenctl;svc;help'= {
            cand ls 'One row per service'
            cand get 'One service'
            cand describe 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;svc;help;ls'= {
        }
        &'krytenctl;svc;help;get'= {
        }
        &'krytenctl;svc;help;describe'= {
        }
        &'krytenctl;svc;help;help'= {
        }
        &'krytenctl;events'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'Recorded events, newest last'
            cand list 'Recorded events, newest last'
            cand tail 'The last events, and with -f every new one as it arrives'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;ev'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand ls 'Recorded events, newest last'
            cand list 'Recorded events, newest last'
            cand tail 'The last events, and with -f every new one as it arrives'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;events;ls'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many of the newest matching events'
            cand --tail 'How many of the newest matching events'
            cand --after 'Instead: the oldest events after this sequence number (paging forward)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;events;list'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many of the newest matching events'
            cand --tail 'How many of the newest matching events'
            cand --after 'Instead: the oldest events after this sequence number (paging forward)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;ev;ls'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many of the newest matching events'
            cand --tail 'How many of the newest matching events'
            cand --after 'Instead: the oldest events after this sequence number (paging forward)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;ev;list'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many of the newest matching events'
            cand --tail 'How many of the newest matching events'
            cand --after 'Instead: the oldest events after this sequence number (paging forward)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;events;tail'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many past events to show first (default 10; with --since, all since then)'
            cand --tail 'How many past events to show first (default 10; with --since, all since then)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -f 'Keep following new events'
            cand --follow 'Keep following new events'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;ev;tail'= {
            cand --subject 'Subject pattern (NATS wildcards * and >); repeatable'
            cand --service 'Only events of these services (comma-separated or repeated)'
            cand --type 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand -g 'Regular expression matched against subject and payload'
            cand --grep 'Regular expression matched against subject and payload'
            cand -n 'How many past events to show first (default 10; with --since, all since then)'
            cand --tail 'How many past events to show first (default 10; with --since, all since then)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand -f 'Keep following new events'
            cand --follow 'Keep following new events'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;events;help'= {
            cand ls 'Recorded events, newest last'
            cand tail 'The last events, and with -f every new one as it arrives'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;events;help;ls'= {
        }
        &'krytenctl;events;help;tail'= {
        }
        &'krytenctl;events;help;help'= {
        }
        &'krytenctl;ev;help'= {
            cand ls 'Recorded events, newest last'
            cand tail 'The last events, and with -f every new one as it arrives'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;ev;help;ls'= {
        }
        &'krytenctl;ev;help;tail'= {
        }
        &'krytenctl;ev;help;help'= {
        }
        &'krytenctl;logs'= {
            cand -n 'How many past lines to show first (default 100; with --since, all since then)'
            cand --tail 'How many past lines to show first (default 100; with --since, all since then)'
            cand --since 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix'
            cand --until 'Up to this time (same syntax)'
            cand --level 'This level or worse: debug, info, notice, warning, error, critical, alert, emerg, or 0-7'
            cand -g 'Only lines matching this regular expression (plain words use the full-text index)'
            cand --grep 'Only lines matching this regular expression (plain words use the full-text index)'
            cand --exclude 'Leave out lines matching this regular expression'
            cand --format 'Output: text, or json / jsonl records (also -o json|jsonl)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --all 'Every service''s logs'
            cand -f 'Keep following; survives the service restarting and the daemon connection dropping'
            cand --follow 'Keep following; survives the service restarting and the daemon connection dropping'
            cand -t 'Show each line''s time'
            cand --timestamps 'Show each line''s time'
            cand --prefix 'Prefix each line with its service (the default with several services)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;health'= {
            cand --require 'Services that must exist and be up (comma-separated)'
            cand --fail-on 'Statuses that are critical rather than a warning, e.g. degraded (comma-separated)'
            cand --format 'Output style (also follows -o json)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;wait'= {
            cand --for 'The condition to wait for'
            cand --timeout 'Give up after this long (exit 1)'
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;completion'= {
            cand --server 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use color (off when stdout is not a terminal or NO_COLOR is set)'
            cand --no-headers 'Omit table headers'
            cand --no-color 'Never use color'
            cand -v 'More detail on stderr'
            cand --verbose 'More detail on stderr'
            cand -q 'No notices on stderr'
            cand --quiet 'No notices on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'krytenctl;help'= {
            cand status 'The daemon itself: version, bus connection, ingest rate, store size'
            cand services 'Services of the fleet'
            cand events 'Recorded bus events'
            cand logs 'Service logs, one ordered stream across the fleet'
            cand health 'One-line fleet health with Nagios exit codes, for CI gates and monitoring'
            cand wait 'Block until services reach a condition (exit 0) or time out (exit 1)'
            cand completion 'Print shell completions'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'krytenctl;help;status'= {
        }
        &'krytenctl;help;services'= {
            cand ls 'One row per service'
            cand get 'One service'
            cand describe 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
        }
        &'krytenctl;help;services;ls'= {
        }
        &'krytenctl;help;services;get'= {
        }
        &'krytenctl;help;services;describe'= {
        }
        &'krytenctl;help;events'= {
            cand ls 'Recorded events, newest last'
            cand tail 'The last events, and with -f every new one as it arrives'
        }
        &'krytenctl;help;events;ls'= {
        }
        &'krytenctl;help;events;tail'= {
        }
        &'krytenctl;help;logs'= {
        }
        &'krytenctl;help;health'= {
        }
        &'krytenctl;help;wait'= {
        }
        &'krytenctl;help;completion'= {
        }
        &'krytenctl;help;help'= {
        }
    ]
    $completions[$command]
}
