
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
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;status' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;svc' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'krytenctl;services;ls' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only services in these statuses (comma-separated)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
        'krytenctl;services;help;help' {
            break
        }
        'krytenctl;svc;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'One row per service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One service')
            [CompletionResult]::new('describe', 'describe', [CompletionResultType]::ParameterValue, 'One service in full: endpoints, timeline, recent events, uptime/MTBF/MTTR')
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
        'krytenctl;svc;help;help' {
            break
        }
        'krytenctl;events' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Statuses that are critical rather than a warning, e.g. degraded (comma-separated)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output style (also follows -o json)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
        'krytenctl;completion' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Daemon address: unix:///path, /path/to.sock, host:port or http://host:port (default: the local daemon''s socket)')
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
