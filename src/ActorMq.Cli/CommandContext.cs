using System.CommandLine;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli;

/// <summary>What a command's action works with: its parsed values, the console, the printer and the client.</summary>
internal sealed class CommandContext : IDisposable
{
    private readonly CliSession _session;
    private ActorMqHttpClient? _client;

    public CommandContext(CliSession session, ParseResult parse, CancellationToken cancellationToken)
    {
        _session = session;
        Parse = parse;
        CancellationToken = cancellationToken;
        Out = new Printer(parse.GetValue(session.Globals.Format), session.Console.Out, session.StandardOutput);
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult Parse { get; }

    /// <summary>Cancelled by Ctrl+C.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Where results go.</summary>
    public Printer Out { get; }

    /// <summary>The console of this run.</summary>
    public CliConsole Console => _session.Console;

    /// <summary>The session (to run another command line: <c>json</c>).</summary>
    public CliSession Session => _session;

    /// <summary>The client of the server; made on first use, so values checked before it send nothing.</summary>
    public IActorMqClient Client => _client ??= new ActorMqHttpClient(_session.Globals.ServerOf(Parse, Console));

    /// <summary>The value of an option.</summary>
    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    /// <summary>The value of an argument.</summary>
    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>True when the option was given on the command line.</summary>
    public bool Given(Option option) => Parse.GetResult(option) is { Implicit: false };

    /// <inheritdoc />
    public void Dispose() => _client?.Dispose();
}
