
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'krytenctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'krytenctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'krytenctl' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The daemon itself: version, bus connection, ingest rate, store size')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Services of the fleet')
            [CompletionResult]::new('svc', 'svc', [CompletionResultType]::ParameterValue, 'Services of the fleet')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Recorded bus events')
            [CompletionResult]::new('ev', 'ev', [CompletionResultType]::ParameterValue, 'Recorded bus events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Service logs, one ordered stream across the fleet')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'One-line fleet health with Nagios exit codes, for CI gates and monitoring')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Block until services reach a condition (exit 0) or time out (exit 1)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a service through its own command subject (or every service with --all)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Ask a service to reload its configuration')
            [CompletionResult]::new('shutdown', 'shutdown', [CompletionResultType]::ParameterValue, 'Ask a service to shut down')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Ping a service (system.ping) and show the round-trip time')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Send any command to a service and print its reply')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Ask every service to re-announce itself; show who answered')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The control audit trail')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Alerts the daemon holds (pending, firing, resolved)')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Silence alerts for a while (operator)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens (admin)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'The daemon''s own configuration (admin)')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'A single-use sign-in link for the web UI (opened in the browser on a desktop)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Service configs (get, diff, history) and client contexts')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;status' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Remove a down or stopped service from the registry (operator; audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;svc' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Remove a down or stopped service from the registry (operator; audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;services;ls' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only services in these statuses (comma-separated)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only services in these statuses (comma-separated)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;svc;ls' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only services in these statuses (comma-separated)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;svc;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only services in these statuses (comma-separated)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Keep watching and print each change')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services;get' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;svc;get' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services;describe' {
            [CompletionResult]::new('--timeline', '--timeline', [CompletionResultType]::ParameterName, 'Status changes to show')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Recent events to show')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;svc;describe' {
            [CompletionResult]::new('--timeline', '--timeline', [CompletionResultType]::ParameterName, 'Status changes to show')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Recent events to show')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services;forget' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept in the audit trail)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;svc;forget' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (kept in the audit trail)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;services;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Remove a down or stopped service from the registry (operator; audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;services;help;ls' {
            break
        }
        'krytenctl;services;help;get' {
            break
        }
        'krytenctl;services;help;describe' {
            break
        }
        'krytenctl;services;help;forget' {
            break
        }
        'krytenctl;services;help;help' {
            break
        }
        'krytenctl;svc;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Remove a down or stopped service from the registry (operator; audited)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;svc;help;ls' {
            break
        }
        'krytenctl;svc;help;get' {
            break
        }
        'krytenctl;svc;help;describe' {
            break
        }
        'krytenctl;svc;help;forget' {
            break
        }
        'krytenctl;svc;help;help' {
            break
        }
        'krytenctl;events' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'The last events, and with -f every new one as it arrives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;ev' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'The last events, and with -f every new one as it arrives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;events;ls' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Instead: the oldest events after this sequence number (paging forward)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'The newest events below this sequence number (paging back)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;events;list' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Instead: the oldest events after this sequence number (paging forward)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'The newest events below this sequence number (paging back)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;ev;ls' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Instead: the oldest events after this sequence number (paging forward)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'The newest events below this sequence number (paging back)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;ev;list' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many of the newest matching events')
            [CompletionResult]::new('--after', '--after', [CompletionResultType]::ParameterName, 'Instead: the oldest events after this sequence number (paging forward)')
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'The newest events below this sequence number (paging back)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;events;tail' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many past events to show first (default 10; with --since, all since then)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many past events to show first (default 10; with --since, all since then)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following new events')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following new events')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;ev;tail' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject pattern (NATS wildcards * and >); repeatable')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only events of these services (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only these types: startup, heartbeat, shutdown, channel_event, log, status, ... (comma-separated)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Regular expression matched against subject and payload')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many past events to show first (default 10; with --since, all since then)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many past events to show first (default 10; with --since, all since then)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following new events')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following new events')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;events;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'The last events, and with -f every new one as it arrives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;events;help;ls' {
            break
        }
        'krytenctl;events;help;tail' {
            break
        }
        'krytenctl;events;help;help' {
            break
        }
        'krytenctl;ev;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'The last events, and with -f every new one as it arrives')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;ev;help;ls' {
            break
        }
        'krytenctl;ev;help;tail' {
            break
        }
        'krytenctl;ev;help;help' {
            break
        }
        'krytenctl;logs' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'How many past lines to show first (default 100; with --since, all since then)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'How many past lines to show first (default 100; with --since, all since then)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time: 90s, 1h30m, 2d, 1w (ago), RFC 3339, 2026-11-21, today, yesterday, @unix')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this time (same syntax)')
            [CompletionResult]::new('--level', '--level', [CompletionResultType]::ParameterName, 'This level or worse: debug, info, notice, warning, error, critical, alert, emerg, or 0-7')
            [CompletionResult]::new('-g', '-g', [CompletionResultType]::ParameterName, 'Only lines matching this regular expression (plain words use the full-text index)')
            [CompletionResult]::new('--grep', '--grep', [CompletionResultType]::ParameterName, 'Only lines matching this regular expression (plain words use the full-text index)')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Leave out lines matching this regular expression')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: text, or json / jsonl records (also -o json|jsonl)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every service''s logs')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep following; survives the service restarting and the daemon connection dropping')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep following; survives the service restarting and the daemon connection dropping')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Show each line''s time')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Show each line''s time')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix each line with its service (the default with several services)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;health' {
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Services that must exist and be up (comma-separated)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Statuses that are critical rather than a warning, e.g. degraded (comma-separated); `alerts`: firing alerts decide too (a critical one: CRITICAL, others: WARNING)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output style (also follows -o json)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;wait' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'The condition to wait for')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (exit 1)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;restart' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (recorded in the audit trail and sent to the service)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up waiting after this long (exit 1, naming the stage)')
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'With --all: seconds services wait before restarting (0-300)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Restart every service with the group-restart broadcast')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until back and healthy, showing each stage (the default on a terminal)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the request is acknowledged')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (--all)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (--all)')
            [CompletionResult]::new('--allow-shutdown-fallback', '--allow-shutdown-fallback', [CompletionResultType]::ParameterName, 'If the service does not know system.restart, send system.shutdown and rely on its supervisor (needed for operators; see docs/roles.md)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;reload' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'reason')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the reply')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;shutdown' {
            [CompletionResult]::new('--delay', '--delay', [CompletionResultType]::ParameterName, 'Seconds the service waits before stopping (0-300)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'reason')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;ping' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Number of pings, like ping(8)')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Number of pings, like ping(8)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Time between pings')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'Time between pings')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for each reply')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;call' {
            [CompletionResult]::new('--data', '--data', [CompletionResultType]::ParameterName, 'Extra request fields, a JSON object')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'reason')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'timeout')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;discover' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to listen for answers')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;audit' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'The control audit trail, oldest first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The control audit trail, oldest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;audit;ls' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (same syntax as everywhere: 1h, 2d, RFC 3339, ...)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only actions on this service')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only actions by this token name (or "local")')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'n')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'tail')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;audit;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this time (same syntax as everywhere: 1h, 2d, RFC 3339, ...)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Only actions on this service')
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only actions by this token name (or "local")')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'n')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'tail')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;audit;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'The control audit trail, oldest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;audit;help;ls' {
            break
        }
        'krytenctl;audit;help;help' {
            break
        }
        'krytenctl;alerts' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One alert, current or past: its timeline, deliveries, silences, windows and receivers')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test notification through a receiver now (operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;alerts;ls' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only alerts in this state (resolved: those resolved since --since)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back resolved alerts go (e.g. 2h, yesterday, RFC 3339; default 24h)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;alerts;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only alerts in this state (resolved: those resolved since --since)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'How far back resolved alerts go (e.g. 2h, yesterday, RFC 3339; default 24h)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;alerts;describe' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;alerts;test' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;alerts;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One alert, current or past: its timeline, deliveries, silences, windows and receivers')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test notification through a receiver now (operator)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;alerts;help;ls' {
            break
        }
        'krytenctl;alerts;help;describe' {
            break
        }
        'krytenctl;alerts;help;test' {
            break
        }
        'krytenctl;alerts;help;help' {
            break
        }
        'krytenctl;silence' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Silences in force or yet to start')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Silences in force or yet to start')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End a silence now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;silence;add' {
            [CompletionResult]::new('--for', '--for', [CompletionResultType]::ParameterName, 'How long (e.g. 2h, 30m)')
            [CompletionResult]::new('--start', '--start', [CompletionResultType]::ParameterName, 'When it starts (RFC 3339, a date, `tomorrow`…; default now): a one-off maintenance window')
            [CompletionResult]::new('--end', '--end', [CompletionResultType]::ParameterName, 'When it ends, instead of --for')
            [CompletionResult]::new('--comment', '--comment', [CompletionResultType]::ParameterName, 'Why (kept with the silence and in the audit trail)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;silence;ls' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;silence;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;silence;expire' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;silence;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Silences in force or yet to start')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End a silence now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;silence;help;add' {
            break
        }
        'krytenctl;silence;help;ls' {
            break
        }
        'krytenctl;silence;help;expire' {
            break
        }
        'krytenctl;silence;help;help' {
            break
        }
        'krytenctl;token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; it is shown once')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;token;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'viewer, operator or admin')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'Expire after this long (e.g. 30d)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;token;ls' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;token;list' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;token;revoke' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; it is shown once')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;token;help;create' {
            break
        }
        'krytenctl;token;help;ls' {
            break
        }
        'krytenctl;token;help;revoke' {
            break
        }
        'krytenctl;token;help;help' {
            break
        }
        'krytenctl;admin' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Re-read the daemon''s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;admin;reload' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;admin;help' {
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Re-read the daemon''s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;admin;help;reload' {
            break
        }
        'krytenctl;admin;help;help' {
            break
        }
        'krytenctl;ui' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'A lower role for the browser than this context''s (viewer, operator)')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'How long the browser stays signed in (default 12h, at most 7d)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-open', '--no-open', [CompletionResultType]::ParameterName, 'Only print the link; do not start a browser')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'A service''s running config, secrets redacted (YAML by default)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A service''s config revisions')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'List the contexts of the client config')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Make a context the default')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;config;get' {
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'A stored revision (default: the latest)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the service now (system.config) instead of the stored revision')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;diff' {
            [CompletionResult]::new('--rev', '--rev', [CompletionResultType]::ParameterName, 'Compare the latest with this revision (default: the previous one)')
            [CompletionResult]::new('--against', '--against', [CompletionResultType]::ParameterName, 'Compare with a desired config file (YAML or JSON)')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'Compare with another service''s config (two instances of a kind)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Ask the service(s) now before comparing')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;history' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;get-contexts' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;use-context' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;current-context' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;config;help' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'A service''s running config, secrets redacted (YAML by default)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A service''s config revisions')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'List the contexts of the client config')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Make a context the default')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;config;help;get' {
            break
        }
        'krytenctl;config;help;diff' {
            break
        }
        'krytenctl;config;help;history' {
            break
        }
        'krytenctl;config;help;get-contexts' {
            break
        }
        'krytenctl;config;help;use-context' {
            break
        }
        'krytenctl;config;help;current-context' {
            break
        }
        'krytenctl;config;help;help' {
            break
        }
        'krytenctl;completion' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (default: the context''s)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A named server + token from the client config (~/.config/kryten/config.yaml)')
            [CompletionResult]::new('--ca', '--ca', [CompletionResultType]::ParameterName, 'CA certificate (PEM) for an https:// server')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use color (off when stdout is not a terminal or NO_COLOR is set)')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Omit table headers')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use color')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No notices on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'krytenctl;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The daemon itself: version, bus connection, ingest rate, store size')
            [CompletionResult]::new('services', 'services', [CompletionResultType]::ParameterValue, 'Services of the fleet')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'Recorded bus events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Service logs, one ordered stream across the fleet')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'One-line fleet health with Nagios exit codes, for CI gates and monitoring')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Block until services reach a condition (exit 0) or time out (exit 1)')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart a service through its own command subject (or every service with --all)')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Ask a service to reload its configuration')
            [CompletionResult]::new('shutdown', 'shutdown', [CompletionResultType]::ParameterValue, 'Ask a service to shut down')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Ping a service (system.ping) and show the round-trip time')
            [CompletionResult]::new('call', 'call', [CompletionResultType]::ParameterValue, 'Send any command to a service and print its reply')
            [CompletionResult]::new('discover', 'discover', [CompletionResultType]::ParameterValue, 'Ask every service to re-announce itself; show who answered')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The control audit trail')
            [CompletionResult]::new('alerts', 'alerts', [CompletionResultType]::ParameterValue, 'Alerts the daemon holds (pending, firing, resolved)')
            [CompletionResult]::new('silence', 'silence', [CompletionResultType]::ParameterValue, 'Silence alerts for a while (operator)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens (admin)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'The daemon''s own configuration (admin)')
            [CompletionResult]::new('ui', 'ui', [CompletionResultType]::ParameterValue, 'A single-use sign-in link for the web UI (opened in the browser on a desktop)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Service configs (get, diff, history) and client contexts')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;help;status' {
            break
        }
        'krytenctl;help;services' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
            [CompletionResult]::new('forget', 'forget', [CompletionResultType]::ParameterValue, 'Remove a down or stopped service from the registry (operator; audited)')
            break
        }
        'krytenctl;help;services;ls' {
            break
        }
        'krytenctl;help;services;get' {
            break
        }
        'krytenctl;help;services;describe' {
            break
        }
        'krytenctl;help;services;forget' {
            break
        }
        'krytenctl;help;events' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Recorded events, newest last')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'The last events, and with -f every new one as it arrives')
            break
        }
        'krytenctl;help;events;ls' {
            break
        }
        'krytenctl;help;events;tail' {
            break
        }
        'krytenctl;help;logs' {
            break
        }
        'krytenctl;help;health' {
            break
        }
        'krytenctl;help;wait' {
            break
        }
        'krytenctl;help;restart' {
            break
        }
        'krytenctl;help;reload' {
            break
        }
        'krytenctl;help;shutdown' {
            break
        }
        'krytenctl;help;ping' {
            break
        }
        'krytenctl;help;call' {
            break
        }
        'krytenctl;help;discover' {
            break
        }
        'krytenctl;help;audit' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'The control audit trail, oldest first')
            break
        }
        'krytenctl;help;audit;ls' {
            break
        }
        'krytenctl;help;alerts' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Alerts pending or firing now (worst first), or resolved ones (--state resolved)')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One alert, current or past: its timeline, deliveries, silences, windows and receivers')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test notification through a receiver now (operator)')
            break
        }
        'krytenctl;help;alerts;ls' {
            break
        }
        'krytenctl;help;alerts;describe' {
            break
        }
        'krytenctl;help;alerts;test' {
            break
        }
        'krytenctl;help;silence' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Silence the alerts that match every matcher (name=value, name!=value, name=~regex)')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'Silences in force or yet to start')
            [CompletionResult]::new('expire', 'expire', [CompletionResultType]::ParameterValue, 'End a silence now')
            break
        }
        'krytenctl;help;silence;add' {
            break
        }
        'krytenctl;help;silence;ls' {
            break
        }
        'krytenctl;help;silence;expire' {
            break
        }
        'krytenctl;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token; it is shown once')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List tokens (never their secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token at once')
            break
        }
        'krytenctl;help;token;create' {
            break
        }
        'krytenctl;help;token;ls' {
            break
        }
        'krytenctl;help;token;revoke' {
            break
        }
        'krytenctl;help;admin' {
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Re-read the daemon''s configuration file and apply alert rules, routes, receivers and maintenance windows (admin; audited). Exit 1 if refused')
            break
        }
        'krytenctl;help;admin;reload' {
            break
        }
        'krytenctl;help;ui' {
            break
        }
        'krytenctl;help;config' {
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'A service''s running config, secrets redacted (YAML by default)')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'What changed: against the previous revision, --rev N, --against FILE or --service OTHER')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'A service''s config revisions')
            [CompletionResult]::new('get-contexts', 'get-contexts', [CompletionResultType]::ParameterValue, 'List the contexts of the client config')
            [CompletionResult]::new('use-context', 'use-context', [CompletionResultType]::ParameterValue, 'Make a context the default')
            [CompletionResult]::new('current-context', 'current-context', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            break
        }
        'krytenctl;help;config;get' {
            break
        }
        'krytenctl;help;config;diff' {
            break
        }
        'krytenctl;help;config;history' {
            break
        }
        'krytenctl;help;config;get-contexts' {
            break
        }
        'krytenctl;help;config;use-context' {
            break
        }
        'krytenctl;help;config;current-context' {
            break
        }
        'krytenctl;help;completion' {
            break
        }
        'krytenctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
