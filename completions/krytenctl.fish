# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_krytenctl_global_optspecs
    string join \n server= token= context= ca= o/output= no-headers color= no-color v/verbose q/quiet h/help V/version
end

function __fish_krytenctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_krytenctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_krytenctl_using_subcommand
    set -l cmd (__fish_krytenctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c krytenctl -n "__fish_krytenctl_needs_command" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_needs_command" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "status" -d 'The daemon itself: version, bus connection, ingest rate, store size'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "services" -d 'Services of the fleet'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "svc" -d 'Services of the fleet'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "events" -d 'Recorded bus events'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "ev" -d 'Recorded bus events'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "logs" -d 'Service logs, one ordered stream across the fleet'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "health" -d 'One-line fleet health with Nagios exit codes, for CI gates and monitoring'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "wait" -d 'Block until services reach a condition (exit 0) or time out (exit 1)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "restart" -d 'Restart a service through its own command subject (or every service with --all)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "reload" -d 'Ask a service to reload its configuration'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "shutdown" -d 'Ask a service to shut down'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "ping" -d 'Ping a service (system.ping) and show the round-trip time'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "call" -d 'Send any command to a service and print its reply'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "discover" -d 'Ask every service to re-announce itself; show who answered'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "audit" -d 'The control audit trail'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "alerts" -d 'Alerts the daemon holds (pending, firing, resolved)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "silence" -d 'Silence alerts for a while (operator)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "token" -d 'API tokens (admin)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "admin" -d 'The daemon\'s own configuration (admin)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "ui" -d 'A single-use sign-in link for the web UI (opened in the browser on a desktop)'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "config" -d 'Service configs (get, diff, history) and client contexts'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "completion" -d 'Print shell completions'
complete -c krytenctl -n "__fish_krytenctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand status" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "ls" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "list" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "get" -d 'One service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "describe" -d 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "forget" -d 'Remove a down or stopped service from the registry (operator; audited)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l status -d 'Only services in these statuses (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Keep watching and print each change'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l status -d 'Only services in these statuses (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s w -l watch -d 'Keep watching and print each change'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l timeline -d 'Status changes to show' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l events -d 'Recent events to show' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l reason -d 'Why (kept in the audit trail)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from forget" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "ls" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "get" -d 'One service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "describe" -d 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Remove a down or stopped service from the registry (operator; audited)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand services; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "ls" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "list" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "get" -d 'One service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "describe" -d 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "forget" -d 'Remove a down or stopped service from the registry (operator; audited)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and not __fish_seen_subcommand_from ls list get describe forget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l status -d 'Only services in these statuses (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Keep watching and print each change'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l status -d 'Only services in these statuses (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s w -l watch -d 'Keep watching and print each change'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l timeline -d 'Status changes to show' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l events -d 'Recent events to show' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l reason -d 'Why (kept in the audit trail)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from forget" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "ls" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "get" -d 'One service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "describe" -d 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "forget" -d 'Remove a down or stopped service from the registry (operator; audited)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand svc; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -f -a "ls" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -f -a "list" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -f -a "tail" -d 'The last events, and with -f every new one as it arrives'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and not __fish_seen_subcommand_from ls list tail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s n -l tail -d 'How many of the newest matching events' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l after -d 'Instead: the oldest events after this sequence number (paging forward)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l before -d 'The newest events below this sequence number (paging back)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s n -l tail -d 'How many of the newest matching events' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l after -d 'Instead: the oldest events after this sequence number (paging forward)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l before -d 'The newest events below this sequence number (paging back)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s n -l tail -d 'How many past events to show first (default 10; with --since, all since then)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep following new events'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "ls" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "tail" -d 'The last events, and with -f every new one as it arrives'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand events; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -f -a "ls" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -f -a "list" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -f -a "tail" -d 'The last events, and with -f every new one as it arrives'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and not __fish_seen_subcommand_from ls list tail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s n -l tail -d 'How many of the newest matching events' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l after -d 'Instead: the oldest events after this sequence number (paging forward)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l before -d 'The newest events below this sequence number (paging back)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s n -l tail -d 'How many of the newest matching events' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l after -d 'Instead: the oldest events after this sequence number (paging forward)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l before -d 'The newest events below this sequence number (paging back)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l subject -d 'Subject pattern (NATS wildcards * and >); repeatable' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l service -d 'Only events of these services (comma-separated or repeated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l type -d 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s g -l grep -d 'Regular expression matched against subject and payload' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s n -l tail -d 'How many past events to show first (default 10; with --since, all since then)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s f -l follow -d 'Keep following new events'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from tail" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from help" -f -a "ls" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from help" -f -a "tail" -d 'The last events, and with -f every new one as it arrives'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ev; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s n -l tail -d 'How many past lines to show first (default 100; with --since, all since then)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l since -d 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l until -d 'Up to this time (same syntax)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l level -d 'This level or worse: debug, info, notice, warning, error, critical, alert, emerg, or 0-7' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s g -l grep -d 'Only lines matching this regular expression (plain words use the full-text index)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l exclude -d 'Leave out lines matching this regular expression' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l format -d 'Output: text, or json / jsonl records (also -o json|jsonl)' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l all -d 'Every service\'s logs'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s f -l follow -d 'Keep following; survives the service restarting and the daemon connection dropping'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s t -l timestamps -d 'Show each line\'s time'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l prefix -d 'Prefix each line with its service (the default with several services)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand logs" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l require -d 'Services that must exist and be up (comma-separated)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l fail-on -d 'Statuses that are critical rather than a warning, e.g. degraded (comma-separated); `alerts`: firing alerts decide too (a critical one: CRITICAL, others: WARNING)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l format -d 'Output style (also follows -o json)' -r -f -a "text\t''
json\t''
nagios\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand health" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l for -d 'The condition to wait for' -r -f -a "healthy\t'Status healthy'
startup\t'Up: starting, healthy, degraded or failing'
down\t'Status down (heartbeats or pings stopped)'
stopped\t'Announced a graceful shutdown'"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l timeout -d 'Give up after this long (exit 1)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand wait" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l reason -d 'Why (recorded in the audit trail and sent to the service)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l timeout -d 'Give up waiting after this long (exit 1, naming the stage)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l delay -d 'With --all: seconds services wait before restarting (0-300)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l all -d 'Restart every service with the group-restart broadcast'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l wait -d 'Wait until back and healthy, showing each stage (the default on a terminal)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l no-wait -d 'Return once the request is acknowledged'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s y -l yes -d 'Do not ask for confirmation (--all)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l allow-shutdown-fallback -d 'If the service does not know system.restart, send system.shutdown and rely on its supervisor (needed for operators; see docs/roles.md)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand restart" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l reason -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l timeout -d 'How long to wait for the reply' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand reload" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l delay -d 'Seconds the service waits before stopping (0-300)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l reason -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l timeout -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s y -l yes -d 'Do not ask for confirmation'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand shutdown" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s c -l count -d 'Number of pings, like ping(8)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s i -l interval -d 'Time between pings' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l timeout -d 'How long to wait for each reply' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ping" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l data -d 'Extra request fields, a JSON object' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l reason -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l timeout -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand call" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l wait -d 'How long to listen for answers' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand discover" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -f -a "ls" -d 'The control audit trail, oldest first'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -f -a "list" -d 'The control audit trail, oldest first'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and not __fish_seen_subcommand_from ls list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l since -d 'From this time (same syntax as everywhere: 1h, 2d, RFC 3339, ...)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l service -d 'Only actions on this service' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l actor -d 'Only actions by this token name (or "local")' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s n -l tail -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l since -d 'From this time (same syntax as everywhere: 1h, 2d, RFC 3339, ...)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l service -d 'Only actions on this service' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l actor -d 'Only actions by this token name (or "local")' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s n -l tail -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "ls" -d 'The control audit trail, oldest first'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -f -a "ls" -d 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -f -a "list" -d 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -f -a "describe" -d 'One alert, current or past: its timeline, deliveries, silences, windows and receivers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -f -a "test" -d 'Send a test notification through a receiver now (operator)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and not __fish_seen_subcommand_from ls list describe test help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l state -d 'Only alerts in this state (resolved: those resolved since --since)' -r -f -a "pending\t''
firing\t''
resolved\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l since -d 'How far back resolved alerts go (e.g. 2h, yesterday, RFC 3339; default 24h)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l state -d 'Only alerts in this state (resolved: those resolved since --since)' -r -f -a "pending\t''
firing\t''
resolved\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l since -d 'How far back resolved alerts go (e.g. 2h, yesterday, RFC 3339; default 24h)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from describe" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "ls" -d 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "describe" -d 'One alert, current or past: its timeline, deliveries, silences, windows and receivers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a test notification through a receiver now (operator)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand alerts; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -f -a "add" -d 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -f -a "ls" -d 'Silences in force or yet to start'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -f -a "list" -d 'Silences in force or yet to start'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -f -a "expire" -d 'End a silence now'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and not __fish_seen_subcommand_from add ls list expire help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l for -d 'How long (e.g. 2h, 30m)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l start -d 'When it starts (RFC 3339, a date, `tomorrow`…; default now): a one-off maintenance window' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l end -d 'When it ends, instead of --for' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l comment -d 'Why (kept with the silence and in the audit trail)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from expire" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from help" -f -a "add" -d 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from help" -f -a "ls" -d 'Silences in force or yet to start'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from help" -f -a "expire" -d 'End a silence now'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand silence; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -f -a "create" -d 'Create a token; it is shown once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -f -a "ls" -d 'List tokens (never their secrets)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -f -a "list" -d 'List tokens (never their secrets)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -f -a "revoke" -d 'Revoke a token at once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and not __fish_seen_subcommand_from create ls list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l name -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l role -d 'viewer, operator or admin' -r -f -a "viewer\t''
operator\t''
admin\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l expires -d 'Expire after this long (e.g. 30d)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a token; it is shown once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List tokens (never their secrets)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Revoke a token at once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -f -a "reload" -d 'Re-read the daemon\'s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and not __fish_seen_subcommand_from reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from reload" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Re-read the daemon\'s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l role -d 'A lower role for the browser than this context\'s (viewer, operator)' -r -f -a "viewer\t''
operator\t''
admin\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l session -d 'How long the browser stays signed in (default 12h, at most 7d)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l no-open -d 'Only print the link; do not start a browser'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand ui" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "get" -d 'A service\'s running config, secrets redacted (YAML by default)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "diff" -d 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "history" -d 'A service\'s config revisions'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "get-contexts" -d 'List the contexts of the client config'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "use-context" -d 'Make a context the default'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "current-context" -d 'Print the current context\'s name'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and not __fish_seen_subcommand_from get diff history get-contexts use-context current-context help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l rev -d 'A stored revision (default: the latest)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l refresh -d 'Ask the service now (system.config) instead of the stored revision'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l rev -d 'Compare the latest with this revision (default: the previous one)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l against -d 'Compare with a desired config file (YAML or JSON)' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l service -d 'Compare with another service\'s config (two instances of a kind)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l refresh -d 'Ask the service(s) now before comparing'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from diff" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from get-contexts" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from use-context" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from current-context" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'A service\'s running config, secrets redacted (YAML by default)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "diff" -d 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "history" -d 'A service\'s config revisions'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get-contexts" -d 'List the contexts of the client config'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "use-context" -d 'Make a context the default'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "current-context" -d 'Print the current context\'s name'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l server -d 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon\'s socket)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l token -d 'API token (default: the context\'s)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l context -d 'A named server + token from the client config (~/.config/kryten/config.yaml)' -r
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l ca -d 'CA certificate (PEM) for an https:// server' -r -F
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -s o -l output -d 'Output format' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
jsonl\t''
name\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l color -d 'When to use color (off when stdout is not a terminal or NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l no-headers -d 'Omit table headers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -l no-color -d 'Never use color'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -s v -l verbose -d 'More detail on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -s q -l quiet -d 'No notices on stderr'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand completion" -s V -l version -d 'Print version'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "status" -d 'The daemon itself: version, bus connection, ingest rate, store size'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "services" -d 'Services of the fleet'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "events" -d 'Recorded bus events'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "logs" -d 'Service logs, one ordered stream across the fleet'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "health" -d 'One-line fleet health with Nagios exit codes, for CI gates and monitoring'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "wait" -d 'Block until services reach a condition (exit 0) or time out (exit 1)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "restart" -d 'Restart a service through its own command subject (or every service with --all)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "reload" -d 'Ask a service to reload its configuration'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "shutdown" -d 'Ask a service to shut down'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "ping" -d 'Ping a service (system.ping) and show the round-trip time'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "call" -d 'Send any command to a service and print its reply'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "discover" -d 'Ask every service to re-announce itself; show who answered'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "audit" -d 'The control audit trail'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "alerts" -d 'Alerts the daemon holds (pending, firing, resolved)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "silence" -d 'Silence alerts for a while (operator)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "token" -d 'API tokens (admin)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "admin" -d 'The daemon\'s own configuration (admin)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "ui" -d 'A single-use sign-in link for the web UI (opened in the browser on a desktop)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "config" -d 'Service configs (get, diff, history) and client contexts'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "completion" -d 'Print shell completions'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and not __fish_seen_subcommand_from status services events logs health wait restart reload shutdown ping call discover audit alerts silence token admin ui config completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "ls" -d 'One row per service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "get" -d 'One service'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "describe" -d 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from services" -f -a "forget" -d 'Remove a down or stopped service from the registry (operator; audited)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "ls" -d 'Recorded events, newest last'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from events" -f -a "tail" -d 'The last events, and with -f every new one as it arrives'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "ls" -d 'The control audit trail, oldest first'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "ls" -d 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "describe" -d 'One alert, current or past: its timeline, deliveries, silences, windows and receivers'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from alerts" -f -a "test" -d 'Send a test notification through a receiver now (operator)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from silence" -f -a "add" -d 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from silence" -f -a "ls" -d 'Silences in force or yet to start'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from silence" -f -a "expire" -d 'End a silence now'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a token; it is shown once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "ls" -d 'List tokens (never their secrets)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Revoke a token at once'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "reload" -d 'Re-read the daemon\'s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'A service\'s running config, secrets redacted (YAML by default)'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "diff" -d 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "history" -d 'A service\'s config revisions'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get-contexts" -d 'List the contexts of the client config'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "use-context" -d 'Make a context the default'
complete -c krytenctl -n "__fish_krytenctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "current-context" -d 'Print the current context\'s name'
